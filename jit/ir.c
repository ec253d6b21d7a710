/* ir.c — IR storage, the gen_* builders and the textual dump.
 *
 * Builders only append; they never reorder. Integer constants are interned per
 * block through a small hash of recent values (b->const_memo). Passes (opt_*.c) rewrite ops in place and mark
 * removed ops with opc = IR_NUM_OPS ("nop"), so op indices stay stable
 * within a pass; ir_optimize drops the nops at its end. Passes take their
 * tables from the block's scratch stack (ir_scratch): its chunks live as long
 * as the block, so a translation makes no malloc calls for them.
 */
#include "jit/ir.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct ir_opdef ir_opdefs[IR_NUM_OPS] = {
#define OP(name, nargs, has_dst, flags) [IR_##name] = {#name, nargs, has_dst, flags},
#include "jit/ir_ops.def"
#undef OP
};

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) {
        fputs("tern: out of memory\n", stderr);
        abort();
    }
    return q;
}

/* chunks after scr_cur are free; a chunk becomes current with used = 0 */
struct ir_chunk {
    struct ir_chunk *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
};
#define IR_CHUNK (64u << 10)

void ir_block_init(struct ir_block *b, uint64_t pc)
{
    memset(b, 0, sizeof(*b));
    ir_block_reset(b, pc);
}

void ir_block_reset(struct ir_block *b, uint64_t pc)
{
    b->guest_pc = pc;
    b->guest_end = pc;
    b->ninsns = 0;
    b->nops = 0;
    if (!b->temps) {
        b->cap_temps = 256;
        b->temps = xrealloc(NULL, sizeof(*b->temps) * b->cap_temps);
    }
    b->ntemps = 1; /* temp 0 = none */
    memset(&b->temps[0], 0, sizeof(b->temps[0]));
    memset(b->const_memo, 0, sizeof(b->const_memo));
    b->scr_cur = b->scr_first;
    if (b->scr_cur)
        b->scr_cur->used = 0;
}


static struct ir_chunk *chunk_new(size_t cap)
{
    struct ir_chunk *c = xrealloc(NULL, sizeof(*c) + cap);
    c->next = NULL;
    c->used = 0;
    c->cap = cap;
    return c;
}

void *ir_scratch(struct ir_block *b, size_t bytes)
{
    bytes = (bytes + 15) & ~(size_t)15;
    if (!b->scr_cur)
        b->scr_cur = b->scr_first = chunk_new(bytes > IR_CHUNK ? bytes : IR_CHUNK);
    struct ir_chunk *c = b->scr_cur;
    while (c->cap - c->used < bytes) {
        if (!c->next)
            c->next = chunk_new(bytes > IR_CHUNK ? bytes : IR_CHUNK);
        c = c->next;
        c->used = 0;
    }
    b->scr_cur = c;
    void *p = c->data + c->used;
    c->used += bytes;
    return p;
}

void *ir_scratch_zero(struct ir_block *b, size_t bytes)
{
    return memset(ir_scratch(b, bytes), 0, bytes);
}

struct ir_mark ir_scratch_mark(struct ir_block *b)
{
    if (!b->scr_cur)
        b->scr_cur = b->scr_first = chunk_new(IR_CHUNK);
    return (struct ir_mark){b->scr_cur, b->scr_cur->used};
}

void ir_scratch_release(struct ir_block *b, struct ir_mark m)
{
    b->scr_cur = m.c;
    m.c->used = m.used;
}

void ir_block_free(struct ir_block *b)
{
    free(b->ops);
    free(b->temps);
    free(b->fwd_scratch);
    while (b->scr_first) {
        struct ir_chunk *n = b->scr_first->next;
        free(b->scr_first);
        b->scr_first = n;
    }
    memset(b, 0, sizeof(*b));
}

ir_ref ir_new_temp(struct ir_block *b, enum ir_tkind kind)
{
    if (b->ntemps == b->cap_temps) {
        b->cap_temps *= 2;
        b->temps = xrealloc(b->temps, sizeof(*b->temps) * b->cap_temps);
    }
    struct ir_temp *t = &b->temps[b->ntemps];
    t->kind = kind;
    t->is_const = 0;
    t->val = 0;
    return b->ntemps++;
}

