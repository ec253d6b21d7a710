/* fp_v2misc.S — AdvSIMD two-register misc FP in every arrangement (4S, 2S,
 * 2D) and the scalar forms: FABS FNEG FSQRT FRINT{N,P,M,Z,A,X,I}
 * FCVT{N,P,M,Z,A}{S,U} SCVTF UCVTF FRECPE FRSQRTE FRECPX URECPE URSQRTE, the
 * compares with zero, FCVTL(2)/FCVTN(2) with halves (AHP too) and singles,
 * FCVTXN(2); lanes run through the scalar tables, under each rounding mode
 * and with FZ, DN, AHP; each line: low half, high half, FPSR. */
#include "a64test.h"
#include "fp_test.h"
TEST_START
    FPT_INIT
    FOR_FPCR fpcrs, 8
    VSINGLES uvecs_s, 10, fabs v0.4s, v1.4s
    VSINGLES vecs_s, 25, fabs v0.4s, v1.4s
    VSINGLES vecs_s, 25, fabs v0.2s, v1.2s
    VSINGLES uvecs_d, 20, fabs v0.2d, v1.2d
    VSINGLES vecs_d, 25, fabs v0.2d, v1.2d
    VSINGLES uvecs_s, 10, fneg v0.4s, v1.4s
    VSINGLES vecs_s, 25, fneg v0.4s, v1.4s
    VSINGLES vecs_s, 25, fneg v0.2s, v1.2s
    VSINGLES uvecs_d, 20, fneg v0.2d, v1.2d
    VSINGLES vecs_d, 25, fneg v0.2d, v1.2d
    VSINGLES uvecs_s, 10, fsqrt v0.4s, v1.4s
    VSINGLES vecs_s, 25, fsqrt v0.4s, v1.4s
    VSINGLES vecs_s, 25, fsqrt v0.2s, v1.2s
    VSINGLES uvecs_d, 20, fsqrt v0.2d, v1.2d
    VSINGLES vecs_d, 25, fsqrt v0.2d, v1.2d
    VSINGLES uvecs_s, 10, frintn v0.4s, v1.4s
    VSINGLES vecs_s, 25, frintn v0.4s, v1.4s
    VSINGLES vecs_s, 25, frintn v0.2s, v1.2s
    VSINGLES uvecs_d, 20, frintn v0.2d, v1.2d
    VSINGLES vecs_d, 25, frintn v0.2d, v1.2d
    VSINGLES uvecs_s, 10, frintp v0.4s, v1.4s
    VSINGLES vecs_s, 25, frintp v0.4s, v1.4s
    VSINGLES vecs_s, 25, frintp v0.2s, v1.2s
    VSINGLES uvecs_d, 20, frintp v0.2d, v1.2d
    VSINGLES vecs_d, 25, frintp v0.2d, v1.2d
    VSINGLES uvecs_s, 10, frintm v0.4s, v1.4s
    VSINGLES vecs_s, 25, frintm v0.4s, v1.4s
    VSINGLES vecs_s, 25, frintm v0.2s, v1.2s
    VSINGLES uvecs_d, 20, frintm v0.2d, v1.2d
    VSINGLES vecs_d, 25, frintm v0.2d, v1.2d
    VSINGLES uvecs_s, 10, frintz v0.4s, v1.4s
    VSINGLES vecs_s, 25, frintz v0.4s, v1.4s
    VSINGLES vecs_s, 25, frintz v0.2s, v1.2s
    VSINGLES uvecs_d, 20, frintz v0.2d, v1.2d
    VSINGLES vecs_d, 25, frintz v0.2d, v1.2d
    VSINGLES uvecs_s, 10, frinta v0.4s, v1.4s
    VSINGLES vecs_s, 25, frinta v0.4s, v1.4s
    VSINGLES vecs_s, 25, frinta v0.2s, v1.2s
    VSINGLES uvecs_d, 20, frinta v0.2d, v1.2d
    VSINGLES vecs_d, 25, frinta v0.2d, v1.2d
    VSINGLES uvecs_s, 10, frintx v0.4s, v1.4s
    VSINGLES vecs_s, 25, frintx v0.4s, v1.4s
    VSINGLES vecs_s, 25, frintx v0.2s, v1.2s
    VSINGLES uvecs_d, 20, frintx v0.2d, v1.2d
    VSINGLES vecs_d, 25, frintx v0.2d, v1.2d
    VSINGLES uvecs_s, 10, frinti v0.4s, v1.4s
    VSINGLES vecs_s, 25, frinti v0.4s, v1.4s
    VSINGLES vecs_s, 25, frinti v0.2s, v1.2s
    VSINGLES uvecs_d, 20, frinti v0.2d, v1.2d
    VSINGLES vecs_d, 25, frinti v0.2d, v1.2d
    VSINGLES uvecs_s, 10, fcvtns v0.4s, v1.4s
    VSINGLES vecs_s, 25, fcvtns v0.4s, v1.4s
    VSINGLES vecs_s, 25, fcvtns v0.2s, v1.2s
    VSINGLES uvecs_d, 20, fcvtns v0.2d, v1.2d
    VSINGLES vecs_d, 25, fcvtns v0.2d, v1.2d
    VSINGLES uvecs_s, 10, fcvtps v0.4s, v1.4s
    VSINGLES vecs_s, 25, fcvtps v0.4s, v1.4s
    VSINGLES vecs_s, 25, fcvtps v0.2s, v1.2s
    VSINGLES uvecs_d, 20, fcvtps v0.2d, v1.2d
    VSINGLES vecs_d, 25, fcvtps v0.2d, v1.2d
    VSINGLES uvecs_s, 10, fcvtms v0.4s, v1.4s
    VSINGLES vecs_s, 25, fcvtms v0.4s, v1.4s
    VSINGLES vecs_s, 25, fcvtms v0.2s, v1.2s
    VSINGLES uvecs_d, 20, fcvtms v0.2d, v1.2d
    VSINGLES vecs_d, 25, fcvtms v0.2d, v1.2d
    VSINGLES uvecs_s, 10, fcvtzs v0.4s, v1.4s
    VSINGLES vecs_s, 25, fcvtzs v0.4s, v1.4s
    VSINGLES vecs_s, 25, fcvtzs v0.2s, v1.2s
    VSINGLES uvecs_d, 20, fcvtzs v0.2d, v1.2d
    VSINGLES vecs_d, 25, fcvtzs v0.2d, v1.2d
    VSINGLES uvecs_s, 10, fcvtas v0.4s, v1.4s
    VSINGLES vecs_s, 25, fcvtas v0.4s, v1.4s
    VSINGLES vecs_s, 25, fcvtas v0.2s, v1.2s
    VSINGLES uvecs_d, 20, fcvtas v0.2d, v1.2d
    VSINGLES vecs_d, 25, fcvtas v0.2d, v1.2d
    VSINGLES uvecs_s, 10, fcvtnu v0.4s, v1.4s
    VSINGLES vecs_s, 25, fcvtnu v0.4s, v1.4s
    VSINGLES vecs_s, 25, fcvtnu v0.2s, v1.2s
    VSINGLES uvecs_d, 20, fcvtnu v0.2d, v1.2d
    VSINGLES vecs_d, 25, fcvtnu v0.2d, v1.2d
    VSINGLES uvecs_s, 10, fcvtpu v0.4s, v1.4s
    VSINGLES vecs_s, 25, fcvtpu v0.4s, v1.4s
    VSINGLES vecs_s, 25, fcvtpu v0.2s, v1.2s
    VSINGLES uvecs_d, 20, fcvtpu v0.2d, v1.2d
    VSINGLES vecs_d, 25, fcvtpu v0.2d, v1.2d
    VSINGLES uvecs_s, 10, fcvtmu v0.4s, v1.4s
    VSINGLES vecs_s, 25, fcvtmu v0.4s, v1.4s
    VSINGLES vecs_s, 25, fcvtmu v0.2s, v1.2s
    VSINGLES uvecs_d, 20, fcvtmu v0.2d, v1.2d
    VSINGLES vecs_d, 25, fcvtmu v0.2d, v1.2d
    VSINGLES uvecs_s, 10, fcvtzu v0.4s, v1.4s
    VSINGLES vecs_s, 25, fcvtzu v0.4s, v1.4s
    VSINGLES vecs_s, 25, fcvtzu v0.2s, v1.2s
    VSINGLES uvecs_d, 20, fcvtzu v0.2d, v1.2d
    VSINGLES vecs_d, 25, fcvtzu v0.2d, v1.2d
    VSINGLES uvecs_s, 10, fcvtau v0.4s, v1.4s
    VSINGLES vecs_s, 25, fcvtau v0.4s, v1.4s
    VSINGLES vecs_s, 25, fcvtau v0.2s, v1.2s
    VSINGLES uvecs_d, 20, fcvtau v0.2d, v1.2d
    VSINGLES vecs_d, 25, fcvtau v0.2d, v1.2d
    VSINGLES uvecs_s, 10, scvtf v0.4s, v1.4s
    VSINGLES vecs_s, 25, scvtf v0.4s, v1.4s
    VSINGLES vecs_s, 25, scvtf v0.2s, v1.2s
    VSINGLES uvecs_d, 20, scvtf v0.2d, v1.2d
    VSINGLES vecs_d, 25, scvtf v0.2d, v1.2d
    VSINGLES uvecs_s, 10, ucvtf v0.4s, v1.4s
    VSINGLES vecs_s, 25, ucvtf v0.4s, v1.4s
    VSINGLES vecs_s, 25, ucvtf v0.2s, v1.2s
    VSINGLES uvecs_d, 20, ucvtf v0.2d, v1.2d
    VSINGLES vecs_d, 25, ucvtf v0.2d, v1.2d
    VSINGLES uvecs_s, 10, frecpe v0.4s, v1.4s
    VSINGLES vecs_s, 25, frecpe v0.4s, v1.4s
    VSINGLES vecs_s, 25, frecpe v0.2s, v1.2s
    VSINGLES uvecs_d, 20, frecpe v0.2d, v1.2d
    VSINGLES vecs_d, 25, frecpe v0.2d, v1.2d
    VSINGLES uvecs_s, 10, frsqrte v0.4s, v1.4s
    VSINGLES vecs_s, 25, frsqrte v0.4s, v1.4s
    VSINGLES vecs_s, 25, frsqrte v0.2s, v1.2s
    VSINGLES uvecs_d, 20, frsqrte v0.2d, v1.2d
    VSINGLES vecs_d, 25, frsqrte v0.2d, v1.2d
    VSINGLES vecs_s, 25, fcmgt v0.4s, v1.4s, #0.0
    VSINGLES uvecs_s, 10, fcmgt v0.2s, v1.2s, #0.0
    VSINGLES vecs_d, 25, fcmgt v0.2d, v1.2d, #0.0
    VSINGLES vecs_s, 25, fcmge v0.4s, v1.4s, #0.0
    VSINGLES uvecs_s, 10, fcmge v0.2s, v1.2s, #0.0
    VSINGLES vecs_d, 25, fcmge v0.2d, v1.2d, #0.0
    VSINGLES vecs_s, 25, fcmeq v0.4s, v1.4s, #0.0
    VSINGLES uvecs_s, 10, fcmeq v0.2s, v1.2s, #0.0
    VSINGLES vecs_d, 25, fcmeq v0.2d, v1.2d, #0.0
    VSINGLES vecs_s, 25, fcmle v0.4s, v1.4s, #0.0
    VSINGLES uvecs_s, 10, fcmle v0.2s, v1.2s, #0.0
    VSINGLES vecs_d, 25, fcmle v0.2d, v1.2d, #0.0
    VSINGLES vecs_s, 25, fcmlt v0.4s, v1.4s, #0.0
    VSINGLES uvecs_s, 10, fcmlt v0.2s, v1.2s, #0.0
    VSINGLES vecs_d, 25, fcmlt v0.2d, v1.2d, #0.0
    VSINGLES vecs_s, 25, urecpe v0.4s, v1.4s
    VSINGLES uvecs_d, 20, urecpe v0.4s, v1.4s
    VSINGLES vecs_s, 25, urecpe v0.2s, v1.2s
    VSINGLES uvecs_d, 20, urecpe v0.2s, v1.2s
    VSINGLES vecs_s, 25, ursqrte v0.4s, v1.4s
    VSINGLES uvecs_d, 20, ursqrte v0.4s, v1.4s
    VSINGLES vecs_s, 25, ursqrte v0.2s, v1.2s
    VSINGLES uvecs_d, 20, ursqrte v0.2s, v1.2s
    VSINGLES uvecs_s, 10, fcvtns s0, s1
    VSINGLES vecs_s, 25, fcvtns s0, s1
    VSINGLES uvecs_d, 20, fcvtns d0, d1
    VSINGLES vecs_d, 25, fcvtns d0, d1
    VSINGLES uvecs_s, 10, fcvtps s0, s1
    VSINGLES vecs_s, 25, fcvtps s0, s1
    VSINGLES uvecs_d, 20, fcvtps d0, d1
    VSINGLES vecs_d, 25, fcvtps d0, d1
    VSINGLES uvecs_s, 10, fcvtms s0, s1
    VSINGLES vecs_s, 25, fcvtms s0, s1
    VSINGLES uvecs_d, 20, fcvtms d0, d1
    VSINGLES vecs_d, 25, fcvtms d0, d1
    VSINGLES uvecs_s, 10, fcvtzs s0, s1
    VSINGLES vecs_s, 25, fcvtzs s0, s1
    VSINGLES uvecs_d, 20, fcvtzs d0, d1
    VSINGLES vecs_d, 25, fcvtzs d0, d1
    VSINGLES uvecs_s, 10, fcvtas s0, s1
    VSINGLES vecs_s, 25, fcvtas s0, s1
    VSINGLES uvecs_d, 20, fcvtas d0, d1
    VSINGLES vecs_d, 25, fcvtas d0, d1
    VSINGLES uvecs_s, 10, fcvtnu s0, s1
    VSINGLES vecs_s, 25, fcvtnu s0, s1
    VSINGLES uvecs_d, 20, fcvtnu d0, d1
    VSINGLES vecs_d, 25, fcvtnu d0, d1
    VSINGLES uvecs_s, 10, fcvtpu s0, s1
    VSINGLES vecs_s, 25, fcvtpu s0, s1
    VSINGLES uvecs_d, 20, fcvtpu d0, d1
    VSINGLES vecs_d, 25, fcvtpu d0, d1
    VSINGLES uvecs_s, 10, fcvtmu s0, s1
    VSINGLES vecs_s, 25, fcvtmu s0, s1
    VSINGLES uvecs_d, 20, fcvtmu d0, d1
    VSINGLES vecs_d, 25, fcvtmu d0, d1
    VSINGLES uvecs_s, 10, fcvtzu s0, s1
    VSINGLES vecs_s, 25, fcvtzu s0, s1
    VSINGLES uvecs_d, 20, fcvtzu d0, d1
    VSINGLES vecs_d, 25, fcvtzu d0, d1
    VSINGLES uvecs_s, 10, fcvtau s0, s1
    VSINGLES vecs_s, 25, fcvtau s0, s1
    VSINGLES uvecs_d, 20, fcvtau d0, d1
    VSINGLES vecs_d, 25, fcvtau d0, d1
    VSINGLES uvecs_s, 10, scvtf s0, s1
    VSINGLES vecs_s, 25, scvtf s0, s1
    VSINGLES uvecs_d, 20, scvtf d0, d1
    VSINGLES vecs_d, 25, scvtf d0, d1
    VSINGLES uvecs_s, 10, ucvtf s0, s1
    VSINGLES vecs_s, 25, ucvtf s0, s1
    VSINGLES uvecs_d, 20, ucvtf d0, d1
    VSINGLES vecs_d, 25, ucvtf d0, d1
    VSINGLES uvecs_s, 10, frecpe s0, s1
    VSINGLES vecs_s, 25, frecpe s0, s1
    VSINGLES uvecs_d, 20, frecpe d0, d1
    VSINGLES vecs_d, 25, frecpe d0, d1
    VSINGLES uvecs_s, 10, frsqrte s0, s1
    VSINGLES vecs_s, 25, frsqrte s0, s1
    VSINGLES uvecs_d, 20, frsqrte d0, d1
    VSINGLES vecs_d, 25, frsqrte d0, d1
    VSINGLES uvecs_s, 10, frecpx s0, s1
    VSINGLES vecs_s, 25, frecpx s0, s1
    VSINGLES uvecs_d, 20, frecpx d0, d1
    VSINGLES vecs_d, 25, frecpx d0, d1
    VSINGLES vecs_s, 25, fcmgt s0, s1, #0.0
    VSINGLES vecs_d, 25, fcmgt d0, d1, #0.0
    VSINGLES vecs_s, 25, fcmge s0, s1, #0.0
    VSINGLES vecs_d, 25, fcmge d0, d1, #0.0
    VSINGLES vecs_s, 25, fcmeq s0, s1, #0.0
    VSINGLES vecs_d, 25, fcmeq d0, d1, #0.0
    VSINGLES vecs_s, 25, fcmle s0, s1, #0.0
    VSINGLES vecs_d, 25, fcmle d0, d1, #0.0
    VSINGLES vecs_s, 25, fcmlt s0, s1, #0.0
    VSINGLES vecs_d, 25, fcmlt d0, d1, #0.0
    VSINGLES vecs_s, 25, fcvtl v0.4s, v1.4h
    VSINGLES uvecs_s, 10, fcvtl v0.4s, v1.4h
    VSINGLES uvecs_d, 20, fcvtl v0.4s, v1.4h
    VSINGLES vecs_s, 25, fcvtl2 v0.4s, v1.8h
    VSINGLES uvecs_s, 10, fcvtl2 v0.4s, v1.8h
    VSINGLES uvecs_d, 20, fcvtl2 v0.4s, v1.8h
    VSINGLES vecs_s, 25, fcvtn v0.4h, v1.4s
    VSINGLES uvecs_s, 10, fcvtn v0.4h, v1.4s
    VSINGLES uvecs_d, 20, fcvtn v0.4h, v1.4s
    VSINGLES vecs_s, 25, fcvtn2 v0.8h, v1.4s
    VSINGLES uvecs_s, 10, fcvtn2 v0.8h, v1.4s
    VSINGLES uvecs_d, 20, fcvtn2 v0.8h, v1.4s
    VSINGLES vecs_s, 25, fcvtl v0.2d, v1.2s
    VSINGLES uvecs_s, 10, fcvtl v0.2d, v1.2s
    VSINGLES vecs_s, 25, fcvtl2 v0.2d, v1.4s
    VSINGLES uvecs_s, 10, fcvtl2 v0.2d, v1.4s
    VSINGLES vecs_d, 25, fcvtn v0.2s, v1.2d
    VSINGLES uvecs_d, 20, fcvtn v0.2s, v1.2d
    VSINGLES vecs_d, 25, fcvtn2 v0.4s, v1.2d
    VSINGLES uvecs_d, 20, fcvtn2 v0.4s, v1.2d
    VSINGLES vecs_d, 25, fcvtxn v0.2s, v1.2d
    VSINGLES uvecs_d, 20, fcvtxn v0.2s, v1.2d
    VSINGLES vecs_d, 25, fcvtxn2 v0.4s, v1.2d
    VSINGLES uvecs_d, 20, fcvtxn2 v0.4s, v1.2d
    VSINGLES vecs_d, 25, fcvtxn s0, d1
    VSINGLES uvecs_d, 20, fcvtxn s0, d1
    END_FPCR
    bl fpt_flush
    TEST_EXIT

    .data
    .balign 8
fpcrs:
    .quad FPCR_RN, FPCR_RP, FPCR_RM, FPCR_RZ, FPCR_FZ, FPCR_DN, FPCR_AHP, FPCR_FZ | FPCR_DN | FPCR_AHP
#include "fp_vals.h"
#include "fp_vecs.h"
    .bss
    .balign 16
fpt_buf:
    .space FPT_BUF_SIZE
