/* fp_velem.S — AdvSIMD FP by element (FMLA FMLS FMUL FMULX, vector and
 * scalar, several indices), across lanes (FMAXNMV FMINNMV FMAXV FMINV),
 * scalar pairwise (FADDP FMAXP FMINP FMAXNMP FMINNMP) and the fixed-point
 * conversions of the shift-by-immediate group (SCVTF UCVTF FCVTZS FCVTZU
 * #fbits, vector and scalar), under several FPCR settings; each line: low
 * half, high half, FPSR. */
#include "a64test.h"
#include "fp_test.h"
TEST_START
    FPT_INIT
    FOR_FPCR fpcrs, 4
    VPAIRS vecs_s, 16, fmla v0.4s, v1.4s, v2.s[0]
    VPAIRS vecs_s, 16, fmla v0.4s, v1.4s, v2.s[3]
    VPAIRS vecs_s, 16, fmla v0.2s, v1.2s, v2.s[1]
    VPAIRS vecs_d, 16, fmla v0.2d, v1.2d, v2.d[0]
    VPAIRS vecs_d, 16, fmla v0.2d, v1.2d, v2.d[1]
    VPAIRS vecs_s, 16, fmla s0, s1, v2.s[2]
    VPAIRS vecs_d, 16, fmla d0, d1, v2.d[1]
    VPAIRS vecs_s, 16, fmls v0.4s, v1.4s, v2.s[0]
    VPAIRS vecs_s, 16, fmls v0.4s, v1.4s, v2.s[3]
    VPAIRS vecs_s, 16, fmls v0.2s, v1.2s, v2.s[1]
    VPAIRS vecs_d, 16, fmls v0.2d, v1.2d, v2.d[0]
    VPAIRS vecs_d, 16, fmls v0.2d, v1.2d, v2.d[1]
    VPAIRS vecs_s, 16, fmls s0, s1, v2.s[2]
    VPAIRS vecs_d, 16, fmls d0, d1, v2.d[1]
    VPAIRS vecs_s, 16, fmul v0.4s, v1.4s, v2.s[0]
    VPAIRS vecs_s, 16, fmul v0.4s, v1.4s, v2.s[3]
    VPAIRS vecs_s, 16, fmul v0.2s, v1.2s, v2.s[1]
    VPAIRS vecs_d, 16, fmul v0.2d, v1.2d, v2.d[0]
    VPAIRS vecs_d, 16, fmul v0.2d, v1.2d, v2.d[1]
    VPAIRS vecs_s, 16, fmul s0, s1, v2.s[2]
    VPAIRS vecs_d, 16, fmul d0, d1, v2.d[1]
    VPAIRS vecs_s, 16, fmulx v0.4s, v1.4s, v2.s[0]
    VPAIRS vecs_s, 16, fmulx v0.4s, v1.4s, v2.s[3]
    VPAIRS vecs_s, 16, fmulx v0.2s, v1.2s, v2.s[1]
    VPAIRS vecs_d, 16, fmulx v0.2d, v1.2d, v2.d[0]
    VPAIRS vecs_d, 16, fmulx v0.2d, v1.2d, v2.d[1]
    VPAIRS vecs_s, 16, fmulx s0, s1, v2.s[2]
    VPAIRS vecs_d, 16, fmulx d0, d1, v2.d[1]
    VSINGLES vecs_s, 25, fmaxnmv s0, v1.4s
    VSINGLES uvecs_s, 10, fmaxnmv s0, v1.4s
    VSINGLES vecs_s, 25, fminnmv s0, v1.4s
    VSINGLES uvecs_s, 10, fminnmv s0, v1.4s
    VSINGLES vecs_s, 25, fmaxv s0, v1.4s
    VSINGLES uvecs_s, 10, fmaxv s0, v1.4s
    VSINGLES vecs_s, 25, fminv s0, v1.4s
    VSINGLES uvecs_s, 10, fminv s0, v1.4s
    VSINGLES vecs_s, 25, faddp s0, v1.2s
    VSINGLES uvecs_s, 10, faddp s0, v1.2s
    VSINGLES vecs_d, 25, faddp d0, v1.2d
    VSINGLES uvecs_d, 20, faddp d0, v1.2d
    VSINGLES vecs_s, 25, fmaxp s0, v1.2s
    VSINGLES uvecs_s, 10, fmaxp s0, v1.2s
    VSINGLES vecs_d, 25, fmaxp d0, v1.2d
    VSINGLES uvecs_d, 20, fmaxp d0, v1.2d
    VSINGLES vecs_s, 25, fminp s0, v1.2s
    VSINGLES uvecs_s, 10, fminp s0, v1.2s
    VSINGLES vecs_d, 25, fminp d0, v1.2d
    VSINGLES uvecs_d, 20, fminp d0, v1.2d
    VSINGLES vecs_s, 25, fmaxnmp s0, v1.2s
    VSINGLES uvecs_s, 10, fmaxnmp s0, v1.2s
    VSINGLES vecs_d, 25, fmaxnmp d0, v1.2d
    VSINGLES uvecs_d, 20, fmaxnmp d0, v1.2d
    VSINGLES vecs_s, 25, fminnmp s0, v1.2s
    VSINGLES uvecs_s, 10, fminnmp s0, v1.2s
    VSINGLES vecs_d, 25, fminnmp d0, v1.2d
    VSINGLES uvecs_d, 20, fminnmp d0, v1.2d
    VSINGLES vecs_s, 25, scvtf v0.4s, v1.4s, #1
    VSINGLES uvecs_s, 10, scvtf v0.2s, v1.2s, #1
    VSINGLES uvecs_s, 10, scvtf s0, s1, #1
    VSINGLES vecs_s, 25, scvtf v0.4s, v1.4s, #17
    VSINGLES uvecs_s, 10, scvtf v0.2s, v1.2s, #17
    VSINGLES uvecs_s, 10, scvtf s0, s1, #17
    VSINGLES vecs_s, 25, scvtf v0.4s, v1.4s, #32
    VSINGLES uvecs_s, 10, scvtf v0.2s, v1.2s, #32
    VSINGLES uvecs_s, 10, scvtf s0, s1, #32
    VSINGLES vecs_d, 25, scvtf v0.2d, v1.2d, #1
    VSINGLES uvecs_d, 20, scvtf d0, d1, #1
    VSINGLES vecs_d, 25, scvtf v0.2d, v1.2d, #40
    VSINGLES uvecs_d, 20, scvtf d0, d1, #40
    VSINGLES vecs_d, 25, scvtf v0.2d, v1.2d, #64
    VSINGLES uvecs_d, 20, scvtf d0, d1, #64
    VSINGLES vecs_s, 25, ucvtf v0.4s, v1.4s, #1
    VSINGLES uvecs_s, 10, ucvtf v0.2s, v1.2s, #1
    VSINGLES uvecs_s, 10, ucvtf s0, s1, #1
    VSINGLES vecs_s, 25, ucvtf v0.4s, v1.4s, #17
    VSINGLES uvecs_s, 10, ucvtf v0.2s, v1.2s, #17
    VSINGLES uvecs_s, 10, ucvtf s0, s1, #17
    VSINGLES vecs_s, 25, ucvtf v0.4s, v1.4s, #32
    VSINGLES uvecs_s, 10, ucvtf v0.2s, v1.2s, #32
    VSINGLES uvecs_s, 10, ucvtf s0, s1, #32
    VSINGLES vecs_d, 25, ucvtf v0.2d, v1.2d, #1
    VSINGLES uvecs_d, 20, ucvtf d0, d1, #1
    VSINGLES vecs_d, 25, ucvtf v0.2d, v1.2d, #40
    VSINGLES uvecs_d, 20, ucvtf d0, d1, #40
    VSINGLES vecs_d, 25, ucvtf v0.2d, v1.2d, #64
    VSINGLES uvecs_d, 20, ucvtf d0, d1, #64
    VSINGLES vecs_s, 25, fcvtzs v0.4s, v1.4s, #1
    VSINGLES uvecs_s, 10, fcvtzs v0.2s, v1.2s, #1
    VSINGLES uvecs_s, 10, fcvtzs s0, s1, #1
    VSINGLES vecs_s, 25, fcvtzs v0.4s, v1.4s, #17
    VSINGLES uvecs_s, 10, fcvtzs v0.2s, v1.2s, #17
    VSINGLES uvecs_s, 10, fcvtzs s0, s1, #17
    VSINGLES vecs_s, 25, fcvtzs v0.4s, v1.4s, #32
    VSINGLES uvecs_s, 10, fcvtzs v0.2s, v1.2s, #32
    VSINGLES uvecs_s, 10, fcvtzs s0, s1, #32
    VSINGLES vecs_d, 25, fcvtzs v0.2d, v1.2d, #1
    VSINGLES uvecs_d, 20, fcvtzs d0, d1, #1
    VSINGLES vecs_d, 25, fcvtzs v0.2d, v1.2d, #40
    VSINGLES uvecs_d, 20, fcvtzs d0, d1, #40
    VSINGLES vecs_d, 25, fcvtzs v0.2d, v1.2d, #64
    VSINGLES uvecs_d, 20, fcvtzs d0, d1, #64
    VSINGLES vecs_s, 25, fcvtzu v0.4s, v1.4s, #1
    VSINGLES uvecs_s, 10, fcvtzu v0.2s, v1.2s, #1
    VSINGLES uvecs_s, 10, fcvtzu s0, s1, #1
    VSINGLES vecs_s, 25, fcvtzu v0.4s, v1.4s, #17
    VSINGLES uvecs_s, 10, fcvtzu v0.2s, v1.2s, #17
    VSINGLES uvecs_s, 10, fcvtzu s0, s1, #17
    VSINGLES vecs_s, 25, fcvtzu v0.4s, v1.4s, #32
    VSINGLES uvecs_s, 10, fcvtzu v0.2s, v1.2s, #32
    VSINGLES uvecs_s, 10, fcvtzu s0, s1, #32
    VSINGLES vecs_d, 25, fcvtzu v0.2d, v1.2d, #1
    VSINGLES uvecs_d, 20, fcvtzu d0, d1, #1
    VSINGLES vecs_d, 25, fcvtzu v0.2d, v1.2d, #40
    VSINGLES uvecs_d, 20, fcvtzu d0, d1, #40
    VSINGLES vecs_d, 25, fcvtzu v0.2d, v1.2d, #64
    VSINGLES uvecs_d, 20, fcvtzu d0, d1, #64
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
