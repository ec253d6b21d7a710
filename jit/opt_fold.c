/* opt_fold.c — constant folding, algebraic identities and copy propagation.
 *
 * One forward walk. Operands are first rewritten through the copy map (a mov
 * makes its dst an alias of its source). An integer op whose operands are all
 * constants becomes a constant temp (the op is dropped). A side exit whose
 * condition folds to false disappears; one that folds to true becomes the
 * block's end. ir_eval_int is the single definition of integer op semantics
 * for constants, shared with the unit tests.
 */
#include <stdlib.h>
#include <string.h>

#include "jit/ir.h"

bool ir_eval_cond(enum ir_type ty, int cond, uint64_t a, uint64_t c)
{
    if (ty == IR_I32) {
        /* compare as 32-bit values */
        int32_t sa = (int32_t)a, sc = (int32_t)c;
        uint32_t ua = (uint32_t)a, uc = (uint32_t)c;
        switch (cond) {
        case IR_EQ: return ua == uc;
        case IR_NE: return ua != uc;
        case IR_LT: return sa < sc;
        case IR_GE: return sa >= sc;
        case IR_LTU: return ua < uc;
        case IR_GEU: return ua >= uc;
        case IR_LE: return sa <= sc;
        case IR_GT: return sa > sc;
        case IR_LEU: return ua <= uc;
        case IR_GTU: return ua > uc;
        case IR_TSTZ: return (ua & uc) == 0;
        case IR_TSTNZ: return (ua & uc) != 0;
        }
        return false;
    }
    int64_t sa = (int64_t)a, sc = (int64_t)c;
    switch (cond) {
    case IR_EQ: return a == c;
    case IR_NE: return a != c;
    case IR_LT: return sa < sc;
    case IR_GE: return sa >= sc;
    case IR_LTU: return a < c;
    case IR_GEU: return a >= c;
    case IR_LE: return sa <= sc;
    case IR_GT: return sa > sc;
    case IR_LEU: return a <= c;
    case IR_GTU: return a > c;
    case IR_TSTZ: return (a & c) == 0;
    case IR_TSTNZ: return (a & c) != 0;
    }
    return false;
}

static uint64_t mulhu64(uint64_t a, uint64_t b)
{
    return (uint64_t)(((unsigned __int128)a * b) >> 64);
}

