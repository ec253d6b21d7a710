/* a64_internal.h — what the aarch64 frontend's files share: the pattern-table
 * row, the translation context, register and flag builders, and the group
 * tables each trans_*.c file defines.
 *
 * Decoding is declarative: every encoding class is one row (mask, match,
 * required features, name, trans_* handler) in the table of its family.
 * Matching rows are offered the insn in table order until one's trans_*
 * accepts it (a64_decode_next), so a row that carves a more specific encoding
 * out of a wider one comes before it.
 *
 * Invariants:
 *  - a trans_* handler returns false (=> next matching row, else SIGILL) only
 *    before it has built any IR, so a refused insn leaves no half-translated
 *    state behind;
 *  - register 31 is XZR or SP depending on the operand: a64_get_x/a64_set_x
 *    mean XZR, a64_get_xsp/a64_set_xsp mean SP — handlers pick per operand;
 *  - every W (32-bit) result written to an X register is zero-extended;
 *  - NZCV live in cpu->nf/zf/cf/vf (see runner/cpu.h for the encoding). A
 *    handler that writes any flag calls one of the a64_flags_* builders, which
 *    also record what produced the flags (struct a64_ccsrc) so a following
 *    condition in the same block compares the operands directly (cmp; b.lt ->
 *    cmp; jl). Anything else that changes flags calls a64_flags_clobbered().
 */
#ifndef TERN_A64_INTERNAL_H
#define TERN_A64_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontends/aarch64/aarch64.h"
#include "frontends/frontend.h"
#include "jit/ir.h"
#include "runner/cpu.h"

struct a64_ctx;
typedef bool (*a64_trans_fn)(struct a64_ctx *s, uint32_t insn);

struct a64_pattern {
    uint32_t mask, match;
    uint64_t feat;        /* A64_F_* bits the model must have (0: base ISA) */
    const char *name;     /* encoding class, for tests and -d in_asm fallbacks */
    a64_trans_fn trans;
};

/* the group tables; each ends with a row whose trans is NULL. Tables are
 * tried in this order (decode.c), rows in table order. */
extern const struct a64_pattern a64_branch_sys_patterns[]; /* trans_branch.c: op0 101x */
extern const struct a64_pattern a64_dp_imm_patterns[];     /* trans_dp.c:     op0 100x */
extern const struct a64_pattern a64_dp_reg_patterns[];     /* trans_dp.c:     op0 x101 */
extern const struct a64_pattern a64_ldst_patterns[];       /* trans_ldst.c:   op0 x1x0 */
extern const struct a64_pattern a64_fp_patterns[];         /* trans_fp.c:     scalar FP */
extern const struct a64_pattern a64_simdfp_patterns[];     /* trans_simdfp.c: AdvSIMD FP */
extern const struct a64_pattern a64_crypto_patterns[];     /* trans_crypto.c: AES, SHA */
extern const struct a64_pattern a64_simd_patterns[];       /* trans_simd.c:   AdvSIMD integer,
                                                              permutes, copies, immediates */
extern const struct a64_pattern a64_simd2_patterns[];      /* trans_simd2.c:  AdvSIMD shifts by
                                                              immediate, widening/narrowing,
                                                              by-element integer */

/* decode.c: the next row at or after *pos that matches insn and whose
 * features the model has, or NULL. Start with *pos = 0. The translator offers
 * the insn to each matching row in turn: a trans_* that returns false (before
 * building any IR) passes it on, and when no row takes it the guest gets
 * SIGILL. So a row may be wider than its family and decline the rest. */
const struct a64_pattern *a64_decode_next(uint32_t insn, uint64_t features, int *pos);

/* what produced the current NZCV, when known inside this block */
enum a64_cc_kind {
    CC_UNKNOWN = 0,  /* only cpu->nf/zf/cf/vf say */
    CC_SUB,          /* flags of a - b (SUBS/CMP/CCMP's compare) */
    CC_ADD,          /* flags of a + b (ADDS/CMN) */
    CC_LOGIC,        /* flags of res with C = V = 0 (ANDS/TST/BICS) */
};
struct a64_ccsrc {
    enum a64_cc_kind kind;
    enum ir_type ty;   /* IR_I32 or IR_I64 */
    ir_ref a, b, res;
};

struct a64_ctx {
    struct ir_block *b;
    struct tcontext *tc;
    uint64_t pc;         /* the insn being translated */
    uint64_t features;   /* A64_F_* of the -cpu model */
    bool stop;           /* the insn ended the block (TERM op emitted) */
    struct a64_ccsrc cc;
};

/* ---- bit fields ---- */
static inline uint32_t a64_bits(uint32_t insn, int lo, int len)
{
    return (insn >> lo) & ((1u << len) - 1);
}
static inline int64_t a64_sbits(uint32_t insn, int lo, int len)
{
    return (int64_t)((uint64_t)a64_bits(insn, lo, len) << (64 - len)) >> (64 - len);
}
#define A64_RD(i) ((int)a64_bits(i, 0, 5))
#define A64_RN(i) ((int)a64_bits(i, 5, 5))
#define A64_RT2(i) ((int)a64_bits(i, 10, 5))
#define A64_RA(i) ((int)a64_bits(i, 10, 5))
#define A64_RM(i) ((int)a64_bits(i, 16, 5))
#define A64_SF(i) ((int)a64_bits(i, 31, 1))

