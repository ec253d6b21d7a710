/* fp_fma.S — scalar FMADD/FMSUB/FNMADD/FNMSUB on every triple of a table of
 * doubles and of singles (zeros, 1 - 1 ulp, extremes, the smallest normal,
 * denormals, infinities, NaNs in each operand position: inf*0 with a quiet
 * NaN addend, NaN priority addend-first, negated NaNs), under several FPCR
 * settings; each line: result, bits 127:64, FPSR. */
#include "a64test.h"
#include "fp_test.h"
TEST_START
    FPT_INIT
    FOR_FPCR fpcrs, 4
    TRIPLES fma_d, 12, fmadd d0, d1, d2, d3
    TRIPLES fma_d, 12, fmsub d0, d1, d2, d3
    TRIPLES fma_d, 12, fnmadd d0, d1, d2, d3
    TRIPLES fma_d, 12, fnmsub d0, d1, d2, d3
    TRIPLES fma_s, 12, fmadd s0, s1, s2, s3
    TRIPLES fma_s, 12, fmsub s0, s1, s2, s3
    TRIPLES fma_s, 12, fnmadd s0, s1, s2, s3
    TRIPLES fma_s, 12, fnmsub s0, s1, s2, s3
    END_FPCR
    bl fpt_flush
    TEST_EXIT

    .data
    .balign 8
fpcrs:
    .quad FPCR_RN, FPCR_RM, FPCR_FZ | FPCR_RZ, FPCR_DN | FPCR_RP
#include "fp_vals.h"
    .bss
    .balign 16
fpt_buf:
    .space FPT_BUF_SIZE
