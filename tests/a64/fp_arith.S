/* fp_arith.S — scalar FADD/FSUB/FMUL/FDIV/FNMUL/FMAX/FMIN/FMAXNM/FMINNM on
 * every pair of a table of doubles and of singles (zeros, ones, thirds,
 * extremes, the smallest normal and its neighbours, denormals, infinities,
 * quiet and signalling NaNs of both signs with payloads, values one ulp off
 * 1), under each rounding mode and with FZ and DN; each line: result, bits
 * 127:64 (zero), FPSR. */
#include "a64test.h"
#include "fp_test.h"
TEST_START
    FPT_INIT
    FOR_FPCR fpcrs, 7
    PAIRS vals_d, 25, fadd d0, d1, d2
    PAIRS vals_d, 25, fsub d0, d1, d2
    PAIRS vals_d, 25, fmul d0, d1, d2
    PAIRS vals_d, 25, fdiv d0, d1, d2
    PAIRS vals_d, 25, fnmul d0, d1, d2
    PAIRS vals_d, 25, fmax d0, d1, d2
    PAIRS vals_d, 25, fmin d0, d1, d2
    PAIRS vals_d, 25, fmaxnm d0, d1, d2
    PAIRS vals_d, 25, fminnm d0, d1, d2
    PAIRS vals_s, 25, fadd s0, s1, s2
    PAIRS vals_s, 25, fsub s0, s1, s2
    PAIRS vals_s, 25, fmul s0, s1, s2
    PAIRS vals_s, 25, fdiv s0, s1, s2
    PAIRS vals_s, 25, fnmul s0, s1, s2
    PAIRS vals_s, 25, fmax s0, s1, s2
    PAIRS vals_s, 25, fmin s0, s1, s2
    PAIRS vals_s, 25, fmaxnm s0, s1, s2
    PAIRS vals_s, 25, fminnm s0, s1, s2
    END_FPCR
    bl fpt_flush
    TEST_EXIT

    .data
    .balign 8
fpcrs:
    .quad FPCR_RN, FPCR_RP, FPCR_RM, FPCR_RZ, FPCR_FZ, FPCR_DN, FPCR_FZ | FPCR_DN | FPCR_RP
#include "fp_vals.h"
    .bss
    .balign 16
fpt_buf:
    .space FPT_BUF_SIZE
