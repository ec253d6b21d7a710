/* realprog — a mix of small "real program" workloads: SHA-256, a bytecode
 * interpreter, a recursive-descent expression evaluator, an open-addressing
 * hash table counting words, big-number factorial, and a small ASCII
 * Mandelbrot. Each prints a result that any mistake would change. */
#include <stdlib.h>
#include "common.h"

/* ---------------- SHA-256 (FIPS 180-4) ---------------- */
static const uint32_t K256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t ror(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void sha256_block(uint32_t h[8], const unsigned char *p)
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = k + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K256[i] + w[i];
        uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        k = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

static void sha256(const void *data, size_t n, char out[65])
{
    uint32_t h[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    const unsigned char *p = data;
    size_t i = 0;
    for (; i + 64 <= n; i += 64) sha256_block(h, p + i);
    unsigned char tail[128] = { 0 };
    size_t rest = n - i;
    memcpy(tail, p + i, rest);
    tail[rest] = 0x80;
    size_t tl = rest + 9 <= 64 ? 64 : 128;
    uint64_t bits = (uint64_t)n * 8;
    for (int k = 0; k < 8; k++) tail[tl - 1 - k] = (unsigned char)(bits >> (8 * k));
    sha256_block(h, tail);
    if (tl == 128) sha256_block(h, tail + 64);
    for (int k = 0; k < 8; k++) snprintf(out + 8 * k, 9, "%08x", h[k]);
}

/* ---------------- bytecode interpreter ---------------- */
enum { OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_MOD, OP_LT, OP_JZ, OP_JMP, OP_PRINT, OP_HALT };

/* runs a program; returns a signature of everything it printed */
static uint64_t run_vm(const int64_t *code, int *count)
{
    int64_t stack[64], vars[8] = { 0 };
    int sp = 0, pc = 0;
    uint64_t printed = 0;
    for (;;) {
        int64_t op = code[pc++];
        switch (op) {
        case OP_PUSH: stack[sp++] = code[pc++]; break;
        case OP_LOAD: stack[sp++] = vars[code[pc++]]; break;
        case OP_STORE: vars[code[pc++]] = stack[--sp]; break;
        case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case OP_MOD: sp--; stack[sp - 1] %= stack[sp]; break;
        case OP_LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case OP_JZ: { int64_t t = code[pc++]; if (!stack[--sp]) pc = (int)t; break; }
        case OP_JMP: pc = (int)code[pc]; break;
        case OP_PRINT:
            printed = printed * 31 + (uint64_t)stack[--sp];
            ++*count;
            if (stack[sp] > 2950) printf(" %lld", (long long)stack[sp]);
            break;
        default: return printed;
        }
    }
}

/* primes below 3000 by trial division (the interpreter shows those above 2950) */
static const int64_t prime_prog[] = {
    /*  0 */ OP_PUSH, 2, OP_STORE, 0,                        /* n = 2 */
    /*  4 */ OP_LOAD, 0, OP_PUSH, 3000, OP_LT, OP_JZ, 44,     /* while n < 3000 */
    /* 11 */ OP_PUSH, 2, OP_STORE, 1,                        /* d = 2 */
    /* 15 */ OP_LOAD, 1, OP_LOAD, 1, OP_MUL, OP_LOAD, 0, OP_PUSH, 1, OP_ADD, OP_LT, OP_JZ, 45, /* while d*d < n+1 */
    /* 28 */ OP_LOAD, 0, OP_LOAD, 1, OP_MOD, OP_JZ, 48,      /* if n % d == 0: not prime */
    /* 35 */ OP_LOAD, 1, OP_PUSH, 1, OP_ADD, OP_STORE, 1, OP_JMP, 15,
    /* 44 */ OP_HALT,
    /* 45 */ OP_LOAD, 0, OP_PRINT,                           /* prime */
    /* 48 */ OP_LOAD, 0, OP_PUSH, 1, OP_ADD, OP_STORE, 0,
    /* 55 */ OP_JMP, 4,
};

/* ---------------- recursive-descent expression evaluator ---------------- */
struct parser {
    const char *s;
    int err;
    int64_t vars[26];
};

static void skip(struct parser *p) { while (*p->s == ' ') p->s++; }
static int64_t expr(struct parser *p);

static int64_t primary(struct parser *p)
{
    skip(p);
    if (*p->s == '(') {
        p->s++;
        int64_t v = expr(p);
        skip(p);
        if (*p->s == ')') p->s++;
        else p->err = 1;
        return v;
    }
    if (*p->s == '-') { p->s++; return -primary(p); }
    if (*p->s >= 'a' && *p->s <= 'z') return p->vars[*p->s++ - 'a'];
    if (*p->s < '0' || *p->s > '9') { p->err = 1; return 0; }
    int64_t v = 0;
    while (*p->s >= '0' && *p->s <= '9') v = v * 10 + (*p->s++ - '0');
    return v;
}

static int64_t power(struct parser *p)
{
    int64_t b = primary(p);
    skip(p);
    if (*p->s == '^') {
        p->s++;
        int64_t e = power(p), r = 1;   /* right associative */
        while (e-- > 0) r *= b;
        return r;
    }
    return b;
}

static int64_t term(struct parser *p)
{
    int64_t v = power(p);
    for (;;) {
        skip(p);
        char c = *p->s;
        if (c != '*' && c != '/' && c != '%') return v;
        p->s++;
        int64_t r = power(p);
        if (c == '*') v *= r;
        else if (r == 0) p->err = 1;
        else if (c == '/') v /= r;
        else v %= r;
    }
}

static int64_t expr(struct parser *p)
{
    int64_t v = term(p);
    for (;;) {
        skip(p);
        if (*p->s == '+') { p->s++; v += term(p); }
        else if (*p->s == '-') { p->s++; v -= term(p); }
        else return v;
    }
}

static void eval_line(struct parser *p, const char *line)
{
    p->s = line;
    p->err = 0;
    int target = -1;
    if (line[0] >= 'a' && line[0] <= 'z' && line[1] == ' ' && line[2] == '=') {
        target = line[0] - 'a';
        p->s = line + 3;
    }
    int64_t v = expr(p);
    skip(p);
    if (*p->s) p->err = 1;
    if (p->err) printf("  %-28s => error\n", line);
    else {
        if (target >= 0) p->vars[target] = v;
        printf("  %-28s => %lld\n", line, (long long)v);
    }
}

/* ---------------- hash table word count ---------------- */
struct slot { char word[16]; int count; };

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s) h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

static int cmp_slot(const void *a, const void *b)
{
    const struct slot *x = a, *y = b;
    if (x->count != y->count) return y->count - x->count;
    return strcmp(x->word, y->word);
}

static void word_count(void)
{
    static const char *syll[] = { "ka", "ro", "mi", "tu", "sen", "lo", "va", "qui" };
    enum { CAP = 4096 };
    static struct slot table[CAP];
    int distinct = 0, total = 0, probes = 0;
    rng_seed(4242);
    for (int i = 0; i < 30000; i++) {
        char w[16] = "";
        int ns = 1 + (int)(rng_below(3) * rng_below(3) / 2);
        for (int k = 0; k < ns; k++) strcat(w, syll[rng_below(4) + (k ? rng_below(5) : 0)]);
        uint32_t h = hash_str(w) & (CAP - 1);
        while (table[h].count && strcmp(table[h].word, w)) { h = (h + 1) & (CAP - 1); probes++; }
        if (!table[h].count) { strcpy(table[h].word, w); distinct++; }
        table[h].count++;
        total++;
    }
    qsort(table, CAP, sizeof table[0], cmp_slot);
    printf("words: %d total, %d distinct, %d probes; top:", total, distinct, probes);
    for (int i = 0; i < 6; i++) printf(" %s=%d", table[i].word, table[i].count);
    printf("\n");
}

/* ---------------- big-number factorial ---------------- */
static void factorial(int n)
{
    enum { BASE = 1000000000, MAXD = 400 };
    uint32_t d[MAXD] = { 1 };
    int len = 1;
    for (int k = 2; k <= n; k++) {
        uint64_t carry = 0;
        for (int i = 0; i < len; i++) {
            uint64_t v = (uint64_t)d[i] * (uint64_t)k + carry;
            d[i] = (uint32_t)(v % BASE);
            carry = v / BASE;
        }
        while (carry) { d[len++] = (uint32_t)(carry % BASE); carry /= BASE; }
    }
    char buf[MAXD * 9 + 1];
    int pos = snprintf(buf, sizeof buf, "%u", d[len - 1]);
    for (int i = len - 2; i >= 0; i--) pos += snprintf(buf + pos, sizeof buf - (size_t)pos, "%09u", d[i]);
    int digit_sum = 0;
    for (int i = 0; i < pos; i++) digit_sum += buf[i] - '0';
    printf("%d! has %d digits, digit sum %d, starts %.20s, ends %s\n", n, pos, digit_sum, buf,
           buf + pos - 20);
}

/* ---------------- Mandelbrot ---------------- */
static void mandelbrot(void)
{
    static const char shade[] = " .:-=+*#%@";
    for (int y = 0; y < 12; y++) {
        printf("  ");
        for (int x = 0; x < 48; x++) {
            double cr = -2.2 + x * 3.0 / 48, ci = -1.2 + y * 2.4 / 12, zr = 0, zi = 0;
            int it = 0;
            while (it < 60 && zr * zr + zi * zi < 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = t;
                it++;
            }
            putchar(shade[it * 9 / 60]);
        }
        putchar('\n');
    }
}

int main(void)
{
    char hex[65];
    sha256("", 0, hex);
    printf("sha256(\"\") = %s\n", hex);
    sha256("abc", 3, hex);
    printf("sha256(\"abc\") = %s\n", hex);
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    sha256(two, strlen(two), hex);
    printf("sha256(448 bits) = %s\n", hex);
    static unsigned char big[200000];
    rng_seed(1);
    for (size_t i = 0; i < sizeof big; i++) big[i] = (unsigned char)(rng64() >> 56);
    sha256(big, sizeof big, hex);
    printf("sha256(200000 random bytes) = %s\n", hex);

    printf("vm primes:");
    int nprimes = 0;
    uint64_t sig = run_vm(prime_prog, &nprimes);
    printf("; %d primes, signature %016" PRIx64 "\n", nprimes, sig);

    struct parser p = { 0 };
    printf("expressions:\n");
    static const char *lines[] = { "1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-7 / 2", "-7 % 3",
                                   "x = 6 * 7", "y = x * x - 1", "(x + y) / (y - x * x + 2)",
                                   "2 ^ 62 + (2 ^ 62 - 1)", "1 / 0", "(1 + 2", "3 $ 4" };
    for (unsigned i = 0; i < sizeof lines / sizeof lines[0]; i++) eval_line(&p, lines[i]);

    word_count();
    factorial(100);
    factorial(450);
    mandelbrot();
    return 0;
}
