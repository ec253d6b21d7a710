/* decode.c — the RV64 32-bit instruction table and the matcher that both the
 * translator and the disassembler use.
 *
 * Each row is (mask, match, operand format, required features, mnemonic,
 * disassembly syntax, trans_* handler). Invariants:
 *  - no two rows match the same word (the unit test checks this), so row
 *    order does not matter;
 *  - bits a row leaves out of its mask are operands or fields the spec says
 *    to ignore (fence's rd/rs1, fence.i's immediate); every other value of a
 *    fixed field is either another row or an illegal instruction;
 *  - a matching row whose feature is missing from the -cpu model is illegal,
 *    exactly as if nothing had matched.
 */
#include <pthread.h>

#include "frontends/riscv64/rv_internal.h"

/* major opcodes (bits 6:0) */
enum {
    OPC_LOAD = 0x03, OPC_LOAD_FP = 0x07, OPC_MISC_MEM = 0x0f, OPC_OP_IMM = 0x13,
    OPC_AUIPC = 0x17, OPC_OP_IMM_32 = 0x1b, OPC_STORE = 0x23, OPC_STORE_FP = 0x27,
    OPC_AMO = 0x2f, OPC_OP = 0x33, OPC_LUI = 0x37, OPC_OP_32 = 0x3b, OPC_MADD = 0x43,
    OPC_MSUB = 0x47, OPC_NMSUB = 0x4b, OPC_NMADD = 0x4f, OPC_OP_FP = 0x53,
    OPC_BRANCH = 0x63, OPC_JALR = 0x67, OPC_JAL = 0x6f, OPC_SYSTEM = 0x73,
};

#define M_OPC  0x0000007fu
#define M_F3   0x00007000u
#define M_RS2  0x01f00000u
#define M_F7   0xfe000000u
#define M_F6   0xfc000000u   /* RV64 shift-immediate funct6 */
#define M_F5   0xf8000000u   /* AMO funct5 */
#define M_FMT  0x06000000u   /* R4 fmt */
#define M_I12  0xfff00000u

/* Each expands to the "mask, match" pair of a row. */
#define OPC(op)             M_OPC, (op)
#define F3(f3, op)          (M_F3 | M_OPC), ((uint32_t)(f3) << 12 | (op))
#define R7(f7, f3, op)      (M_F7 | M_F3 | M_OPC), ((uint32_t)(f7) << 25 | (uint32_t)(f3) << 12 | (op))
#define R7_RS2(f7, rs2, f3, op) \
    (M_F7 | M_RS2 | M_F3 | M_OPC), \
    ((uint32_t)(f7) << 25 | (uint32_t)(rs2) << 20 | (uint32_t)(f3) << 12 | (op))
#define SH6(f6, f3, op)     (M_F6 | M_F3 | M_OPC), ((uint32_t)(f6) << 26 | (uint32_t)(f3) << 12 | (op))
#define I12(i12, f3, op)    (M_I12 | M_F3 | M_OPC), ((uint32_t)(i12) << 20 | (uint32_t)(f3) << 12 | (op))
/* FP ops whose funct3 is the rounding mode */
#define FRM(f7)             (M_F7 | M_OPC), ((uint32_t)(f7) << 25 | OPC_OP_FP)
#define FRM_RS2(f7, rs2)    (M_F7 | M_RS2 | M_OPC), ((uint32_t)(f7) << 25 | (uint32_t)(rs2) << 20 | OPC_OP_FP)
#define R4(fmt, op)         (M_FMT | M_OPC), ((uint32_t)(fmt) << 25 | (op))
#define AMO(f5, f3)         (M_F5 | M_F3 | M_OPC), ((uint32_t)(f5) << 27 | (uint32_t)(f3) << 12 | OPC_AMO)
#define AMO_LR(f3)          (M_F5 | M_RS2 | M_F3 | M_OPC), (0x02u << 27 | (uint32_t)(f3) << 12 | OPC_AMO)
#define EXACT(w)            0xffffffffu, (w)

#define FD  RV_F_FD
#define CSR RV_F_ZICSR
#define ZBA RV_F_ZBA
#define ZBB RV_F_ZBB
#define ZBS RV_F_ZBS