bool ir_eval_int(enum ir_opc opc, enum ir_type ty, int cond, uint64_t a, uint64_t c,
                 uint64_t x, uint64_t y, uint64_t *out)
{
    bool w32 = ty == IR_I32;
    unsigned bits = w32 ? 32 : 64;
    uint64_t mask = w32 ? 0xffffffffull : ~0ull;
    uint64_t r;
    if (w32) {
        a &= mask;
        c &= mask;
    }
    int64_t sa = w32 ? (int64_t)(int32_t)a : (int64_t)a;
    int64_t sc = w32 ? (int64_t)(int32_t)c : (int64_t)c;
    int64_t smin = w32 ? INT32_MIN : INT64_MIN;
    switch (opc) {
    case IR_mov: r = a; break;
    case IR_add: r = a + c; break;
    case IR_sub: r = a - c; break;
    case IR_mul: r = a * c; break;
    case IR_mulh:
        if (w32) return false;
        r = (uint64_t)(((__int128)(int64_t)a * (int64_t)c) >> 64);
        break;
    case IR_mulhu:
        if (w32) return false;
        r = mulhu64(a, c);
        break;
    case IR_mulhsu:
        if (w32) return false;
        r = (uint64_t)(((__int128)(int64_t)a * (__int128)(unsigned __int128)c) >> 64);
        break;
    case IR_div:
        if (c == 0) r = ~0ull;
        else if (sa == smin && sc == -1) r = (uint64_t)smin;
        else r = (uint64_t)(sa / sc);
        break;
    case IR_divu: r = c == 0 ? ~0ull : a / c; break;
    case IR_rem:
        if (c == 0) r = a;
        else if (sa == smin && sc == -1) r = 0;
        else r = (uint64_t)(sa % sc);
        break;
    case IR_remu: r = c == 0 ? a : a % c; break;
    case IR_and: r = a & c; break;
    case IR_or: r = a | c; break;
    case IR_xor: r = a ^ c; break;
    case IR_andn: r = a & ~c; break;
    case IR_orn: r = a | ~c; break;
    case IR_xnor: r = ~(a ^ c); break;
    case IR_shl: r = a << (c & (bits - 1)); break;
    case IR_shr: r = a >> (c & (bits - 1)); break;
    case IR_sar: r = (uint64_t)(sa >> (c & (bits - 1))); break;
    case IR_rotl: {
        unsigned s = c & (bits - 1);
        r = s ? (a << s) | (a >> (bits - s)) : a;
        break;
    }
    case IR_rotr: {
        unsigned s = c & (bits - 1);
        r = s ? (a >> s) | (a << (bits - s)) : a;
        break;
    }
    case IR_neg: r = -a; break;
    case IR_not: r = ~a; break;
    case IR_clz:
        r = a == 0 ? bits : (unsigned)(w32 ? __builtin_clz((uint32_t)a) : __builtin_clzll(a));
        break;
    case IR_ctz:
        r = a == 0 ? bits : (unsigned)__builtin_ctzll(a);
        break;
    case IR_popcnt: r = (unsigned)__builtin_popcountll(a); break;
    case IR_bswap: r = w32 ? __builtin_bswap32((uint32_t)a) : __builtin_bswap64(a); break;
    case IR_sext8: *out = (uint64_t)(int64_t)(int8_t)a; return true;
    case IR_sext16: *out = (uint64_t)(int64_t)(int16_t)a; return true;
    case IR_sext32: *out = (uint64_t)(int64_t)(int32_t)a; return true;
    case IR_zext8: *out = (uint8_t)a; return true;
    case IR_zext16: *out = (uint16_t)a; return true;
    case IR_zext32: *out = (uint32_t)a; return true;
    case IR_setcond: r = ir_eval_cond(ty, cond, a, c); *out = r; return true;
    case IR_select: *out = ir_eval_cond(ty, cond, a, c) ? x : y; return true;
    default:
        return false;
    }
    *out = r & mask;
    return true;
}

static bool is_c(const struct ir_block *b, ir_ref t) { return t && b->temps[t].is_const; }
static int64_t cval(const struct ir_block *b, ir_ref t) { return b->temps[t].val; }

static void make_const(struct ir_block *b, struct ir_op *op, uint64_t v)
{
    b->temps[op->dst].is_const = 1;
    b->temps[op->dst].val = (int64_t)v;
    op->opc = IR_NUM_OPS;
}

static void make_copy(ir_ref *repl, struct ir_op *op, ir_ref src)
{
    repl[op->dst] = src;
    op->opc = IR_NUM_OPS;
}

/* select between equal values is that value; between the constants 1 and 0
 * it is a setcond (Arm's CSET and the flag words built from conditional
 * compares come out this way) */
static bool simplify_select(struct ir_block *b, ir_ref *repl, struct ir_op *op)
{
    static const uint8_t inverse[IR_NUM_CONDS] = {
        [IR_EQ] = IR_NE, [IR_NE] = IR_EQ, [IR_LT] = IR_GE, [IR_GE] = IR_LT,
        [IR_LTU] = IR_GEU, [IR_GEU] = IR_LTU, [IR_LE] = IR_GT, [IR_GT] = IR_LE,
        [IR_LEU] = IR_GTU, [IR_GTU] = IR_LEU, [IR_TSTZ] = IR_TSTNZ, [IR_TSTNZ] = IR_TSTZ};
    if (op->opc != IR_select)
        return false;
    ir_ref x = op->arg[2], y = op->arg[3];
    if (x == y || (is_c(b, x) && is_c(b, y) && cval(b, x) == cval(b, y))) {
        make_copy(repl, op, x);
        return true;
    }
    if (!is_c(b, x) || !is_c(b, y))
        return false;
    if (cval(b, x) == 1 && cval(b, y) == 0) {
        op->opc = IR_setcond;
    } else if (cval(b, x) == 0 && cval(b, y) == 1) {
        op->opc = IR_setcond;
        op->cond = inverse[op->cond];
    } else {
        return false;
    }
    op->arg[2] = op->arg[3] = 0;
    return true;
}

