/* intarith — integer arithmetic: 64- and 32-bit add/sub/mul/div/rem, the high
 * half of products, 128-bit multiply/divide, shifts, wrapping, comparisons, and
 * the RISC-V division edge cases (x/0, MIN/-1) through rv_div & co. */
#include <limits.h>
#include "common.h"

static const int64_t edge[] = {
    0, 1, -1, 2, -2, 3, 7, -7, 10, 127, -128, 255, 32767, -32768, 65535,
    INT32_MAX, INT32_MIN, (int64_t)UINT32_MAX, (int64_t)UINT32_MAX + 1,
    INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1, 0x123456789abcdefll,
    -0x123456789abcdefll, 1000000007, -1000000007,
};
#define NEDGE ((int)(sizeof edge / sizeof edge[0]))

static int64_t pick(int i)
{
    if (i < NEDGE) return edge[i];
    uint64_t r = rng64();
    switch (r & 3) {
    case 0: return (int64_t)rng64();
    case 1: return (int64_t)(int32_t)rng64();
    case 2: return (int64_t)(rng64() >> (r >> 58));   /* assorted magnitudes */
    default: return (int64_t)((uint64_t)edge[rng_below(NEDGE)] + rng64() % 5 - 2);
    }
}

static void hex128(const char *label, unsigned __int128 v)
{
    printf("%s %016" PRIx64 "%016" PRIx64 "\n", label, (uint64_t)(v >> 64), (uint64_t)v);
}