struct ir_op *ir_push(struct ir_block *b, enum ir_opc opc, enum ir_type type)
{
    if (b->nops == b->cap_ops) {
        b->cap_ops = b->cap_ops ? b->cap_ops * 2 : 512;
        b->ops = xrealloc(b->ops, sizeof(*b->ops) * b->cap_ops);
    }
    struct ir_op *op = &b->ops[b->nops++];
    memset(op, 0, sizeof(*op));
    op->opc = opc;
    op->type = type;
    return op;
}

bool ir_block_terminated(const struct ir_block *b)
{
    return b->nops > 0 && (ir_opdefs[b->ops[b->nops - 1].opc].flags & OPF_TERM);
}

static enum ir_tkind kind_of(enum ir_type ty)
{
    return ty == IR_F32 ? IRK_F32 : ty == IR_F64 ? IRK_F64 : IRK_INT;
}

ir_ref gen_const(struct ir_block *b, int64_t v)
{
    /* reuse an identical constant of this block: keeps the temp count down
     * (constants are immediates to the backend, so reuse costs no register) */
    unsigned h = (unsigned)(((uint64_t)v * 0x9e3779b97f4a7c15ull) >> 59);
    ir_ref t = b->const_memo[h];
    if (t && t < (ir_ref)b->ntemps && b->temps[t].is_const && b->temps[t].kind == IRK_INT &&
        b->temps[t].val == v)
        return t;
    t = ir_new_temp(b, IRK_INT);
    b->temps[t].is_const = 1;
    b->temps[t].val = v;
    b->const_memo[h] = t;
    return t;
}

ir_ref gen_fconst(struct ir_block *b, enum ir_type ty, uint64_t bits)
{
    ir_ref t = ir_new_temp(b, kind_of(ty));
    b->temps[t].is_const = 1;
    b->temps[t].val = (int64_t)bits;
    return t;
}

static ir_ref push_dst(struct ir_block *b, struct ir_op *op, enum ir_tkind k)
{
    /* op may move if ir_new_temp reallocs temps only (not ops): safe */
    op->dst = ir_new_temp(b, k);
    return op->dst;
}

ir_ref gen_get(struct ir_block *b, enum ir_type ty, int32_t cpu_off)
{
    struct ir_op *op = ir_push(b, IR_get, ty);
    op->imm = cpu_off;
    return push_dst(b, op, kind_of(ty));
}

void gen_set(struct ir_block *b, enum ir_type ty, int32_t cpu_off, ir_ref v)
{
    struct ir_op *op = ir_push(b, IR_set, ty);
    op->imm = cpu_off;
    op->arg[0] = v;
}

ir_ref gen_unop(struct ir_block *b, enum ir_opc opc, enum ir_type ty, ir_ref a)
{
    struct ir_op *op = ir_push(b, opc, ty);
    op->arg[0] = a;
    return push_dst(b, op, IRK_INT);
}

ir_ref gen_binop(struct ir_block *b, enum ir_opc opc, enum ir_type ty, ir_ref a, ir_ref c)
{
    struct ir_op *op = ir_push(b, opc, ty);
    op->arg[0] = a;
    op->arg[1] = c;
    return push_dst(b, op, IRK_INT);
}

ir_ref gen_setcond(struct ir_block *b, enum ir_type ty, enum ir_cond cond, ir_ref a, ir_ref c)
{
    struct ir_op *op = ir_push(b, IR_setcond, ty);
    op->cond = cond;
    op->arg[0] = a;
    op->arg[1] = c;
    return push_dst(b, op, IRK_INT);
}

ir_ref gen_select(struct ir_block *b, enum ir_type ty, enum ir_cond cond, ir_ref a, ir_ref c,
                  ir_ref x, ir_ref y)
{
    struct ir_op *op = ir_push(b, IR_select, ty);
    op->cond = cond;
    op->arg[0] = a;
    op->arg[1] = c;
    op->arg[2] = x;
    op->arg[3] = y;
    return push_dst(b, op, IRK_INT);
}