/* identities valid for 64-bit ops (I32 ops must zero-extend, so not a copy) */
static bool simplify(struct ir_block *b, ir_ref *repl, struct ir_op *op)
{
    if (op->type != IR_I64)
        return false;
    ir_ref a = op->arg[0], c = op->arg[1];
    if (ir_opdefs[op->opc].flags & OPF_COMM && is_c(b, a) && !is_c(b, c)) {
        op->arg[0] = c;
        op->arg[1] = a;
        a = op->arg[0];
        c = op->arg[1];
    }
    if (!is_c(b, c))
        return false;
    int64_t v = cval(b, c);
    switch (op->opc) {
    case IR_add: case IR_sub: case IR_or: case IR_xor:
    case IR_shl: case IR_shr: case IR_sar: case IR_rotl: case IR_rotr:
        if (v == 0 || ((op->opc >= IR_shl && op->opc <= IR_rotr) && (v & 63) == 0)) {
            make_copy(repl, op, a);
            return true;
        }
        break;
    case IR_and:
        if (v == -1) { make_copy(repl, op, a); return true; }
        if (v == 0) { make_const(b, op, 0); return true; }
        break;
    case IR_mul:
        if (v == 1) { make_copy(repl, op, a); return true; }
        if (v == 0) { make_const(b, op, 0); return true; }
        break;
    default:
        break;
    }
    return false;
}

/* or.i64(shl(v, k), shr(v, 64 - k)) is rotl(v, k): RISC-V without Zbb
 * spells rotates that way, x86 has them in one instruction */
static void match_rotate(struct ir_block *b, const int32_t *def, struct ir_op *op)
{
    if (op->opc != IR_or || op->type != IR_I64 || is_c(b, op->arg[0]) || is_c(b, op->arg[1]) ||
        def[op->arg[0]] < 0 || def[op->arg[1]] < 0)
        return;
    const struct ir_op *x = &b->ops[def[op->arg[0]]], *y = &b->ops[def[op->arg[1]]];
    if (x->opc == IR_shr) {
        const struct ir_op *t = x;
        x = y;
        y = t;
    }
    if (x->opc != IR_shl || y->opc != IR_shr || x->type != IR_I64 || y->type != IR_I64 ||
        x->arg[0] != y->arg[0] || !is_c(b, x->arg[1]) || !is_c(b, y->arg[1]))
        return;
    uint64_t k = cval(b, x->arg[1]), m = cval(b, y->arg[1]);
    if (k == 0 || k >= 64 || m != 64 - k)
        return;
    op->opc = IR_rotl;
    op->arg[0] = x->arg[0];
    op->arg[1] = x->arg[1];
}

static enum ir_type type_of_kind(int kind, bool w64)
{
    return kind == IRK_F32 ? IR_F32 : kind == IRK_F64 ? IR_F64 : w64 ? IR_I64 : IR_I32;
}

