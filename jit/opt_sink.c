/* opt_sink.c — move work that only the loop's way out needs past its back edge.
 *
 * A block that branches back to its own start (`exit_cond ... -> guest_pc`)
 * is a loop. A guest register or flag that the block writes, from its start,
 * before any read of it and before its first exit, call or end is dead at
 * the block's start ("killed at entry"). A set of such a location just before
 * a back edge is then only needed when the back edge is not taken: it moves to
 * just after the back edge. Pure integer ops whose results then have no use
 * up to the back edge follow it. Typical win: Arm's `cmp; b.ne loop`, whose
 * NZCV stores (and the ops computing C and V) ran every iteration.
 *
 *     t = sub a, b ; set t @nf ; ... ; exit_cond a, b [ne] -> start
 *  => exit_cond a, b [ne] -> start ; t = sub a, b ; set t @nf ; ...
 *
 * Why it is exact: on the not-taken path the moved sets run first thing after
 * the branch, before anything else can observe or overwrite their bytes (a
 * set is moved only when no get or set of its bytes, and no exit, call or end
 * lies between it and the back edge); on the taken path the block starts again
 * and writes those bytes before anything observes them (the sets that killed
 * them are either still before the first exit, or were themselves moved to
 * right after a back edge that is the first exit). A set moved past an
 * access that may fault leaves a shadow (IR_SET_SHADOW) where it was, and
 * the ops computing its value stay: a guest fault handler that returns
 * resumes in a new block starting at the faulting insn, which would not redo
 * the set, so the block's fault map (jit/statemap.c) must find the value
 * there. (A location written before its first read from the block's start
 * but not yet written when a fault comes is dead there: its stale value is
 * harmless.)
 * A guest signal delivered at the loop head sees the moved locations as they
 * were before this pass of the loop: they are dead there (the block writes
 * them before reading them), so a handler that returns, edits the context or
 * longjmps out behaves as on hardware; only a handler that prints dead
 * registers could tell.
 *
 * Only guest registers are moved (cpu->gpr[], fpr[], vreg[], NZCV in
 * nf/zf/cf/vf): nothing but get/set and helper calls touches them (FP ops and
 * their slow paths pass operands through cpu->scratch), so FP ops between a
 * set and the back edge are no obstacle; helper calls are. (riscv64
 * fp_matmul: the f-register copies of `fmul ft3; fadd ft4` leave the loop.)
 *
 * Runs after opt_dce (the ops it counts uses for are the live ones).
 */
#include <stdlib.h>
#include <string.h>

#include "jit/ir.h"
#include "runner/cpu.h"

#define SINK_BYTES 1280  /* covers gpr[], fpr[], nf..vf and vreg[] in struct cpu */

static int type_size(int ty) { return (ty == IR_I32 || ty == IR_F32) ? 4 : 8; }

static bool movable_off(int64_t off, int size)
{
    if (off >= CPU_GPR(0) && off + size <= CPU_GPR(0) + 32 * 8)
        return true;
    if (off >= CPU_FPR(0) && off + size <= CPU_FPR(0) + 32 * 8)
        return true;
    if (off >= CPU_VREG(0, 0) && off + size <= CPU_VREG(0, 0) + 32 * 16)
        return true;
    return off >= CPU_OFF(nf) && off + size <= CPU_OFF(vf) + 8;
}

/* ops that end the search for kills or sets: anything that may observe guest
 * state other than through get (exits, calls, block ends) */
static bool barrier(const struct ir_op *op)
{
    return (ir_opdefs[op->opc].flags & (OPF_EXIT | OPF_TERM | OPF_CALL)) != 0;
}

static bool all_set(const uint8_t *m, int64_t off, int size)
{
    if (off < 0 || off + size > SINK_BYTES)
        return false;
    for (int k = 0; k < size; k++)
        if (!m[off + k])
            return false;
    return true;
}

static bool any_set(const uint8_t *m, int64_t off, int size)
{
    for (int k = 0; k < size; k++)
        if (off + k >= 0 && off + k < SINK_BYTES && m[off + k])
            return true;
    return false;
}

static void mark(uint8_t *m, int64_t off, int size)
{
    for (int k = 0; k < size; k++)
        if (off + k >= 0 && off + k < SINK_BYTES)
            m[off + k] = 1;
}

static bool is_back_edge(const struct ir_block *b, const struct ir_op *op)
{
    return op->opc == IR_exit_cond && (uint64_t)op->imm == b->guest_pc;
}

