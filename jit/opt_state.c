/* opt_state.c — guest-state forwarding and dead-set elimination.
 *
 * Frontends read and write guest registers with get/set per instruction; this
 * pass makes a block read each register from struct cpu at most once and write
 * it at most once between observation points:
 *  - a get whose value is known (an earlier get or set of the same offset and
 *    type) becomes a mov of that temp (opt_fold then propagates the copy), or a
 *    bitcast when it was known with the other type of the same size; a 4-byte
 *    get of a known 8-byte value where one of the two is a float takes its
 *    low half (a bitcast);
 *  - a set overwritten by a later set of the same offset and size, with nothing
 *    in between that could observe the state, is removed.
 * Observation points: side exits and block ends (the state must be in struct
 * cpu there), helper calls marked IR_CALL_RW_STATE (they also invalidate what
 * is known) or IR_CALL_RW_VEC (the same, for the vector region only), helper
 * calls marked IR_CALL_MAY_EXIT (a fault inside one finds every guest
 * register in struct cpu, as the helper's own registers tell nothing), and
 * an access this pass cannot forward (other type, overlap).
 * Offsets past TRACK_BYTES are never forwarded and observe conservatively.
 *
 * Precise faults (docs/jit.md): a guest memory access is not an observation
 * point, because the backend's fault map (jit/statemap.c) says where each
 * location's newest value lives when struct cpu does not hold it yet. So a
 * removed set is not deleted but becomes a shadow (IR_SET_SHADOW): it stores
 * nothing and tells the map which temp the location holds from there on. And
 * before forwarding, sets of an insn that precede a later access of the same
 * insn move after it (opt_order_sets), so a fault sees the state as at the
 * insn's start (Arm's LDP: the first register is not written yet when the
 * second load faults).
 *
 * The slot table lives in b->fwd_scratch and is returned clean (every touched
 * slot reset) so no block pays for clearing it.
 */
#include <stdlib.h>
#include <string.h>

#include "jit/ir.h"
#include "runner/cpu.h"

#define TRACK_BYTES 2048
#define MAX_ACCESS 8  /* widest get/set */

struct slot {
    ir_ref temp;     /* known value, 0 = unknown */
    int8_t type;     /* type of the known value / pending set */
    int8_t active;   /* on the touched list */
    int set_idx;     /* op index of a set not yet observed, or -1 */
};

struct fwd {
    struct slot s[TRACK_BYTES];
    /* act[8 + off] mirrors s[off].active, padded so one 16-byte window around
     * any access can be tested without bounds checks */
    uint8_t act[TRACK_BYTES + 16];
    int16_t touched[TRACK_BYTES];
    int ntouched;
};

static int type_size(int ty) { return (ty == IR_I32 || ty == IR_F32) ? 4 : 8; }

static void observe_all(struct fwd *f)
{
    for (int i = 0; i < f->ntouched; i++)
        f->s[f->touched[i]].set_idx = -1;
}

static void forget_all(struct fwd *f)
{
    for (int i = 0; i < f->ntouched; i++) {
        struct slot *s = &f->s[f->touched[i]];
        s->temp = 0;
        s->set_idx = -1;
    }
}

/* observe and forget the slots overlapping [lo, hi) */
static void observe_forget_range(struct fwd *f, int lo, int hi)
{
    for (int i = 0; i < f->ntouched; i++) {
        int off = f->touched[i];
        struct slot *s = &f->s[off];
        if (off < hi && off + MAX_ACCESS > lo) {
            s->temp = 0;
            s->set_idx = -1;
        }
    }
}

static void reset(struct fwd *f)
{
    for (int i = 0; i < f->ntouched; i++) {
        struct slot *s = &f->s[f->touched[i]];
        s->temp = 0;
        s->set_idx = -1;
        s->active = 0;
        f->act[8 + f->touched[i]] = 0;
    }
    f->ntouched = 0;
}

static struct slot *touch(struct fwd *f, int off)
{
    struct slot *s = &f->s[off];
    if (!s->active) {
        s->active = 1;
        f->act[8 + off] = 1;
        f->touched[f->ntouched++] = (int16_t)off;
    }
    return s;
}

/* an access of [off, off+size): any other tracked slot overlapping it must be
 * observed (its set kept) and forgotten */
static void clobber_overlaps(struct fwd *f, int off, int size)
{
    uint64_t before, after;
    /* one 8-byte load each (a 7-byte copy is two loads and a stalled
     * store-to-load forward): bytes off-8 .. off-1, the first dropped */
    memcpy(&before, &f->act[8 + off - 8], 8);
    before >>= 8;                                 /* bytes off-7 .. off-1 */
    memcpy(&after, &f->act[8 + off + 1], 8);      /* bytes off+1 .. off+8 */
    after &= size >= 8 ? 0x00ffffffffffffffull : 0xffffffull;
    if (!before && !after)
        return; /* the common case: aligned registers, nothing in between */
    int lo = off - (MAX_ACCESS - 1) < 0 ? 0 : off - (MAX_ACCESS - 1);
    int hi = off + size > TRACK_BYTES ? TRACK_BYTES : off + size;
    for (int o = lo; o < hi; o++) {
        struct slot *s = &f->s[o];
        if (o == off || !s->active || (!s->temp && s->set_idx < 0))
            continue;
        if (o + type_size(s->type) > off) {
            s->set_idx = -1;
            s->temp = 0;
        }
    }
}

