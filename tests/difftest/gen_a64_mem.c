/* gen_a64_mem.c — aarch64 load/store templates of the differential tester:
 * general and SIMD&FP registers in every addressing mode (unsigned offset,
 * unscaled, pre/post-index, register offset with shifts and extends,
 * literal), pairs, AdvSIMD structures, exclusives, acquire/release, LSE
 * atomics, LRCPC, and SP-relative pushes and pops.
 *
 * Every address is planned as an offset A into the scratch memory first;
 * the base register (SP at A64_SP_OFF, or a temp the item sets from SP) and
 * the offset or index are then derived from A, so the access provably stays
 * inside the scratch bytes. Temps are locked while the item uses them.
 */
#include <stdio.h>
#include <string.h>

#include "tests/difftest/a64.h"

static int log2i(int v)
{
    int l = 0;
    while ((1 << l) < v)
        l++;
    return l;
}

/* an offset into scratch for `size` bytes: mostly in the first 64 bytes and
 * around SP (so accesses overlap), aligned to `align` (always) or to size
 * (usually) */
static int plan_addr(struct a64gen *g, int size, int align)
{
    int a;
    switch (below(RNG(g), 4)) {
    case 0: case 1: a = range(RNG(g), 0, 64 - (size > 64 ? 0 : size)); break;
    case 2: a = range(RNG(g), A64_SP_OFF - 64, A64_SP_OFF + 64 - size); break;
    default: a = range(RNG(g), 0, SCRATCH - size); break;
    }
    if (a + size > SCRATCH)
        a = SCRATCH - size;
    if (chance(RNG(g), 85))
        a &= ~(size - 1);
    if (align > 1)
        a &= ~(align - 1);
    return a;
}

/* a temp base register holding scratch + off (set from SP) */
static int set_base(struct a64gen *g, int off, uint32_t avoid)
{
    int t = a64_rt_not(g, avoid);
    int d = off - A64_SP_OFF;
    if (d >= 0)
        EMIT(g, "add %s, sp, #%d", a64_x(t), d);
    else
        EMIT(g, "sub %s, sp, #%d", a64_x(t), -d);
    g->locked |= 1u << t;
    return t;
}

static const char *base_name(int b)
{
    return b == 31 ? "sp" : a64_x(b);
}

/* a base for an access at A with offset `imm` (b = A - imm): SP when that is
 * where SP is, else a temp */
static int base_for(struct a64gen *g, int a, int imm, uint32_t avoid)
{
    if (a - imm == A64_SP_OFF && chance(RNG(g), 70))
        return 31;
    return set_base(g, a - imm, avoid);
}

struct gop {
    const char *op;     /* scaled form */
    const char *uop;    /* unscaled form */
    const char *top;    /* unprivileged form */
    int size;
    bool store, x;      /* x: Rt is an X register */
};

static const struct gop gops[] = {
    { "ldrb", "ldurb", "ldtrb", 1, false, false },
    { "ldrsb", "ldursb", "ldtrsb", 1, false, false },
    { "ldrsb", "ldursb", "ldtrsb", 1, false, true },
    { "ldrh", "ldurh", "ldtrh", 2, false, false },
    { "ldrsh", "ldursh", "ldtrsh", 2, false, false },
    { "ldrsh", "ldursh", "ldtrsh", 2, false, true },
    { "ldr", "ldur", "ldtr", 4, false, false },
    { "ldrsw", "ldursw", "ldtrsw", 4, false, true },
    { "ldr", "ldur", "ldtr", 8, false, true },
    { "strb", "sturb", "sttrb", 1, true, false },
    { "strh", "sturh", "sttrh", 2, true, false },
    { "str", "stur", "sttr", 4, true, false },
    { "str", "stur", "sttr", 8, true, true },
};

/* the operand text of a single-register access of `size` bytes in a random
 * addressing mode among `modes` (a bit per M_*); `rt` is the transfer
 * register (never the base when the mode writes back). Returns the mode. */
enum { M_UOFF, M_UNSC, M_PRE, M_POST, M_REG, M_UNPRIV };