ir_ref gen_ld(struct ir_block *b, unsigned memop, ir_ref addr, int32_t off)
{
    struct ir_op *op = ir_push(b, IR_ld, IR_I64);
    op->aux = memop;
    op->arg[0] = addr;
    op->imm = off;
    return push_dst(b, op, IRK_INT);
}

ir_ref gen_ldf(struct ir_block *b, enum ir_type ty, unsigned memop, ir_ref addr, int32_t off)
{
    struct ir_op *op = ir_push(b, IR_ld, ty);
    op->aux = memop;
    op->arg[0] = addr;
    op->imm = off;
    return push_dst(b, op, kind_of(ty));
}

void gen_st(struct ir_block *b, unsigned memop, ir_ref addr, int32_t off, ir_ref val)
{
    struct ir_op *op = ir_push(b, IR_st, IR_I64);
    op->aux = memop;
    op->arg[0] = addr;
    op->arg[1] = val;
    op->imm = off;
}

ir_ref gen_atomic(struct ir_block *b, int amo, unsigned memop, ir_ref addr, ir_ref val)
{
    struct ir_op *op = ir_push(b, IR_atomic, IR_I64);
    op->cond = amo;
    op->aux = memop;
    op->arg[0] = addr;
    op->arg[1] = val;
    return push_dst(b, op, IRK_INT);
}

ir_ref gen_cmpxchg(struct ir_block *b, unsigned memop, ir_ref addr, ir_ref expect, ir_ref newv)
{
    struct ir_op *op = ir_push(b, IR_cmpxchg, IR_I64);
    op->aux = memop;
    op->arg[0] = addr;
    op->arg[1] = expect;
    op->arg[2] = newv;
    return push_dst(b, op, IRK_INT);
}

void gen_fence(struct ir_block *b)
{
    ir_push(b, IR_fence, IR_I64);
}

ir_ref gen_call(struct ir_block *b, void *fn, unsigned flags, int nargs,
                ir_ref a0, ir_ref a1, ir_ref a2, ir_ref a3)
{
    struct ir_op *op = ir_push(b, IR_call, IR_I64);
    op->imm = (int64_t)(uintptr_t)fn;
    op->cond = flags;
    op->aux = nargs;
    ir_ref a[4] = {a0, a1, a2, a3};
    for (int i = 0; i < nargs; i++)
        op->arg[i] = a[i];
    return push_dst(b, op, IRK_INT);
}

void gen_insn_start(struct ir_block *b, uint64_t pc)
{
    struct ir_op *op = ir_push(b, IR_insn_start, IR_I64);
    op->imm = (int64_t)pc;
}

void gen_exit_cond(struct ir_block *b, enum ir_type ty, enum ir_cond cond, ir_ref a, ir_ref c,
                   uint64_t target_pc)
{
    struct ir_op *op = ir_push(b, IR_exit_cond, ty);
    op->cond = cond;
    op->arg[0] = a;
    op->arg[1] = c;
    op->imm = (int64_t)target_pc;
}

void gen_goto(struct ir_block *b, uint64_t pc)
{
    struct ir_op *op = ir_push(b, IR_goto_pc, IR_I64);
    op->imm = (int64_t)pc;
}

void gen_goto_ind(struct ir_block *b, ir_ref target, int hint)
{
    struct ir_op *op = ir_push(b, IR_goto_ind, IR_I64);
    op->arg[0] = target;
    op->aux = hint;
}

void gen_exit(struct ir_block *b, enum exit_reason why, uint64_t pc)
{
    struct ir_op *op = ir_push(b, IR_exit, IR_I64);
    op->aux = why;
    op->imm = (int64_t)pc;
}

ir_ref gen_fbin(struct ir_block *b, enum ir_opc opc, enum ir_type ty, ir_ref a, ir_ref c,
                int rm, unsigned fpflags)
{
    struct ir_op *op = ir_push(b, opc, ty);
    op->arg[0] = a;
    op->arg[1] = c;
    op->aux = rm;
    op->cond = fpflags;
    return push_dst(b, op, kind_of(ty));
}