/* [lo, hi) is one guest insn: its sets that precede its last access that
 * may fault move to just after that access, keeping their order, unless an op
 * in between reads or writes their bytes or may leave (then the set stays:
 * the fault map shows the insn half done) */
static void order_insn_sets(struct ir_block *b, int lo, int hi)
{
    int f = -1;
    for (int k = lo; k < hi; k++)
        if (b->ops[k].opc < IR_NUM_OPS && (ir_opdefs[b->ops[k].opc].flags & OPF_FAULT))
            f = k;
    for (int s = f - 1; s >= lo; s--) {
        struct ir_op *op = &b->ops[s];
        if (op->opc != IR_set)
            continue;
        int size = type_size(op->type);
        bool ok = true;
        for (int k = s + 1; k <= f && ok; k++) {
            struct ir_op *o = &b->ops[k];
            if (o->opc >= IR_NUM_OPS)
                continue;
            if (ir_opdefs[o->opc].flags & (OPF_EXIT | OPF_TERM | OPF_CALL))
                ok = false;
            else if ((o->opc == IR_get || o->opc == IR_set) && o->imm < op->imm + size &&
                     o->imm + type_size(o->type) > op->imm)
                ok = false;
        }
        if (!ok)
            continue;
        struct ir_op moved = *op;
        memmove(op, op + 1, sizeof(*op) * (size_t)(f - s));
        b->ops[f] = moved;
        f--; /* the access moved down by one; the next set goes right after it */
    }
}

void opt_order_sets(struct ir_block *b)
{
    /* only an insn with a set before an access has anything to move: one
     * walk finds those */
    int lo = 0;
    bool set = b->nops > 0 && b->ops[0].opc == IR_set, need = false;
    for (int i = 1; i <= b->nops; i++) {
        if (i == b->nops || b->ops[i].opc == IR_insn_start) {
            if (need)
                order_insn_sets(b, lo, i);
            lo = i;
            set = need = false;
            continue;
        }
        unsigned opc = b->ops[i].opc;
        if (opc == IR_set)
            set = true;
        else if (set && opc < IR_NUM_OPS && (ir_opdefs[opc].flags & OPF_FAULT))
            need = true;
    }
}

void opt_forward_state(struct ir_block *b)
{
    opt_order_sets(b);
    struct fwd *f = b->fwd_scratch;
    if (!f) {
        f = calloc(1, sizeof(*f));
        if (!f)
            return; /* the pass is an optimisation: skipping it is safe */
        for (int i = 0; i < TRACK_BYTES; i++)
            f->s[i].set_idx = -1;
        b->fwd_scratch = f;
    }

    for (int i = 0; i < b->nops; i++) {
        struct ir_op *op = &b->ops[i];
        if (op->opc >= IR_NUM_OPS)
            continue;
        unsigned fl = ir_opdefs[op->opc].flags;
        if (op->opc == IR_get || op->opc == IR_set) {
            int off = (int)op->imm;
            int size = type_size(op->type);
            if (off < 0 || off + size > TRACK_BYTES) {
                observe_all(f);
                if (op->opc == IR_set)
                    forget_all(f);
                continue;
            }
            clobber_overlaps(f, off, size);
            struct slot *s = touch(f, off);
            if (op->opc == IR_get) {
                if (s->temp && s->type == op->type) {
                    op->opc = IR_mov;
                    op->arg[0] = s->temp;
                    op->imm = 0;
                    continue;
                }
                if (s->temp && type_size(s->type) == size) {
                    /* same bits, other register file (f64 <-> i64) */
                    op->opc = IR_bitcast;
                    op->arg[0] = s->temp;
                    op->imm = 0;
                    continue;
                }
                if (s->temp && type_size(s->type) == 8 && size == 4 &&
                    (s->type == IR_F64 || op->type == IR_F32)) {
                    /* a float's low half of a known 64-bit value (a single
                     * in an FP register): a bitcast takes the low 32 bits
                     * (little-endian); the slot keeps the wider value */
                    op->opc = IR_bitcast;
                    op->arg[0] = s->temp;
                    op->imm = 0;
                    continue;
                }
                if (s->type != op->type)
                    s->set_idx = -1; /* memory is read with another type */
                s->temp = op->dst;
                s->type = op->type;
            } else {
                if (s->set_idx >= 0 && type_size(s->type) == size)
                    b->ops[s->set_idx].cond |= IR_SET_SHADOW; /* dead: overwritten */
                s->temp = op->arg[0];
                s->type = op->type;
                s->set_idx = i;
            }
            continue;
        }
        if (op->opc == IR_call) {
            if (op->cond & IR_CALL_RW_STATE) {
                observe_all(f);
                forget_all(f);
                continue;
            }
            if (op->cond & IR_CALL_MAY_EXIT)
                observe_all(f);
            if (op->cond & IR_CALL_RW_VEC)
                observe_forget_range(f, CPU_VEC_LO, CPU_VEC_HI);
            continue;
        }
        if (fl & (OPF_EXIT | OPF_TERM))
            observe_all(f);
    }
    reset(f);
}
