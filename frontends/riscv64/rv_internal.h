/* rv_internal.h — what the riscv64 frontend's files share: the decoded-insn
 * record, the pattern tables' row type, the translation context, the
 * register access builders and every trans_* handler.
 *
 * Invariants:
 *  - a decoded insn is always presented in its 32-bit (expanded) form: a
 *    compressed insn fills the same fields as the insn it expands to and is
 *    translated by the same trans_* handler;
 *  - a trans_* handler returns false (=> SIGILL) only before it has built any
 *    IR, so a refused insn leaves no half-translated state behind;
 *  - only x0 is special: reads give constant 0, writes are dropped.
 */
#ifndef TERN_RV_INTERNAL_H
#define TERN_RV_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontends/frontend.h"
#include "frontends/riscv64/riscv64.h"
#include "jit/ir.h"
#include "runner/cpu.h"

struct rv_ctx;
struct rv_insn;
typedef bool (*rv_trans_fn)(struct rv_ctx *s, const struct rv_insn *a);

/* One decodable encoding. `fmt` names the operand extraction (enum rv_fmt for
 * 32-bit rows, enum rvc_fmt for 16-bit rows); `args` is the disassembly
 * operand syntax, see disas.c. */
struct rv_pattern {
    uint32_t mask, match;
    uint8_t fmt;
    uint64_t feat;       /* RV_F_* bits the model must have (0: base ISA) */
    const char *name;
    const char *args;
    rv_trans_fn trans;
};

struct rv_insn {
    const struct rv_pattern *pat;
    uint32_t word;       /* raw bits (16-bit insns: zero-extended) */
    uint8_t len;         /* 2 or 4 */
    uint8_t rd, rs1, rs2, rs3;
    uint8_t rm;          /* funct3: rounding mode for FP ops */
    uint8_t aq, rl;
    int64_t imm;         /* immediate, shift amount or CSR number */
};

/* 32-bit operand formats */
enum rv_fmt {
    FMT_NONE, FMT_R, FMT_R4, FMT_I, FMT_S, FMT_B, FMT_U, FMT_J,
    FMT_SH6, FMT_SH5, FMT_CSR, FMT_AMO, FMT_FENCE
};

/* decode.c */
extern const struct rv_pattern rv_patterns[];
extern const size_t rv_npatterns;
/* Decodes the insn in the low bits of `raw` (16 bits if its low two bits are
 * not 11). Returns false if nothing matches or the matching row needs a
 * feature outside `features`. */
bool rv_decode(uint32_t raw, uint64_t features, struct rv_insn *out);
static inline int rv_insn_len(uint32_t raw) { return (raw & 3) == 3 ? 4 : 2; }

/* decode_rvc.c */
extern const struct rv_pattern rvc_patterns[];
extern const size_t rvc_npatterns;
bool rvc_decode(uint16_t raw, uint64_t features, struct rv_insn *out);

/* disas.c */
int rv_disas(uint64_t pc, const uint8_t *bytes, size_t avail, char *out, size_t outlen);
extern const char *const rv_xreg_names[32];
extern const char *const rv_freg_names[32];

/* translate.c */
int rv_translate(struct tcontext *tc, struct ir_block *b);

struct rv_ctx {
    struct ir_block *b;
    uint64_t pc;         /* the insn being translated */
    uint64_t next_pc;    /* pc + its length */
    uint64_t features;
    bool stop;           /* the insn ended the block (TERM op emitted) */
};

static inline ir_ref gen_get_x(struct rv_ctx *s, int r)
{
    return r == 0 ? gen_const(s->b, 0) : gen_get(s->b, IR_I64, CPU_GPR(r));
}
static inline void gen_set_x(struct rv_ctx *s, int r, ir_ref v)
{
    if (r != 0)
        gen_set(s->b, IR_I64, CPU_GPR(r), v);
}
/* f registers hold 64 bits; singles are NaN-boxed (upper 32 bits all ones) */
static inline ir_ref gen_get_fbits(struct rv_ctx *s, int r)
{
    return gen_get(s->b, IR_I64, CPU_FPR(r));
}
static inline void gen_set_fbits(struct rv_ctx *s, int r, ir_ref v)
{
    gen_set(s->b, IR_I64, CPU_FPR(r), v);
}
static inline ir_ref gen_box32(struct rv_ctx *s, ir_ref v)
{
    return gen_or(s->b, IR_I64, v, gen_const(s->b, (int64_t)0xffffffff00000000ull));
}
static inline ir_ref gen_get_fs(struct rv_ctx *s, int r)
{
    return gen_bitcast(s->b, IR_F32, gen_unbox32(s->b, gen_get_fbits(s, r)));
}
/* doubles go straight to and from xmm registers; opt_state bridges them with
 * the integer view (bitcast) when the same register is used both ways */