/* sink what the back edge at op e allows; returns the number of ops moved */
static int sink_at(struct ir_block *b, int e, const uint8_t *killed, int32_t *uses,
                   uint8_t *moved, struct ir_op *tmp)
{
    uint8_t blocked[SINK_BYTES];
    memset(blocked, 0, sizeof(blocked));
    int nmoved = 0, nshadow = 0;
    bool crossed = false;
    /* sets: back from e to the previous barrier */
    int lo = e - 1;
    for (; lo >= 0; lo--) {
        struct ir_op *op = &b->ops[lo];
        if (op->opc >= IR_NUM_OPS)
            continue;
        if (barrier(op))
            break;
        crossed |= (ir_opdefs[op->opc].flags & OPF_FAULT) != 0;
        if (op->opc != IR_get && op->opc != IR_set)
            continue;
        int size = type_size(op->type);
        if (op->opc == IR_set && !(op->cond & IR_SET_SHADOW) && movable_off(op->imm, size) &&
            all_set(killed, op->imm, size) && !any_set(blocked, op->imm, size)) {
            /* moved past an access that may fault: a shadow stays, so the
             * fault map knows the value (statemap.c) */
            moved[lo] = crossed ? 2 : 1;
            nmoved++;
            nshadow += crossed;
        }
        mark(blocked, op->imm, size);
    }
    if (!nmoved)
        return 0;
    /* uses up to and including e by ops that stay (shadows included: the
     * value a shadow names is computed where it was) */
    for (int i = 0; i <= e; i++) {
        struct ir_op *op = &b->ops[i];
        if (op->opc >= IR_NUM_OPS || moved[i] == 1)
            continue;
        int nargs = op->opc == IR_call ? op->aux : ir_opdefs[op->opc].nargs;
        for (int a = 0; a < nargs; a++)
            if (op->arg[a])
                uses[op->arg[a]]++;
    }
    /* pure integer ops feeding only moved ops follow them (backwards, so a
     * chain goes together); they may come from before earlier barriers */
    for (int i = e - 1; i >= 0; i--) {
        struct ir_op *op = &b->ops[i];
        if (op->opc >= IR_NUM_OPS || moved[i])
            continue;
        const struct ir_opdef *d = &ir_opdefs[op->opc];
        if ((d->flags & (OPF_SIDE | OPF_FLT)) || !d->has_dst || op->opc == IR_get ||
            op->opc == IR_unbox32 || op->opc == IR_fflags_get || uses[op->dst])
            continue;
        moved[i] = 1;
        nmoved++;
        for (int a = 0; a < d->nargs; a++)
            if (op->arg[a])
                uses[op->arg[a]]--;
    }
    /* ops before e that stay (and shadows), e, the moved ones in their
     * order, the rest */
    int n = 0;
    for (int i = 0; i <= e; i++) {
        if (moved[i] == 2) {
            tmp[n] = b->ops[i];
            tmp[n++].cond |= IR_SET_SHADOW;
        }
        if (!moved[i])
            tmp[n++] = b->ops[i];
    }
    for (int i = 0; i < e; i++)
        if (moved[i])
            tmp[n++] = b->ops[i];
    if (nshadow) {
        if (b->nops + nshadow > b->cap_ops) {
            struct ir_op *ops = realloc(b->ops, sizeof(*ops) * (size_t)(b->nops + nshadow));
            if (!ops)
                abort();
            b->ops = ops;
            b->cap_ops = b->nops + nshadow;
        }
        memmove(&b->ops[e + 1 + nshadow], &b->ops[e + 1],
                sizeof(*b->ops) * (size_t)(b->nops - e - 1));
        b->nops += nshadow;
    }
    memcpy(b->ops, tmp, sizeof(*tmp) * (size_t)n);
    for (int i = 0; i <= e; i++)
        moved[i] = 0;
    for (int t = 0; t < b->ntemps; t++)
        uses[t] = 0;
    return nmoved;
}

void opt_sink(struct ir_block *b)
{
    int first_back = -1;
    for (int i = 0; i < b->nops; i++)
        if (b->ops[i].opc < IR_NUM_OPS && is_back_edge(b, &b->ops[i])) {
            first_back = i;
            break;
        }
    if (first_back < 0)
        return;
    /* bytes written before being read, before the first barrier */
    uint8_t killed[SINK_BYTES], read[SINK_BYTES];
    memset(killed, 0, sizeof(killed));
    memset(read, 0, sizeof(read));
    for (int i = 0; i < b->nops; i++) {
        struct ir_op *op = &b->ops[i];
        if (op->opc >= IR_NUM_OPS)
            continue;
        if (barrier(op))
            break;
        if (op->opc != IR_get && op->opc != IR_set)
            continue;
        int size = type_size(op->type);
        for (int k = 0; k < size; k++) {
            int64_t o = op->imm + k;
            if (o < 0 || o >= SINK_BYTES)
                continue;
            if (op->opc == IR_get && !killed[o])
                read[o] = 1;
            else if (op->opc == IR_set && !read[o])
                killed[o] = 1;
        }
    }
    /* shadows left behind (at most one per set) can make the block up to
     * twice as long */
    struct ir_mark m = ir_scratch_mark(b);
    int32_t *uses = ir_scratch_zero(b, (size_t)b->ntemps * sizeof(int32_t));
    uint8_t *moved = ir_scratch_zero(b, (size_t)b->nops * 2 + 1);
    struct ir_op *tmp = ir_scratch(b, sizeof(struct ir_op) * ((size_t)b->nops * 2 + 1));
    for (int e = first_back; e < b->nops; e++) {
        if (b->ops[e].opc >= IR_NUM_OPS || !is_back_edge(b, &b->ops[e]))
            continue;
        /* what moved now sits between e's new place and old index e + 1 */
        sink_at(b, e, killed, uses, moved, tmp);
    }
    ir_scratch_release(b, m);
}
