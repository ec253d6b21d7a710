/* neon_strings.c — glibc's AdvSIMD string and memory functions (strlen,
 * strnlen, memchr, memrchr, rawmemchr, strchr, strchrnul, strrchr, memcmp,
 * strcmp, strcpy, memset, memcpy) over every alignment 0..15 and lengths
 * 0..200, with the match at every position and bytes 0x80/0xff around it.
 * Their loops are CMEQ/CMHS/UMAXP/UMINP/ADDP/BIT/DUP/SHRN/FMOV on 16-byte
 * blocks, so this is the integer SIMD the frontend inlines, in the shape
 * real programs use it. Prints one checksum line per function. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static unsigned char buf[512] __attribute__((aligned(64)));
static unsigned char buf2[512] __attribute__((aligned(64)));

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h;
}

static void fill(unsigned char *b, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        b[i] = (unsigned char)(0x80 | ((i * 7 + seed) & 0x7f)) | 1;  /* no zero, no 'A' */
}

int main(void)
{
    uint64_t h[16] = { 0 };
    for (unsigned al = 0; al < 16; al++) {
        for (unsigned len = 0; len <= 200; len++) {
            unsigned char *s = buf + al;
            fill(buf, sizeof(buf), len);
            s[len] = 0;
            h[0] = mix(h[0], strlen((char *)s));
            h[1] = mix(h[1], strnlen((char *)s, len / 2 + al));
            /* a match at len (or none when len is the end) */
            s[len] = 'A';
            s[len + 1] = 0;
            h[2] = mix(h[2], (uint64_t)((unsigned char *)memchr(s, 'A', len + 1) - s));
            h[3] = mix(h[3], memchr(s, 'A', len) == NULL);
            h[4] = mix(h[4], (uint64_t)((unsigned char *)rawmemchr(s, 'A') - s));
            h[5] = mix(h[5], (uint64_t)(strchr((char *)s, 'A') - (char *)s));
            h[6] = mix(h[6], (uint64_t)(strchrnul((char *)s, 'B') - (char *)s));
            /* the last match before the end: at len/3 (none for len 0) */
            s[len] = 0;
            if (len)
                s[len / 3] = 'A';
            char *r = strrchr((char *)s, 'A');
            h[7] = mix(h[7], r ? (uint64_t)(r - (char *)s) : ~0ull);
            void *mr = memrchr(s, 'A', len / 2 + 1);
            h[8] = mix(h[8], mr ? (uint64_t)((unsigned char *)mr - s) : ~0ull);
            s[len] = 'A';
            /* compares: equal, then differing at len/2 by a byte with the top bit */
            fill(buf2, sizeof(buf2), len);
            unsigned char *t = buf2 + ((al * 5) & 15);
            memcpy(t, s, len + 2);
            h[9] = mix(h[9], memcmp(s, t, len + 1) == 0);
            h[10] = mix(h[10], strcmp((char *)s, (char *)t) == 0);
            if (len) {
                t[len / 2] ^= 0x7f;
                h[9] = mix(h[9], (uint64_t)(memcmp(s, t, len + 1) > 0));
                h[10] = mix(h[10], (uint64_t)(strcmp((char *)s, (char *)t) > 0));
            }
            strcpy((char *)t, (char *)s);
            h[11] = mix(h[11], memcmp(s, t, len + 2));
            memset(t, (int)(len & 0xff), len);
            h[12] = mix(h[12], t[0] ^ t[len ? len - 1 : 0] ^ t[len]);
            for (unsigned i = 0; i < len + 2; i++)
                h[12] = mix(h[12], t[i]);
            memcpy(t + 1, s, len);
            h[13] = mix(h[13], memcmp(t + 1, s, len));
        }
    }
    static const char *names[] = { "strlen", "strnlen", "memchr", "memchr-none", "rawmemchr",
                                   "strchr", "strchrnul", "strrchr", "memrchr", "memcmp",
                                   "strcmp", "strcpy", "memset", "memcpy" };
    for (int i = 0; i < 14; i++)
        printf("%-12s %016llx\n", names[i], (unsigned long long)h[i]);
    return 0;
}
