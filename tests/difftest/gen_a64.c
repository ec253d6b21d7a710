/* gen_a64.c — the aarch64 sequence generator of the differential tester:
 * initial states, operand choice, the class table, and the templates of the
 * integer data-processing and branch families. Memory, FP, SIMD and the
 * enumerations (-E) live in gen_a64_mem.c, gen_a64_fp.c, gen_a64_simd.c and
 * gen_a64_ex.c; the invariants every body keeps are listed in a64.h.
 *
 * As for riscv64, a sequence is a pure function of (seed, index, options):
 * items are dropped together by group when the driver minimises, labels are
 * never dropped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/difftest/a64.h"

/* ---- register names ---- */

static const char *const xnames[32] = {
    "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
    "x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29", "x30",
    "xzr",
};
static const char *const wnames[32] = {
    "w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9", "w10", "w11", "w12", "w13", "w14", "w15",
    "w16", "w17", "w18", "w19", "w20", "w21", "w22", "w23", "w24", "w25", "w26", "w27", "w28", "w29", "w30",
    "wzr",
};

const char *a64_x(int r) { return xnames[r & 31]; }
const char *a64_w(int r) { return wnames[r & 31]; }
const char *a64_xsp(int r) { return (r & 31) == 31 ? "sp" : xnames[r & 31]; }
const char *a64_wsp(int r) { return (r & 31) == 31 ? "wsp" : wnames[r & 31]; }
const char *a64_r(int r, bool sf) { return sf ? a64_x(r) : a64_w(r); }

/* ---- operand choice ---- */

int a64_rs(struct a64gen *g)
{
    if (chance(RNG(g), 4))
        return 31;
    return chance(RNG(g), 60) ? g->hot_x[below(RNG(g), 6)] : (int)below(RNG(g), 31);
}

int a64_rt(struct a64gen *g)
{
    for (;;) {
        int r = chance(RNG(g), 65) ? g->hot_x[below(RNG(g), 6)] : (int)below(RNG(g), 31);
        if (!(g->locked & (1u << r)))
            return r;
    }
}

int a64_rt_not(struct a64gen *g, uint32_t avoid)
{
    for (;;) {
        int r = a64_rt(g);
        if (!(avoid >> r & 1))
            return r;
        if (chance(RNG(g), 50)) {
            r = (int)below(RNG(g), 31);
            if (!(avoid >> r & 1) && !(g->locked >> r & 1))
                return r;
        }
    }
}

int a64_rd(struct a64gen *g)
{
    if (chance(RNG(g), 3))
        return 31;
    return a64_rt(g);
}

int a64_vr(struct a64gen *g)
{
    return chance(RNG(g), 55) ? g->hot_v[below(RNG(g), 6)] : (int)below(RNG(g), 32);
}

int a64_vr_not(struct a64gen *g, uint32_t avoid)
{
    for (;;) {
        int r = a64_vr(g);
        if (!(avoid >> r & 1))
            return r;
    }
}

static const char *const conds[16] = {
    "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv",
};

const char *a64_cond(struct a64gen *g, bool al_nv)
{
    return conds[below(RNG(g), al_nv ? 16 : 14)];
}

uint64_t a64_decode_bitmask(unsigned n, unsigned immr, unsigned imms, bool sf)
{
    unsigned v = (n << 6) | (~imms & 63);
    int len = -1;
    for (int i = 6; i >= 0; i--)
        if (v >> i & 1) {
            len = i;
            break;
        }
    if (len < 1 || (!sf && n))
        return 0;
    unsigned esize = 1u << len, levels = esize - 1;
    unsigned s = imms & levels, r = immr & levels;
    if (s == levels)
        return 0;
    uint64_t welem = (s + 1 == 64) ? ~0ull : ((1ull << (s + 1)) - 1);
    /* rotate right by r within esize */
    uint64_t emask = esize == 64 ? ~0ull : ((1ull << esize) - 1);
    uint64_t elem = r ? (((welem >> r) | (welem << (esize - r))) & emask) : welem;
    uint64_t out = 0;
    for (unsigned i = 0; i < 64; i += esize)
        out |= elem << i;
    return sf ? out : out & 0xffffffffull;
}

uint64_t a64_bitmask_imm(struct rng *r, bool sf)
{
    for (;;) {
        unsigned n = sf ? below(r, 2) : 0, immr = below(r, 64), imms = below(r, 64);
        uint64_t v = a64_decode_bitmask(n, immr, imms, sf);
        if (v)
            return v;
    }
}

/* ---- integer data processing ---- */

static const char *const shifts[] = { "lsl", "lsr", "asr" };
static const char *const exts[] = { "uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx" };

