/* trans_simd2.c — AdvSIMD shifts by immediate, "three different" (widening,
 * narrowing, PMULL) and integer "x indexed element", vector and scalar.
 *
 * Each insn is decoded here (element size, shift amount, element index,
 * reserved encodings) and becomes one IR_CALL_RW_VEC call of a helper in
 * simd2_shift.c / simd2_long.c that does the lane arithmetic.
 *
 * Invariants:
 *  - rows are tried after the FP, SIMD-FP and integer SIMD tables; they match
 *    whole classes, and the handlers decline (before building IR) every
 *    encoding that is reserved or owned by another table: modified immediate
 *    (immh = 0000), fixed-point conversions (shift opcodes 11100/11111), FP
 *    and dot-product by-element forms. What nobody takes SIGILLs;
 *  - PMULL of 64-bit lanes needs A64_F_PMULL, SQRDMLAH/SQRDMLSH A64_F_RDM;
 *  - the 64-bit PMULL uses the host's PCLMULQDQ when present; both helpers
 *    compute the same function.
 */
#include "frontends/aarch64/a64_internal.h"
#include "frontends/aarch64/simd2_helpers.h"

#define B (s->b)

typedef uint64_t (*vec_helper)(struct cpu *, uint64_t, uint64_t, uint64_t, uint64_t);

static void gen_vec_call(struct a64_ctx *s, vec_helper fn, uint32_t insn, uint64_t a1, uint64_t a2)
{
    gen_call(B, (void *)fn, IR_CALL_RW_VEC, 3, gen_const(B, insn), gen_const(B, (int64_t)a1),
             gen_const(B, (int64_t)a2), 0);
}

/* ---- shift by immediate: 0 Q U 011110 immh immb opcode 1 Rn Rd (vector),
 *      01 U 111110 immh immb opcode 1 Rn Rd (scalar) ---- */

static bool trans_shift_imm(struct a64_ctx *s, uint32_t insn)
{
    unsigned immh = a64_bits(insn, 19, 4), immhb = a64_bits(insn, 16, 7);
    unsigned op = a64_bits(insn, 11, 5);
    bool u = a64_bits(insn, 29, 1), q = a64_bits(insn, 30, 1), scalar = a64_bits(insn, 28, 1);
    if (immh == 0)
        return false;  /* vector: modified immediate; scalar: unallocated */
    unsigned sz = 31 - (unsigned)__builtin_clz(immh), esize = 8u << sz;
    unsigned rsh = 2 * esize - immhb, lsh = immhb - esize;
    vec_helper fn;
    unsigned sh;
    bool same_width = true;
    switch (op) {
    case 0x00: case 0x02: case 0x04: case 0x06:  /* [SU]SHR, [SU]SRA, [SU]RSHR, [SU]RSRA */
        fn = a64_helper_shr_imm, sh = rsh;
        break;
    case 0x08:  /* SRI */
        if (!u)
            return false;
        fn = a64_helper_sri_imm, sh = rsh;
        break;
    case 0x0a:  /* SHL, SLI */
        fn = u ? a64_helper_sli_imm : a64_helper_shl_imm, sh = lsh;
        break;
    case 0x0c:  /* SQSHLU */
        if (!u)
            return false;
        fn = a64_helper_qshl_imm, sh = lsh;
        break;
    case 0x0e:  /* SQSHL, UQSHL */
        fn = a64_helper_qshl_imm, sh = lsh;
        break;
    case 0x10: case 0x11:  /* SHRN, RSHRN (vector only); SQSHRUN, SQRSHRUN */
        if (scalar && !u)
            return false;
        /* fall through */
    case 0x12: case 0x13:  /* SQSHRN, SQRSHRN; UQSHRN, UQRSHRN */
        if (immh & 8)
            return false;
        fn = a64_helper_shrn_imm, sh = rsh, same_width = false;
        break;
    case 0x14:  /* SSHLL, USHLL (vector only) */
        if (scalar || (immh & 8))
            return false;
        fn = a64_helper_shll_imm, sh = lsh, same_width = false;
        break;
    default:  /* 11100 / 11111: fixed-point conversions (FP table); rest unallocated */
        return false;
    }
    if (same_width) {
        /* scalar forms other than the saturating shifts exist only for D;
         * a vector of one 64-bit lane (Q = 0) is reserved */
        if (scalar ? (sz != 3 && op < 0x0c) : (sz == 3 && !q))
            return false;
    }
    gen_vec_call(s, fn, insn, sz, sh);
    return true;
}

/* ---- three different: 0 Q U 01110 size 1 Rm opcode 00 Rn Rd (vector),
 *      01 U 11110 size 1 Rm opcode 00 Rn Rd (scalar) ---- */

static bool host_has_pclmul(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("pclmul");
}