#define AMO_ROWS(sfx, f3) \
    { AMO(0x01, f3), FMT_AMO, 0, "amoswap." #sfx, "d,t,a", trans_amoswap_##sfx }, \
    { AMO(0x00, f3), FMT_AMO, 0, "amoadd." #sfx,  "d,t,a", trans_amoadd_##sfx }, \
    { AMO(0x04, f3), FMT_AMO, 0, "amoxor." #sfx,  "d,t,a", trans_amoxor_##sfx }, \
    { AMO(0x0c, f3), FMT_AMO, 0, "amoand." #sfx,  "d,t,a", trans_amoand_##sfx }, \
    { AMO(0x08, f3), FMT_AMO, 0, "amoor." #sfx,   "d,t,a", trans_amoor_##sfx }, \
    { AMO(0x10, f3), FMT_AMO, 0, "amomin." #sfx,  "d,t,a", trans_amomin_##sfx }, \
    { AMO(0x14, f3), FMT_AMO, 0, "amomax." #sfx,  "d,t,a", trans_amomax_##sfx }, \
    { AMO(0x18, f3), FMT_AMO, 0, "amominu." #sfx, "d,t,a", trans_amominu_##sfx }, \
    { AMO(0x1c, f3), FMT_AMO, 0, "amomaxu." #sfx, "d,t,a", trans_amomaxu_##sfx }, \
    { AMO_LR(f3),    FMT_AMO, 0, "lr." #sfx,      "d,a",   trans_lr_##sfx }, \
    { AMO(0x03, f3), FMT_AMO, 0, "sc." #sfx,      "d,t,a", trans_sc_##sfx }

/* f7 low bits give the format: 0 = S, 1 = D */
#define FP_ROWS(sfx, fb) \
    { R4(fb, OPC_MADD),  FMT_R4, FD, "fmadd." #sfx,  "D,S,T,R,m", trans_fmadd_##sfx }, \
    { R4(fb, OPC_MSUB),  FMT_R4, FD, "fmsub." #sfx,  "D,S,T,R,m", trans_fmsub_##sfx }, \
    { R4(fb, OPC_NMSUB), FMT_R4, FD, "fnmsub." #sfx, "D,S,T,R,m", trans_fnmsub_##sfx }, \
    { R4(fb, OPC_NMADD), FMT_R4, FD, "fnmadd." #sfx, "D,S,T,R,m", trans_fnmadd_##sfx }, \
    { FRM(0x00 | fb),    FMT_R, FD, "fadd." #sfx,  "D,S,T,m", trans_fadd_##sfx }, \
    { FRM(0x04 | fb),    FMT_R, FD, "fsub." #sfx,  "D,S,T,m", trans_fsub_##sfx }, \
    { FRM(0x08 | fb),    FMT_R, FD, "fmul." #sfx,  "D,S,T,m", trans_fmul_##sfx }, \
    { FRM(0x0c | fb),    FMT_R, FD, "fdiv." #sfx,  "D,S,T,m", trans_fdiv_##sfx }, \
    { FRM_RS2(0x2c | fb, 0), FMT_R, FD, "fsqrt." #sfx, "D,S,m", trans_fsqrt_##sfx }, \
    { R7(0x10 | fb, 0, OPC_OP_FP), FMT_R, FD, "fsgnj." #sfx,  "D,S,T", trans_fsgnj_##sfx }, \
    { R7(0x10 | fb, 1, OPC_OP_FP), FMT_R, FD, "fsgnjn." #sfx, "D,S,T", trans_fsgnjn_##sfx }, \
    { R7(0x10 | fb, 2, OPC_OP_FP), FMT_R, FD, "fsgnjx." #sfx, "D,S,T", trans_fsgnjx_##sfx }, \
    { R7(0x14 | fb, 0, OPC_OP_FP), FMT_R, FD, "fmin." #sfx,   "D,S,T", trans_fmin_##sfx }, \
    { R7(0x14 | fb, 1, OPC_OP_FP), FMT_R, FD, "fmax." #sfx,   "D,S,T", trans_fmax_##sfx }, \
    { R7(0x50 | fb, 2, OPC_OP_FP), FMT_R, FD, "feq." #sfx,    "d,S,T", trans_feq_##sfx }, \
    { R7(0x50 | fb, 1, OPC_OP_FP), FMT_R, FD, "flt." #sfx,    "d,S,T", trans_flt_##sfx }, \
    { R7(0x50 | fb, 0, OPC_OP_FP), FMT_R, FD, "fle." #sfx,    "d,S,T", trans_fle_##sfx }, \
    { R7_RS2(0x70 | fb, 0, 1, OPC_OP_FP), FMT_R, FD, "fclass." #sfx, "d,S", trans_fclass_##sfx }, \
    { FRM_RS2(0x60 | fb, 0), FMT_R, FD, "fcvt.w." #sfx,  "d,S,m", trans_fcvt_w_##sfx }, \
    { FRM_RS2(0x60 | fb, 1), FMT_R, FD, "fcvt.wu." #sfx, "d,S,m", trans_fcvt_wu_##sfx }, \
    { FRM_RS2(0x60 | fb, 2), FMT_R, FD, "fcvt.l." #sfx,  "d,S,m", trans_fcvt_l_##sfx }, \
    { FRM_RS2(0x60 | fb, 3), FMT_R, FD, "fcvt.lu." #sfx, "d,S,m", trans_fcvt_lu_##sfx }, \
    { FRM_RS2(0x68 | fb, 0), FMT_R, FD, "fcvt." #sfx ".w",  "D,s,m", trans_fcvt_##sfx##_w }, \
    { FRM_RS2(0x68 | fb, 1), FMT_R, FD, "fcvt." #sfx ".wu", "D,s,m", trans_fcvt_##sfx##_wu }, \
    { FRM_RS2(0x68 | fb, 2), FMT_R, FD, "fcvt." #sfx ".l",  "D,s,m", trans_fcvt_##sfx##_l }, \
    { FRM_RS2(0x68 | fb, 3), FMT_R, FD, "fcvt." #sfx ".lu", "D,s,m", trans_fcvt_##sfx##_lu }

const struct rv_pattern rv_patterns[] = {
    /* RV64I */
    { OPC(OPC_LUI),   FMT_U, 0, "lui",   "d,u", trans_lui },
    { OPC(OPC_AUIPC), FMT_U, 0, "auipc", "d,u", trans_auipc },
    { OPC(OPC_JAL),   FMT_J, 0, "jal",   "d,b", trans_jal },
    { F3(0, OPC_JALR), FMT_I, 0, "jalr", "d,o", trans_jalr },
    { F3(0, OPC_BRANCH), FMT_B, 0, "beq",  "s,t,b", trans_beq },
    { F3(1, OPC_BRANCH), FMT_B, 0, "bne",  "s,t,b", trans_bne },
    { F3(4, OPC_BRANCH), FMT_B, 0, "blt",  "s,t,b", trans_blt },
    { F3(5, OPC_BRANCH), FMT_B, 0, "bge",  "s,t,b", trans_bge },
    { F3(6, OPC_BRANCH), FMT_B, 0, "bltu", "s,t,b", trans_bltu },
    { F3(7, OPC_BRANCH), FMT_B, 0, "bgeu", "s,t,b", trans_bgeu },
    { F3(0, OPC_LOAD), FMT_I, 0, "lb",  "d,o", trans_lb },
    { F3(1, OPC_LOAD), FMT_I, 0, "lh",  "d,o", trans_lh },
    { F3(2, OPC_LOAD), FMT_I, 0, "lw",  "d,o", trans_lw },
    { F3(3, OPC_LOAD), FMT_I, 0, "ld",  "d,o", trans_ld },
    { F3(4, OPC_LOAD), FMT_I, 0, "lbu", "d,o", trans_lbu },
    { F3(5, OPC_LOAD), FMT_I, 0, "lhu", "d,o", trans_lhu },
    { F3(6, OPC_LOAD), FMT_I, 0, "lwu", "d,o", trans_lwu },
    { F3(0, OPC_STORE), FMT_S, 0, "sb", "t,o", trans_sb },
    { F3(1, OPC_STORE), FMT_S, 0, "sh", "t,o", trans_sh },
    { F3(2, OPC_STORE), FMT_S, 0, "sw", "t,o", trans_sw },
    { F3(3, OPC_STORE), FMT_S, 0, "sd", "t,o", trans_sd },
    { F3(0, OPC_OP_IMM), FMT_I, 0, "addi",  "d,s,i", trans_addi },
    { F3(2, OPC_OP_IMM), FMT_I, 0, "slti",  "d,s,i", trans_slti },
    { F3(3, OPC_OP_IMM), FMT_I, 0, "sltiu", "d,s,i", trans_sltiu },
    { F3(4, OPC_OP_IMM), FMT_I, 0, "xori",  "d,s,i", trans_xori },
    { F3(6, OPC_OP_IMM), FMT_I, 0, "ori",   "d,s,i", trans_ori },
    { F3(7, OPC_OP_IMM), FMT_I, 0, "andi",  "d,s,i", trans_andi },
    { SH6(0x00, 1, OPC_OP_IMM), FMT_SH6, 0, "slli", "d,s,h", trans_slli },
    { SH6(0x00, 5, OPC_OP_IMM), FMT_SH6, 0, "srli", "d,s,h", trans_srli },
    { SH6(0x10, 5, OPC_OP_IMM), FMT_SH6, 0, "srai", "d,s,h", trans_srai },
    { R7(0x00, 0, OPC_OP), FMT_R, 0, "add",  "d,s,t", trans_add },
    { R7(0x20, 0, OPC_OP), FMT_R, 0, "sub",  "d,s,t", trans_sub },
    { R7(0x00, 1, OPC_OP), FMT_R, 0, "sll",  "d,s,t", trans_sll },
    { R7(0x00, 2, OPC_OP), FMT_R, 0, "slt",  "d,s,t", trans_slt },
    { R7(0x00, 3, OPC_OP), FMT_R, 0, "sltu", "d,s,t", trans_sltu },
    { R7(0x00, 4, OPC_OP), FMT_R, 0, "xor",  "d,s,t", trans_xor },
    { R7(0x00, 5, OPC_OP), FMT_R, 0, "srl",  "d,s,t", trans_srl },
    { R7(0x20, 5, OPC_OP), FMT_R, 0, "sra",  "d,s,t", trans_sra },
    { R7(0x00, 6, OPC_OP), FMT_R, 0, "or",   "d,s,t", trans_or },
    { R7(0x00, 7, OPC_OP), FMT_R, 0, "and",  "d,s,t", trans_and },
    { F3(0, OPC_OP_IMM_32), FMT_I, 0, "addiw", "d,s,i", trans_addiw },
    { R7(0x00, 1, OPC_OP_IMM_32), FMT_SH5, 0, "slliw", "d,s,h", trans_slliw },
    { R7(0x00, 5, OPC_OP_IMM_32), FMT_SH5, 0, "srliw", "d,s,h", trans_srliw },
    { R7(0x20, 5, OPC_OP_IMM_32), FMT_SH5, 0, "sraiw", "d,s,h", trans_sraiw },
    { R7(0x00, 0, OPC_OP_32), FMT_R, 0, "addw", "d,s,t", trans_addw },
    { R7(0x20, 0, OPC_OP_32), FMT_R, 0, "subw", "d,s,t", trans_subw },
    { R7(0x00, 1, OPC_OP_32), FMT_R, 0, "sllw", "d,s,t", trans_sllw },
    { R7(0x00, 5, OPC_OP_32), FMT_R, 0, "srlw", "d,s,t", trans_srlw },
    { R7(0x20, 5, OPC_OP_32), FMT_R, 0, "sraw", "d,s,t", trans_sraw },
    { F3(0, OPC_MISC_MEM), FMT_FENCE, 0, "fence", "f", trans_fence },
    { F3(1, OPC_MISC_MEM), FMT_NONE, RV_F_ZIFENCEI, "fence.i", "", trans_fence_i },
    { EXACT(0x00000073), FMT_NONE, 0, "ecall",  "", trans_ecall },
    { EXACT(0x00100073), FMT_NONE, 0, "ebreak", "", trans_ebreak },

    /* Zicsr */
    { F3(1, OPC_SYSTEM), FMT_CSR, CSR, "csrrw",  "d,c,s", trans_csrrw },
    { F3(2, OPC_SYSTEM), FMT_CSR, CSR, "csrrs",  "d,c,s", trans_csrrs },
    { F3(3, OPC_SYSTEM), FMT_CSR, CSR, "csrrc",  "d,c,s", trans_csrrc },
    { F3(5, OPC_SYSTEM), FMT_CSR, CSR, "csrrwi", "d,c,z", trans_csrrwi },
    { F3(6, OPC_SYSTEM), FMT_CSR, CSR, "csrrsi", "d,c,z", trans_csrrsi },
    { F3(7, OPC_SYSTEM), FMT_CSR, CSR, "csrrci", "d,c,z", trans_csrrci },

    /* M */
    { R7(0x01, 0, OPC_OP), FMT_R, 0, "mul",    "d,s,t", trans_mul },
    { R7(0x01, 1, OPC_OP), FMT_R, 0, "mulh",   "d,s,t", trans_mulh },
    { R7(0x01, 2, OPC_OP), FMT_R, 0, "mulhsu", "d,s,t", trans_mulhsu },
    { R7(0x01, 3, OPC_OP), FMT_R, 0, "mulhu",  "d,s,t", trans_mulhu },
    { R7(0x01, 4, OPC_OP), FMT_R, 0, "div",    "d,s,t", trans_div },
    { R7(0x01, 5, OPC_OP), FMT_R, 0, "divu",   "d,s,t", trans_divu },
    { R7(0x01, 6, OPC_OP), FMT_R, 0, "rem",    "d,s,t", trans_rem },
    { R7(0x01, 7, OPC_OP), FMT_R, 0, "remu",   "d,s,t", trans_remu },
    { R7(0x01, 0, OPC_OP_32), FMT_R, 0, "mulw",  "d,s,t", trans_mulw },
    { R7(0x01, 4, OPC_OP_32), FMT_R, 0, "divw",  "d,s,t", trans_divw },
    { R7(0x01, 5, OPC_OP_32), FMT_R, 0, "divuw", "d,s,t", trans_divuw },
    { R7(0x01, 6, OPC_OP_32), FMT_R, 0, "remw",  "d,s,t", trans_remw },
    { R7(0x01, 7, OPC_OP_32), FMT_R, 0, "remuw", "d,s,t", trans_remuw },

    /* A */
    AMO_ROWS(w, 2),
    AMO_ROWS(d, 3),

    /* F, D */
    { F3(2, OPC_LOAD_FP),  FMT_I, FD, "flw", "D,o", trans_flw },
    { F3(3, OPC_LOAD_FP),  FMT_I, FD, "fld", "D,o", trans_fld },
    { F3(2, OPC_STORE_FP), FMT_S, FD, "fsw", "T,o", trans_fsw },
    { F3(3, OPC_STORE_FP), FMT_S, FD, "fsd", "T,o", trans_fsd },
    FP_ROWS(s, 0),
    FP_ROWS(d, 1),
    { FRM_RS2(0x20, 1), FMT_R, FD, "fcvt.s.d", "D,S,m", trans_fcvt_s_d },
    { FRM_RS2(0x21, 0), FMT_R, FD, "fcvt.d.s", "D,S,m", trans_fcvt_d_s },
    { R7_RS2(0x70, 0, 0, OPC_OP_FP), FMT_R, FD, "fmv.x.w", "d,S", trans_fmv_x_w },
    { R7_RS2(0x78, 0, 0, OPC_OP_FP), FMT_R, FD, "fmv.w.x", "D,s", trans_fmv_w_x },
    { R7_RS2(0x71, 0, 0, OPC_OP_FP), FMT_R, FD, "fmv.x.d", "d,S", trans_fmv_x_d },
    { R7_RS2(0x79, 0, 0, OPC_OP_FP), FMT_R, FD, "fmv.d.x", "D,s", trans_fmv_d_x },

    /* Zba */
    { R7(0x10, 2, OPC_OP), FMT_R, ZBA, "sh1add", "d,s,t", trans_sh1add },
    { R7(0x10, 4, OPC_OP), FMT_R, ZBA, "sh2add", "d,s,t", trans_sh2add },
    { R7(0x10, 6, OPC_OP), FMT_R, ZBA, "sh3add", "d,s,t", trans_sh3add },
    { R7(0x10, 2, OPC_OP_32), FMT_R, ZBA, "sh1add.uw", "d,s,t", trans_sh1add_uw },
    { R7(0x10, 4, OPC_OP_32), FMT_R, ZBA, "sh2add.uw", "d,s,t", trans_sh2add_uw },
    { R7(0x10, 6, OPC_OP_32), FMT_R, ZBA, "sh3add.uw", "d,s,t", trans_sh3add_uw },
    { R7(0x04, 0, OPC_OP_32), FMT_R, ZBA, "add.uw", "d,s,t", trans_add_uw },
    { SH6(0x02, 1, OPC_OP_IMM_32), FMT_SH6, ZBA, "slli.uw", "d,s,h", trans_slli_uw },

    /* Zbb */
    { R7(0x20, 7, OPC_OP), FMT_R, ZBB, "andn", "d,s,t", trans_andn },
    { R7(0x20, 6, OPC_OP), FMT_R, ZBB, "orn",  "d,s,t", trans_orn },
    { R7(0x20, 4, OPC_OP), FMT_R, ZBB, "xnor", "d,s,t", trans_xnor },
    { I12(0x600, 1, OPC_OP_IMM), FMT_R, ZBB, "clz",  "d,s", trans_clz },
    { I12(0x601, 1, OPC_OP_IMM), FMT_R, ZBB, "ctz",  "d,s", trans_ctz },
    { I12(0x602, 1, OPC_OP_IMM), FMT_R, ZBB, "cpop", "d,s", trans_cpop },
    { I12(0x600, 1, OPC_OP_IMM_32), FMT_R, ZBB, "clzw",  "d,s", trans_clzw },
    { I12(0x601, 1, OPC_OP_IMM_32), FMT_R, ZBB, "ctzw",  "d,s", trans_ctzw },
    { I12(0x602, 1, OPC_OP_IMM_32), FMT_R, ZBB, "cpopw", "d,s", trans_cpopw },
    { R7(0x05, 6, OPC_OP), FMT_R, ZBB, "max",  "d,s,t", trans_max },
    { R7(0x05, 7, OPC_OP), FMT_R, ZBB, "maxu", "d,s,t", trans_maxu },
    { R7(0x05, 4, OPC_OP), FMT_R, ZBB, "min",  "d,s,t", trans_min },
    { R7(0x05, 5, OPC_OP), FMT_R, ZBB, "minu", "d,s,t", trans_minu },
    { I12(0x604, 1, OPC_OP_IMM), FMT_R, ZBB, "sext.b", "d,s", trans_sext_b },
    { I12(0x605, 1, OPC_OP_IMM), FMT_R, ZBB, "sext.h", "d,s", trans_sext_h },
    { R7_RS2(0x04, 0, 4, OPC_OP_32), FMT_R, ZBB, "zext.h", "d,s", trans_zext_h },
    { R7(0x30, 1, OPC_OP), FMT_R, ZBB, "rol", "d,s,t", trans_rol },
    { R7(0x30, 5, OPC_OP), FMT_R, ZBB, "ror", "d,s,t", trans_ror },
    { SH6(0x18, 5, OPC_OP_IMM), FMT_SH6, ZBB, "rori", "d,s,h", trans_rori },
    { R7(0x30, 1, OPC_OP_32), FMT_R, ZBB, "rolw", "d,s,t", trans_rolw },
    { R7(0x30, 5, OPC_OP_32), FMT_R, ZBB, "rorw", "d,s,t", trans_rorw },
    { R7(0x30, 5, OPC_OP_IMM_32), FMT_SH5, ZBB, "roriw", "d,s,h", trans_roriw },
    { I12(0x287, 5, OPC_OP_IMM), FMT_R, ZBB, "orc.b", "d,s", trans_orc_b },
    { I12(0x6b8, 5, OPC_OP_IMM), FMT_R, ZBB, "rev8",  "d,s", trans_rev8 },

    /* Zbs */
    { R7(0x24, 1, OPC_OP), FMT_R, ZBS, "bclr", "d,s,t", trans_bclr },
    { R7(0x24, 5, OPC_OP), FMT_R, ZBS, "bext", "d,s,t", trans_bext },
    { R7(0x34, 1, OPC_OP), FMT_R, ZBS, "binv", "d,s,t", trans_binv },
    { R7(0x14, 1, OPC_OP), FMT_R, ZBS, "bset", "d,s,t", trans_bset },
    { SH6(0x12, 1, OPC_OP_IMM), FMT_SH6, ZBS, "bclri", "d,s,h", trans_bclri },
    { SH6(0x12, 5, OPC_OP_IMM), FMT_SH6, ZBS, "bexti", "d,s,h", trans_bexti },
    { SH6(0x1a, 1, OPC_OP_IMM), FMT_SH6, ZBS, "binvi", "d,s,h", trans_binvi },
    { SH6(0x0a, 1, OPC_OP_IMM), FMT_SH6, ZBS, "bseti", "d,s,h", trans_bseti },
};
const size_t rv_npatterns = sizeof(rv_patterns) / sizeof(rv_patterns[0]);

static inline int64_t sext(uint64_t v, int bits)
{
    return (int64_t)(v << (64 - bits)) >> (64 - bits);
}

static void extract(struct rv_insn *d, uint32_t w, int fmt)
{
    d->rd = (w >> 7) & 31;
    d->rs1 = (w >> 15) & 31;
    d->rs2 = (w >> 20) & 31;
    d->rs3 = w >> 27;
    d->rm = (w >> 12) & 7;
    d->aq = (w >> 26) & 1;
    d->rl = (w >> 25) & 1;
    d->imm = 0;
    switch (fmt) {
    case FMT_I:
        d->imm = sext(w >> 20, 12);
        break;
    case FMT_S:
        d->imm = sext((w >> 25) << 5 | ((w >> 7) & 31), 12);
        break;
    case FMT_B:
        d->imm = sext(((w >> 31) & 1) << 12 | ((w >> 7) & 1) << 11 |
                      ((w >> 25) & 0x3f) << 5 | ((w >> 8) & 0xf) << 1, 13);
        break;
    case FMT_U:
        d->imm = (int32_t)(w & 0xfffff000u);
        break;
    case FMT_J:
        d->imm = sext(((w >> 31) & 1) << 20 | ((w >> 12) & 0xff) << 12 |
                      ((w >> 20) & 1) << 11 | ((w >> 21) & 0x3ff) << 1, 21);
        break;
    case FMT_SH6:
        d->imm = (w >> 20) & 0x3f;
        break;
    case FMT_SH5:
        d->imm = (w >> 20) & 0x1f;
        break;
    case FMT_CSR:
        d->imm = w >> 20;
        break;
    case FMT_FENCE:
        d->imm = w >> 20;   /* fm:4 pred:4 succ:4 */
        break;
    default:
        break;
    }
}

/* Rows bucketed by major opcode (bits 6:2) so a lookup scans a handful of rows
 * rather than the whole table. Built once; read-only afterwards. */
#define NBUCKETS 32
#define BUCKET_MAX 64
static uint8_t bucket_rows[NBUCKETS][BUCKET_MAX];
static uint8_t bucket_len[NBUCKETS];
static pthread_once_t buckets_once = PTHREAD_ONCE_INIT;

static void build_buckets(void)
{
    _Static_assert(sizeof(rv_patterns) / sizeof(rv_patterns[0]) < 256, "row index fits uint8_t");
    for (size_t i = 0; i < rv_npatterns; i++) {
        unsigned bk = (rv_patterns[i].match >> 2) & 31;
        if (bucket_len[bk] < BUCKET_MAX)
            bucket_rows[bk][bucket_len[bk]++] = (uint8_t)i;
        else
            __builtin_trap();  /* table grew past BUCKET_MAX: raise it */
    }
}

bool rv_decode(uint32_t raw, uint64_t features, struct rv_insn *out)
{
    if ((raw & 3) != 3)
        return rvc_decode((uint16_t)raw, features, out);
    pthread_once(&buckets_once, build_buckets);
    unsigned bk = (raw >> 2) & 31;
    for (unsigned i = 0; i < bucket_len[bk]; i++) {
        const struct rv_pattern *p = &rv_patterns[bucket_rows[bk][i]];
        if ((raw & p->mask) != p->match)
            continue;
        if ((p->feat & features) != p->feat)
            return false;
        out->pat = p;
        out->word = raw;
        out->len = 4;
        extract(out, raw, p->fmt);
        return true;
    }
    return false;
}