static int imm12(struct a64gen *g)
{
    static const int sp[] = { 0, 1, 4095, 4094, 2048, 255, 256, 0xfff, 16, 8 };
    return chance(RNG(g), 30) ? PICK(RNG(g), sp) : range(RNG(g), 0, 4095);
}

static void t_addsub(struct a64gen *g)
{
    bool sf = chance(RNG(g), 60), s = chance(RNG(g), 50);
    const char *op = chance(RNG(g), 50) ? (s ? "adds" : "add") : (s ? "subs" : "sub");
    /* a non-flag-setting add/sub names SP as 31: its destination never is */
    int d = s ? a64_rd(g) : a64_rt(g);
    const char *D = s ? a64_r(d, sf) : (sf ? a64_x(d) : a64_w(d));
    switch (below(RNG(g), 4)) {
    case 0: {   /* immediate; Rn may be SP */
        int n = a64_rs(g);
        EMIT(g, "%s %s, %s, #%d%s", op, D, sf ? a64_xsp(n) : a64_wsp(n), imm12(g),
             chance(RNG(g), 25) ? ", lsl #12" : "");
        break;
    }
    case 1: {   /* shifted register */
        int n = a64_rs(g), m = a64_rs(g);
        int amt = chance(RNG(g), 30) ? 0 : range(RNG(g), 0, sf ? 63 : 31);
        EMIT(g, "%s %s, %s, %s, %s #%d", op, D, a64_r(n, sf), a64_r(m, sf), PICK(RNG(g), shifts), amt);
        break;
    }
    case 2: {   /* extended register; Rn may be SP */
        int n = a64_rs(g), m = a64_rs(g);
        const char *ex = PICK(RNG(g), exts);
        bool xm = sf && (ex[3] == 'x');
        int amt = range(RNG(g), 0, 4);
        EMIT(g, "%s %s, %s, %s, %s #%d", op, D, sf ? a64_xsp(n) : a64_wsp(n), xm ? a64_x(m) : a64_w(m), ex,
             amt);
        break;
    }
    default: {  /* the aliases: cmp/cmn/neg/negs/mov to and from sp */
        int n = a64_rs(g), m = a64_rs(g);
        switch (below(RNG(g), 5)) {
        case 0: EMIT(g, "cmp %s, %s", a64_r(n, sf), a64_r(m, sf)); break;
        case 1: EMIT(g, "cmn %s, #%d", sf ? a64_xsp(n) : a64_wsp(n), imm12(g)); break;
        case 2: EMIT(g, "%s %s, %s", s ? "negs" : "neg", a64_r(a64_rd(g), sf), a64_r(m, sf)); break;
        case 3: EMIT(g, "mov %s, %s", sf ? a64_x(a64_rt(g)) : a64_w(a64_rt(g)), sf ? "sp" : "wsp"); break;
        default: EMIT(g, "cmp %s, %s, sxtw", a64_xsp(n), a64_w(m)); break;
        }
        break;
    }
    }
}

static void t_adc(struct a64gen *g)
{
    static const char *const ops[] = { "adc", "adcs", "sbc", "sbcs", "ngc", "ngcs" };
    bool sf = chance(RNG(g), 50);
    const char *op = PICK(RNG(g), ops);
    if (op[0] == 'n')
        EMIT(g, "%s %s, %s", op, a64_r(a64_rd(g), sf), a64_r(a64_rs(g), sf));
    else
        EMIT(g, "%s %s, %s, %s", op, a64_r(a64_rd(g), sf), a64_r(a64_rs(g), sf), a64_r(a64_rs(g), sf));
}

static void t_logic(struct a64gen *g)
{
    bool sf = chance(RNG(g), 60);
    if (chance(RNG(g), 45)) {
        static const char *const ops[] = { "and", "orr", "eor", "ands" };
        const char *op = PICK(RNG(g), ops);
        /* and/orr/eor immediate name SP as destination 31 */
        int d = op[3] == 's' ? a64_rd(g) : a64_rt(g);
        uint64_t imm = a64_bitmask_imm(RNG(g), sf);
        if (chance(RNG(g), 10))
            EMIT(g, "tst %s, #0x%llx", a64_r(a64_rs(g), sf), (unsigned long long)imm);
        else
            EMIT(g, "%s %s, %s, #0x%llx", op, a64_r(d, sf), a64_r(a64_rs(g), sf), (unsigned long long)imm);
        return;
    }
    static const char *const ops[] = { "and", "bic", "orr", "orn", "eor", "eon", "ands", "bics" };
    static const char *const sh[] = { "lsl", "lsr", "asr", "ror" };
    int amt = chance(RNG(g), 40) ? 0 : range(RNG(g), 0, sf ? 63 : 31);
    switch (below(RNG(g), 8)) {
    case 0:
        EMIT(g, "mvn %s, %s, %s #%d", a64_r(a64_rd(g), sf), a64_r(a64_rs(g), sf), PICK(RNG(g), sh), amt);
        break;
    case 1:
        EMIT(g, "tst %s, %s, %s #%d", a64_r(a64_rs(g), sf), a64_r(a64_rs(g), sf), PICK(RNG(g), sh), amt);
        break;
    default:
        EMIT(g, "%s %s, %s, %s, %s #%d", PICK(RNG(g), ops), a64_r(a64_rd(g), sf), a64_r(a64_rs(g), sf),
             a64_r(a64_rs(g), sf), PICK(RNG(g), sh), amt);
        break;
    }
}