static int mem_operand(struct a64gen *g, int size, int rt, bool vreg, unsigned modes, char *out, size_t len)
{
    uint32_t avoid = vreg || rt == 31 ? 0 : 1u << rt;
    int mode;
    do
        mode = (int)below(RNG(g), 6);
    while (!(modes >> mode & 1));
    int a = plan_addr(g, size, mode == M_UOFF || mode == M_REG ? size : 1);
    switch (mode) {
    case M_UOFF: {
        int k = chance(RNG(g), 30) ? 0 : range(RNG(g), 0, a / size);
        int b = base_for(g, a, k * size, 0);
        if (chance(RNG(g), 15) && k == 0)
            snprintf(out, len, "[%s]", base_name(b));
        else
            snprintf(out, len, "[%s, #%d]", base_name(b), k * size);
        break;
    }
    case M_UNSC: case M_UNPRIV: {
        int lo = a - SCRATCH > -256 ? a - SCRATCH : -256, hi = a < 255 ? a : 255;
        int imm = range(RNG(g), lo, hi);
        int b = base_for(g, a, imm, 0);
        snprintf(out, len, "[%s, #%d]", base_name(b), imm);
        break;
    }
    case M_PRE: case M_POST: {
        int lo = -256, hi = 255;
        int imm = range(RNG(g), lo, hi);
        if (mode == M_PRE) {
            /* the base b must stay a sane address; b = a - imm in [0, 512] */
            if (a - imm < 0 || a - imm > SCRATCH)
                imm = 0;
            int b = set_base(g, a - imm, avoid);
            snprintf(out, len, "[%s, #%d]!", a64_x(b), imm);
        } else {
            int b = set_base(g, a, avoid);
            snprintf(out, len, "[%s], #%d", a64_x(b), imm);
        }
        break;
    }
    default: {  /* register offset */
        int s = chance(RNG(g), 50) ? 0 : log2i(size);
        int kind = (int)below(RNG(g), 4);   /* lsl x, uxtw w, sxtw w, sxtx x */
        /* base = a - (idx << s) within [0, SCRATCH]; uxtw: idx >= 0 */
        int lo = kind == 1 ? 0 : -((SCRATCH - a) >> s), hi = a >> s;
        int idx = range(RNG(g), lo, hi);
        int b;
        if (chance(RNG(g), 30) && ((a - A64_SP_OFF) % (1 << s)) == 0 && (kind != 1 || a >= A64_SP_OFF)) {
            b = 31;
            idx = (a - A64_SP_OFF) >> s;
        } else {
            b = set_base(g, a - idx * (1 << s), 0);
        }
        int m = a64_rt_not(g, avoid | (b == 31 ? 0 : 1u << b));
        g->locked |= 1u << m;
        uint64_t v = (uint64_t)(int64_t)idx;
        if (kind == 1 || kind == 2)   /* the upper half is ignored: make it garbage */
            v = (v & 0xffffffffull) | (chance(RNG(g), 50) ? (rng_next(RNG(g)) << 32) : 0);
        EMIT(g, "li %s, 0x%llx", a64_x(m), (unsigned long long)v);
        bool show = s || chance(RNG(g), 50);
        static const char *const kn[] = { "lsl", "uxtw", "sxtw", "sxtx" };
        if (kind == 0 && !show)
            snprintf(out, len, "[%s, %s]", base_name(b), a64_x(m));
        else if (show)
            snprintf(out, len, "[%s, %s, %s #%d]", base_name(b), kind == 1 || kind == 2 ? a64_w(m) : a64_x(m),
                     kn[kind], s);
        else
            snprintf(out, len, "[%s, %s, %s]", base_name(b), kind == 1 || kind == 2 ? a64_w(m) : a64_x(m), kn[kind]);
        break;
    }
    }
    return mode;
}

/* a literal in the code, jumped over, then loaded */
static void literal(struct a64gen *g, const char *op, const char *rt, int size)
{
    EMIT(g, "b 1f");
    EMIT(g, ".balign %d", size < 4 ? 4 : size);
    if (size == 16)
        EMIT(g, "2: .quad 0x%llx, 0x%llx", (unsigned long long)gen_int_value(RNG(g)),
             (unsigned long long)gen_double_bits(RNG(g)));
    else
        EMIT(g, "2: .quad 0x%llx", (unsigned long long)(chance(RNG(g), 50) ? gen_int_value(RNG(g))
                                                                           : gen_double_bits(RNG(g))));
    EMIT(g, "1: %s %s, 2b", op, rt);
}

