/* gen_rv64.c — the random riscv64 sequence generator of the differential tester.
 *
 * A sequence is (initial state, list of items). An item is one or more lines
 * of assembler text that the minimiser keeps or drops as a whole unit; items
 * sharing a `group` are dropped together (a loop's head and tail, a call's
 * jump and return). Labels are items of their own that are never dropped.
 * Items come from templates, one per instruction class (tmpls[]); a class
 * can be switched off from the command line, and a few "classes" are only
 * switches (rmm; fmarmm, badfrm, amomisalign: known tern gaps, off by
 * default).
 *
 * Everything a sequence contains is a pure function of (seed, index, class
 * mask), so any sequence can be rebuilt for minimisation or a re-run from
 * those three numbers.
 *
 * Invariants every generated body keeps:
 *  - sp (x2) points at the 512-byte scratch buffer and s0 (x8) at scratch+128;
 *    neither is ever left changed (c.addi16sp moves sp and moves it back), so
 *    every memory access is an address computed from them with an offset that
 *    stays inside the buffer;
 *  - control flow goes forward to a label of the same sequence, except a
 *    loop's back edge, whose counter no instruction of the body writes, and a
 *    call's return; no branch lands inside a loop or a subroutine from before
 *    it (pending labels are placed first), so every sequence terminates;
 *  - frm only holds a valid rounding mode whenever an instruction with a
 *    dynamic rounding mode can run, and never RMM unless the rmm class is on
 *    (the generator tracks the set of values frm may hold; frm is not
 *    written inside loops);
 *  - no timing CSR (cycle, time, instret) is read;
 *  - random encodings (class rawenc) only appear in sequences marked
 *    may_trap, with rd forced to a writable register.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/difftest/difftest.h"
#include "tests/difftest/rv64.h"


/* ---- sequence construction ---- */