static void t_movw(struct a64gen *g)
{
    static const char *const ops[] = { "movz", "movn", "movk", "movk" };
    bool sf = chance(RNG(g), 60);
    unsigned imm = chance(RNG(g), 30) ? PICK(RNG(g), ((const unsigned[]){ 0, 1, 0xffff, 0x8000, 0x7fff }))
                                      : below(RNG(g), 0x10000);
    int hw = (int)below(RNG(g), sf ? 4 : 2);
    if (chance(RNG(g), 10)) {   /* the mov alias, through the assembler's choice */
        EMIT(g, "mov %s, #%d", a64_r(a64_rd(g), sf), range(RNG(g), -65536, 65535));
        return;
    }
    EMIT(g, "%s %s, #0x%x, lsl #%d", PICK(RNG(g), ops), a64_r(a64_rd(g), sf), imm, 16 * hw);
}

static void t_bitfield(struct a64gen *g)
{
    bool sf = chance(RNG(g), 55);
    int w = sf ? 64 : 32;
    const char *D = a64_r(a64_rd(g), sf), *N = a64_r(a64_rs(g), sf);
    switch (below(RNG(g), 6)) {
    case 0: case 1: case 2: {
        static const char *const ops[] = { "sbfm", "ubfm", "bfm" };
        EMIT(g, "%s %s, %s, #%d, #%d", PICK(RNG(g), ops), D, N, range(RNG(g), 0, w - 1), range(RNG(g), 0, w - 1));
        break;
    }
    case 3: {
        static const char *const ops[] = { "lsl", "lsr", "asr", "ror" };
        const char *op = PICK(RNG(g), ops);
        if (op[0] == 'r')
            EMIT(g, "ror %s, %s, #%d", D, N, range(RNG(g), 0, w - 1));
        else
            EMIT(g, "%s %s, %s, #%d", op, D, N, range(RNG(g), 0, w - 1));
        break;
    }
    case 4: {
        static const char *const ops[] = { "sbfiz", "ubfiz", "bfi", "sbfx", "ubfx", "bfxil" };
        int lsb = range(RNG(g), 0, w - 1), width = range(RNG(g), 1, w - lsb);
        EMIT(g, "%s %s, %s, #%d, #%d", PICK(RNG(g), ops), D, N, lsb, width);
        break;
    }
    default: {
        static const char *const ops[] = { "sxtb", "sxth", "uxtb", "uxth", "sxtw" };
        const char *op = PICK(RNG(g), ops);
        if (op[0] == 'u')
            EMIT(g, "%s %s, %s", op, a64_w(a64_rd(g)), a64_w(a64_rs(g)));
        else if (!strcmp(op, "sxtw") || sf)
            EMIT(g, "%s %s, %s", op, a64_x(a64_rd(g)), a64_w(a64_rs(g)));
        else
            EMIT(g, "%s %s, %s", op, a64_w(a64_rd(g)), a64_w(a64_rs(g)));
        break;
    }
    }
}

static void t_extr(struct a64gen *g)
{
    bool sf = chance(RNG(g), 55);
    int n = a64_rs(g), m = chance(RNG(g), 20) ? n : a64_rs(g);
    EMIT(g, "extr %s, %s, %s, #%d", a64_r(a64_rd(g), sf), a64_r(n, sf), a64_r(m, sf),
         range(RNG(g), 0, sf ? 63 : 31));
}

static void t_csel(struct a64gen *g)
{
    bool sf = chance(RNG(g), 55);
    static const char *const ops[] = { "csel", "csinc", "csinv", "csneg" };
    switch (below(RNG(g), 3)) {
    case 0: case 1:
        EMIT(g, "%s %s, %s, %s, %s", PICK(RNG(g), ops), a64_r(a64_rd(g), sf), a64_r(a64_rs(g), sf),
             a64_r(a64_rs(g), sf), a64_cond(g, true));
        break;
    default: {
        static const char *const al[] = { "cset", "csetm", "cinc", "cinv", "cneg" };
        const char *op = PICK(RNG(g), al);
        if (op[1] == 's')
            EMIT(g, "%s %s, %s", op, a64_r(a64_rd(g), sf), a64_cond(g, false));
        else
            EMIT(g, "%s %s, %s, %s", op, a64_r(a64_rd(g), sf), a64_r(a64_rs(g), sf), a64_cond(g, false));
        break;
    }
    }
}