void a64_t_ldst(struct a64gen *g)
{
    uint32_t saved = g->locked;
    const struct gop *o = &gops[below(RNG(g), NELEM(gops))];
    if (chance(RNG(g), 5)) {
        if (chance(RNG(g), 50)) {
            static const char *const lit[] = { "ldr w", "ldr x", "ldrsw x" };
            const char *l = PICK(RNG(g), lit);
            char op[16];
            snprintf(op, sizeof(op), "%.*s", (int)(strchr(l, ' ') - l), l);
            int r = a64_rt(g);
            literal(g, op, l[strlen(l) - 1] == 'x' ? a64_x(r) : a64_w(r), 8);
        } else {
            static const char *const pf[] = { "pldl1keep", "pldl2strm", "pstl1keep", "plil3keep" };
            char m[64];
            mem_operand(g, 8, 31, true, 1u << M_UOFF | 1u << M_REG, m, sizeof(m));
            EMIT(g, "prfm %s, %s", PICK(RNG(g), pf), m);
        }
        g->locked = saved;
        return;
    }
    int rt = o->store ? a64_rs(g) : a64_rd(g);
    char m[64];
    /* the writeback forms pick a base other than rt; a plain load may target
     * its own base, which is fine */
    int mode = mem_operand(g, o->size, rt, false, 0x3f, m, sizeof(m));
    const char *op = mode == M_UNSC ? o->uop : mode == M_UNPRIV ? o->top : o->op;
    EMIT(g, "%s %s, %s", op, o->x ? a64_x(rt) : a64_w(rt), m);
    g->locked = saved;
}

void a64_t_ldp(struct a64gen *g)
{
    static const struct { const char *op; int size; bool load, x; } ops[] = {
        { "ldp", 4, true, false }, { "ldp", 8, true, true }, { "ldpsw", 4, true, true },
        { "stp", 4, false, false }, { "stp", 8, false, true },
        { "ldnp", 4, true, false }, { "ldnp", 8, true, true }, { "stnp", 4, false, false },
        { "stnp", 8, false, true },
    };
    uint32_t saved = g->locked;
    int k = (int)below(RNG(g), NELEM(ops));
    int size = ops[k].size;
    bool nt = ops[k].op[2] == 'n' || ops[k].op[3] == 'n';
    int mode = nt ? 0 : (int)below(RNG(g), 3);   /* offset, pre, post */
    int t1, t2;
    if (ops[k].load) {
        t1 = a64_rd(g);
        t2 = a64_rt_not(g, 1u << t1);
    } else {
        t1 = a64_rs(g);
        t2 = a64_rs(g);
    }
    uint32_t avoid = (t1 == 31 ? 0 : 1u << t1) | (t2 == 31 ? 0 : 1u << t2);
    int a = plan_addr(g, 2 * size, chance(RNG(g), 80) ? size : 1);
    int kmin = -64, kmax = 63;
    int imm = range(RNG(g), kmin, kmax) * size;
    char m[64];
    if (mode == 0) {
        if (a - imm < 0 || a - imm > SCRATCH)
            imm = 0;
        int b = base_for(g, a, imm, 0);
        snprintf(m, sizeof(m), "[%s, #%d]", base_name(b), imm);
    } else if (mode == 1) {
        if (a - imm < 0 || a - imm > SCRATCH)
            imm = 0;
        int b = set_base(g, a - imm, avoid);
        snprintf(m, sizeof(m), "[%s, #%d]!", a64_x(b), imm);
    } else {
        int b = set_base(g, a, avoid);
        snprintf(m, sizeof(m), "[%s], #%d", a64_x(b), imm);
    }
    bool x = ops[k].x;
    EMIT(g, "%s %s, %s, %s", ops[k].op, a64_r(t1, x), a64_r(t2, x), m);
    g->locked = saved;
}

static const char vpref[] = { 'b', 'h', 's', 'd', 'q' };

