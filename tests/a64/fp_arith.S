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
vals_d:
    .quad 0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000
    .quad 0x3ff8000000000000, 0x4000000000000000, 0x3fd5555555555555, 0xc00921fb54442d18
    .quad 0x3fefffffffffffff, 0x3ff0000000000001, 0x7fefffffffffffff, 0xffefffffffffffff
    .quad 0x0010000000000000, 0x8010000000000001, 0x0000000000000001, 0x800fffffffffffff
    .quad 0x0008000000000000, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000001
    .quad 0xfff8000000000002, 0x7ff0000000000003, 0xfff4000000000004, 0x4340000000000001
    .quad 0x3cb0000000000000
vals_s:
    .quad 0x00000000, 0x80000000, 0x3f800000, 0xbf800000
    .quad 0x3fc00000, 0x40000000, 0x3eaaaaab, 0xc0490fdb
    .quad 0x3f7fffff, 0x3f800001, 0x7f7fffff, 0xff7fffff
    .quad 0x00800000, 0x80800001, 0x00000001, 0x807fffff
    .quad 0x00400000, 0x7f800000, 0xff800000, 0x7fc00001
    .quad 0xffc00002, 0x7f800003, 0xffa00004, 0x4b800001
    .quad 0x34000000
    .bss
    .balign 16
fpt_buf:
    .space FPT_BUF_SIZE