static void t_ccmp(struct a64gen *g)
{
    bool sf = chance(RNG(g), 55);
    const char *op = chance(RNG(g), 50) ? "ccmp" : "ccmn";
    if (chance(RNG(g), 50))
        EMIT(g, "%s %s, #%d, #%d, %s", op, a64_r(a64_rs(g), sf), range(RNG(g), 0, 31), range(RNG(g), 0, 15),
             a64_cond(g, true));
    else
        EMIT(g, "%s %s, %s, #%d, %s", op, a64_r(a64_rs(g), sf), a64_r(a64_rs(g), sf), range(RNG(g), 0, 15),
             a64_cond(g, true));
}

static void t_dp1(struct a64gen *g)
{
    static const char *const ops[] = { "rbit", "rev16", "rev32", "rev", "clz", "cls" };
    bool sf = chance(RNG(g), 55);
    const char *op = PICK(RNG(g), ops);
    if (!strcmp(op, "rev32"))
        sf = true;
    EMIT(g, "%s %s, %s", op, a64_r(a64_rd(g), sf), a64_r(a64_rs(g), sf));
}

static void t_dp2(struct a64gen *g)
{
    static const char *const ops[] = { "udiv", "sdiv", "lslv", "lsrv", "asrv", "rorv", "udiv", "sdiv" };
    bool sf = chance(RNG(g), 55);
    const char *op = PICK(RNG(g), ops);
    if (op[1] == 'd' && chance(RNG(g), 35)) {
        /* the corner cases, forced: x / 0, INT_MIN / -1 */
        static const uint64_t lhs[] = { 0x8000000000000000ull, 0xffffffff80000000ull, 0x80000000ull,
                                        0x7fffffffffffffffull, 5, 0xfffffffffffffffbull, 0 };
        static const uint64_t rhs[] = { 0, 0xffffffffffffffffull, 0xffffffff, 0x100000000ull,
                                        0xffffffff00000000ull, 1 };
        int a = a64_rt(g), b = a64_rt_not(g, 1u << a);
        EMIT(g, "li %s, 0x%llx", a64_x(a), (unsigned long long)PICK(RNG(g), lhs));
        EMIT(g, "li %s, 0x%llx", a64_x(b), (unsigned long long)PICK(RNG(g), rhs));
        EMIT(g, "%s %s, %s, %s", op, a64_r(a64_rd(g), sf), a64_r(a, sf), a64_r(b, sf));
        return;
    }
    EMIT(g, "%s %s, %s, %s", op, a64_r(a64_rd(g), sf), a64_r(a64_rs(g), sf), a64_r(a64_rs(g), sf));
}

static void t_crc(struct a64gen *g)
{
    static const char *const ops[] = { "crc32b", "crc32h", "crc32w", "crc32x",
                                       "crc32cb", "crc32ch", "crc32cw", "crc32cx" };
    const char *op = PICK(RNG(g), ops);
    bool x = op[strlen(op) - 1] == 'x';
    EMIT(g, "%s %s, %s, %s", op, a64_w(a64_rd(g)), a64_w(a64_rs(g)), x ? a64_x(a64_rs(g)) : a64_w(a64_rs(g)));
}

static void t_dp3(struct a64gen *g)
{
    switch (below(RNG(g), 4)) {
    case 0: case 1: {
        bool sf = chance(RNG(g), 55);
        const char *op = PICK(RNG(g), ((const char *const[]){ "madd", "msub" }));
        EMIT(g, "%s %s, %s, %s, %s", op, a64_r(a64_rd(g), sf), a64_r(a64_rs(g), sf), a64_r(a64_rs(g), sf),
             a64_r(a64_rs(g), sf));
        break;
    }
    case 2: {
        static const char *const ops[] = { "smaddl", "smsubl", "umaddl", "umsubl" };
        EMIT(g, "%s %s, %s, %s, %s", PICK(RNG(g), ops), a64_x(a64_rd(g)), a64_w(a64_rs(g)), a64_w(a64_rs(g)),
             a64_x(a64_rs(g)));
        break;
    }
    default: {
        static const char *const ops[] = { "smulh", "umulh", "mul", "mneg", "smull", "umull", "smnegl", "umnegl" };
        const char *op = PICK(RNG(g), ops);
        bool l = strlen(op) >= 5 && op[strlen(op) - 1] == 'l';   /* smull, umnegl, ... */
        bool sf = l || op[1] == 'm' || chance(RNG(g), 55);
        EMIT(g, "%s %s, %s, %s", op, a64_r(a64_rd(g), sf), a64_r(a64_rs(g), sf && !l), a64_r(a64_rs(g), sf && !l));
        break;
    }
    }
}

