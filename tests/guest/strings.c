/* strings — the string.h routines at every alignment and length up to 300,
 * checked against byte-by-byte references (through volatile pointers so the
 * compiler cannot turn them back into library calls), plus printf/strto*
 * round trips. glibc picks assembly versions of these per architecture and
 * per CPU, which is what makes them worth testing under translation. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include "common.h"

#define MAXLEN 300
#define PAD 64
#define BUF (MAXLEN + 2 * PAD + 32)

static unsigned char src_buf[BUF], dst_buf[BUF], ref_buf[BUF];

static unsigned char pattern(size_t i, unsigned seed) { return (unsigned char)(i * 131u + seed * 7u + 1u); }

static void fill(unsigned char *b, unsigned seed)
{
    for (size_t i = 0; i < BUF; i++) b[i] = pattern(i, seed);
}

static int same(const unsigned char *a, const unsigned char *b, size_t n)
{
    const volatile unsigned char *x = a, *y = b;
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i]) return 0;
    return 1;
}

static void ref_copy(unsigned char *d, const unsigned char *s, size_t n)
{
    volatile unsigned char *vd = d;
    if (d < s)
        for (size_t i = 0; i < n; i++) vd[i] = s[i];
    else
        for (size_t i = n; i-- > 0;) vd[i] = s[i];
}

static int fails_memcpy, fails_memmove, fails_memset, fails_memcmp, fails_strlen, fails_strchr,
    fails_strcmp, fails_memchr, fails_strcpy;

static void test_memcpy(void)
{
    for (size_t da = 0; da < 16; da++)
        for (size_t sa = 0; sa < 16; sa++)
            for (size_t n = 0; n <= MAXLEN; n += (n < 80 ? 1 : 7)) {
                fill(src_buf, 1);
                fill(dst_buf, 2);
                fill(ref_buf, 2);
                memcpy(dst_buf + PAD + da, src_buf + PAD + sa, n);
                ref_copy(ref_buf + PAD + da, src_buf + PAD + sa, n);
                if (!same(dst_buf, ref_buf, BUF)) fails_memcpy++;
            }
}

static void test_memmove(void)
{
    /* overlapping both ways within one buffer */
    for (size_t a = 0; a < 16; a++)
        for (int shift = -33; shift <= 33; shift += (shift > -3 && shift < 3) ? 1 : 5)
            for (size_t n = 0; n <= MAXLEN; n += (n < 40 ? 1 : 13)) {
                fill(dst_buf, 3);
                fill(ref_buf, 3);
                size_t s = PAD + a, d = (size_t)((long)s + shift);
                memmove(dst_buf + d, dst_buf + s, n);
                ref_copy(ref_buf + d, ref_buf + s, n);
                if (!same(dst_buf, ref_buf, BUF)) fails_memmove++;
            }
}

static void test_memset(void)
{
    static const int vals[] = { 0, 0xff, 0x5a, 0x180 /* only the low byte counts */ };
    for (size_t a = 0; a < 16; a++)
        for (size_t n = 0; n <= MAXLEN; n++)
            for (unsigned v = 0; v < 4; v++) {
                fill(dst_buf, 4);
                memset(dst_buf + PAD + a, vals[v], n);
                const volatile unsigned char *p = dst_buf;
                for (size_t i = 0; i < BUF; i++) {
                    unsigned char want = (i >= PAD + a && i < PAD + a + n) ? (unsigned char)vals[v]
                                                                           : pattern(i, 4);
                    if (p[i] != want) {
                        fails_memset++;
                        break;
                    }
                }
            }
}

static int sign(int x) { return (x > 0) - (x < 0); }

static void test_memcmp(void)
{
    for (size_t a1 = 0; a1 < 8; a1++)
        for (size_t a2 = 0; a2 < 8; a2++)
            for (size_t n = 0; n <= MAXLEN; n += (n < 70 ? 1 : 11)) {
                unsigned char *x = src_buf + PAD + a1, *y = dst_buf + PAD + a2;
                fill(src_buf, 5);
                for (size_t i = 0; i < n; i++) y[i] = x[i];
                if (memcmp(x, y, n) != 0) fails_memcmp++;
                if (n == 0) continue;
                /* differ at the last byte, the first byte and one in the middle,
                 * with bytes above 0x7f (memcmp compares unsigned) */
                size_t at[3] = { n - 1, 0, n / 2 };
                for (int k = 0; k < 3; k++) {
                    unsigned char old = y[at[k]];
                    y[at[k]] = (unsigned char)(x[at[k]] ^ 0x80);
                    int want = x[at[k]] < y[at[k]] ? -1 : 1;
                    if (sign(memcmp(x, y, n)) != want) fails_memcmp++;
                    if (sign(memcmp(y, x, n)) != -want) fails_memcmp++;
                    if (memcmp(x, y, at[k]) != 0) fails_memcmp++;
                    y[at[k]] = old;
                }
            }
}