void a64_t_fldst(struct a64gen *g)
{
    uint32_t saved = g->locked;
    int lg = (int)below(RNG(g), 5), size = 1 << lg;
    bool store = chance(RNG(g), 45);
    switch (below(RNG(g), 5)) {
    case 0: case 1: case 2: {
        char m[64];
        /* no unprivileged forms for SIMD&FP registers */
        int mode = mem_operand(g, size, 31, true, 0x1f, m, sizeof(m));
        const char *op = mode == M_UNSC ? (store ? "stur" : "ldur") : (store ? "str" : "ldr");
        EMIT(g, "%s %c%d, %s", op, vpref[lg], a64_vr(g), m);
        break;
    }
    case 3: {   /* pairs of s, d, q */
        int pl = range(RNG(g), 2, 4), ps = 1 << pl;
        const char *op = store ? (chance(RNG(g), 20) ? "stnp" : "stp") : (chance(RNG(g), 20) ? "ldnp" : "ldp");
        bool nt = op[2] == 'n';
        int mode = nt ? 0 : (int)below(RNG(g), 3);
        int v1 = a64_vr(g), v2 = store ? a64_vr(g) : a64_vr_not(g, 1u << v1);
        int a = plan_addr(g, 2 * ps, chance(RNG(g), 80) ? ps : 1);
        int imm = range(RNG(g), -64, 63) * ps;
        if (a - imm < 0 || a - imm > SCRATCH)
            imm = 0;
        char m[64];
        if (mode == 0) {
            int b = base_for(g, a, imm, 0);
            snprintf(m, sizeof(m), "[%s, #%d]", base_name(b), imm);
        } else if (mode == 1) {
            int b = set_base(g, a - imm, 0);
            snprintf(m, sizeof(m), "[%s, #%d]!", a64_x(b), imm);
        } else {
            int b = set_base(g, a, 0);
            snprintf(m, sizeof(m), "[%s], #%d", a64_x(b), range(RNG(g), -64, 63) * ps);
        }
        EMIT(g, "%s %c%d, %c%d, %s", op, vpref[pl], v1, vpref[pl], v2, m);
        break;
    }
    default: {  /* literal: s, d, q */
        int pl = range(RNG(g), 2, 4);
        char rt[8];
        snprintf(rt, sizeof(rt), "%c%d", vpref[pl], a64_vr(g));
        literal(g, "ldr", rt, 1 << pl);
        break;
    }
    }
    g->locked = saved;
}

/* a register list {vN.T, vN+1.T, ...} (numbers wrap at 31) */
static void reg_list(char *out, size_t len, int v0, int n, const char *t, int lane)
{
    int k = snprintf(out, len, "{");
    for (int i = 0; i < n; i++)
        k += snprintf(out + k, len - (size_t)k, "%sv%d.%s", i ? ", " : "", (v0 + i) & 31, t);
    if (lane >= 0)
        snprintf(out + k, len - (size_t)k, "}[%d]", lane);
    else
        snprintf(out + k, len - (size_t)k, "}");
}

/* AdvSIMD structure loads and stores */
void a64_t_vldst(struct a64gen *g)
{
    static const char *const arr[] = { "8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d" };
    static const char *const ename[] = { "b", "h", "s", "d" };
    uint32_t saved = g->locked;
    bool store = chance(RNG(g), 40);
    int v0 = a64_vr(g), nreg = range(RNG(g), 1, 4);
    char list[128], name[8];
    int bytes;
    unsigned kind = below(RNG(g), 3);
    if (kind == 0) {            /* multiple structures: ldN/stN, or ld1/st1 of 1-4 registers */
        int ai = (int)below(RNG(g), 8);
        bool one = chance(RNG(g), 40);
        if (!one && nreg > 1 && ai == 6)
            ai = 7;             /* ld2-ld4 have no .1d form */
        reg_list(list, sizeof(list), v0, nreg, arr[ai], -1);
        bytes = nreg * (ai & 1 ? 16 : 8);
        snprintf(name, sizeof(name), "%s%d", store ? "st" : "ld", one ? 1 : nreg);
    } else if (kind == 1 || store) {   /* one lane */
        int es = (int)below(RNG(g), 4);
        reg_list(list, sizeof(list), v0, nreg, ename[es], (int)below(RNG(g), 16u >> es));
        bytes = nreg << es;
        snprintf(name, sizeof(name), "%s%d", store ? "st" : "ld", nreg);
    } else {                    /* load and replicate */
        int ai = (int)below(RNG(g), 8);
        reg_list(list, sizeof(list), v0, nreg, arr[ai], -1);
        bytes = nreg << (ai / 2);
        snprintf(name, sizeof(name), "ld%dr", nreg);
    }
    int a = plan_addr(g, bytes, 1);
    int b = set_base(g, a, 0);
    char m[48];
    switch (below(RNG(g), 3)) {
    case 0:
        snprintf(m, sizeof(m), "[%s]", a64_x(b));
        break;
    case 1:
        snprintf(m, sizeof(m), "[%s], #%d", a64_x(b), bytes);
        break;
    default: {
        int r = a64_rt_not(g, 1u << b);
        EMIT(g, "mov %s, #%d", a64_x(r), range(RNG(g), -64, 64));
        snprintf(m, sizeof(m), "[%s], %s", a64_x(b), a64_x(r));
        break;
    }
    }
    EMIT(g, "%s %s, %s", name, list, m);
    g->locked = saved;
}