/* ---- branches ---- */

static int span(struct a64gen *g);
/* a flag setter right before a flag reader: what a translator that fuses
 * compares with the following condition (cmp; b.lt -> cmp; jl) must get
 * right for every setter, width and condition */
static void flag_setter(struct a64gen *g, bool sf)
{
    const char *N = a64_r(a64_rs(g), sf), *M = a64_r(a64_rs(g), sf);
    switch (below(RNG(g), 10)) {
    case 0: EMIT(g, "cmp %s, %s", N, M); break;
    case 1: EMIT(g, "cmp %s, #%d", sf ? a64_xsp(a64_rs(g)) : a64_wsp(a64_rs(g)), imm12(g)); break;
    case 2: EMIT(g, "cmn %s, %s", N, M); break;
    case 3: EMIT(g, "tst %s, %s", N, M); break;
    case 4: EMIT(g, "adds %s, %s, %s", a64_r(a64_rd(g), sf), N, M); break;
    case 5: EMIT(g, "subs %s, %s, %s", a64_r(a64_rd(g), sf), N, M); break;
    case 6: EMIT(g, "ands %s, %s, #0x%llx", a64_r(a64_rd(g), sf), N, (unsigned long long)a64_bitmask_imm(RNG(g), sf)); break;
    case 7: EMIT(g, "%s %s, %s, %s", chance(RNG(g), 50) ? "adcs" : "sbcs", a64_r(a64_rd(g), sf), N, M); break;
    case 8: EMIT(g, "negs %s, %s", a64_r(a64_rd(g), sf), M); break;
    default: EMIT(g, "ccmp %s, %s, #%d, %s", N, M, range(RNG(g), 0, 15), a64_cond(g, true)); break;
    }
}

static void t_flags(struct a64gen *g)
{
    bool sf = chance(RNG(g), 50);
    /* the compared values: often equal or adjacent, so every condition
     * goes both ways */
    if (chance(RNG(g), 40)) {
        int a = a64_rt(g), b = a64_rt_not(g, 1u << a);
        uint64_t v = gen_int_value(RNG(g));
        EMIT(g, "li %s, 0x%llx", a64_x(a), (unsigned long long)v);
        EMIT(g, "li %s, 0x%llx", a64_x(b), (unsigned long long)(v + (uint64_t)range(RNG(g), -1, 1)));
        EMIT(g, "cmp %s, %s", a64_r(a, sf), a64_r(b, sf));
    } else {
        flag_setter(g, sf);
    }
    switch (below(RNG(g), 6)) {
    case 0: case 1: {
        int l = em_new_fwd_label(&g->e, span(g));
        EMIT(g, "b.%s @L%d", a64_cond(g, true), l);
        break;
    }
    case 2:
        EMIT(g, "cset %s, %s", a64_r(a64_rd(g), chance(RNG(g), 50)), a64_cond(g, false));
        break;
    case 3:
        EMIT(g, "csel %s, %s, %s, %s", a64_r(a64_rd(g), sf), a64_r(a64_rs(g), sf), a64_r(a64_rs(g), sf),
             a64_cond(g, true));
        break;
    case 4:
        EMIT(g, "%s %s, %s, %s", chance(RNG(g), 50) ? "adc" : "sbc", a64_r(a64_rd(g), sf), a64_r(a64_rs(g), sf),
             a64_r(a64_rs(g), sf));
        break;
    default:
        /* a second setter that reads the first one's flags, then a reader */
        EMIT(g, "ccmp %s, #%d, #%d, %s", a64_r(a64_rs(g), sf), range(RNG(g), 0, 31), range(RNG(g), 0, 15),
             a64_cond(g, true));
        EMIT(g, "cset %s, %s", a64_w(a64_rd(g)), a64_cond(g, false));
        break;
    }
}



static int span(struct a64gen *g)
{
    return range(RNG(g), 1, chance(RNG(g), 70) ? 3 : 6);
}

static void t_branch(struct a64gen *g)
{
    int l = em_new_fwd_label(&g->e, span(g));
    switch (below(RNG(g), 6)) {
    case 0: case 1:
        EMIT(g, "b.%s @L%d", a64_cond(g, true), l);
        break;
    case 2: {
        bool sf = chance(RNG(g), 50);
        EMIT(g, "%s %s, @L%d", chance(RNG(g), 50) ? "cbz" : "cbnz", a64_r(a64_rs(g), sf), l);
        break;
    }
    case 3: {
        int bit = range(RNG(g), 0, 63);
        EMIT(g, "%s %s, #%d, @L%d", chance(RNG(g), 50) ? "tbz" : "tbnz", bit < 32 && chance(RNG(g), 50) ?
             a64_w(a64_rs(g)) : a64_x(a64_rs(g)), bit, l);
        break;
    }
    case 4:
        EMIT(g, "b @L%d", l);
        break;
    default: {
        /* a computed target: adr, then br or blr (blr writes x30) */
        int t = a64_rt(g);
        EMIT(g, "adr %s, @L%d", a64_x(t), l);
        bool link = chance(RNG(g), 40) && !(g->locked >> 30 & 1);
        EMIT(g, "%s %s", link ? "blr" : "br", a64_x(t));
        break;
    }
    }
}

