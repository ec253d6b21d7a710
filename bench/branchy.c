/* branchy — unpredictable control flow: a switch-dispatched bytecode
 * interpreter running a Collatz search, a tokenizer state machine over random
 * text, and an insertion+quick sort of random keys. */
#include <string.h>
#include "bench.h"

enum { I_SET, I_ADDI, I_MOV, I_ANDI, I_JZ, I_JNZ, I_SHR, I_MUL3P1, I_INC, I_CMPLT, I_JMP, I_MAX, I_END };
struct insn { uint8_t op, a, b; int32_t imm; };

/* r0 = start, r1 = n, r2 = steps, r3 = best steps, r4 = best start, r5 = limit, r6 = tmp */
static const struct insn prog[] = {
    /* 0 */ { I_SET, 0, 0, 1 },
    /* 1 */ { I_MOV, 1, 0, 0 },             /* n = start */
    /* 2 */ { I_SET, 2, 0, 0 },             /* steps = 0 */
    /* 3 */ { I_CMPLT, 6, 1, 2 },           /* tmp = n < 2 */
    /* 4 */ { I_JNZ, 6, 0, 11 },
    /* 5 */ { I_ANDI, 6, 1, 1 },            /* tmp = n & 1 */
    /* 6 */ { I_JZ, 6, 0, 9 },
    /* 7 */ { I_MUL3P1, 1, 0, 0 },
    /* 8 */ { I_JMP, 0, 0, 10 },
    /* 9 */ { I_SHR, 1, 0, 1 },
    /* 10 */ { I_INC, 2, 0, 0 }, 
    /* 11 */ { I_MAX, 3, 2, 4 },            /* if steps > best: best = steps, bstart = start (when coming from 3/4) */
    /* 12 */ { I_END, 0, 0, 0 },
};

static uint64_t interp(uint32_t limit)
{
    int64_t r[8] = { 0 };
    r[5] = limit;
    uint64_t executed = 0;
    for (r[0] = 1; r[0] < r[5]; r[0]++) {
        int pc = 1;
        for (;;) {
            const struct insn *in = &prog[pc];
            executed++;
            switch (in->op) {
            case I_SET: r[in->a] = in->imm; pc++; break;
            case I_ADDI: r[in->a] = r[in->b] + in->imm; pc++; break;
            case I_MOV: r[in->a] = r[in->b]; pc++; break;
            case I_ANDI: r[in->a] = r[in->b] & in->imm; pc++; break;
            case I_JZ: pc = r[in->a] ? pc + 1 : in->imm; break;
            case I_JNZ: pc = r[in->a] ? in->imm : pc + 1; break;
            case I_SHR: r[in->a] >>= in->imm; pc++; break;
            case I_MUL3P1: r[in->a] = r[in->a] * 3 + 1; pc++; break;
            case I_INC: r[in->a]++; pc = 3; break;
            case I_CMPLT: r[in->a] = r[in->b] < in->imm; pc++; break;
            case I_JMP: pc = in->imm; break;
            case I_MAX:
                if (r[in->b] > r[in->a]) { r[in->a] = r[in->b]; r[in->imm] = r[0]; }
                pc++;
                break;
            default: goto done;
            }
        }
    done:;
    }
    return (uint64_t)r[3] << 40 ^ (uint64_t)r[4] << 20 ^ executed;
}

/* tokenizer: counts identifiers, numbers, operators, strings and comments */
static uint64_t tokenize(const char *s, size_t n)
{
    enum { START, IDENT, NUMBER, STRING, COMMENT } state = START;
    uint64_t counts[5] = { 0 }, h = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        switch (state) {
        case START:
            if ((c >= 'a' && c <= 'z') || c == '_') state = IDENT;
            else if (c >= '0' && c <= '9') state = NUMBER;
            else if (c == '"') state = STRING;
            else if (c == '#') state = COMMENT;
            else if (c != ' ' && c != '\n') { counts[4]++; h = h * 33 + (unsigned char)c; }
            break;
        case IDENT:
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) { counts[0]++; state = START; i--; }
            break;
        case NUMBER:
            if (c < '0' || c > '9') { counts[1]++; state = START; i--; }
            else h += (unsigned char)c;
            break;
        case STRING:
            if (c == '"') { counts[2]++; state = START; }
            break;
        case COMMENT:
            if (c == '\n') { counts[3]++; state = START; }
            break;
        }
    }
    return h ^ counts[0] << 48 ^ counts[1] << 32 ^ counts[2] << 16 ^ counts[3] << 8 ^ counts[4];
}

static void quicksort(uint32_t *a, long lo, long hi)
{
    while (hi - lo > 16) {
        uint32_t pivot = a[lo + (hi - lo) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) { uint32_t t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; }
        else { quicksort(a, i, hi); hi = j; }
    }
    for (long i = lo + 1; i <= hi; i++) {
        uint32_t v = a[i];
        long j = i - 1;
        while (j >= lo && a[j] > v) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
    }
}

int main(int argc, char **argv)
{
    int scale = bench_scale(argc, argv);
    uint64_t sum = interp(150000u * (uint32_t)scale);

    static const char *pieces[] = { "alpha", " ", "x1", "=", "42", ";", "\"str\"", "# note\n", "(",
                                    ")", "beta_2", "+", "7", "\n", "{", "}", "99", "*" };
    size_t n = 4u << 20;
    char *text = malloc(n + 16);
    uint64_t st = 5;
    size_t pos = 0;
    while (pos < n) {
        const char *p = pieces[mix64(&st) % 18];
        size_t l = strlen(p);
        memcpy(text + pos, p, l);
        pos += l;
    }
    text[n] = '\n';
    for (int rep = 0; rep < 10 * scale; rep++) sum = sum * 7 + tokenize(text, n);
    free(text);

    long m = 1200000L;
    uint32_t *keys = malloc((size_t)m * sizeof *keys);
    for (int rep = 0; rep < 2 * scale; rep++) {
        for (long i = 0; i < m; i++) keys[i] = (uint32_t)mix64(&st);
        quicksort(keys, 0, m - 1);
        for (long i = 0; i < m; i += 1001) sum = sum * 3 + keys[i];
    }
    free(keys);
    bench_result("branchy", sum);
    return 0;
}
