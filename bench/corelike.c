/* corelike — a mixed "embedded CPU" workload in the spirit of classic
 * composite benchmarks (written from scratch): linked-list search, reversal
 * and merge sort; small integer matrix products; a number-validating state
 * machine; all checked with a CRC-16 of the results. */
#include <string.h>
#include "bench.h"

/* ---- CRC-16/CCITT, bitwise ---- */
static uint16_t crc16(uint16_t crc, uint32_t v, int bytes)
{
    for (int k = 0; k < bytes; k++) {
        crc ^= (uint16_t)((v >> (8 * k)) & 0xff) << 8;
        for (int b = 0; b < 8; b++) crc = (uint16_t)(crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1);
    }
    return crc;
}

/* ---- linked list ---- */
struct node { struct node *next; int32_t key; int16_t val; };

static struct node *list_reverse(struct node *h)
{
    struct node *prev = NULL;
    while (h) { struct node *n = h->next; h->next = prev; prev = h; h = n; }
    return prev;
}

static struct node *list_find(struct node *h, int32_t key)
{
    while (h && h->key != key) h = h->next;
    return h;
}

static struct node *list_sort(struct node *h, int by_val)
{
    /* bottom-up merge sort */
    if (!h) return h;
    for (int width = 1;; width *= 2) {
        struct node *p = h, *tail = NULL;
        int merges = 0;
        h = NULL;
        while (p) {
            merges++;
            struct node *q = p;
            int ps = 0;
            for (int i = 0; i < width && q; i++) { q = q->next; ps++; }
            int qs = width;
            while (ps > 0 || (qs > 0 && q)) {
                struct node *e;
                if (ps == 0) { e = q; q = q->next; qs--; }
                else if (qs == 0 || !q) { e = p; p = p->next; ps--; }
                else if ((by_val ? p->val <= q->val : p->key <= q->key)) { e = p; p = p->next; ps--; }
                else { e = q; q = q->next; qs--; }
                if (tail) tail->next = e; else h = e;
                tail = e;
            }
            p = q;
        }
        tail->next = NULL;
        if (merges <= 1) return h;
    }
}

static uint16_t bench_list(uint16_t crc, struct node *pool, int n, uint64_t *st)
{
    for (int i = 0; i < n; i++) {
        pool[i].next = i + 1 < n ? &pool[i + 1] : NULL;
        pool[i].key = (int32_t)(mix64(st) % 1000);
        pool[i].val = (int16_t)(mix64(st) & 0x7fff);
    }
    struct node *h = pool;
    for (int k = 0; k < 40; k++) {
        struct node *f = list_find(h, k * 25);
        crc = crc16(crc, f ? (uint32_t)f->val : 0xffffu, 2);
        h = list_reverse(h);
    }
    h = list_sort(h, 1);
    crc = crc16(crc, (uint32_t)h->val, 2);
    h = list_sort(h, 0);
    for (struct node *p = h; p; p = p->next->next ? p->next->next : NULL) {
        crc = crc16(crc, (uint32_t)p->key, 2);
        if (!p->next) break;
    }
    return crc;
}

/* ---- matrices ---- */
#define MD 24
static uint16_t bench_matrix(uint16_t crc, int16_t a[MD][MD], int16_t b[MD][MD], int32_t c[MD][MD], int seed)
{
    for (int i = 0; i < MD; i++)
        for (int j = 0; j < MD; j++) {
            a[i][j] = (int16_t)((i * 31 + j * 17 + seed) % 201 - 100);
            b[i][j] = (int16_t)((i * 13 - j * 7 + seed * 3) % 97);
        }
    for (int i = 0; i < MD; i++)
        for (int j = 0; j < MD; j++) {
            int32_t s = 0;
            for (int k = 0; k < MD; k++) s += a[i][k] * b[k][j];
            c[i][j] = s;
        }
    int32_t acc = 0;
    for (int i = 0; i < MD; i++)
        for (int j = 0; j < MD; j++) {
            int32_t v = c[i][j] + a[i][j] * 3;        /* add constant, scale */
            acc += (v > 1000) ? v >> 2 : (v < -1000 ? -((-v) >> 3) : v);
        }
    return crc16(crc, (uint32_t)acc, 4);
}

/* ---- state machine: classify comma-separated tokens ---- */
enum { S_START, S_INT, S_SIGN, S_DOT, S_FRAC, S_EXP, S_ESIGN, S_EINT, S_BAD, S_N };

static uint16_t bench_state(uint16_t crc, const char *s)
{
    uint32_t counts[S_N] = { 0 };
    int st = S_START;
    for (;; s++) {
        char c = *s;
        if (c == ',' || c == 0) {
            counts[st]++;
            st = S_START;
            if (!c) break;
            continue;
        }
        int digit = c >= '0' && c <= '9';
        switch (st) {
        case S_START: st = digit ? S_INT : (c == '+' || c == '-') ? S_SIGN : c == '.' ? S_DOT : S_BAD; break;
        case S_SIGN: st = digit ? S_INT : c == '.' ? S_DOT : S_BAD; break;
        case S_INT: st = digit ? S_INT : c == '.' ? S_FRAC : (c == 'e' || c == 'E') ? S_EXP : S_BAD; break;
        case S_DOT: st = digit ? S_FRAC : S_BAD; break;
        case S_FRAC: st = digit ? S_FRAC : (c == 'e' || c == 'E') ? S_EXP : S_BAD; break;
        case S_EXP: st = digit ? S_EINT : (c == '+' || c == '-') ? S_ESIGN : S_BAD; break;
        case S_ESIGN: st = digit ? S_EINT : S_BAD; break;
        case S_EINT: st = digit ? S_EINT : S_BAD; break;
        default: break;
        }
    }
    for (int i = 0; i < S_N; i++) crc = crc16(crc, counts[i], 4);
    return crc;
}

int main(int argc, char **argv)
{
    int scale = bench_scale(argc, argv);
    enum { NN = 600 };
    static struct node pool[NN];
    static int16_t a[MD][MD], b[MD][MD];
    static int32_t c[MD][MD];
    static const char *toks[] = { "123", "-4.5", "6e10", "+.5", "7.e", "x9", "1e+3", "--1", "0.0001", "." };
    char text[4096];
    uint64_t st = 11;
    size_t pos = 0;
    while (pos < sizeof text - 16) {
        const char *t = toks[mix64(&st) % 10];
        size_t l = strlen(t);
        memcpy(text + pos, t, l);
        pos += l;
        text[pos++] = ',';
    }
    text[pos - 1] = 0;

    uint16_t crc = 0;
    for (int it = 0; it < 4500 * scale; it++) {
        crc = bench_list(crc, pool, NN, &st);
        crc = bench_matrix(crc, a, b, c, it);
        text[(size_t)it % (pos - 1)] ^= 1;   /* perturb the input a little */
        crc = bench_state(crc, text);
    }
    bench_result("corelike", crc);
    return 0;
}