static void gen_one(struct a64gen *g);

static void t_loop(struct a64gen *g)
{
    int grp = em_structured_head(&g->e);
    int cnt = a64_rt(g);
    int iters = range(RNG(g), 1, 5);
    int top = g->e.next_label++;
    int kind = (int)below(RNG(g), 3);
    EMIT(g, "mov %s, #%d", a64_x(cnt), iters);
    EMIT(g, "@L%d:", top);
    uint32_t saved = g->locked;
    int base = g->e.loop_pend_base;
    g->e.loop_pend_base = g->e.npend;
    g->locked |= 1u << cnt;
    g->loop_depth++;
    int n = range(RNG(g), 1, 6);
    for (int i = 0; i < n; i++)
        gen_one(g);
    for (int i = g->e.loop_pend_base; i < g->e.npend;) {
        if (chance(RNG(g), 60)) {
            em_label(&g->e, g->e.pend[i].id);
            g->e.pend[i] = g->e.pend[--g->e.npend];
        } else {
            i++;
        }
    }
    g->loop_depth--;
    g->e.loop_pend_base = base;
    g->locked = saved;
    em_resume(&g->e, grp);
    if (kind == 0) {
        EMIT(g, "subs %s, %s, #1", a64_x(cnt), a64_x(cnt));
        EMIT(g, "b.ne @L%d", top);
    } else if (kind == 1) {
        EMIT(g, "sub %s, %s, #1", a64_x(cnt), a64_x(cnt));
        EMIT(g, "cbnz %s, @L%d", a64_x(cnt), top);
    } else {
        EMIT(g, "sub %s, %s, #1", a64_w(cnt), a64_w(cnt));
        EMIT(g, "cbnz %s, @L%d", a64_w(cnt), top);
    }
    em_tick_labels(&g->e);
}

/* bl/blr to a subroutine placed inline and jumped over; ret returns */
static void t_call(struct a64gen *g)
{
    int grp = em_structured_head(&g->e);
    if (g->locked >> 30 & 1) {
        EMIT(g, "nop");
        return;
    }
    int sub = g->e.next_label++, after = g->e.next_label++;
    if (chance(RNG(g), 25)) {
        int t = a64_rt_not(g, 1u << 30);
        EMIT(g, "adr %s, @L%d", a64_x(t), sub);
        EMIT(g, "blr %s", a64_x(t));
    } else {
        EMIT(g, "bl @L%d", sub);
    }
    EMIT(g, "b @L%d", after);
    EMIT(g, "@L%d:", sub);
    uint32_t saved = g->locked;
    bool saved_nn = g->no_nest;
    g->locked |= 1u << 30;
    g->no_nest = true;
    int base = g->e.loop_pend_base;
    g->e.loop_pend_base = g->e.npend;
    int n = range(RNG(g), 0, 3);
    for (int i = 0; i < n; i++)
        gen_one(g);
    em_flush_labels(&g->e, g->e.loop_pend_base);
    g->e.loop_pend_base = base;
    g->locked = saved;
    g->no_nest = saved_nn;
    em_resume(&g->e, grp);
    EMIT(g, "%s", chance(RNG(g), 80) ? "ret" : "ret x30");
    EMIT(g, "@L%d:", after);
    em_tick_labels(&g->e);
}

static void t_misc(struct a64gen *g)
{
    switch (below(RNG(g), 6)) {
    case 0: EMIT(g, "nop"); break;
    case 1: EMIT(g, "dmb ish"); break;
    case 2: EMIT(g, "dsb sy"); break;
    case 3: EMIT(g, "isb"); break;
    case 4: EMIT(g, "mrs %s, nzcv", a64_x(a64_rt(g))); break;
    default: {
        /* NZCV from a register: only bits 31:28 are kept */
        EMIT(g, "msr nzcv, %s", a64_x(a64_rs(g)));
        break;
    }
    }
}

/* sched_yield: returns 0 in x0 and changes nothing else; ends a block in
 * the middle of a sequence */
static void t_svc(struct a64gen *g)
{
    if (g->locked & (1u << 0 | 1u << 8)) {
        EMIT(g, "nop");
        return;
    }
    EMIT(g, "mov x8, #124");
    EMIT(g, "svc #0");
}