int main(void)
{
    enum { ADD, SUB, MUL, MULH, MULHU, MULHSU, DIV, DIVU, REM, REMU, ADDW, MULW, DIVW,
           DIVUW, REMW, REMUW, SLL, SRL, SRA, SLLW, SRLW, SRAW, CMP, MINMAX, NOPS };
    static const char *names[NOPS] = {
        "add", "sub", "mul", "mulh", "mulhu", "mulhsu", "div", "divu", "rem", "remu",
        "add32", "mul32", "div32", "divu32", "rem32", "remu32", "shl", "shr", "sar",
        "shl32", "shr32", "sar32", "compare", "min/max",
    };
    uint64_t h[NOPS];
    for (int k = 0; k < NOPS; k++) h[k] = FNV_INIT;

    rng_seed(42);
    int n = NEDGE * NEDGE + 6000;
    for (int i = 0; i < n; i++) {
        int64_t a, b;
        if (i < NEDGE * NEDGE) {
            a = edge[i / NEDGE];
            b = edge[i % NEDGE];
        } else {
            a = pick(NEDGE + i);
            b = pick(NEDGE + i);
        }
        uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
        int32_t a32 = (int32_t)a, b32 = (int32_t)b;
        uint32_t ua32 = (uint32_t)a, ub32 = (uint32_t)b;
        h[ADD] = fnv_u64(h[ADD], ua + ub);
        h[SUB] = fnv_u64(h[SUB], ua - ub);
        h[MUL] = fnv_u64(h[MUL], ua * ub);
        h[MULH] = fnv_u64(h[MULH], (uint64_t)(((__int128)a * b) >> 64));
        h[MULHU] = fnv_u64(h[MULHU], (uint64_t)(((unsigned __int128)ua * ub) >> 64));
        h[MULHSU] = fnv_u64(h[MULHSU], (uint64_t)(((__int128)a * (__int128)(unsigned __int128)ub) >> 64));
        /* C-defined divisions */
        if (b != 0 && !(a == INT64_MIN && b == -1)) {
            h[DIV] = fnv_u64(h[DIV], (uint64_t)(a / b));
            h[REM] = fnv_u64(h[REM], (uint64_t)(a % b));
        }
        if (ub != 0) {
            h[DIVU] = fnv_u64(h[DIVU], ua / ub);
            h[REMU] = fnv_u64(h[REMU], ua % ub);
        }
        /* all inputs, RISC-V semantics */
        h[DIV] = fnv_u64(h[DIV], (uint64_t)rv_div(a, b));
        h[REM] = fnv_u64(h[REM], (uint64_t)rv_rem(a, b));
        h[DIVU] = fnv_u64(h[DIVU], (uint64_t)rv_divu(a, b));
        h[REMU] = fnv_u64(h[REMU], (uint64_t)rv_remu(a, b));
        h[DIVW] = fnv_u64(h[DIVW], (uint64_t)rv_divw(a, b));
        h[DIVUW] = fnv_u64(h[DIVUW], (uint64_t)rv_divuw(a, b));
        h[REMW] = fnv_u64(h[REMW], (uint64_t)rv_remw(a, b));
        h[REMUW] = fnv_u64(h[REMUW], (uint64_t)rv_remuw(a, b));
        if (b32 != 0 && !(a32 == INT32_MIN && b32 == -1)) {
            h[DIVW] = fnv_u64(h[DIVW], (uint64_t)(int64_t)(a32 / b32));
            h[REMW] = fnv_u64(h[REMW], (uint64_t)(int64_t)(a32 % b32));
        }
        if (ub32 != 0) {
            h[DIVUW] = fnv_u64(h[DIVUW], ua32 / ub32);
            h[REMUW] = fnv_u64(h[REMUW], ua32 % ub32);
        }
        h[ADDW] = fnv_u64(h[ADDW], (uint64_t)(int64_t)(int32_t)(ua32 + ub32) ^ (uint64_t)(ua32 - ub32));
        h[MULW] = fnv_u64(h[MULW], (uint64_t)(int64_t)(int32_t)(ua32 * ub32) ^
                                       (uint64_t)((int64_t)a32 * b32));
        unsigned s = (unsigned)ub & 63, s32 = (unsigned)ub & 31;
        h[SLL] = fnv_u64(h[SLL], ua << s);
        h[SRL] = fnv_u64(h[SRL], ua >> s);
        h[SRA] = fnv_u64(h[SRA], (uint64_t)(a >> s));   /* gcc: arithmetic shift */
        h[SLLW] = fnv_u64(h[SLLW], (uint64_t)(int64_t)(int32_t)(ua32 << s32));
        h[SRLW] = fnv_u64(h[SRLW], (uint64_t)(int64_t)(int32_t)(ua32 >> s32));
        h[SRAW] = fnv_u64(h[SRAW], (uint64_t)(int64_t)(a32 >> s32));
        h[CMP] = fnv_u64(h[CMP], (uint64_t)((a < b) | (ua < ub) << 1 | (a == b) << 2 |
                                            (a32 < b32) << 3 | (ua32 < ub32) << 4 |
                                            (a >= b) << 5 | (ua > ub) << 6 | (a < 0) << 7));
        h[MINMAX] = fnv_u64(h[MINMAX], (uint64_t)(a < b ? a : b) ^ ((ua > ub ? ua : ub) << 1));
    }
    for (int k = 0; k < NOPS; k++)
        printf("%-8s %016" PRIx64 "\n", names[k], h[k]);

    /* wrapping, spelled out */
    volatile uint64_t umax = UINT64_MAX;
    volatile uint32_t umax32 = UINT32_MAX;
    volatile int64_t smax = INT64_MAX;
    printf("wrap: %" PRIu64 " %" PRIu32 " %" PRId64 "\n", umax + 1, umax32 + 1u,
           (int64_t)((uint64_t)smax + 1));
    printf("neg(INT64_MIN) wraps: %" PRId64 "\n", (int64_t)(0 - (uint64_t)INT64_MIN));

    /* RISC-V division edge cases */
    static const struct { int64_t a, b; } dv[] = {
        { 7, 0 }, { -7, 0 }, { 0, 0 }, { INT64_MIN, -1 }, { INT64_MIN, 0 },
        { INT32_MIN, -1 }, { (int64_t)0xffffffff80000000ll, -1 }, { 0x100000007ll, 0x100000000ll },
        { -7, 2 }, { 7, -2 }, { -7, -2 }, { 0xffffffffll, 0 }, { 5, 0xffffffffll },
    };
    for (unsigned i = 0; i < sizeof dv / sizeof dv[0]; i++) {
        int64_t a = dv[i].a, b = dv[i].b;
        printf("rv a=%" PRId64 " b=%" PRId64 ": div %" PRId64 " rem %" PRId64 " divu %" PRIx64
               " remu %" PRIx64 " divw %" PRId64 " remw %" PRId64 " divuw %" PRIx64
               " remuw %" PRIx64 "\n",
               a, b, rv_div(a, b), rv_rem(a, b), (uint64_t)rv_divu(a, b), (uint64_t)rv_remu(a, b),
               rv_divw(a, b), rv_remw(a, b), (uint64_t)rv_divuw(a, b), (uint64_t)rv_remuw(a, b));
    }

    /* C-defined division rounding (toward zero) */
    volatile int64_t m7 = -7, p2 = 2;
    printf("-7/2=%" PRId64 " -7%%2=%" PRId64 " 7/-2=%" PRId64 "\n", m7 / p2, m7 % p2, -m7 / -p2);

    /* 128-bit */
    rng_seed(7);
    unsigned __int128 acc = 0;
    uint64_t h128 = FNV_INIT;
    for (int i = 0; i < 400; i++) {
        unsigned __int128 x = (unsigned __int128)rng64() << 64 | rng64();
        unsigned __int128 y = (unsigned __int128)(rng64() >> rng_below(64)) << (i % 3 == 0 ? 64 : 0) |
                              (rng64() >> rng_below(64));
        if (y == 0) y = 3;
        __int128 sx = (__int128)x, sy = (__int128)y * ((i & 1) ? -1 : 1);
        unsigned __int128 r[6] = { x * y, x / y, x % y, (unsigned __int128)(sx / sy),
                                   (unsigned __int128)(sx % sy), x >> (i % 128) };
        for (int k = 0; k < 6; k++)
            h128 = fnv_u64(fnv_u64(h128, (uint64_t)(r[k] >> 64)), (uint64_t)r[k]);
        acc += r[0] ^ r[1];
    }
    printf("int128 hash %016" PRIx64 "\n", h128);
    hex128("int128 acc", acc);
    unsigned __int128 big = (unsigned __int128)UINT64_MAX * UINT64_MAX;
    hex128("u64max^2  ", big);
    hex128("   / 1e19 ", big / 10000000000000000000ull);
    hex128("   % 1e19 ", big % 10000000000000000000ull);
    __int128 neg = -(__int128)(big >> 1);
    hex128("neg / 12345", (unsigned __int128)(neg / 12345));
    hex128("neg % 12345", (unsigned __int128)(neg % 12345));
    /* print 2^127-1 in decimal by repeated division */
    unsigned __int128 v = ~(unsigned __int128)0 >> 1;
    char buf[64];
    int pos = 63;
    buf[pos] = 0;
    do {
        buf[--pos] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v);
    printf("2^127-1 = %s\n", buf + pos);
    return 0;
}