ir_ref gen_fsqrt(struct ir_block *b, enum ir_type ty, ir_ref a, int rm, unsigned fpflags)
{
    struct ir_op *op = ir_push(b, IR_fsqrt, ty);
    op->arg[0] = a;
    op->aux = rm;
    op->cond = fpflags;
    return push_dst(b, op, kind_of(ty));
}

ir_ref gen_fma(struct ir_block *b, enum ir_type ty, ir_ref a, ir_ref c, ir_ref d, int rm,
               unsigned fpflags)
{
    struct ir_op *op = ir_push(b, IR_fma, ty);
    op->arg[0] = a;
    op->arg[1] = c;
    op->arg[2] = d;
    op->aux = rm;
    op->cond = fpflags;
    return push_dst(b, op, kind_of(ty));
}

ir_ref gen_fcmp(struct ir_block *b, enum ir_type ty, int fcond, ir_ref a, ir_ref c)
{
    struct ir_op *op = ir_push(b, IR_fcmp, ty);
    op->cond = fcond;
    op->arg[0] = a;
    op->arg[1] = c;
    return push_dst(b, op, IRK_INT);
}

ir_ref gen_fcvt_ff(struct ir_block *b, enum ir_type to, ir_ref a, int rm, unsigned fpflags)
{
    struct ir_op *op = ir_push(b, IR_fcvt_ff, to);
    op->arg[0] = a;
    op->aux = rm;
    op->cond = fpflags;
    return push_dst(b, op, kind_of(to));
}

ir_ref gen_fcvt_if(struct ir_block *b, enum ir_type to, int src_kind, ir_ref a, int rm)
{
    struct ir_op *op = ir_push(b, IR_fcvt_if, to);
    op->arg[0] = a;
    op->aux = rm;
    op->cond = src_kind;
    return push_dst(b, op, kind_of(to));
}

ir_ref gen_fcvt_fi(struct ir_block *b, enum ir_type from, int dst_kind, ir_ref a, int rm)
{
    struct ir_op *op = ir_push(b, IR_fcvt_fi, from);
    op->arg[0] = a;
    op->aux = rm;
    op->cond = dst_kind;
    return push_dst(b, op, IRK_INT);
}

ir_ref gen_bitcast(struct ir_block *b, enum ir_type to, ir_ref a)
{
    struct ir_op *op = ir_push(b, IR_bitcast, to);
    op->arg[0] = a;
    return push_dst(b, op, kind_of(to));
}

ir_ref gen_fround(struct ir_block *b, enum ir_type ty, ir_ref a, int rm, unsigned fpflags)
{
    struct ir_op *op = ir_push(b, IR_fround, ty);
    op->arg[0] = a;
    op->aux = rm;
    op->cond = fpflags;
    return push_dst(b, op, kind_of(ty));
}

ir_ref gen_fsign(struct ir_block *b, enum ir_opc opc, enum ir_type ty, ir_ref a)
{
    struct ir_op *op = ir_push(b, opc, ty);
    op->arg[0] = a;
    return push_dst(b, op, kind_of(ty));
}

ir_ref gen_fp_arm(struct ir_block *b, ir_ref r, void (*hook)(struct cpu *))
{
    if (b->nops == 0 || b->ops[b->nops - 1].dst != r)
        abort(); /* a frontend bug: only the op just built can be marked */
    struct ir_op *op = &b->ops[b->nops - 1];
    op->cond |= IR_FP_ARM;
    op->imm = (int64_t)(uintptr_t)hook;
    return r;
}

ir_ref gen_unbox32(struct ir_block *b, ir_ref a)
{
    struct ir_op *op = ir_push(b, IR_unbox32, IR_I64);
    op->arg[0] = a;
    return push_dst(b, op, IRK_INT);
}

ir_ref gen_fflags_get(struct ir_block *b)
{
    struct ir_op *op = ir_push(b, IR_fflags_get, IR_I64);
    return push_dst(b, op, IRK_INT);
}