/* the base of an aligned exclusive/atomic access: SP or a temp */
static int atomic_base(struct a64gen *g, int size, uint32_t avoid)
{
    int a = plan_addr(g, size, size);
    if (a == A64_SP_OFF || (chance(RNG(g), 20) && (A64_SP_OFF % size) == 0))
        return 31;
    return set_base(g, a, avoid);
}

static const char *const sz_sfx[] = { "b", "h", "", "" };

void a64_t_excl(struct a64gen *g)
{
    uint32_t saved = g->locked;
    int lg = (int)below(RNG(g), 4), size = 1 << lg;
    bool x = lg == 3;
    bool acq = chance(RNG(g), 40), rel = chance(RNG(g), 40);
    switch (below(RNG(g), 4)) {
    case 0: case 1: {   /* ldxr, work, stxr (success unless nothing reserved) */
        int b = atomic_base(g, size, 0);
        uint32_t bm = b == 31 ? 0 : 1u << b;
        int t = a64_rt_not(g, bm);
        if (chance(RNG(g), 85))
            EMIT(g, "ld%sxr%s %s, [%s]", acq ? "a" : "", sz_sfx[lg], a64_r(t, x), base_name(b));
        else
            EMIT(g, "clrex");   /* no reservation: the store must fail */
        g->locked |= 1u << t;
        int v = a64_rt_not(g, bm);
        EMIT(g, "add %s, %s, #%d", a64_r(v, x), a64_r(t, x), range(RNG(g), 0, 4095));
        int st = a64_rt_not(g, bm | 1u << v);
        EMIT(g, "st%sxr%s %s, %s, [%s]", rel ? "l" : "", sz_sfx[lg], a64_w(st), a64_r(v, x), base_name(b));
        break;
    }
    case 2: {           /* pairs */
        int ps = chance(RNG(g), 50) ? 4 : 8;
        int b = atomic_base(g, 2 * ps, 0);
        uint32_t bm = b == 31 ? 0 : 1u << b;
        int t1 = a64_rt_not(g, bm), t2 = a64_rt_not(g, bm | 1u << t1);
        EMIT(g, "ld%sxp %s, %s, [%s]", acq ? "a" : "", a64_r(t1, ps == 8), a64_r(t2, ps == 8), base_name(b));
        int st = a64_rt_not(g, bm | 1u << t1 | 1u << t2);
        EMIT(g, "st%sxp %s, %s, %s, [%s]", rel ? "l" : "", a64_w(st), a64_r(t2, ps == 8), a64_r(t1, ps == 8),
             base_name(b));
        break;
    }
    default: {          /* load-acquire / store-release */
        int b = atomic_base(g, size, 0);
        if (chance(RNG(g), 50))
            EMIT(g, "ldar%s %s, [%s]", sz_sfx[lg], a64_r(a64_rd(g), x), base_name(b));
        else
            EMIT(g, "stlr%s %s, [%s]", sz_sfx[lg], a64_r(a64_rs(g), x), base_name(b));
        break;
    }
    }
    g->locked = saved;
}