/* A random word in the data-processing spaces (immediate, register, SIMD&FP):
 * both emulators must agree, on the result or on SIGILL. Only for a CPU model
 * pair with the same features, since qemu's max has far more than tern's:
 *   -o rawenc --tern "build/tern -cpu cortex-a53"
 *             --qemu "qemu-aarch64-static -cpu cortex-a57"
 * (ARMv8.0 + crypto + CRC32 on both). No memory access, no branch, no system
 * register is in these spaces; a raw word may write any register, so raw
 * sequences have no loop or call. */
static void t_rawenc(struct a64gen *g)
{
    uint32_t w = (uint32_t)rng_next(RNG(g));
    switch (below(RNG(g), 8)) {
    case 0: w = (w & ~(7u << 26)) | 4u << 26; break;          /* dp immediate: op0 100x */
    case 1: case 2: w = (w & ~(7u << 25)) | 5u << 25; break;  /* dp register: op0 x101 */
    default: {                                                /* SIMD&FP: op0 x111 */
        w = (w & ~(7u << 25)) | 7u << 25;
        /* the AdvSIMD prefixes most of the space hangs off */
        static const uint32_t top[] = { 0x0e000000, 0x4e000000, 0x2e000000, 0x6e000000, 0x5e000000,
                                        0x7e000000, 0x1e000000, 0x0f000000, 0x4f000000 };
        if (chance(RNG(g), 60))
            w = (w & 0x00ffffffu) | PICK(RNG(g), top);
        break;
    }
    }
    EMIT(g, ".inst 0x%08x", w);
}

/* ---- the class table ---- */

struct tmpl {
    const char *name;
    unsigned weight;
    void (*fn)(struct a64gen *g);
};

static const struct tmpl tmpls[] = {
    /* integer data processing */
    { "addsub", 10, t_addsub },
    { "adc", 3, t_adc },
    { "logic", 8, t_logic },
    { "movw", 3, t_movw },
    { "bitfield", 6, t_bitfield },
    { "extr", 2, t_extr },
    { "csel", 4, t_csel },
    { "ccmp", 4, t_ccmp },
    { "dp1", 3, t_dp1 },
    { "dp2", 4, t_dp2 },
    { "crc", 2, t_crc },
    { "dp3", 4, t_dp3 },
    { "flags", 6, t_flags },
    { "misc", 2, t_misc },
    { "svc", 1, t_svc },
    /* control flow */
    { "branch", 6, t_branch },
    { "loop", 2, t_loop },
    { "call", 1, t_call },
    /* loads and stores */
    { "ldst", 8, a64_t_ldst },
    { "ldp", 4, a64_t_ldp },
    { "fldst", 4, a64_t_fldst },
    { "vldst", 3, a64_t_vldst },
    { "excl", 3, a64_t_excl },
    { "lse", 4, a64_t_lse },
    { "lrcpc", 1, a64_t_lrcpc },
    { "sp", 2, a64_t_sp },
    /* scalar FP */
    { "farith", 6, a64_t_farith },
    { "fma", 3, a64_t_fma },
    { "fcmp", 4, a64_t_fcmp },
    { "fcvt", 6, a64_t_fcvt },
    { "frint", 3, a64_t_frint },
    { "fmov", 3, a64_t_fmov },
    { "fpcr", 2, a64_t_fpcr },
    /* AdvSIMD integer */
    { "simd3", 8, a64_t_simd3 },
    { "simd2", 5, a64_t_simd2 },
    { "across", 2, a64_t_across },
    { "perm", 4, a64_t_perm },
    { "copy", 3, a64_t_copy },
    { "movi", 2, a64_t_movi },
    { "vshift", 5, a64_t_vshift },
    { "widen", 5, a64_t_widen },
    { "elem", 3, a64_t_elem },
    { "vscalar", 4, a64_t_vscalar },
    /* AdvSIMD FP, crypto */
    { "simdfp", 7, a64_t_simdfp },
    { "crypto", 3, a64_t_crypto },
    /* switches off by default */
    { "rawenc", 40, t_rawenc },   /* only in the sequences marked raw */
};

/* off by default: raw encodings need matching -cpu models (t_rawenc) */
const char *const a64_known_gaps[] = { "rawenc", NULL };

int a64_class_index(const char *name)
{
    for (size_t i = 0; i < NELEM(tmpls); i++)
        if (!strcmp(tmpls[i].name, name))
            return (int)i;
    return -1;
}

const char *a64_class_name(int i)
{
    return i >= 0 && (size_t)i < NELEM(tmpls) ? tmpls[i].name : NULL;
}

uint64_t a64_all_classes(void)
{
    return ((1ull << NELEM(tmpls)) - 1) & ~(1ull << a64_class_index("rawenc"));
}