static const char *const xn[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4",
    "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4",
    "t5", "t6",
};
static const char *const fn_[32] = {
    "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2",
    "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9",
    "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

const char *rv_xreg_name(int r) { return xn[r & 31]; }
const char *rv_freg_name(int r) { return fn_[r & 31]; }

#define LOCKED_ALWAYS ((1u << 2) | (1u << 8))   /* sp, s0 */

struct gen {
    struct emitter e;           /* the sequence, its current item and pending labels */
    uint64_t classes;           /* enabled CLS_* bits */
    uint32_t locked;            /* x registers nothing may write */
    uint8_t hot_x[6], hot_f[6];
    uint8_t ftype[32];          /* what each f register holds now (a guess) */
    int loop_depth;
    uint8_t frm_set;            /* the values frm may hold here (bit per mode) */
    bool no_nest;               /* no loop or call may start here */
    bool raw;                   /* a sequence with random encodings */
};

/* pseudo-classes: switches that are not templates (see tmpls[]) */
static int cls_rmm, cls_fmarmm;

static bool enabled(struct gen *g, int cls)
{
    return (g->classes >> cls) & 1;
}

/* a write of frm = v; inside a region a forward branch may skip, or a loop,
 * the old values stay possible too */
static void frm_write(struct gen *g, unsigned v)
{
    if (g->e.npend > 0 || g->loop_depth > 0)
        g->frm_set |= (uint8_t)(1u << v);
    else
        g->frm_set = (uint8_t)(1u << v);
}

/* frm &= ~mask for some mask in `masks` (0xff: any) */
static void frm_clear(struct gen *g, unsigned mask, bool any)
{
    uint8_t out = 0;
    for (unsigned p = 0; p < 8; p++) {
        if (!(g->frm_set >> p & 1))
            continue;
        if (any) {
            for (unsigned sub = 0; sub < 8; sub++)
                if ((sub & ~p) == 0)
                    out |= (uint8_t)(1u << sub);
        } else {
            out |= (uint8_t)(1u << (p & ~mask));
        }
    }
    if (g->e.npend > 0 || g->loop_depth > 0)
        g->frm_set |= out;
    else
        g->frm_set = out;
}

/* a valid rounding mode to write to frm */
static unsigned frm_value(struct gen *g);

/* the emitter's operations, on a generator */
#define emit(g, ...) em_emit(&(g)->e, __VA_ARGS__)
#define begin(g) em_begin(&(g)->e)
#define emit_label(g, id) em_label(&(g)->e, (id))
#define tick_labels(g) em_tick_labels(&(g)->e)
#define flush_labels(g, base) em_flush_labels(&(g)->e, (base))
#define new_fwd_label(g, span) em_new_fwd_label(&(g)->e, (span))
#define structured_head(g) em_structured_head(&(g)->e)

/* ---- operand choice ---- */

static int rs(struct gen *g)
{
    int r = chance(g->e.r, 60) ? g->hot_x[below(g->e.r, 6)] : (int)below(g->e.r, 32);
    g->e.cur->xuse |= 1u << r;
    return r;
}

static const char *RS(struct gen *g) { return xn[rs(g)]; }

static int rd(struct gen *g)
{
    if (chance(g->e.r, 3))
        return 0;
    for (;;) {
        int r = chance(g->e.r, 65) ? g->hot_x[below(g->e.r, 6)] : (int)below(g->e.r, 32);
        if (r != 0 && !(g->locked & (1u << r)))
            return r;
    }
}

static const char *RD(struct gen *g) { return xn[rd(g)]; }

/* a writable register that is not x0 (a temp that must hold a value) */
static int rtmp(struct gen *g)
{
    for (;;) {
        int r = chance(g->e.r, 40) ? g->hot_x[below(g->e.r, 6)] : (int)below(g->e.r, 32);
        if (r != 0 && !(g->locked & (1u << r)))
            return r;
    }
}

/* compressed-form registers x8..x15 */
static int rdc(struct gen *g)
{
    for (;;) {
        int r = 8 + (int)below(g->e.r, 8);
        if (!(g->locked & (1u << r)))
            return r;
    }
}

static int rsc(struct gen *g)
{
    int r = 8 + (int)below(g->e.r, 8);
    g->e.cur->xuse |= 1u << r;
    return r;
}

/* a writable register, never x0 */
static int rdnz(struct gen *g)
{
    return rtmp(g);
}

static int fpick(struct gen *g)
{
    return chance(g->e.r, 55) ? g->hot_f[below(g->e.r, 6)] : (int)below(g->e.r, 32);
}

/* an f source of the given type (mostly) */
static int fs(struct gen *g, int type)
{
    int r = fpick(g);
    for (int tries = 0; tries < 8 && chance(g->e.r, 88) && g->ftype[r] != type; tries++)
        r = fpick(g);
    g->e.cur->fuse |= 1u << r;
    return r;
}

static const char *FS(struct gen *g, int type) { return fn_[fs(g, type)]; }

static const char *FD(struct gen *g, int type)
{
    int r = fpick(g);
    g->ftype[r] = (uint8_t)type;
    return fn_[r];
}

static const char *const rms[] = { "rne", "rtz", "rdn", "rup", "rmm", "dyn" };

/* a rounding-mode operand; RMM (static, or dynamic while frm may be RMM)
 * only when its class is on: `fma` selects the fmarmm class */
static const char *RM_(struct gen *g, bool fma)
{
    bool rmm_ok = enabled(g, cls_rmm) && (!fma || enabled(g, cls_fmarmm));
    bool dyn_ok = rmm_ok || !(g->frm_set & (1u << 4));
    for (;;) {
        const char *m = chance(g->e.r, 40) ? "dyn" : PICK(g->e.r, rms);
        if (m[1] == 'm' && !rmm_ok)
            continue;
        if (m[0] == 'd' && !dyn_ok)
            continue;
        return m;
    }
}

static const char *RM(struct gen *g)
{
    return RM_(g, false);
}

static unsigned frm_value(struct gen *g)
{
    return (unsigned)range(g->e.r, 0, enabled(g, cls_rmm) ? 4 : 3);
}

static int imm12(struct gen *g)
{
    static const int sp[] = { 0, 1, -1, 2047, -2048, 31, 32, 63, 64, 0x7ff, 0x800 - 1, -2, 255, 256 };
    return chance(g->e.r, 30) ? PICK(g->e.r, sp) : range(g->e.r, -2048, 2047);
}

static int shamt(struct gen *g, int w)
{
    static const int sp[] = { 0, 1, 31, 32, 63 };
    int v = chance(g->e.r, 30) ? PICK(g->e.r, sp) : range(g->e.r, 0, 63);
    return v & (w - 1);
}

/* ---- templates, one per class ---- */

static void t_alu(struct gen *g)
{
    static const char *const ops[] = {
        "add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
        "addw", "subw", "sllw", "srlw", "sraw",
    };
    const char *op = PICK(g->e.r, ops);
    int d = rd(g), a = rs(g), b = chance(g->e.r, 8) ? a : rs(g);
    emit(g, "%s %s, %s, %s", op, xn[d], xn[a], xn[b]);
}

static void t_alui(struct gen *g)
{
    switch (below(g->e.r, 6)) {
    case 0: case 1: {
        static const char *const ops[] = { "addi", "slti", "sltiu", "xori", "ori", "andi", "addiw" };
        emit(g, "%s %s, %s, %d", PICK(g->e.r, ops), RD(g), RS(g), imm12(g));
        break;
    }
    case 2: case 3: {
        static const char *const ops[] = { "slli", "srli", "srai" };
        emit(g, "%s %s, %s, %d", PICK(g->e.r, ops), RD(g), RS(g), shamt(g, 64));
        break;
    }
    case 4: {
        static const char *const ops[] = { "slliw", "srliw", "sraiw" };
        emit(g, "%s %s, %s, %d", PICK(g->e.r, ops), RD(g), RS(g), shamt(g, 32));
        break;
    }
    default: {
        unsigned v = chance(g->e.r, 30) ? PICK(g->e.r, ((const unsigned[]){ 0, 1, 0x80000, 0xfffff, 0x7ffff }))
                                      : (unsigned)below(g->e.r, 1u << 20);
        emit(g, "%s %s, 0x%x", chance(g->e.r, 70) ? "lui" : "auipc", RD(g), v);
        break;
    }
    }
}

static void t_m(struct gen *g)
{
    static const char *const ops[] = {
        "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu",
        "mulw", "divw", "divuw", "remw", "remuw",
    };
    const char *op = PICK(g->e.r, ops);
    if (chance(g->e.r, 30)) {
        /* the division corner cases, forced: MIN / -1, x / 0 */
        static const uint64_t lhs[] = { 0x8000000000000000ull, 0xffffffff80000000ull,
                                        0x80000000ull, 0x7fffffffffffffffull, 5, 0xfffffffffffffffbull };
        static const uint64_t rhs[] = { 0, 0xffffffffffffffffull, 0xffffffff, 0x100000000ull,
                                        0xffffffff00000000ull, 1 };
        int a = rtmp(g), b;
        do
            b = rtmp(g);
        while (b == a);
        emit(g, "li %s, 0x%llx", xn[a], (unsigned long long)PICK(g->e.r, lhs));
        emit(g, "li %s, 0x%llx", xn[b], (unsigned long long)PICK(g->e.r, rhs));
        emit(g, "%s %s, %s, %s", op, RD(g), xn[a], xn[b]);
        return;
    }
    int d = rd(g), a = rs(g), b = chance(g->e.r, 8) ? a : rs(g);
    emit(g, "%s %s, %s, %s", op, xn[d], xn[a], xn[b]);
}

static void t_zba(struct gen *g)
{
    static const char *const ops[] = {
        "sh1add", "sh2add", "sh3add", "sh1add.uw", "sh2add.uw", "sh3add.uw", "add.uw",
    };
    if (chance(g->e.r, 15))
        emit(g, "slli.uw %s, %s, %d", RD(g), RS(g), shamt(g, 64));
    else
        emit(g, "%s %s, %s, %s", PICK(g->e.r, ops), RD(g), RS(g), RS(g));
}

static void t_zbb(struct gen *g)
{
    static const char *const r3[] = { "andn", "orn", "xnor", "max", "maxu", "min", "minu",
                                      "rol", "ror", "rolw", "rorw" };
    static const char *const r2[] = { "clz", "ctz", "cpop", "clzw", "ctzw", "cpopw",
                                      "sext.b", "sext.h", "zext.h", "orc.b", "rev8" };
    switch (below(g->e.r, 5)) {
    case 0: case 1: {
        int d = rd(g), a = rs(g), b = chance(g->e.r, 8) ? a : rs(g);
        emit(g, "%s %s, %s, %s", PICK(g->e.r, r3), xn[d], xn[a], xn[b]);
        break;
    }
    case 2: case 3: {
        const char *op = PICK(g->e.r, r2);
        if (!strcmp(op, "ctzw")) {
            /* qemu 7.2 computes ctzw as a 64-bit ctz capped at 32 when the
             * input is not a constant, so a zero low word with upper bits
             * set gives the index of the lowest upper bit; the spec (Zbb:
             * "ctzw ... counts the number of 0's before the first 1 in the
             * least-significant word; if rs is 0 the output is 32") says 32.
             * tern is right. Clear the upper word first so qemu agrees. */
            int t = rtmp(g);
            emit(g, "zext.w %s, %s", xn[t], RS(g));
            emit(g, "ctzw %s, %s", RD(g), xn[t]);
        } else {
            emit(g, "%s %s, %s", op, RD(g), RS(g));
        }
        break;
    }
    default:
        if (chance(g->e.r, 50))
            emit(g, "rori %s, %s, %d", RD(g), RS(g), shamt(g, 64));
        else
            emit(g, "roriw %s, %s, %d", RD(g), RS(g), shamt(g, 32));
        break;
    }
}

static void t_zbs(struct gen *g)
{
    static const char *const ops[] = { "bclr", "bext", "binv", "bset" };
    const char *op = PICK(g->e.r, ops);
    if (chance(g->e.r, 50))
        emit(g, "%s %s, %s, %s", op, RD(g), RS(g), RS(g));
    else
        emit(g, "%si %s, %s, %d", op, RD(g), RS(g), shamt(g, 64));
}

static int nz6(struct gen *g)
{
    int v;
    do
        v = range(g->e.r, -32, 31);
    while (v == 0);
    return v;
}

static void t_rvc(struct gen *g)
{
    emit(g, ".option push");
    emit(g, ".option rvc");
    switch (below(g->e.r, 16)) {
    case 0: emit(g, "c.addi %s, %d", xn[rdnz(g)], nz6(g)); break;
    case 1: emit(g, "c.addiw %s, %d", xn[rdnz(g)], range(g->e.r, -32, 31)); break;
    case 2: emit(g, "c.li %s, %d", xn[rdnz(g)], range(g->e.r, -32, 31)); break;
    case 3: {
        int d;
        do
            d = rdnz(g);
        while (d == 2);
        int v = chance(g->e.r, 50) ? range(g->e.r, 1, 31) : range(g->e.r, 0xfffe0, 0xfffff);
        emit(g, "c.lui %s, 0x%x", xn[d], v);
        break;
    }
    case 4: emit(g, "c.slli %s, %d", xn[rdnz(g)], range(g->e.r, 1, 63)); break;
    case 5: emit(g, "c.srli %s, %d", xn[rdc(g)], range(g->e.r, 1, 63)); break;
    case 6: emit(g, "c.srai %s, %d", xn[rdc(g)], range(g->e.r, 1, 63)); break;
    case 7: emit(g, "c.andi %s, %d", xn[rdc(g)], range(g->e.r, -32, 31)); break;
    case 8: {
        int s;
        do
            s = rs(g);
        while (s == 0);
        emit(g, "c.mv %s, %s", xn[rdnz(g)], xn[s]);
        break;
    }
    case 9: {
        int s;
        do
            s = rs(g);
        while (s == 0);
        emit(g, "c.add %s, %s", xn[rdnz(g)], xn[s]);
        break;
    }
    case 10: case 11: {
        static const char *const ops[] = { "c.sub", "c.xor", "c.or", "c.and", "c.subw", "c.addw" };
        int d = rdc(g);
        emit(g, "%s %s, %s", PICK(g->e.r, ops), xn[d], xn[rsc(g)]);
        break;
    }
    case 12:
        emit(g, "c.addi4spn %s, sp, %d", xn[rdc(g)], 4 * range(g->e.r, 1, 255));
        break;
    case 13:
        emit(g, "c.nop");
        break;
    case 14: {
        /* sp moves and comes back; a load through the moved sp in between */
        int k = 16 * range(g->e.r, 1, 15);
        emit(g, "c.addi16sp sp, %d", k);
        emit(g, "c.ldsp %s, %d(sp)", xn[rdnz(g)], 8 * range(g->e.r, 0, (504 - k) / 8));
        emit(g, "c.addi16sp sp, %d", -k);
        break;
    }
    default: {
        /* c.addi on the value the previous op left: a chain in one register */
        int d = rdnz(g);
        emit(g, "c.li %s, %d", xn[d], range(g->e.r, -32, 31));
        emit(g, "c.slli %s, %d", xn[d], range(g->e.r, 1, 63));
        emit(g, "c.addi %s, %d", xn[d], nz6(g));
        break;
    }
    }
    emit(g, ".option pop");
}

/* a memory operand: "off(base)" for an access of `size` bytes, maybe
 * preceded by a line that sets up a temp base. `align` forces alignment. */
static void mem_operand(struct gen *g, int size, bool align, char *out, size_t outlen)
{
    int base, lo;   /* base register and its offset from the scratch start */
    switch (below(g->e.r, 3)) {
    case 0: base = 2; lo = 0; break;
    case 1: base = 8; lo = 128; break;
    default: {
        base = rtmp(g);
        lo = range(g->e.r, 0, 511);
        emit(g, "addi %s, sp, %d", xn[base], lo);
        break;
    }
    }
    /* the address: mostly in the first 64 bytes, so accesses overlap */
    int addr = chance(g->e.r, 70) ? range(g->e.r, 0, 64 - size) : range(g->e.r, 0, 512 - size);
    if (align || chance(g->e.r, 85))
        addr &= ~(size - 1);
    snprintf(out, outlen, "%d(%s)", addr - lo, xn[base]);
    g->e.cur->xuse |= 1u << base;
}

static void unlock_temps(struct gen *g, uint32_t saved)
{
    g->locked = saved;
}

static void t_mem(struct gen *g)
{
    static const struct { const char *op; int size; bool store; } ops[] = {
        { "lb", 1, false }, { "lh", 2, false }, { "lw", 4, false }, { "ld", 8, false },
        { "lbu", 1, false }, { "lhu", 2, false }, { "lwu", 4, false },
        { "sb", 1, true }, { "sh", 2, true }, { "sw", 4, true }, { "sd", 8, true },
    };
    uint32_t saved = g->locked;
    if (chance(g->e.r, 25)) {
        /* compressed forms */
        emit(g, ".option push");
        emit(g, ".option rvc");
        bool d8 = chance(g->e.r, 50), st = chance(g->e.r, 50);
        int sz = d8 ? 8 : 4;
        if (chance(g->e.r, 50)) {
            /* c.lw/c.ld/c.sw/c.sd via s0 or a temp among x8..x15 */
            int base = 8, lo = 128;
            if (chance(g->e.r, 50)) {
                base = rdc(g);
                lo = range(g->e.r, 0, 250) & ~7;
                emit(g, ".option norvc");
                emit(g, "addi %s, sp, %d", xn[base], lo);
                emit(g, ".option rvc");
            }
            int off = range(g->e.r, 0, (sz == 8 ? 248 : 124) / sz) * sz;
            if (lo + off + sz > 512)
                off = 0;
            g->locked |= 1u << base;
            if (st)
                emit(g, "c.s%c %s, %d(%s)", d8 ? 'd' : 'w', xn[rsc(g)], off, xn[base]);
            else
                emit(g, "c.l%c %s, %d(%s)", d8 ? 'd' : 'w', xn[rdc(g)], off, xn[base]);
            g->e.cur->xuse |= 1u << base;
        } else {
            int off = range(g->e.r, 0, (sz == 8 ? 504 : 252) / sz) * sz;
            if (st)
                emit(g, "c.s%csp %s, %d(sp)", d8 ? 'd' : 'w', RS(g), off);
            else
                emit(g, "c.l%csp %s, %d(sp)", d8 ? 'd' : 'w', xn[rdnz(g)], off);
        }
        emit(g, ".option pop");
        unlock_temps(g, saved);
        return;
    }
    int k = (int)below(g->e.r, sizeof(ops) / sizeof(ops[0]));
    char m[64];
    mem_operand(g, ops[k].size, false, m, sizeof(m));
    if (ops[k].store)
        emit(g, "%s %s, %s", ops[k].op, RS(g), m);
    else
        emit(g, "%s %s, %s", ops[k].op, RD(g), m);
    unlock_temps(g, saved);
}

static void t_fmem(struct gen *g)
{
    uint32_t saved = g->locked;
    bool d = chance(g->e.r, 50), st = chance(g->e.r, 50);
    if (d && chance(g->e.r, 30)) {
        emit(g, ".option push");
        emit(g, ".option rvc");
        if (chance(g->e.r, 50)) {
            /* c.fld/c.fsd name f8..f15 */
            int off = range(g->e.r, 0, 31) * 8, f = 8 + (int)below(g->e.r, 8);
            if (st) {
                g->e.cur->fuse |= 1u << f;
                emit(g, "c.fsd %s, %d(s0)", fn_[f], off);
            } else {
                g->ftype[f] = FT_D;
                emit(g, "c.fld %s, %d(s0)", fn_[f], off);
            }
        } else {
            int off = range(g->e.r, 0, 63) * 8;
            if (st)
                emit(g, "c.fsdsp %s, %d(sp)", FS(g, FT_D), off);
            else
                emit(g, "c.fldsp %s, %d(sp)", FD(g, FT_D), off);
        }
        g->e.cur->xuse |= 1u << 8 | 1u << 2;
        emit(g, ".option pop");
        return;
    }
    char m[64];
    mem_operand(g, d ? 8 : 4, false, m, sizeof(m));
    if (st)
        emit(g, "%s %s, %s", d ? "fsd" : "fsw", FS(g, d ? FT_D : FT_S), m);
    else
        emit(g, "%s %s, %s", d ? "fld" : "flw", FD(g, d ? FT_D : FT_S), m);
    unlock_temps(g, saved);
}

static const char *ordering(struct gen *g)
{
    static const char *const o[] = { "", "", ".aq", ".rl", ".aqrl" };
    return PICK(g->e.r, o);
}

/* sets up a temp pointing at an aligned scratch address; returns it */
static int amo_addr(struct gen *g, int size)
{
    if (chance(g->e.r, 25))
        return chance(g->e.r, 50) ? 2 : 8;
    int t = rtmp(g);
    int off = chance(g->e.r, 70) ? range(g->e.r, 0, 63) : range(g->e.r, 0, 511);
    off &= ~(size - 1);
    if (off + size > 512)
        off = 0;
    emit(g, "addi %s, sp, %d", xn[t], off);
    return t;
}

static void t_amo(struct gen *g)
{
    static const char *const ops[] = {
        "amoswap", "amoadd", "amoxor", "amoand", "amoor", "amomin", "amomax", "amominu", "amomaxu",
    };
    bool d = chance(g->e.r, 50);
    int a = amo_addr(g, d ? 8 : 4);
    g->e.cur->xuse |= 1u << a;
    emit(g, "%s.%c%s %s, %s, (%s)", PICK(g->e.r, ops), d ? 'd' : 'w', ordering(g), RD(g), RS(g), xn[a]);
}

static void t_lrsc(struct gen *g)
{
    uint32_t saved = g->locked;
    bool d = chance(g->e.r, 50);
    char w = d ? 'd' : 'w';
    int size = d ? 8 : 4;
    int a = amo_addr(g, size);
    g->locked |= 1u << a;
    g->e.cur->xuse |= 1u << a;
    unsigned kind = below(g->e.r, 6);
    if (kind != 5)
        emit(g, "lr.%c%s %s, (%s)", w, ordering(g), RD(g), xn[a]);
    switch (kind) {
    case 1:   /* some ALU work in between */
        emit(g, "addi %s, %s, %d", RD(g), RS(g), imm12(g));
        emit(g, "xor %s, %s, %s", RD(g), RS(g), RS(g));
        break;
    case 2: { /* a store to the reserved word in between (changes it or not) */
        char m[40];
        snprintf(m, sizeof(m), "0(%s)", xn[a]);
        emit(g, "s%c %s, %s", w, RS(g), m);
        break;
    }
    case 3: { /* sc to another address: fails */
        int b = amo_addr(g, size);
        g->e.cur->xuse |= 1u << b;
        emit(g, "sc.%c%s %s, %s, (%s)", w, ordering(g), RD(g), RS(g), xn[b]);
        unlock_temps(g, saved);
        return;
    }
    case 4:   /* two sc in a row: the second fails */
        emit(g, "sc.%c%s %s, %s, (%s)", w, ordering(g), RD(g), RS(g), xn[a]);
        break;
    default:
        break;
    }
    emit(g, "sc.%c%s %s, %s, (%s)", w, ordering(g), RD(g), RS(g), xn[a]);
    unlock_temps(g, saved);
}

static const char *const bops[] = { "beq", "bne", "blt", "bge", "bltu", "bgeu" };

static int span(struct gen *g)
{
    return range(g->e.r, 1, chance(g->e.r, 70) ? 3 : 6);
}

static void t_branch(struct gen *g)
{
    if (chance(g->e.r, 20)) {
        emit(g, ".option push");
        emit(g, ".option rvc");
        int l = new_fwd_label(g, range(g->e.r, 1, 3));
        emit(g, "%s %s, @L%d", chance(g->e.r, 50) ? "c.beqz" : "c.bnez", xn[rsc(g)], l);
        emit(g, ".option pop");
        return;
    }
    int l = new_fwd_label(g, span(g));
    int a = rs(g), b = chance(g->e.r, 10) ? a : rs(g);
    emit(g, "%s %s, %s, @L%d", PICK(g->e.r, bops), xn[a], xn[b], l);
}

static void t_jump(struct gen *g)
{
    int l = new_fwd_label(g, span(g));
    switch (below(g->e.r, 5)) {
    case 0:
        emit(g, "j @L%d", l);
        break;
    case 1:
        emit(g, "jal %s, @L%d", RD(g), l);
        break;
    case 2:
        emit(g, ".option push");
        emit(g, ".option rvc");
        emit(g, "c.j @L%d", l);
        emit(g, ".option pop");
        break;
    case 3: {
        int t = rtmp(g);
        emit(g, "la %s, @L%d", xn[t], l);
        emit(g, "jalr %s, %d(%s)", RD(g), (int)below(g->e.r, 2), xn[t]);
        break;
    }
    default: {
        int t = rdc(g);
        emit(g, "la %s, @L%d", xn[t], l);
        emit(g, ".option push");
        emit(g, ".option rvc");
        /* c.jalr writes ra, which may be a loop counter */
        bool link = chance(g->e.r, 50) && !(g->locked & 2);
        emit(g, "%s %s", link ? "c.jalr" : "c.jr", xn[t]);
        emit(g, ".option pop");
        break;
    }
    }
}

static void t_farith(struct gen *g)
{
    static const char *const ops[] = { "fadd", "fsub", "fmul", "fdiv" };
    int t = chance(g->e.r, 50) ? FT_S : FT_D;
    char sfx = t == FT_S ? 's' : 'd';
    if (chance(g->e.r, 15)) {
        const char *a = FS(g, t);
        emit(g, "fsqrt.%c %s, %s, %s", sfx, FD(g, t), a, RM(g));
        return;
    }
    const char *a = FS(g, t), *b = FS(g, t);
    emit(g, "%s.%c %s, %s, %s, %s", PICK(g->e.r, ops), sfx, FD(g, t), a, b, RM(g));
}

static void t_fma(struct gen *g)
{
    static const char *const ops[] = { "fmadd", "fmsub", "fnmsub", "fnmadd" };
    int t = chance(g->e.r, 50) ? FT_S : FT_D;
    const char *a = FS(g, t), *b = FS(g, t), *c = FS(g, t);
    emit(g, "%s.%c %s, %s, %s, %s, %s", PICK(g->e.r, ops), t == FT_S ? 's' : 'd', FD(g, t), a, b,
         c, RM_(g, true));
}

static void t_fcvt(struct gen *g)
{
    static const char *const ik[] = { "w", "wu", "l", "lu" };
    int t = chance(g->e.r, 50) ? FT_S : FT_D;
    char sfx = t == FT_S ? 's' : 'd';
    switch (below(g->e.r, 5)) {
    case 0: case 1: {                      /* float -> int */
        const char *a = FS(g, t);
        emit(g, "fcvt.%s.%c %s, %s, %s", PICK(g->e.r, ik), sfx, RD(g), a, RM(g));
        break;
    }
    case 2: {                              /* int -> float */
        const char *k = PICK(g->e.r, ik);
        const char *a = RS(g);
        /* int -> double is exact for w/wu: no rounding mode operand */
        if (t == FT_D && k[0] == 'w')
            emit(g, "fcvt.d.%s %s, %s", k, FD(g, t), a);
        else
            emit(g, "fcvt.%c.%s %s, %s, %s", sfx, k, FD(g, t), a, RM(g));
        break;
    }
    case 3: {                              /* a chosen value through an x register */
        uint64_t v = t == FT_D ? gen_double_bits(g->e.r) : 0xffffffff00000000ull | gen_float_bits(g->e.r);
        int x = rtmp(g);
        emit(g, "li %s, 0x%llx", xn[x], (unsigned long long)v);
        int f = fpick(g);
        g->ftype[f] = (uint8_t)t;
        emit(g, "fmv.d.x %s, %s", fn_[f], xn[x]);
        emit(g, "fcvt.%s.%c %s, %s, %s", PICK(g->e.r, ik), sfx, RD(g), fn_[f], RM(g));
        break;
    }
    default:                               /* float <-> double */
        if (t == FT_S) {
            const char *a = FS(g, FT_D);
            emit(g, "fcvt.s.d %s, %s, %s", FD(g, FT_S), a, RM(g));
        } else {
            const char *a = FS(g, FT_S);
            emit(g, "fcvt.d.s %s, %s", FD(g, FT_D), a);
        }
        break;
    }
}

static void t_fcmp(struct gen *g)
{
    static const char *const ops[] = { "feq", "flt", "fle" };
    int t = chance(g->e.r, 50) ? FT_S : FT_D;
    const char *a = FS(g, t), *b = chance(g->e.r, 10) ? a : FS(g, t);
    emit(g, "%s.%c %s, %s, %s", PICK(g->e.r, ops), t == FT_S ? 's' : 'd', RD(g), a, b);
}

static void t_fminmax(struct gen *g)
{
    int t = chance(g->e.r, 50) ? FT_S : FT_D;
    const char *a = FS(g, t), *b = FS(g, t);
    emit(g, "%s.%c %s, %s, %s", chance(g->e.r, 50) ? "fmin" : "fmax", t == FT_S ? 's' : 'd',
         FD(g, t), a, b);
}

static void t_fclass(struct gen *g)
{
    int t = chance(g->e.r, 50) ? FT_S : FT_D;
    const char *a = FS(g, t);
    emit(g, "fclass.%c %s, %s", t == FT_S ? 's' : 'd', RD(g), a);
}

static void t_fsgnj(struct gen *g)
{
    static const char *const ops[] = { "fsgnj", "fsgnjn", "fsgnjx" };
    int t = chance(g->e.r, 50) ? FT_S : FT_D;
    const char *a = FS(g, t), *b = chance(g->e.r, 20) ? a : FS(g, t);
    emit(g, "%s.%c %s, %s, %s", PICK(g->e.r, ops), t == FT_S ? 's' : 'd', FD(g, t), a, b);
}

static void t_fmv(struct gen *g)
{
    switch (below(g->e.r, 4)) {
    case 0: emit(g, "fmv.x.w %s, %s", RD(g), FS(g, FT_S)); break;
    case 1: emit(g, "fmv.x.d %s, %s", RD(g), FS(g, FT_D)); break;
    case 2: { const char *a = RS(g); emit(g, "fmv.w.x %s, %s", FD(g, FT_S), a); break; }
    default: { const char *a = RS(g); emit(g, "fmv.d.x %s, %s", FD(g, FT_D), a); break; }
    }
}

static void t_fcsr(struct gen *g)
{
    /* frm is only changed outside loops (where the generator knows which
     * values it may hold when a later instruction uses the dynamic mode) */
    unsigned k = below(g->e.r, 12);
    if (g->loop_depth > 0 && (k == 3 || k == 5 || k == 6 || k >= 9))
        k = below(g->e.r, 3);
    switch (k) {
    case 0: emit(g, "frcsr %s", RD(g)); break;
    case 1: emit(g, "frflags %s", RD(g)); break;
    case 2: emit(g, "frrm %s", RD(g)); break;
    case 3: {
        unsigned v = frm_value(g);
        emit(g, "fsrmi %s, %u", RD(g), v);
        frm_write(g, v);
        break;
    }
    case 4: emit(g, "fsflagsi %s, %d", RD(g), range(g->e.r, 0, 31)); break;
    case 5: {
        /* frm is 3 bits wide: the upper bits of the source are dropped */
        int t = rtmp(g);
        unsigned v = frm_value(g);
        emit(g, "li %s, %u", xn[t], v | (chance(g->e.r, 20) ? 8u * (unsigned)range(g->e.r, 1, 1000) : 0));
        emit(g, "fsrm %s, %s", RD(g), xn[t]);
        frm_write(g, v);
        break;
    }
    case 6: {
        int t = rtmp(g);
        /* bits above 7 are reserved: writes ignored, reads zero */
        unsigned m = frm_value(g);
        unsigned v = m << 5 | (unsigned)range(g->e.r, 0, 31);
        if (chance(g->e.r, 25))
            v |= (unsigned)below(g->e.r, 1u << 20) << 8;
        emit(g, "li %s, 0x%x", xn[t], v);
        emit(g, "fscsr %s, %s", RD(g), xn[t]);
        frm_write(g, m);
        break;
    }
    case 7:
        emit(g, "fsflags %s, %s", RD(g), RS(g));
        break;
    case 8:
        emit(g, "%s %s, fflags, %s", chance(g->e.r, 50) ? "csrrs" : "csrrc", RD(g), RS(g));
        break;
    case 9: {
        static const char *const ops[] = { "csrrsi", "csrrci", "csrrwi" };
        const char *op = PICK(g->e.r, ops);
        bool frm = chance(g->e.r, 30);
        unsigned v = (unsigned)range(g->e.r, 0, 31);
        if (frm) {
            /* frm must stay a valid mode: writes of one, clears of any bits */
            if (op[4] == 's')
                op = "csrrci";
            if (op[4] == 'w') {
                v = frm_value(g);
                frm_write(g, v);
            } else {
                frm_clear(g, v, false);
            }
        }
        emit(g, "%s %s, %s, %u", op, RD(g), frm ? "frm" : "fflags", v);
        break;
    }
    case 10: {
        /* a reserved mode in frm, read back, then a valid one again */
        int t = rdnz(g);
        emit(g, "fsrmi %s, %d", RD(g), range(g->e.r, 5, 7));
        emit(g, "frcsr %s", xn[t]);
        unsigned v = frm_value(g);
        emit(g, "fsrmi %s, %u", RD(g), v);
        frm_write(g, v);
        break;
    }
    default:
        emit(g, "csrrc %s, frm, %s", RD(g), RS(g));
        frm_clear(g, 0, true);
        break;
    }
}

/* single-precision ops on values that are not properly NaN-boxed */
static void t_nanbox(struct gen *g)
{
    int f = fpick(g);
    uint64_t v;
    switch (below(g->e.r, 3)) {
    case 0: v = gen_float_bits(g->e.r); break;                                  /* upper 0 */
    case 1: v = (uint64_t)gen_float_bits(g->e.r) | 0xfffffffe00000000ull; break; /* nearly boxed */
    default: v = rng_next(g->e.r); break;
    }
    int x = rtmp(g);
    emit(g, "li %s, 0x%llx", xn[x], (unsigned long long)v);
    emit(g, "fmv.d.x %s, %s", fn_[f], xn[x]);
    g->ftype[f] = FT_D;
    const char *o = FS(g, FT_S);
    switch (below(g->e.r, 8)) {
    case 0: emit(g, "fadd.s %s, %s, %s, %s", FD(g, FT_S), fn_[f], o, RM(g)); break;
    case 1: emit(g, "fsgnj%s.s %s, %s, %s", PICK(g->e.r, ((const char *const[]){ "", "n", "x" })),
                 FD(g, FT_S), chance(g->e.r, 50) ? fn_[f] : o, chance(g->e.r, 50) ? fn_[f] : o); break;
    case 2: emit(g, "fmv.x.w %s, %s", RD(g), fn_[f]); break;
    case 3: emit(g, "fclass.s %s, %s", RD(g), fn_[f]); break;
    case 4: emit(g, "fcvt.d.s %s, %s", FD(g, FT_D), fn_[f]); break;
    case 5: emit(g, "fsw %s, %d(sp)", fn_[f], 4 * range(g->e.r, 0, 15)); break;
    case 6: emit(g, "%s.s %s, %s, %s", chance(g->e.r, 50) ? "fmin" : "fmax", FD(g, FT_S), o, fn_[f]); break;
    default: emit(g, "feq.s %s, %s, %s", RD(g), fn_[f], o); break;
    }
    g->e.cur->fuse |= 1u << f;
}

static void t_fence(struct gen *g)
{
    static const char *const f[] = { "fence", "fence rw, rw", "fence.tso", "fence r, r", "fence w, w",
                                     "fence w, r", "fence iorw, iorw", "fence r, rw" };
    if (g->loop_depth == 0 && chance(g->e.r, 4))
        emit(g, "fence.i");
    else
        emit(g, "%s", PICK(g->e.r, f));
}

static void t_ecall(struct gen *g)
{
    /* sched_yield: returns 0 and changes nothing; ends a block mid-sequence */
    if (g->locked & (1u << 10 | 1u << 17)) {
        emit(g, "nop");
        return;
    }
    emit(g, "li a7, 124");
    emit(g, "ecall");
}

/* A random word in one of the computational major opcodes, rd forced to a
 * writable register: mostly legal encodings, some reserved ones. Both
 * emulators must agree, on the result or on SIGILL. Excluded: rounding mode
 * RMM unless its class is on, and dynamic rounding while frm may be RMM;
 * fmt H/Q of the FP opcodes (qemu may know Zfh, tern does not); CSR numbers
 * other than a fixed list (no timers, no frm writes). */
static int cls_badfrm, cls_amomisalign;

/* compressed encodings the spec reserves, HINTs, and c.ebreak */
static void rawenc_rvc(struct gen *g)
{
    unsigned r = (unsigned)rdnz(g);      /* a writable register */
    unsigned rc = (unsigned)rdc(g) - 8;  /* x8..x15, writable */
    unsigned imm6 = (unsigned)below(g->e.r, 64);
    uint16_t h;
    switch (below(g->e.r, 16)) {
    case 0: h = 0x0000; break;                                           /* all zero: illegal */
    case 1: h = (uint16_t)(0x0000 | rc << 2); break;                     /* c.addi4spn nzuimm=0 */
    case 2: h = (uint16_t)(0x6001 | r << 7); break;                      /* c.lui rd, 0 (reserved) */
    case 3: h = 0x6101; break;                                           /* c.addi16sp 0 (reserved) */
    case 4: h = (uint16_t)(0x2001 | (imm6 & 32) << 7 | (imm6 & 31) << 2); break; /* c.addiw x0 */
    case 5: h = (uint16_t)(0x4002 | (imm6 & 32) << 7 | (imm6 & 31) << 2); break; /* c.lwsp x0 */
    case 6: h = (uint16_t)(0x6002 | (imm6 & 32) << 7 | (imm6 & 31) << 2); break; /* c.ldsp x0 */
    case 7: h = 0x8002; break;                                           /* c.jr x0 (reserved) */
    case 8: h = (uint16_t)(0x0001 | (imm6 & 32) << 7 | ((imm6 | 1) & 31) << 2); break; /* c.nop imm: HINT */
    case 9: h = (uint16_t)(0x0001 | r << 7); break;                      /* c.addi rd, 0: HINT */
    case 10: h = (uint16_t)(0x4001 | (imm6 & 32) << 7 | (imm6 & 31) << 2); break; /* c.li x0: HINT */
    case 11: h = (uint16_t)(0x8002 | ((r % 31) + 1) << 2); break;        /* c.mv x0, rs: HINT */
    case 12: h = (uint16_t)(0x9002 | ((r % 31) + 1) << 2); break;        /* c.add x0, rs: HINT */
    case 13: h = (uint16_t)(0x0002 | r << 7); break;                     /* c.slli rd, 0: HINT */
    case 14: h = (uint16_t)(0x8001 | (below(g->e.r, 2) << 10) | rc << 7); break; /* c.srli/srai 0: HINT */
    default: h = 0x9002; break;                                          /* c.ebreak: SIGTRAP */
    }
    emit(g, ".hword 0x%04x", h);
}

/* known tern gaps, off by default (classes badfrm, amomisalign) */
static void rawenc_known(struct gen *g)
{
    if (enabled(g, cls_badfrm) && (!enabled(g, cls_amomisalign) || chance(g->e.r, 50))) {
        /* a dynamic-rm op while frm holds a reserved value: illegal (F: "If frm
         * is set to an invalid value (101-111), any subsequent attempt to
         * execute a floating-point operation with a dynamic rounding mode will
         * raise an illegal instruction exception") */
        static const char *const ops[] = { "fadd.s %s, %s, %s, dyn", "fmul.d %s, %s, %s, dyn",
                                           "fmadd.d %s, %s, %s, %s, dyn" };
        emit(g, "fsrmi zero, %d", range(g->e.r, 5, 7));
        const char *op = PICK(g->e.r, ops);
        emit(g, op, FD(g, FT_S), FS(g, FT_S), FS(g, FT_S), FS(g, FT_S));
        emit(g, "fsrmi zero, %u", frm_value(g));
    } else {
        /* a misaligned AMO: an address-misaligned exception (SIGBUS) */
        int t = rtmp(g);
        emit(g, "addi %s, sp, %d", xn[t], 4 * range(g->e.r, 0, 15) + range(g->e.r, 1, 3));
        emit(g, "amoadd.%c %s, %s, (%s)", chance(g->e.r, 50) ? 'w' : 'd', RD(g), RS(g), xn[t]);
    }
}

static void t_rawenc(struct gen *g)
{
    if ((enabled(g, cls_badfrm) || enabled(g, cls_amomisalign)) && chance(g->e.r, 10)) {
        rawenc_known(g);
        return;
    }
    if (chance(g->e.r, 20)) {
        emit(g, ".option push");
        emit(g, ".option rvc");
        rawenc_rvc(g);
        emit(g, ".option pop");
        return;
    }
    static const uint8_t opcodes[] = { 0x33, 0x33, 0x3b, 0x3b, 0x13, 0x13, 0x1b, 0x53, 0x53, 0x53,
                                       0x43, 0x47, 0x4b, 0x4f, 0x73 };
    uint32_t op = PICK(g->e.r, opcodes);
    uint32_t w = (uint32_t)rng_next(g->e.r) & ~0x7fu;
    unsigned dst = (unsigned)rd(g);
    w = (w & ~(31u << 7)) | dst << 7 | op;
    uint32_t f3 = (w >> 12) & 7;
    /* FMA in RMM is a documented gap of its own (class fmarmm) */
    bool fma = op == 0x43 || op == 0x47 || op == 0x4b || op == 0x4f;
    bool rmm_ok = enabled(g, cls_rmm) && (!fma || enabled(g, cls_fmarmm));
    bool dyn_ok = rmm_ok || !(g->frm_set & (1u << 4));
    switch (op) {
    case 0x33: case 0x3b:
        /* funct7: mostly the values that mean something */
        if (chance(g->e.r, 80)) {
            static const uint8_t f7[] = { 0x00, 0x01, 0x20, 0x04, 0x05, 0x10, 0x14, 0x24, 0x30, 0x34 };
            w = (w & 0x01ffffffu) | (uint32_t)PICK(g->e.r, f7) << 25;
        }
        break;
    case 0x13: case 0x1b:
        if (f3 == 1 || f3 == 5) {
            /* shifts and the Zbb/Zbs unary ops live here: bias funct6 */
            static const uint8_t f6[] = { 0x00, 0x10, 0x18, 0x12, 0x1a, 0x0a, 0x02, 0x1c, 0x30 };
            if (chance(g->e.r, 80))
                w = (w & 0x03ffffffu) | (uint32_t)PICK(g->e.r, f6) << 26;
        }
        break;
    case 0x53: case 0x43: case 0x47: case 0x4b: case 0x4f: {
        uint32_t fmt = (w >> 25) & 3;
        if (fmt == 2)
            w ^= 1u << 26;   /* H (qemu may have Zfh) -> S */
        if (op == 0x53 && chance(g->e.r, 70)) {
            static const uint8_t f5[] = { 0x00, 0x01, 0x02, 0x03, 0x0b, 0x04, 0x05, 0x08, 0x14,
                                          0x18, 0x1a, 0x1c, 0x1e };
            w = (w & 0x07ffffffu) | (uint32_t)PICK(g->e.r, f5) << 27;
            if (chance(g->e.r, 70))
                w = (w & ~(31u << 20)) | (uint32_t)below(g->e.r, 4) << 20;
        }
        for (;;) {
            f3 = (w >> 12) & 7;
            if ((f3 == 4 && !rmm_ok) || (f3 == 7 && !dyn_ok))
                w = (w & ~(7u << 12)) | (uint32_t)below(g->e.r, 8) << 12;
            else
                break;
        }
        break;
    }
    case 0x73: {
        static const uint16_t csrs[] = { 0x001, 0x001, 0x001, 0x000, 0x004, 0x040, 0x7c0, 0x800,
                                         0xc03, 0x300, 0x3a0, 0xcc0, 0x015 };
        w = (w & 0x000fffffu) | (uint32_t)PICK(g->e.r, csrs) << 20;
        if (f3 == 0 || f3 == 4)
            w = (w & ~(7u << 12)) | 2u << 12;  /* no ecall/ebreak/wfi/... */
        break;
    }
    default:
        break;
    }
    emit(g, ".word 0x%08x", w);
}

struct tmpl {
    const char *name;
    unsigned weight;
    void (*fn)(struct gen *g);
};

static void t_loop(struct gen *g);
static void t_call(struct gen *g);

static const struct tmpl tmpls[] = {
    { "alu", 14, t_alu },
    { "alui", 10, t_alui },
    { "m", 8, t_m },
    { "zba", 3, t_zba },
    { "zbb", 5, t_zbb },
    { "zbs", 3, t_zbs },
    { "rvc", 6, t_rvc },
    { "mem", 10, t_mem },
    { "fmem", 4, t_fmem },
    { "amo", 3, t_amo },
    { "lrsc", 2, t_lrsc },
    { "branch", 6, t_branch },
    { "jump", 2, t_jump },
    { "loop", 2, t_loop },
    { "call", 1, t_call },
    { "farith", 8, t_farith },
    { "fma", 4, t_fma },
    { "fcvt", 7, t_fcvt },
    { "fcmp", 3, t_fcmp },
    { "fminmax", 2, t_fminmax },
    { "fclass", 2, t_fclass },
    { "fsgnj", 2, t_fsgnj },
    { "fmv", 3, t_fmv },
    { "fcsr", 4, t_fcsr },
    { "nanbox", 2, t_nanbox },
    { "fence", 1, t_fence },
    { "ecall", 1, t_ecall },
    { "rawenc", 40, t_rawenc },   /* only in the few sequences marked raw */
    /* switches, not templates: */
    { "rmm", 0, NULL },      /* round-to-nearest-max-magnitude: static rmm and frm = 4 */
    { "fmarmm", 0, NULL },   /* fused multiply-add in RMM (a documented tern gap) */
    { "badfrm", 0, NULL },   /* dynamic rounding with a reserved frm must be illegal (tern gap) */
    { "amomisalign", 0, NULL }, /* a misaligned AMO must fault (tern gap) */
};
#define NTMPL (sizeof(tmpls) / sizeof(tmpls[0]))

int rv_class_index(const char *name)
{
    for (size_t i = 0; i < NTMPL; i++)
        if (!strcmp(tmpls[i].name, name))
            return (int)i;
    return -1;
}

const char *rv_class_name(int i)
{
    return i >= 0 && (size_t)i < NTMPL ? tmpls[i].name : NULL;
}

/* every class but the documented gaps */
uint64_t rv_all_classes(void)
{
    return ((1ull << NTMPL) - 1) & ~(1ull << rv_class_index("fmarmm")) &
           ~(1ull << rv_class_index("badfrm")) & ~(1ull << rv_class_index("amomisalign"));
}

static bool tmpl_ok(struct gen *g, size_t i)
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

static const struct tmpl *pick_tmpl(struct gen *g)
{
    unsigned total = 0;
    for (size_t i = 0; i < NTMPL; i++)
        if (tmpl_ok(g, i))
            total += tmpls[i].weight;
    if (!total)
        return NULL;
    unsigned k = below(g->e.r, total);
    for (size_t i = 0; i < NTMPL; i++) {
        if (!tmpl_ok(g, i))
            continue;
        if (k < tmpls[i].weight)
            return &tmpls[i];
        k -= tmpls[i].weight;
    }
    return NULL;
}

static void gen_one(struct gen *g)
{
    const struct tmpl *t = pick_tmpl(g);
    if (!t)
        return;
    begin(g);
    t->fn(g);
    if (t->fn != t_loop && t->fn != t_call)
        tick_labels(g);
}

static void t_loop(struct gen *g)
{
    /* labels pending from before the loop must not land inside it: a jump
     * into the body would skip the counter's initialisation */
    int grp = structured_head(g);
    /* c.bnez reaches +-256 bytes: a short body, no nested loop */
    bool cform = !g->no_nest && chance(g->e.r, 30);
    int cnt = cform ? rdc(g) : rdnz(g);
    int iters = range(g->e.r, 1, 5);
    bool up = !cform && chance(g->e.r, 30);
    int top = g->e.next_label++;
    emit(g, "li %s, %d", xn[cnt], up ? -iters : iters);
    emit(g, "@L%d:", top);
    uint32_t saved = g->locked;
    bool saved_nn = g->no_nest;
    g->locked |= 1u << cnt;
    g->no_nest |= cform;
    int base = g->e.loop_pend_base;
    g->e.loop_pend_base = g->e.npend;
    g->loop_depth++;
    int n = cform ? range(g->e.r, 1, 3) : range(g->e.r, 1, 6);
    for (int i = 0; i < n; i++)
        gen_one(g);
    /* a branch of the body goes to a label inside it, or (sometimes) leaves
     * the loop: a side exit out of a looping block */
    for (int i = g->e.loop_pend_base; i < g->e.npend;) {
        if (cform || chance(g->e.r, 60)) {
            emit_label(g, g->e.pend[i].id);
            g->e.pend[i] = g->e.pend[--g->e.npend];
        } else {
            i++;
        }
    }
    g->loop_depth--;
    g->e.loop_pend_base = base;
    g->locked = saved;
    g->no_nest = saved_nn;
    em_resume(&g->e, grp);
    if (cform) {
        emit(g, ".option push");
        emit(g, ".option rvc");
        emit(g, "c.addi %s, -1", xn[cnt]);
        emit(g, "c.bnez %s, @L%d", xn[cnt], top);
        emit(g, ".option pop");
    } else if (up) {
        emit(g, "addi %s, %s, 1", xn[cnt], xn[cnt]);
        emit(g, "bltz %s, @L%d", xn[cnt], top);
    } else {
        emit(g, "addi %s, %s, -1", xn[cnt], xn[cnt]);
        emit(g, "bnez %s, @L%d", xn[cnt], top);
    }
    tick_labels(g);
}

/* a call to a subroutine placed inline, jumped over:
 *   jal link, S; j A; S: body; ret-like; A: */
static void t_call(struct gen *g)
{
    int grp = structured_head(g);
    int link = chance(g->e.r, 70) ? 1 : 5;   /* ra or t0, the two link registers */
    if (g->locked & (1u << link))
        link = link == 1 ? 5 : 1;
    if (g->locked & (1u << link)) {
        emit(g, "nop");
        return;
    }
    int sub = g->e.next_label++, after = g->e.next_label++;
    if (chance(g->e.r, 25)) {
        /* an indirect call */
        int t = rtmp(g);
        emit(g, "la %s, @L%d", xn[t], sub);
        emit(g, "jalr %s, 0(%s)", xn[link], xn[t]);
    } else {
        emit(g, "jal %s, @L%d", xn[link], sub);
    }
    emit(g, "j @L%d", after);
    emit(g, "@L%d:", sub);
    uint32_t saved = g->locked;
    bool saved_nn = g->no_nest;
    g->locked |= 1u << link;
    g->no_nest = true;
    int base = g->e.loop_pend_base;
    g->e.loop_pend_base = g->e.npend;
    int n = range(g->e.r, 0, 3);
    for (int i = 0; i < n; i++)
        gen_one(g);
    flush_labels(g, g->e.loop_pend_base);
    g->e.loop_pend_base = base;
    g->locked = saved;
    g->no_nest = saved_nn;
    em_resume(&g->e, grp);
    switch (below(g->e.r, 3)) {
    case 0:
        emit(g, "jalr zero, 0(%s)", xn[link]);
        break;
    case 1:
        emit(g, ".option push");
        emit(g, ".option rvc");
        emit(g, "c.jr %s", xn[link]);
        emit(g, ".option pop");
        break;
    default:
        emit(g, "jr %s", xn[link]);
        break;
    }
    emit(g, "@L%d:", after);
    tick_labels(g);
}

void rv_gen_seq(struct seq *q, uint64_t seed, uint64_t idx, const struct genopt *o)
{
    uint64_t classes = o->classes;
    memset(q, 0, sizeof(*q));
    q->idx = idx;
    struct rng r;
    rng_seed(&r, seed, idx);
    struct gen g = { .e = { .q = q, .r = &r }, .classes = classes, .locked = LOCKED_ALWAYS };
    cls_rmm = rv_class_index("rmm");
    cls_fmarmm = rv_class_index("fmarmm");
    cls_badfrm = rv_class_index("badfrm");
    cls_amomisalign = rv_class_index("amomisalign");

    /* initial state; a second one for sequences that run twice (the same
     * frm: the generator's view of it must hold for both runs) */
    unsigned frm = frm_value(&g);
    g.frm_set = (uint8_t)(1u << frm);
    q->rerun = chance(&r, 25);
    for (int s = 0; s < (q->rerun ? 2 : 1); s++) {
        struct state *st = &q->st[s];
        for (int i = 1; i < 32; i++)
            st->x[i] = gen_int_value(&r);
        uint8_t types[32];
        for (int i = 0; i < 32; i++)
            st->f[i] = gen_freg_value(&r, s == 0 ? &g.ftype[i] : &types[i]);
        st->fcsr = (uint64_t)frm << 5 | (chance(&r, 50) ? 0 : below(&r, 32));
        for (int i = 0; i < SCRATCH / 8; i++) {
            uint64_t v;
            switch (below(&r, 4)) {
            case 0: v = gen_int_value(&r); break;
            case 1: v = gen_double_bits(&r); break;
            case 2: v = (uint64_t)gen_float_bits(&r) << 32 | gen_float_bits(&r); break;
            default: v = rng_next(&r); break;
            }
            memcpy(&st->scratch[i * 8], &v, 8);
        }
    }
    q->li_mode = chance(&r, 35);
    /* random encodings often stop the program with SIGILL: they go into a
     * few sequences, which the driver runs last in their program */
    g.raw = (classes >> rv_class_index("rawenc") & 1) && chance(&r, 5);
    q->may_trap = g.raw;
    for (int i = 0; i < 6; i++) {
        int x;
        do
            x = range(&r, 1, 31);
        while (LOCKED_ALWAYS & (1u << x));
        g.hot_x[i] = (uint8_t)x;
        g.hot_f[i] = (uint8_t)below(&r, 32);
    }

    /* body: mostly short, sometimes long (long ones cross block limits) */
    int n = chance(&r, 85) ? range(&r, 1, 24) : range(&r, 25, 120);
    for (int i = 0; i < n; i++)
        gen_one(&g);
    flush_labels(&g, 0);
    q->nlabels = g.e.next_label;
}