static inline ir_ref gen_get_fd(struct rv_ctx *s, int r)
{
    return gen_get(s->b, IR_F64, CPU_FPR(r));
}
static inline void gen_set_fs(struct rv_ctx *s, int r, ir_ref f32)
{
    gen_set_fbits(s, r, gen_box32(s, gen_bitcast(s->b, IR_I64, f32)));
}
static inline void gen_set_fd(struct rv_ctx *s, int r, ir_ref f64)
{
    gen_set(s->b, IR_F64, CPU_FPR(r), f64);
}

/* helpers.c: called from generated code through gen_call */
enum { RV_CSR_WRITE, RV_CSR_SET, RV_CSR_CLEAR, RV_CSR_READ };
#define RV_CSR_FFLAGS  0x001
#define RV_CSR_FRM     0x002
#define RV_CSR_FCSR    0x003
#define RV_CSR_CYCLE   0xc00
#define RV_CSR_TIME    0xc01
#define RV_CSR_INSTRET 0xc02
/* kind bits for rv_helper_fminmax / rv_helper_fclass */
#define RV_FP_MAX    1
#define RV_FP_DOUBLE 2
struct cpu;
uint64_t rv_helper_sc(struct cpu *cpu, uint64_t addr, uint64_t val, uint64_t size, uint64_t u);
uint64_t rv_helper_csr_fp(struct cpu *cpu, uint64_t csr, uint64_t val, uint64_t op, uint64_t u);
uint64_t rv_helper_counter(struct cpu *cpu, uint64_t csr, uint64_t u1, uint64_t u2, uint64_t u3);
uint64_t rv_helper_fminmax(struct cpu *cpu, uint64_t a, uint64_t c, uint64_t kind, uint64_t u);
uint64_t rv_helper_fclass(struct cpu *cpu, uint64_t a, uint64_t kind, uint64_t u2, uint64_t u3);
/* pure bit-level cores of the FP helpers, shared with the unit tests */
uint64_t rv_fminmax_bits(uint64_t a, uint64_t c, unsigned kind, bool *invalid);
uint64_t rv_fclass_bits(uint64_t a, unsigned kind);

/* ---- trans_* handlers ---- */
#define RV_TRANS(name) bool trans_##name(struct rv_ctx *s, const struct rv_insn *a)

/* trans_int.c: RV64I, M, Zicsr, Zifencei, Zba, Zbb, Zbs */
RV_TRANS(lui); RV_TRANS(auipc); RV_TRANS(jal); RV_TRANS(jalr);
RV_TRANS(beq); RV_TRANS(bne); RV_TRANS(blt); RV_TRANS(bge); RV_TRANS(bltu); RV_TRANS(bgeu);
RV_TRANS(addi); RV_TRANS(slti); RV_TRANS(sltiu); RV_TRANS(xori); RV_TRANS(ori); RV_TRANS(andi);
RV_TRANS(slli); RV_TRANS(srli); RV_TRANS(srai);
RV_TRANS(add); RV_TRANS(sub); RV_TRANS(sll); RV_TRANS(slt); RV_TRANS(sltu); RV_TRANS(xor);
RV_TRANS(srl); RV_TRANS(sra); RV_TRANS(or); RV_TRANS(and);
RV_TRANS(addiw); RV_TRANS(slliw); RV_TRANS(srliw); RV_TRANS(sraiw);
RV_TRANS(addw); RV_TRANS(subw); RV_TRANS(sllw); RV_TRANS(srlw); RV_TRANS(sraw);
RV_TRANS(fence); RV_TRANS(fence_i); RV_TRANS(ecall); RV_TRANS(ebreak);
RV_TRANS(csrrw); RV_TRANS(csrrs); RV_TRANS(csrrc); RV_TRANS(csrrwi); RV_TRANS(csrrsi); RV_TRANS(csrrci);
RV_TRANS(mul); RV_TRANS(mulh); RV_TRANS(mulhsu); RV_TRANS(mulhu);
RV_TRANS(div); RV_TRANS(divu); RV_TRANS(rem); RV_TRANS(remu);
RV_TRANS(mulw); RV_TRANS(divw); RV_TRANS(divuw); RV_TRANS(remw); RV_TRANS(remuw);
RV_TRANS(sh1add); RV_TRANS(sh2add); RV_TRANS(sh3add);
RV_TRANS(sh1add_uw); RV_TRANS(sh2add_uw); RV_TRANS(sh3add_uw); RV_TRANS(add_uw); RV_TRANS(slli_uw);
RV_TRANS(andn); RV_TRANS(orn); RV_TRANS(xnor);
RV_TRANS(clz); RV_TRANS(ctz); RV_TRANS(cpop); RV_TRANS(clzw); RV_TRANS(ctzw); RV_TRANS(cpopw);
RV_TRANS(max); RV_TRANS(maxu); RV_TRANS(min); RV_TRANS(minu);
RV_TRANS(sext_b); RV_TRANS(sext_h); RV_TRANS(zext_h);
RV_TRANS(rol); RV_TRANS(ror); RV_TRANS(rori); RV_TRANS(rolw); RV_TRANS(rorw); RV_TRANS(roriw);
RV_TRANS(orc_b); RV_TRANS(rev8);
RV_TRANS(bclr); RV_TRANS(bclri); RV_TRANS(bext); RV_TRANS(bexti);
RV_TRANS(binv); RV_TRANS(binvi); RV_TRANS(bset); RV_TRANS(bseti);

