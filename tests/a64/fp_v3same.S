/* fp_v3same.S — AdvSIMD three-same FP, every op in 4S, 2S and 2D (and the
 * scalar forms that exist): FADD FSUB FMUL FDIV FMAX FMIN FMAXNM FMINNM FMULX
 * FABD FRECPS FRSQRTS FCMEQ FCMGE FCMGT FACGE FACGT FMLA FMLS and the
 * pairwise FADDP FMAXP FMINP FMAXNMP FMINNMP, on pairs of vectors whose lanes
 * run through the scalar tables (NaNs, denormals, infinities, ...), under
 * several FPCR settings; each line: low half, high half, FPSR. */
#include "a64test.h"
#include "fp_test.h"
TEST_START
    FPT_INIT
    FOR_FPCR fpcrs, 4
    VPAIRS vecs_s, 16, fadd v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, fadd v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, fadd v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, fsub v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, fsub v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, fsub v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, fmul v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, fmul v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, fmul v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, fdiv v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, fdiv v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, fdiv v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, fmax v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, fmax v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, fmax v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, fmin v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, fmin v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, fmin v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, fmaxnm v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, fmaxnm v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, fmaxnm v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, fminnm v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, fminnm v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, fminnm v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, fmulx v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, fmulx v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, fmulx v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, fabd v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, fabd v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, fabd v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, frecps v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, frecps v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, frecps v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, frsqrts v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, frsqrts v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, frsqrts v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, fcmeq v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, fcmeq v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, fcmeq v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, fcmge v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, fcmge v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, fcmge v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, fcmgt v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, fcmgt v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, fcmgt v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, facge v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, facge v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, facge v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, facgt v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, facgt v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, facgt v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, fmla v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, fmla v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, fmla v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, fmls v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, fmls v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, fmls v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, faddp v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, faddp v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, faddp v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, fmaxp v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, fmaxp v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, fmaxp v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, fminp v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, fminp v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, fminp v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, fmaxnmp v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, fmaxnmp v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, fmaxnmp v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, fminnmp v0.4s, v1.4s, v2.4s
    VPAIRS vecs_s, 16, fminnmp v0.2s, v1.2s, v2.2s
    VPAIRS vecs_d, 16, fminnmp v0.2d, v1.2d, v2.2d
    VPAIRS vecs_s, 16, fmulx s0, s1, s2
    VPAIRS vecs_d, 16, fmulx d0, d1, d2
    VPAIRS vecs_s, 16, fabd s0, s1, s2
    VPAIRS vecs_d, 16, fabd d0, d1, d2
    VPAIRS vecs_s, 16, frecps s0, s1, s2
    VPAIRS vecs_d, 16, frecps d0, d1, d2
    VPAIRS vecs_s, 16, frsqrts s0, s1, s2
    VPAIRS vecs_d, 16, frsqrts d0, d1, d2
    VPAIRS vecs_s, 16, fcmeq s0, s1, s2
    VPAIRS vecs_d, 16, fcmeq d0, d1, d2
    VPAIRS vecs_s, 16, fcmge s0, s1, s2
    VPAIRS vecs_d, 16, fcmge d0, d1, d2
    VPAIRS vecs_s, 16, fcmgt s0, s1, s2
    VPAIRS vecs_d, 16, fcmgt d0, d1, d2
    VPAIRS vecs_s, 16, facge s0, s1, s2
    VPAIRS vecs_d, 16, facge d0, d1, d2
    VPAIRS vecs_s, 16, facgt s0, s1, s2
    VPAIRS vecs_d, 16, facgt d0, d1, d2
    END_FPCR
    bl fpt_flush
    TEST_EXIT

    .data
    .balign 8
fpcrs:
    .quad FPCR_RN, FPCR_FZ | FPCR_RZ, FPCR_DN | FPCR_RM, FPCR_RP
#include "fp_vals.h"
#include "fp_vecs.h"
    .bss
    .balign 16
fpt_buf:
    .space FPT_BUF_SIZE
