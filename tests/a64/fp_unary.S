/* fp_unary.S — scalar FMOV (register), FABS, FNEG, FSQRT, FRINTN/P/M/Z/A/X/I,
 * FCVT between half, single and double (AHP too) on a table of values with
 * halves, near-halves, large integers, range edges of each format, denormals,
 * infinities and NaNs, under each rounding mode and with FZ, DN and AHP;
 * each line: result, bits 127:64, FPSR. */
#include "a64test.h"
#include "fp_test.h"
TEST_START
    FPT_INIT
    FOR_FPCR fpcrs, 8
    SINGLES unary_d, 40, fmov d0, d1
    SINGLES unary_d, 40, fabs d0, d1
    SINGLES unary_d, 40, fneg d0, d1
    SINGLES unary_d, 40, fsqrt d0, d1
    SINGLES unary_d, 40, frintn d0, d1
    SINGLES unary_d, 40, frintp d0, d1
    SINGLES unary_d, 40, frintm d0, d1
    SINGLES unary_d, 40, frintz d0, d1
    SINGLES unary_d, 40, frinta d0, d1
    SINGLES unary_d, 40, frintx d0, d1
    SINGLES unary_d, 40, frinti d0, d1
    SINGLES unary_d, 40, fcvt s0, d1
    SINGLES unary_d, 40, fcvt h0, d1
    SINGLES unary_s, 40, fmov s0, s1
    SINGLES unary_s, 40, fabs s0, s1
    SINGLES unary_s, 40, fneg s0, s1
    SINGLES unary_s, 40, fsqrt s0, s1
    SINGLES unary_s, 40, frintn s0, s1
    SINGLES unary_s, 40, frintp s0, s1
    SINGLES unary_s, 40, frintm s0, s1
    SINGLES unary_s, 40, frintz s0, s1
    SINGLES unary_s, 40, frinta s0, s1
    SINGLES unary_s, 40, frintx s0, s1
    SINGLES unary_s, 40, frinti s0, s1
    SINGLES unary_s, 40, fcvt d0, s1
    SINGLES unary_s, 40, fcvt h0, s1
    SINGLES halves, 24, fcvt s0, h1
    SINGLES halves, 24, fcvt d0, h1
    END_FPCR
    bl fpt_flush
    TEST_EXIT

    .data
    .balign 8
fpcrs:
    .quad FPCR_RN, FPCR_RP, FPCR_RM, FPCR_RZ, FPCR_FZ, FPCR_DN, FPCR_AHP | FPCR_RP
    .quad FPCR_AHP | FPCR_FZ | FPCR_DN
halves:
    .quad 0x0000, 0x8000, 0x3c00, 0xbc00, 0x3555, 0x7bff, 0xfbff, 0x0400
    .quad 0x0001, 0x83ff, 0x0200, 0x7c00, 0xfc00, 0x7e01, 0xfe02, 0x7c03
    .quad 0xfd04, 0x7fff, 0xffff, 0x4248, 0x0401, 0x3bff, 0x7e00, 0x5640
#include "fp_vals.h"
    .bss
    .balign 16
fpt_buf:
    .space FPT_BUF_SIZE