static void test_str(void)
{
    char s[BUF], t[BUF];
    for (size_t a = 0; a < 16; a++)
        for (size_t n = 0; n <= MAXLEN; n++) {
            char *p = s + PAD + a;
            memset(s, 'x', sizeof s);
            for (size_t i = 0; i < n; i++) p[i] = (char)('a' + (i * 7 + a) % 26);
            p[n] = 0;
            if (strlen(p) != n) fails_strlen++;
            if (strnlen(p, n / 2) != n / 2) fails_strlen++;
            /* strchr / strrchr / memchr for a byte that occurs once at the end */
            if (n > 0) {
                char save = p[n - 1];
                p[n - 1] = '#';
                if (strchr(p, '#') != p + n - 1) fails_strchr++;
                if (strrchr(p, '#') != p + n - 1) fails_strchr++;
                if (memchr(p, '#', n) != p + n - 1) fails_memchr++;
                if (memchr(p, '#', n - 1) != NULL) fails_memchr++;
                p[n - 1] = save;
            }
            if (strchr(p, '#') != NULL) fails_strchr++;
            if (strchr(p, 0) != p + n) fails_strchr++;
            /* strcpy to another alignment, then compare */
            char *q = t + PAD + (a * 5) % 16;
            memset(t, 'y', sizeof t);
            strcpy(q, p);
            if (q[n] != 0 || q[n + 1] != 'y' || q[-1] != 'y') fails_strcpy++;
            if (strcmp(p, q) != 0 || strncmp(p, q, n + 5) != 0) fails_strcmp++;
            if (n > 0) {
                q[n - 1]++;
                if (strcmp(p, q) >= 0 || strcmp(q, p) <= 0 || strncmp(p, q, n - 1) != 0)
                    fails_strcmp++;
            }
        }
}

static void test_format(void)
{
    char buf[256];
    uint64_t h = FNV_INIT;
    rng_seed(5);
    for (int i = 0; i < 3000; i++) {
        long long v = (long long)rng64() >> rng_below(64);
        int len = snprintf(buf, sizeof buf, "%lld|%llx|%+08lld|%-12lld|%llo", v,
                           (unsigned long long)v, v % 100000, v % 1000, (unsigned long long)v);
        h = fnv_bytes(h, buf, (size_t)len);
        char *end;
        errno = 0;
        long long back = strtoll(buf, &end, 10);
        if (back != v || *end != '|' || errno) printf("strtoll mismatch at %d\n", i);
        unsigned long long ub = strtoull(end + 1, &end, 16);
        if (ub != (unsigned long long)v) printf("strtoull mismatch at %d\n", i);
        double d = bitsd(rng64());
        if (isnan(d)) continue;
        len = snprintf(buf, sizeof buf, "%.17g", d);
        h = fnv_bytes(h, buf, (size_t)len);
        double dback = strtod(buf, NULL);
        if (dbits(dback) != dbits(d)) printf("strtod round trip failed at %d\n", i);
    }
    printf("format hash %016" PRIx64 "\n", h);
    static const char *nums[] = { "0x1p-1074", "1e-400", "-0", "  +123.456e+2xyz", "1e309",
                                  "0.1", "4.9406564584124654e-324", "inf", "-nan", "12abc" };
    for (unsigned i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        char *end;
        errno = 0;
        double d = strtod(nums[i], &end);
        printf("strtod(\"%s\") = %a%s rest \"%s\" erange %d\n", nums[i], isnan(d) ? 0.0 : d,
               isnan(d) ? " (nan)" : "", end, errno == ERANGE);
    }
    errno = 0;
    long l = strtol("99999999999999999999", NULL, 10);
    printf("strtol overflow: %ld erange %d\n", l, errno == ERANGE);
    printf("strtol bases: %ld %ld %ld %ld\n", strtol("0x1f", NULL, 0), strtol("017", NULL, 0),
           strtol("z", NULL, 36), strtol("-101", NULL, 2));
    printf("atoi %d atol %ld\n", atoi("  -42x"), atol("2147483648"));
    snprintf(buf, sizeof buf, "%5s|%-5s|%.2s|%c|%%|%5.1f|%-+6d|%#x|%#o", "ab", "cd", "efgh", 'Z',
             3.14159, 7, 255, 8);
    printf("%s\n", buf);
    const char *volatile long_str = "hello world";
    int full = snprintf(buf, 6, "%s", long_str);
    printf("snprintf truncation: %d \"%s\"\n", full, buf);
    const char *hay = "the quick brown fox jumps over the lazy dog";
    printf("strstr %td strspn %zu strcspn %zu strpbrk %td\n", strstr(hay, "lazy") - hay,
           strspn(hay, "the "), strcspn(hay, "xyz"), strpbrk(hay, "qz") - hay);
    char tok[] = "a,b;;c,,d";
    printf("strtok:");
    for (char *p = strtok(tok, ",;"); p; p = strtok(NULL, ",;")) printf(" [%s]", p);
    printf("\n");
}

int main(void)
{
    test_memcpy();
    test_memmove();
    test_memset();
    test_memcmp();
    test_str();
    printf("failures: memcpy %d memmove %d memset %d memcmp %d strlen %d strchr %d memchr %d "
           "strcpy %d strcmp %d\n",
           fails_memcpy, fails_memmove, fails_memset, fails_memcmp, fails_strlen, fails_strchr,
           fails_memchr, fails_strcpy, fails_strcmp);
    test_format();
    return 0;
}
