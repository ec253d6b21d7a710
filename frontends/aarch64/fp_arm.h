/* fp_arm.h — Arm floating point in software, on bit patterns.
 *
 * A pure-C (integer arithmetic only) implementation of the Arm ARM's FP
 * pseudocode for half, single and double precision: the scalar slow paths
 * (fp_hook.c) and the AdvSIMD FP helpers use it, so their results are the
 * architecture's bit for bit, whatever the host's MXCSR says.
 *
 * Semantics kept (AArch64, FEAT_AFP absent, so FPCR.AH = 0):
 *  - FPUnpack: with FPCR.FZ, single/double denormal inputs read as zero and
 *    raise IDC; half inputs are never flushed (FZ16 is RES0 without FP16);
 *    with FPCR.AHP, the half exponent 31 is an ordinary exponent (conversions);
 *  - NaNs: a signalling NaN operand wins over a quiet one, earlier operands
 *    before later ones (FMA: addend, then the multiplicands); the result is
 *    the chosen NaN quietened, or the default NaN when FPCR.DN is set; a
 *    signalling NaN raises IOC;
 *  - FPRound: tininess is detected before rounding (UFC only when also
 *    inexact); FZ flushes a result whose unrounded exponent is below the
 *    format's minimum to zero with UFC alone (no IXC);
 *  - conversions to integer saturate (IOC, no IXC), NaN converts to 0 (IOC).
 *
 * Every operation takes a struct fpa: the FPCR to obey and the FPSR
 * cumulative bits it raises (ORed into ->flags, FPSR bit positions). Nothing
 * here touches global state, so helpers of concurrent guest threads may call
 * it freely.
 */
#ifndef TERN_FP_ARM_H
#define TERN_FP_ARM_H

#include <stdbool.h>
#include <stdint.h>

/* formats */
enum { FPA_H = 0, FPA_S = 1, FPA_D = 2 };

/* rounding: the FPCR.RMode encoding, then the two only instructions name */
enum { FPA_RN = 0, FPA_RP = 1, FPA_RM = 2, FPA_RZ = 3, FPA_RA = 4 /* ties away */,
       FPA_RO = 5 /* round to odd (FCVTXN) */ };

/* FPSR cumulative bits (same positions as the register) */
#define FPA_IOC 0x01u
#define FPA_DZC 0x02u
#define FPA_OFC 0x04u
#define FPA_UFC 0x08u
#define FPA_IXC 0x10u
#define FPA_IDC 0x80u

/* FPCR bits read */
#define FPA_FPCR_AHP (1u << 26)
#define FPA_FPCR_DN  (1u << 25)
#define FPA_FPCR_FZ  (1u << 24)

struct fpa {
    uint32_t fpcr;
    uint32_t flags;  /* FPA_* bits raised so far */
};

static inline int fpa_rmode(const struct fpa *c) { return (int)(c->fpcr >> 22) & 3; }

/* ---- classification (no flags) ---- */
bool fpa_is_nan(int fmt, uint64_t a);
uint64_t fpa_default_nan(int fmt);

/* ---- arithmetic in FPCR's rounding mode ---- */
uint64_t fpa_add(struct fpa *c, int fmt, uint64_t a, uint64_t b);
uint64_t fpa_sub(struct fpa *c, int fmt, uint64_t a, uint64_t b);
uint64_t fpa_mul(struct fpa *c, int fmt, uint64_t a, uint64_t b);
uint64_t fpa_mulx(struct fpa *c, int fmt, uint64_t a, uint64_t b); /* inf*0 = +-2 */
uint64_t fpa_div(struct fpa *c, int fmt, uint64_t a, uint64_t b);
uint64_t fpa_sqrt(struct fpa *c, int fmt, uint64_t a);
/* FPMulAdd: addend + op1*op2, one rounding. FMSUB etc. negate operands (the
 * sign bit, NaNs included) before calling. */
uint64_t fpa_muladd(struct fpa *c, int fmt, uint64_t addend, uint64_t op1, uint64_t op2);
uint64_t fpa_recps(struct fpa *c, int fmt, uint64_t a, uint64_t b);   /* 2 - a*b */
uint64_t fpa_rsqrts(struct fpa *c, int fmt, uint64_t a, uint64_t b);  /* (3 - a*b)/2 */
uint64_t fpa_max(struct fpa *c, int fmt, uint64_t a, uint64_t b);
uint64_t fpa_min(struct fpa *c, int fmt, uint64_t a, uint64_t b);
uint64_t fpa_maxnum(struct fpa *c, int fmt, uint64_t a, uint64_t b);
uint64_t fpa_minnum(struct fpa *c, int fmt, uint64_t a, uint64_t b);
uint64_t fpa_abd(struct fpa *c, int fmt, uint64_t a, uint64_t b);     /* |a - b| */

/* ---- estimates (FRECPE, FRSQRTE, FRECPX, URECPE, URSQRTE) ---- */
uint64_t fpa_recpe(struct fpa *c, int fmt, uint64_t a);
uint64_t fpa_rsqrte(struct fpa *c, int fmt, uint64_t a);
uint64_t fpa_recpx(struct fpa *c, int fmt, uint64_t a);
uint32_t fpa_urecpe(uint32_t a);
uint32_t fpa_ursqrte(uint32_t a);

/* ---- compares ---- */
/* FCMP/FCMPE: NZCV in bits 3:0 (unordered 0011); signal: any NaN raises IOC */
unsigned fpa_compare(struct fpa *c, int fmt, uint64_t a, uint64_t b, bool signal);
/* AdvSIMD compares: EQ quiet, GE/GT signalling; abs compares |a| against |b| */
bool fpa_cmp_eq(struct fpa *c, int fmt, uint64_t a, uint64_t b);
bool fpa_cmp_ge(struct fpa *c, int fmt, uint64_t a, uint64_t b);
bool fpa_cmp_gt(struct fpa *c, int fmt, uint64_t a, uint64_t b);

/* ---- rounding and conversions; rm is FPA_RN..FPA_RO ---- */
/* FRINT*: round to an integral value; exact raises IXC when it changed */
uint64_t fpa_round_int(struct fpa *c, int fmt, uint64_t a, int rm, bool exact);
/* FPConvert between formats (FCVT, FCVTL/N, FCVTXN with FPA_RO) */
uint64_t fpa_convert(struct fpa *c, int from, int to, uint64_t a, int rm);
/* FPToFixed: a * 2^fbits to a signed/unsigned integer of ibits (32, 64 or,
 * for the vector forms, 16) bits, saturating; the result is zero-extended */
uint64_t fpa_to_fixed(struct fpa *c, int fmt, uint64_t a, int fbits, bool is_unsigned, int ibits,
                      int rm);
/* FixedToFP: the ibits-bit integer x / 2^fbits, rounded in mode rm */
uint64_t fpa_from_fixed(struct fpa *c, int fmt, uint64_t x, int fbits, bool is_unsigned,
                        int ibits, int rm);

#endif