static bool trans_3diff(struct a64_ctx *s, uint32_t insn)
{
    unsigned op = a64_bits(insn, 12, 4), size = a64_bits(insn, 22, 2);
    bool u = a64_bits(insn, 29, 1), scalar = a64_bits(insn, 28, 1);
    vec_helper fn;
    switch (op) {
    case 0x0: case 0x1: case 0x2: case 0x3:  /* [SU]ADDL, [SU]ADDW, [SU]SUBL, [SU]SUBW */
    case 0x5: case 0x7:                      /* [SU]ABAL, [SU]ABDL */
    case 0x8: case 0xa: case 0xc:            /* [SU]MLAL, [SU]MLSL, [SU]MULL */
        if (scalar || size == 3)
            return false;
        fn = a64_helper_long3;
        break;
    case 0x4: case 0x6:  /* ADDHN, RADDHN, SUBHN, RSUBHN */
        if (scalar || size == 3)
            return false;
        fn = a64_helper_hn3;
        break;
    case 0x9: case 0xb: case 0xd:  /* SQDMLAL, SQDMLSL, SQDMULL */
        if (u || size == 0 || size == 3)
            return false;
        fn = a64_helper_sqdml3;
        break;
    case 0xe:  /* PMULL */
        if (scalar || u)
            return false;
        if (size == 0) {
            fn = a64_helper_pmull8;
        } else if (size == 3 && (s->features & A64_F_PMULL)) {
            fn = host_has_pclmul() ? a64_helper_pmull64_clmul : a64_helper_pmull64;
        } else {
            return false;
        }
        break;
    default:
        return false;
    }
    gen_vec_call(s, fn, insn, 0, 0);
    return true;
}

/* ---- x indexed element (integer): 0 Q U 01111 size L M Rm opcode H 0 Rn Rd
 *      (vector), 01 U 11111 size L M Rm opcode H 0 Rn Rd (scalar) ---- */

static bool trans_elem(struct a64_ctx *s, uint32_t insn)
{
    unsigned op = a64_bits(insn, 12, 4), size = a64_bits(insn, 22, 2);
    bool u = a64_bits(insn, 29, 1), scalar = a64_bits(insn, 28, 1);
    if (size == 0 || size == 3)
        return false;  /* no integer form; FP forms (FP table) or reserved */
    unsigned hl = a64_bits(insn, 11, 1) << 1 | a64_bits(insn, 21, 1);
    unsigned idx = size == 1 ? hl << 1 | a64_bits(insn, 20, 1) : hl;
    vec_helper fn;
    switch (op) {
    case 0x8:  /* MUL (U = 0; U = 1 is FMULX) */
    case 0x0:  /* MLA (U = 1; U = 0 is FMLAL) */
    case 0x4:  /* MLS (U = 1; U = 0 is FMLSL) */
        if (scalar || u != (op != 0x8))
            return false;
        fn = a64_helper_mul_elem;
        break;
    case 0x2: case 0x6: case 0xa:  /* [SU]MLAL, [SU]MLSL, [SU]MULL */
        if (scalar)
            return false;
        fn = a64_helper_long_elem;
        break;
    case 0x3: case 0x7: case 0xb:  /* SQDMLAL, SQDMLSL, SQDMULL (U = 1: FCMLA) */
        if (u)
            return false;
        fn = a64_helper_sqdml_elem;
        break;
    case 0xc:  /* SQDMULH */
        if (u)
            return false;
        fn = a64_helper_qdmulh_elem;
        break;
    case 0xd:  /* SQRDMULH; U = 1: SQRDMLAH */
        if (u && !(s->features & A64_F_RDM))
            return false;
        fn = a64_helper_qdmulh_elem;
        break;
    case 0xf:  /* SQRDMLSH */
        if (!u || !(s->features & A64_F_RDM))
            return false;
        fn = a64_helper_qdmulh_elem;
        break;
    default:   /* FP forms, dot products */
        return false;
    }
    gen_vec_call(s, fn, insn, idx, 0);
    return true;
}

/* Columns: mask, match, features, name, trans */
const struct a64_pattern a64_simd2_patterns[] = {
    { 0x9f800400, 0x0f000400, A64_F_SIMD, "simd shift imm",        trans_shift_imm },
    { 0xdf800400, 0x5f000400, A64_F_SIMD, "simd scalar shift imm", trans_shift_imm },
    { 0x9f200c00, 0x0e200000, A64_F_SIMD, "simd three diff",       trans_3diff },
    { 0xdf200c00, 0x5e200000, A64_F_SIMD, "simd scalar three diff", trans_3diff },
    { 0x9f000400, 0x0f000000, A64_F_SIMD, "simd by element",       trans_elem },
    { 0xdf000400, 0x5f000000, A64_F_SIMD, "simd scalar by element", trans_elem },
    { 0, 0, 0, NULL, NULL },
};