static void fold(struct ir_block *b, bool cse)
{
    struct ir_mark m = ir_scratch_mark(b);
    struct ir_cse c;
    if (cse)
        ir_cse_begin(b, &c);
    ir_ref *repl = ir_scratch_zero(b, (size_t)b->ntemps * sizeof(ir_ref));
    int32_t *def = ir_scratch(b, sizeof(int32_t) * (size_t)b->ntemps);
    memset(def, -1, sizeof(int32_t) * (size_t)b->ntemps);
    for (int i = 0; i < b->nops; i++) {
        struct ir_op *op = &b->ops[i];
        if (op->opc >= IR_NUM_OPS)
            continue;
        const struct ir_opdef *d = &ir_opdefs[op->opc];
        int nargs = op->opc == IR_call ? op->aux : d->nargs;
        for (int a = 0; a < nargs; a++)
            while (op->arg[a] && repl[op->arg[a]])
                op->arg[a] = repl[op->arg[a]];
        /* an I32 mov zero-extends (a forwarded 32-bit get), so it is no copy */
        if (op->opc == IR_mov && op->type != IR_I32 &&
            b->temps[op->dst].kind == b->temps[op->arg[0]].kind) {
            make_copy(repl, op, op->arg[0]);
            continue;
        }
        if (d->has_dst && op->dst)
            def[op->dst] = i;
        match_rotate(b, def, op);
        /* bitcast(bitcast(x)) back to x's type is x, when no bits were lost:
         * the middle type is at least as wide as x (int temps count as 64
         * bits) */
        if (op->opc == IR_bitcast && def[op->arg[0]] >= 0 &&
            b->ops[def[op->arg[0]]].opc == IR_bitcast) {
            ir_ref src = b->ops[def[op->arg[0]]].arg[0];
            int sk = b->temps[src].kind;
            int mid = b->ops[def[op->arg[0]]].type;
            bool mid_wide = mid == IR_I64 || mid == IR_F64;
            bool lossless = mid_wide || sk == IRK_F32;
            if (type_of_kind(sk, true) == op->type && lossless) {
                make_copy(repl, op, src);
                continue;
            }
        }
        if (d->flags & (OPF_FLT | OPF_SIDE) && op->opc != IR_exit_cond)
            continue;
        if (op->opc == IR_unbox32 || op->opc == IR_get)
            continue;
        bool all_const = true;
        for (int a = 0; a < nargs; a++)
            all_const &= is_c(b, op->arg[a]);
        if (op->opc == IR_exit_cond) {
            if (!all_const)
                continue;
            if (!ir_eval_cond(op->type, op->cond, cval(b, op->arg[0]), cval(b, op->arg[1]))) {
                op->opc = IR_NUM_OPS;
                continue;
            }
            /* always taken: the block ends here */
            op->opc = IR_goto_pc;
            for (int j = i + 1; j < b->nops; j++)
                b->ops[j].opc = IR_NUM_OPS;
            break;
        }
        uint64_t r;
        if (all_const && d->has_dst &&
            ir_eval_int(op->opc, op->type, op->cond, is_c(b, op->arg[0]) ? cval(b, op->arg[0]) : 0,
                        nargs > 1 ? cval(b, op->arg[1]) : 0, nargs > 2 ? cval(b, op->arg[2]) : 0,
                        nargs > 3 ? cval(b, op->arg[3]) : 0, &r)) {
            make_const(b, op, r);
            continue;
        }
        if (!simplify_select(b, repl, op))
            simplify(b, repl, op);
        if (cse && op->opc < IR_NUM_OPS)
            ir_cse_op(b, &c, repl, i);
    }
    ir_scratch_release(b, m);
}

void opt_fold(struct ir_block *b) { fold(b, false); }
void opt_fold_cse(struct ir_block *b) { fold(b, true); }

/* drop the nops the passes left: every later walk (opt_sink, the backend's
 * planning passes and allocator) costs per op */
static void compact(struct ir_block *b)
{
    int n = 0;
    while (n < b->nops && b->ops[n].opc < IR_NUM_OPS)
        n++;
    for (int i = n + 1; i < b->nops; i++)
        if (b->ops[i].opc < IR_NUM_OPS)
            b->ops[n++] = b->ops[i];
    b->nops = n < b->nops ? n : b->nops;
}

void ir_optimize(struct ir_block *b)
{
    opt_ifconv(b);
    opt_forward_state(b);
    opt_fold_cse(b);
    opt_dce_compact(b);
    opt_sink(b);
    compact(b);
}

/* The first tier (jit/cache.c): cold blocks mostly run once, so they get only
 * what exactness needs. Without forwarding every get/set goes to struct cpu,
 * which is exact at every fault except inside an insn whose sets precede its
 * own last access (LDP's first register): opt_order_sets moves those. */
void ir_optimize_tier0(struct ir_block *b)
{
    opt_order_sets(b);
}