void a64_t_lse(struct a64gen *g)
{
    static const char *const ops[] = { "ldadd", "ldclr", "ldeor", "ldset", "ldsmax", "ldsmin", "ldumax",
                                       "ldumin", "swp" };
    static const char *const ord[] = { "", "a", "l", "al" };
    uint32_t saved = g->locked;
    int lg = (int)below(RNG(g), 4), size = 1 << lg;
    bool x = lg == 3;
    const char *o = PICK(RNG(g), ord);
    switch (below(RNG(g), 5)) {
    case 0: case 1: case 2: {
        int b = atomic_base(g, size, 0);
        uint32_t bm = b == 31 ? 0 : 1u << b;
        const char *op = PICK(RNG(g), ops);
        int s = a64_rs(g);
        int t = chance(RNG(g), 10) ? 31 : a64_rt_not(g, bm);
        if (t == 31 && op[0] == 'l' && chance(RNG(g), 50)) {
            /* the st<op> alias (no acquire forms) */
            EMIT(g, "st%s%s%s %s, [%s]", op + 2, o[strlen(o) - 1] == 'l' ? "l" : "", sz_sfx[lg], a64_r(s, x),
                 base_name(b));
        } else {
            EMIT(g, "%s%s%s %s, %s, [%s]", op, o, sz_sfx[lg], a64_r(s, x), a64_r(t, x), base_name(b));
        }
        break;
    }
    case 3: {   /* cas: often with the current value, so it succeeds */
        int b = atomic_base(g, size, 0);
        uint32_t bm = b == 31 ? 0 : 1u << b;
        int s = a64_rt_not(g, bm);
        static const char *const ld[] = { "ldrb", "ldrh", "ldr", "ldr" };
        if (chance(RNG(g), 50))
            EMIT(g, "%s %s, [%s]", ld[lg], a64_r(s, x), base_name(b));
        EMIT(g, "cas%s%s %s, %s, [%s]", o, sz_sfx[lg], a64_r(s, x), a64_r(a64_rs(g), x), base_name(b));
        break;
    }
    default: {  /* casp: even register pairs */
        bool px = chance(RNG(g), 50);
        int ps = px ? 8 : 4;
        int b = atomic_base(g, 2 * ps, 0);
        uint32_t bm = b == 31 ? 0 : 1u << b;
        int s;
        do
            s = 2 * (int)below(RNG(g), 15);
        while ((g->locked | bm) >> s & 3);
        int t = 2 * (int)below(RNG(g), 15);
        if (chance(RNG(g), 50))
            EMIT(g, "ldp %s, %s, [%s]", a64_r(s, px), a64_r(s + 1, px), base_name(b));
        EMIT(g, "casp%s %s, %s, %s, %s, [%s]", o, a64_r(s, px), a64_r(s + 1, px), a64_r(t, px), a64_r(t + 1, px),
             base_name(b));
        break;
    }
    }
    g->locked = saved;
}

void a64_t_lrcpc(struct a64gen *g)
{
    uint32_t saved = g->locked;
    int lg = (int)below(RNG(g), 4);
    int b = atomic_base(g, 1 << lg, 0);
    EMIT(g, "ldapr%s %s, [%s]", sz_sfx[lg], a64_r(a64_rd(g), lg == 3), base_name(b));
    g->locked = saved;
}

/* SP moves and comes back within the item, 16 bytes at a time */
void a64_t_sp(struct a64gen *g)
{
    switch (below(RNG(g), 4)) {
    case 0: {
        int k = 16 * range(RNG(g), 1, 8);
        EMIT(g, "sub sp, sp, #%d", k);
        int off = 8 * range(RNG(g), 0, (k + 64) / 8);
        if (chance(RNG(g), 50))
            EMIT(g, "str %s, [sp, #%d]", a64_x(a64_rs(g)), off);
        else
            EMIT(g, "ldr %s, [sp, #%d]", a64_x(a64_rd(g)), off);
        EMIT(g, "add sp, sp, #%d", k);
        break;
    }
    case 1: {   /* push and pop */
        int a = a64_rs(g), b = a64_rs(g);
        EMIT(g, "stp %s, %s, [sp, #-16]!", a64_x(a), a64_x(b));
        int c = a64_rd(g), d = a64_rt_not(g, c == 31 ? 0 : 1u << c);
        EMIT(g, "ldp %s, %s, [sp], #16", a64_x(c), a64_x(d));
        break;
    }
    case 2: {   /* single-register push/pop, 16-byte steps */
        EMIT(g, "str %s, [sp, #-16]!", a64_x(a64_rs(g)));
        EMIT(g, "ldr %s, [sp], #16", a64_x(a64_rd(g)));
        break;
    }
    default: {  /* SP through a register */
        uint32_t saved = g->locked;
        int t = a64_rt(g);
        g->locked |= 1u << t;
        int k = 16 * range(RNG(g), 1, 8);
        EMIT(g, "mov %s, sp", a64_x(t));
        EMIT(g, "sub sp, %s, #%d", a64_x(t), k);
        EMIT(g, "stp q%d, q%d, [sp]", a64_vr(g), a64_vr(g));
        EMIT(g, "add sp, sp, #%d", k);
        g->locked = saved;
        break;
    }
    }
}