/* trans_mem.c: loads, stores, A */
RV_TRANS(lb); RV_TRANS(lh); RV_TRANS(lw); RV_TRANS(ld); RV_TRANS(lbu); RV_TRANS(lhu); RV_TRANS(lwu);
RV_TRANS(sb); RV_TRANS(sh); RV_TRANS(sw); RV_TRANS(sd);
RV_TRANS(flw); RV_TRANS(fld); RV_TRANS(fsw); RV_TRANS(fsd);
RV_TRANS(lr_w); RV_TRANS(sc_w); RV_TRANS(lr_d); RV_TRANS(sc_d);
RV_TRANS(amoswap_w); RV_TRANS(amoadd_w); RV_TRANS(amoxor_w); RV_TRANS(amoand_w); RV_TRANS(amoor_w);
RV_TRANS(amomin_w); RV_TRANS(amomax_w); RV_TRANS(amominu_w); RV_TRANS(amomaxu_w);
RV_TRANS(amoswap_d); RV_TRANS(amoadd_d); RV_TRANS(amoxor_d); RV_TRANS(amoand_d); RV_TRANS(amoor_d);
RV_TRANS(amomin_d); RV_TRANS(amomax_d); RV_TRANS(amominu_d); RV_TRANS(amomaxu_d);

/* trans_fp.c: F and D */
#define RV_TRANS_FP(sfx) \
    RV_TRANS(fmadd_##sfx); RV_TRANS(fmsub_##sfx); RV_TRANS(fnmsub_##sfx); RV_TRANS(fnmadd_##sfx); \
    RV_TRANS(fadd_##sfx); RV_TRANS(fsub_##sfx); RV_TRANS(fmul_##sfx); RV_TRANS(fdiv_##sfx); \
    RV_TRANS(fsqrt_##sfx); RV_TRANS(fsgnj_##sfx); RV_TRANS(fsgnjn_##sfx); RV_TRANS(fsgnjx_##sfx); \
    RV_TRANS(fmin_##sfx); RV_TRANS(fmax_##sfx); RV_TRANS(feq_##sfx); RV_TRANS(flt_##sfx); \
    RV_TRANS(fle_##sfx); RV_TRANS(fclass_##sfx); \
    RV_TRANS(fcvt_w_##sfx); RV_TRANS(fcvt_wu_##sfx); RV_TRANS(fcvt_l_##sfx); RV_TRANS(fcvt_lu_##sfx); \
    RV_TRANS(fcvt_##sfx##_w); RV_TRANS(fcvt_##sfx##_wu); RV_TRANS(fcvt_##sfx##_l); RV_TRANS(fcvt_##sfx##_lu)
RV_TRANS_FP(s);
RV_TRANS_FP(d);
RV_TRANS(fcvt_s_d); RV_TRANS(fcvt_d_s);
RV_TRANS(fmv_x_w); RV_TRANS(fmv_w_x); RV_TRANS(fmv_x_d); RV_TRANS(fmv_d_x);

#endif