static bool tmpl_ok(struct a64gen *g, size_t i)
{
    if (!((g->classes >> i) & 1) || !tmpls[i].fn)
        return false;
    if (tmpls[i].fn == t_rawenc)
        return g->raw;
    if (tmpls[i].fn == t_loop)
        return !g->no_nest && g->loop_depth < 2;
    if (tmpls[i].fn == t_call)
        return !g->no_nest;
    return true;
}

static void gen_one(struct a64gen *g)
{
    unsigned total = 0;
    for (size_t i = 0; i < NELEM(tmpls); i++)
        if (tmpl_ok(g, i))
            total += tmpls[i].weight;
    if (!total)
        return;
    unsigned k = below(RNG(g), total);
    for (size_t i = 0; i < NELEM(tmpls); i++) {
        if (!tmpl_ok(g, i))
            continue;
        if (k < tmpls[i].weight) {
            em_begin(&g->e);
            tmpls[i].fn(g);
            if (tmpls[i].fn != t_loop && tmpls[i].fn != t_call)
                em_tick_labels(&g->e);
            return;
        }
        k -= tmpls[i].weight;
    }
}

/* ---- initial state ---- */

static uint64_t vec_half(struct rng *r)
{
    switch (below(r, 6)) {
    case 0: return gen_double_bits(r);
    case 1: case 2: return (uint64_t)gen_float_bits(r) << 32 | gen_float_bits(r);
    case 3: return gen_int_value(r);
    case 4: {
        uint64_t v = 0;
        for (int i = 0; i < 4; i++)
            v |= (uint64_t)gen_half_bits(r) << (16 * i);
        return v;
    }
    default: return rng_next(r);
    }
}

static void init_state(struct state *st, struct rng *r, bool fpcr_random)
{
    for (int i = 0; i < 31; i++)
        st->x[i] = gen_int_value(r);
    st->x[31] = A64_SP_OFF;
    for (int i = 0; i < 32; i++) {
        st->v[i][0] = vec_half(r);
        st->v[i][1] = chance(r, 85) ? vec_half(r) : 0;
    }
    st->nzcv = (uint64_t)below(r, 16) << 28;
    st->fpcr = fpcr_random && chance(r, 40) ? a64_fpcr_value(r) : 0;
    static const uint32_t fpsr_bits[] = { 1, 2, 4, 8, 16, 128, 1u << 27 };
    st->fpsr = 0;
    if (chance(r, 50))
        for (size_t i = 0; i < NELEM(fpsr_bits); i++)
            if (chance(r, 25))
                st->fpsr |= fpsr_bits[i];
    for (int i = 0; i < SCRATCH / 8; i++) {
        uint64_t v;
        switch (below(r, 4)) {
        case 0: v = gen_int_value(r); break;
        case 1: v = gen_double_bits(r); break;
        case 2: v = (uint64_t)gen_float_bits(r) << 32 | gen_float_bits(r); break;
        default: v = rng_next(r); break;
        }
        memcpy(&st->scratch[i * 8], &v, 8);
    }
}

void a64_gen_seq(struct seq *q, uint64_t seed, uint64_t idx, const struct genopt *o)
{
    memset(q, 0, sizeof(*q));
    q->idx = idx;
    struct rng r;
    rng_seed(&r, seed ^ 0xa64a64a64ull, idx);
    struct a64gen g = { .e = { .q = q, .r = &r }, .classes = o->classes };
    bool fpcr_on = (o->classes >> a64_class_index("fpcr")) & 1;
    q->rerun = chance(&r, 25);
    for (int s = 0; s < (q->rerun ? 2 : 1); s++)
        init_state(&q->st[s], &r, fpcr_on);
    q->li_mode = chance(&r, 30);
    for (int i = 0; i < 6; i++) {
        g.hot_x[i] = (uint8_t)below(&r, 31);
        g.hot_v[i] = (uint8_t)below(&r, 32);
    }
    if (o->exhaustive >= 0) {
        q->li_mode = false;
        a64_ex_body(&g, o->exhaustive, idx);
        em_flush_labels(&g.e, 0);
        q->nlabels = g.e.next_label;
        return;
    }
    /* random encodings often stop the program with SIGILL: they go into a
     * few sequences (all, when they are the only class), which the driver
     * runs last in their program */
    uint64_t rawbit = 1ull << a64_class_index("rawenc");
    g.raw = (o->classes & rawbit) && (o->classes == rawbit || chance(&r, 5));
    q->may_trap = g.raw;
    g.no_nest = g.raw;
    int n = chance(&r, 85) ? range(&r, 1, 24) : range(&r, 25, 100);
    for (int i = 0; i < n; i++)
        gen_one(&g);
    em_flush_labels(&g.e, 0);
    q->nlabels = g.e.next_label;
}