/* ---- general registers ---- */
static inline ir_ref a64_get_x(struct a64_ctx *s, int r)
{
    return r == 31 ? gen_const(s->b, 0) : gen_get(s->b, IR_I64, CPU_GPR(r));
}
static inline ir_ref a64_get_xsp(struct a64_ctx *s, int r)
{
    return gen_get(s->b, IR_I64, CPU_GPR(r));
}
static inline void a64_set_x(struct a64_ctx *s, int r, ir_ref v)
{
    if (r != 31)
        gen_set(s->b, IR_I64, CPU_GPR(r), v);
}
static inline void a64_set_xsp(struct a64_ctx *s, int r, ir_ref v)
{
    gen_set(s->b, IR_I64, CPU_GPR(r), v);
}
/* W destination: the value's low 32 bits, zero-extended */
static inline void a64_set_w(struct a64_ctx *s, int r, ir_ref v)
{
    if (r != 31)
        gen_set(s->b, IR_I64, CPU_GPR(r), gen_unop(s->b, IR_zext32, IR_I64, v));
}
static inline void a64_set_wsp(struct a64_ctx *s, int r, ir_ref v)
{
    gen_set(s->b, IR_I64, CPU_GPR(r), gen_unop(s->b, IR_zext32, IR_I64, v));
}
/* sf ? X : W destination */
static inline void a64_set_sf(struct a64_ctx *s, int sf, int r, ir_ref v)
{
    if (sf)
        a64_set_x(s, r, v);
    else
        a64_set_w(s, r, v);
}

/* ---- flags (flags.c) ---- */
/* a - b / a + b with NZCV set; returns the result (zero-extended for I32) */
ir_ref a64_flags_sub(struct a64_ctx *s, enum ir_type ty, ir_ref a, ir_ref b);
ir_ref a64_flags_add(struct a64_ctx *s, enum ir_type ty, ir_ref a, ir_ref b);
/* a + b + C / a - b - !C (ADCS/SBCS); returns the result */
ir_ref a64_flags_adc(struct a64_ctx *s, enum ir_type ty, ir_ref a, ir_ref b);
ir_ref a64_flags_sbc(struct a64_ctx *s, enum ir_type ty, ir_ref a, ir_ref b);
/* N and Z from res, C = V = 0 */
void a64_flags_logic(struct a64_ctx *s, enum ir_type ty, ir_ref res);
/* NZCV from a 4-bit constant (CCMP's #nzcv) */
void a64_flags_const(struct a64_ctx *s, unsigned nzcv);
/* NZCV from bits 31:28 of a runtime value (MSR NZCV, FCMP helpers) */
void a64_flags_from_nzcv(struct a64_ctx *s, ir_ref nzcv);
/* NZCV packed in bits 31:28 (MRS NZCV) */
ir_ref a64_flags_to_nzcv(struct a64_ctx *s);
/* flags changed in a way a64_ccsrc cannot describe (after setting cpu->nf..vf) */
static inline void a64_flags_clobbered(struct a64_ctx *s) { s->cc.kind = CC_UNKNOWN; }
/* C as 0/1 */
ir_ref a64_get_carry(struct a64_ctx *s);

/* A condition (Arm cond field 0..15) as an IR compare: holds iff
 * (a <ty cond> b). cond 14/15 (AL/NV) give a compare that is always true. */
struct a64_cmp {
    enum ir_type ty;
    enum ir_cond cond;
    ir_ref a, b;
};
struct a64_cmp a64_gen_cond(struct a64_ctx *s, unsigned cond);
/* the condition as 0/1 */
ir_ref a64_gen_cond_value(struct a64_ctx *s, unsigned cond);
/* cond ? x : y (64-bit values) */
ir_ref a64_gen_cond_select(struct a64_ctx *s, unsigned cond, ir_ref x, ir_ref y);

/* ---- control ---- */
static inline void a64_goto(struct a64_ctx *s, uint64_t pc)
{
    gen_goto(s->b, pc);
    s->stop = true;
}

/* ---- FP/SIMD registers: V[n] is 16 bytes at CPU_VREG(n, 0); a scalar write
 * zeroes the bits above it (a64_set_vreg_* do) ---- */
static inline ir_ref a64_get_vlo(struct a64_ctx *s, int r)
{
    return gen_get(s->b, IR_I64, CPU_VREG(r, 0));
}
static inline ir_ref a64_get_vhi(struct a64_ctx *s, int r)
{
    return gen_get(s->b, IR_I64, CPU_VREG(r, 1));
}
static inline void a64_set_vlo(struct a64_ctx *s, int r, ir_ref v)
{
    gen_set(s->b, IR_I64, CPU_VREG(r, 0), v);
}
static inline void a64_set_vhi(struct a64_ctx *s, int r, ir_ref v)
{
    gen_set(s->b, IR_I64, CPU_VREG(r, 1), v);
}
/* write a 64-bit scalar (D register, or a narrower one already zero-extended)
 * and clear bits 127:64 */
static inline void a64_set_vreg64(struct a64_ctx *s, int r, ir_ref v)
{
    a64_set_vlo(s, r, v);
    a64_set_vhi(s, r, gen_const(s->b, 0));
}

/* ---- helpers called from generated code (helpers.c) ---- */
uint64_t a64_helper_mrs(struct cpu *cpu, uint64_t sysreg, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t a64_helper_msr(struct cpu *cpu, uint64_t sysreg, uint64_t val, uint64_t u2, uint64_t u3);
/* value of a read-only ID/system register user space may read, or false if
 * reading it is UNDEFINED at EL0. sysreg = op0:op1:CRn:CRm:op2 (16 bits). */
bool a64_sysreg_const(uint64_t features, uint32_t sysreg, uint64_t *val);

/* translate.c */
int a64_translate(struct tcontext *tc, struct ir_block *b);
/* disas.c */
int a64_disas(uint64_t pc, const uint8_t *bytes, size_t avail, char *out, size_t outlen);

#endif