void gen_fflags_set(struct ir_block *b, ir_ref flags)
{
    struct ir_op *op = ir_push(b, IR_fflags_set, IR_I64);
    op->arg[0] = flags;
}

/* ---- dump ---- */

static const char *const type_names[] = {"i32", "i64", "f32", "f64"};
static const char *const cond_names[IR_NUM_CONDS] = {
    "eq", "ne", "lt", "ge", "ltu", "geu", "le", "gt", "leu", "gtu", "tstz", "tstnz"};
static const char *const exit_names[EXIT_NUM] = {
    "none", "syscall", "sigill", "sigtrap", "fetch_fault", "flush", "lookup", "promote"};

static void fmt_temp(const struct ir_block *b, ir_ref t, char *buf, size_t n)
{
    if (t && (int)t < b->ntemps && b->temps[t].is_const)
        snprintf(buf, n, "$%#" PRIx64, (uint64_t)b->temps[t].val);
    else
        snprintf(buf, n, "t%u", t);
}

void ir_dump(const struct ir_block *b, void (*out)(void *ctx, const char *s), void *ctx)
{
    char line[256], tmp[48];
    snprintf(line, sizeof(line), "block %#" PRIx64 " (%d insns, %d ops)\n", b->guest_pc,
             b->ninsns, b->nops);
    out(ctx, line);
    for (int i = 0; i < b->nops; i++) {
        const struct ir_op *op = &b->ops[i];
        if (op->opc >= IR_NUM_OPS)
            continue;
        const struct ir_opdef *d = &ir_opdefs[op->opc];
        int n = 0;
        if (op->opc == IR_insn_start) {
            snprintf(line, sizeof(line), " ---- %#" PRIx64 "\n", (uint64_t)op->imm);
            out(ctx, line);
            continue;
        }
        n += snprintf(line + n, sizeof(line) - n, "  ");
        if (d->has_dst && op->dst)
            n += snprintf(line + n, sizeof(line) - n, "t%u = ", op->dst);
        n += snprintf(line + n, sizeof(line) - n, "%s.%s", d->name, type_names[op->type & 3]);
        int nargs = op->opc == IR_call ? op->aux : d->nargs;
        for (int a = 0; a < nargs; a++) {
            fmt_temp(b, op->arg[a], tmp, sizeof(tmp));
            n += snprintf(line + n, sizeof(line) - n, "%s%s", a ? ", " : " ", tmp);
        }
        switch (op->opc) {
        case IR_setcond: case IR_select: case IR_exit_cond:
            n += snprintf(line + n, sizeof(line) - n, " [%s]",
                          op->cond < IR_NUM_CONDS ? cond_names[op->cond] : "?");
            break;
        default:
            break;
        }
        switch (op->opc) {
        case IR_get: case IR_set:
            n += snprintf(line + n, sizeof(line) - n, " @cpu+%" PRId64, op->imm);
            break;
        case IR_ld: case IR_st:
            n += snprintf(line + n, sizeof(line) - n, " +%" PRId64 " size=%d%s", op->imm,
                          1 << (op->aux & MO_SIZE), (op->aux & MO_SIGN) ? " signed" : "");
            break;
        case IR_exit_cond: case IR_goto_pc:
            n += snprintf(line + n, sizeof(line) - n, " -> %#" PRIx64, (uint64_t)op->imm);
            break;
        case IR_exit:
            n += snprintf(line + n, sizeof(line) - n, " %s pc=%#" PRIx64,
                          op->aux < EXIT_NUM ? exit_names[op->aux] : "?", (uint64_t)op->imm);
            break;
        case IR_call:
            n += snprintf(line + n, sizeof(line) - n, " fn=%#" PRIx64 " flags=%d",
                          (uint64_t)op->imm, op->cond);
            break;
        default:
            if (d->flags & OPF_FLT)
                n += snprintf(line + n, sizeof(line) - n, " rm=%d cond=%#x", op->aux, op->cond);
            break;
        }
        snprintf(line + n, sizeof(line) - n, "\n");
        out(ctx, line);
    }
}
