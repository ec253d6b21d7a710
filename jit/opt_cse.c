/* opt_cse.c — common subexpression elimination for pure integer ops.
 *
 * Frontends build each guest instruction's IR on its own, so a block often
 * computes the same value twice: Arm's `ldr w0, [x6, x3, lsl #2]` and the
 * `str w0, [x6, x3, lsl #2]` after it each build shl + add, RISC-V address
 * arithmetic repeats across loads. Temps are SSA and these ops read only
 * temps, so two ops with the same opcode, type, condition, immediate and
 * operands compute the same value anywhere in the block: the later one's uses
 * are pointed at the earlier result (opt_dce then drops the copy).
 *
 * Constants are compared by value (every gen_const makes a temp of its own),
 * and a commutative op's operands in a canonical order.
 * Not touched: get (guest state changes), loads, calls, FP ops (they raise
 * flags), anything with a side effect.
 *
 * ir_optimize runs it inside opt_fold's walk (opt_fold_cse: ir_cse_op on
 * each op the folder keeps), one walk instead of two; the result is the
 * same, since both look only at earlier ops.
 */
#include <stdlib.h>
#include <string.h>

#include "jit/ir.h"

/* an operand's identity: constants by value, temps by number */
struct operand { uint8_t is_const; uint64_t v; };

static struct operand operand_of(const struct ir_block *b, ir_ref t)
{
    struct operand o = {0, t};
    if (t && b->temps[t].is_const) {
        o.is_const = 1;
        o.v = (uint64_t)b->temps[t].val;
    }
    return o;
}

static bool same_operand(struct operand x, struct operand y)
{
    return x.is_const == y.is_const && x.v == y.v;
}

static bool eligible(const struct ir_block *b, const struct ir_op *op)
{
    if (op->opc >= IR_NUM_OPS)
        return false;
    const struct ir_opdef *d = &ir_opdefs[op->opc];
    if (!d->has_dst || !op->dst || (d->flags & (OPF_SIDE | OPF_FLT | OPF_CALL)) ||
        op->opc == IR_get || op->opc == IR_mov || op->opc == IR_unbox32 || op->opc == IR_fflags_get)
        return false;
    return b->temps[op->dst].kind == IRK_INT;
}

/* operands in canonical order (commutative ops: the smaller first) */
static void key_operands(const struct ir_block *b, const struct ir_op *op, struct operand k[4])
{
    int n = ir_opdefs[op->opc].nargs;
    for (int a = 0; a < 4; a++)
        k[a] = a < n ? operand_of(b, op->arg[a]) : (struct operand){0, 0};
    if ((ir_opdefs[op->opc].flags & OPF_COMM) &&
        (k[0].is_const > k[1].is_const || (k[0].is_const == k[1].is_const && k[0].v > k[1].v))) {
        struct operand t = k[0];
        k[0] = k[1];
        k[1] = t;
    }
}

static uint64_t hash_key(const struct ir_op *op, const struct operand k[4])
{
    uint64_t h = (uint64_t)op->opc * 0x9e3779b97f4a7c15ull ^ (uint64_t)op->type << 8 ^
                 (uint64_t)op->cond << 16 ^ (uint64_t)op->aux << 24 ^ (uint64_t)op->imm * 31;
    for (int a = 0; a < 4; a++)
        h = (h ^ (k[a].v + k[a].is_const)) * 0xff51afd7ed558ccdull;
    return h ^ (h >> 29);
}

void ir_cse_begin(struct ir_block *b, struct ir_cse *c)
{
    c->cap = 16;
    while (c->cap < 2 * (size_t)b->nops)
        c->cap *= 2;
    c->table = ir_scratch(b, sizeof(int32_t) * c->cap);    /* op index or -1 */
    memset(c->table, -1, sizeof(int32_t) * c->cap);
}

void ir_cse_op(struct ir_block *b, struct ir_cse *c, ir_ref *repl, int i)
{
    struct ir_op *op = &b->ops[i];
    if (!eligible(b, op))
        return;
    struct operand k[4];
    key_operands(b, op, k);
    size_t slot = hash_key(op, k) & (c->cap - 1);
    for (;; slot = (slot + 1) & (c->cap - 1)) {
        int32_t j = c->table[slot];
        if (j < 0) {
            c->table[slot] = i;
            return;
        }
        const struct ir_op *o = &b->ops[j];
        struct operand ko[4];
        if (o->opc != op->opc || o->type != op->type || o->cond != op->cond ||
            o->aux != op->aux || o->imm != op->imm)
            continue;
        key_operands(b, o, ko);
        bool same = true;
        for (int a = 0; a < 4; a++)
            same &= same_operand(k[a], ko[a]);
        if (!same)
            continue;
        repl[op->dst] = o->dst;
        op->opc = IR_NUM_OPS;
        return;
    }
}

void opt_cse(struct ir_block *b)
{
    struct ir_mark m = ir_scratch_mark(b);
    struct ir_cse c;
    ir_cse_begin(b, &c);
    ir_ref *repl = ir_scratch_zero(b, (size_t)b->ntemps * sizeof(ir_ref));
    for (int i = 0; i < b->nops; i++) {
        struct ir_op *op = &b->ops[i];
        if (op->opc >= IR_NUM_OPS)
            continue;
        int nargs = op->opc == IR_call ? op->aux : ir_opdefs[op->opc].nargs;
        for (int a = 0; a < nargs; a++)
            if (op->arg[a] && repl[op->arg[a]])
                op->arg[a] = repl[op->arg[a]];
        ir_cse_op(b, &c, repl, i);
    }
    ir_scratch_release(b, m);
}
