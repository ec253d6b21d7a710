/* opt_state.c — guest-state forwarding and dead-set elimination.
 *
 * Frontends read and write guest registers with get/set per instruction; this
 * pass makes a block read each register from struct cpu at most once and write
 * it at most once between observation points:
 *  - a get whose value is known (an earlier get or set of the same offset and
 *    type) becomes a mov of that temp (opt_fold then propagates the copy);
 *  - a set overwritten by a later set of the same offset, with nothing in
 *    between that could observe the state, is removed.
 * Observation points: side exits and block ends (the state must be in struct
 * cpu there), helper calls marked IR_CALL_RW_STATE (they also invalidate what
 * is known), and a get this pass cannot forward (different type/overlap).
 * Offsets past TRACK_BYTES are never forwarded and observe conservatively.
 */
#include <string.h>

#include "jit/ir.h"

#define TRACK_BYTES 1024

struct slot {
    ir_ref temp;     /* known value, 0 = unknown */
    int8_t type;     /* type of the known value */
    int set_idx;     /* op index of a set not yet observed, or -1 */
};

struct fwd {
    struct slot s[TRACK_BYTES];
    int16_t pending[TRACK_BYTES]; /* offsets with set_idx >= 0 or temp != 0 */
    int npending;
};

static int type_size(int ty) { return (ty == IR_I32 || ty == IR_F32) ? 4 : 8; }

static void observe_all(struct fwd *f)
{
    for (int i = 0; i < f->npending; i++)
        f->s[f->pending[i]].set_idx = -1;
}

static void forget_all(struct fwd *f)
{
    for (int i = 0; i < f->npending; i++)
        memset(&f->s[f->pending[i]], 0, sizeof(struct slot)), f->s[f->pending[i]].set_idx = -1;
    f->npending = 0;
}

/* an access of [off, off+size) that is not an exact match: every tracked slot
 * that overlaps it must be observed (its set kept) and forgotten */
static void clobber_overlaps(struct fwd *f, int off, int size, int keep_off)
{
    for (int i = 0; i < f->npending; i++) {
        int o = f->pending[i];
        if (o == keep_off)
            continue;
        int osz = f->s[o].temp || f->s[o].set_idx >= 0 ? type_size(f->s[o].type) : 0;
        if (o < off + size && off < o + osz) {
            f->s[o].set_idx = -1;
            f->s[o].temp = 0;
        }
    }
}

static void track(struct fwd *f, int off)
{
    for (int i = 0; i < f->npending; i++)
        if (f->pending[i] == off)
            return;
    f->pending[f->npending++] = (int16_t)off;
}

void opt_forward_state(struct ir_block *b)
{
    struct fwd f; /* ~14 KiB on the translating thread's stack */
    memset(&f, 0, sizeof(f));
    for (int i = 0; i < TRACK_BYTES; i++)
        f.s[i].set_idx = -1;

    for (int i = 0; i < b->nops; i++) {
        struct ir_op *op = &b->ops[i];
        if (op->opc >= IR_NUM_OPS)
            continue;
        unsigned fl = ir_opdefs[op->opc].flags;
        if (op->opc == IR_get || op->opc == IR_set) {
            int off = (int)op->imm;
            int size = type_size(op->type);
            if (off < 0 || off + size > TRACK_BYTES) {
                observe_all(&f);
                if (op->opc == IR_set)
                    forget_all(&f);
                continue;
            }
            clobber_overlaps(&f, off, size, off);
            struct slot *s = &f.s[off];
            if (op->opc == IR_get) {
                if (s->temp && s->type == op->type) {
                    op->opc = IR_mov;
                    op->arg[0] = s->temp;
                    op->imm = 0;
                    continue;
                }
                if (s->temp && s->type != op->type)
                    s->set_idx = -1; /* memory is read with another type */
                s->temp = op->dst;
                s->type = op->type;
                track(&f, off);
            } else {
                if (s->set_idx >= 0 && type_size(s->type) == size)
                    b->ops[s->set_idx].opc = IR_NUM_OPS; /* dead: overwritten */
                s->temp = op->arg[0];
                s->type = op->type;
                s->set_idx = i;
                track(&f, off);
            }
            continue;
        }
        if (op->opc == IR_call) {
            if (op->cond & IR_CALL_RW_STATE) {
                observe_all(&f);
                forget_all(&f);
            }
            continue;
        }
        if (fl & (OPF_EXIT | OPF_TERM))
            observe_all(&f);
    }
}
