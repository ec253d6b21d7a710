/* fp_cvt.S — scalar conversions: FCVT{N,P,M,Z,A}{S,U} to W and X, FCVTZS/ZU
 * to fixed point, SCVTF/UCVTF from W and X (and fixed point) of integers at
 * the precision edges, FMOV to and from general registers (incl. Vn.D[1]) and
 * FMOV immediates, under each rounding mode and with FZ; each line: result,
 * bits 127:64 (or 0), FPSR. */
#include "a64test.h"
#include "fp_test.h"

/* print x0 as the result */
.macro INT_RESULT
    fmov d0, x0
    fmov v0.d[1], xzr
    FPT_RESULT
.endm

.macro TO_INT vals, n, ins:vararg
    LA x21, \vals
    mov x23, #\n
7791:
    ldr d1, [x21], #8
    mov x0, #-1
    \ins
    INT_RESULT
    subs x23, x23, #1
    b.ne 7791b
.endm

/* d1 = table value as integer in x1 */
.macro FROM_INT vals, n, ins:vararg
    LA x21, \vals
    mov x23, #\n
7792:
    ldr x1, [x21], #8
    FPT_PRE
    \ins
    FPT_RESULT
    subs x23, x23, #1
    b.ne 7792b
.endm

TEST_START
    FPT_INIT
    FOR_FPCR fpcrs, 5
    TO_INT unary_d, 40, fcvtns x0, d1
    TO_INT unary_d, 40, fcvtps x0, d1
    TO_INT unary_d, 40, fcvtms x0, d1
    TO_INT unary_d, 40, fcvtzs x0, d1
    TO_INT unary_d, 40, fcvtas x0, d1
    TO_INT unary_d, 40, fcvtnu x0, d1
    TO_INT unary_d, 40, fcvtpu x0, d1
    TO_INT unary_d, 40, fcvtmu x0, d1
    TO_INT unary_d, 40, fcvtzu x0, d1
    TO_INT unary_d, 40, fcvtau x0, d1
    TO_INT unary_d, 40, fcvtns w0, d1
    TO_INT unary_d, 40, fcvtps w0, d1
    TO_INT unary_d, 40, fcvtms w0, d1
    TO_INT unary_d, 40, fcvtzs w0, d1
    TO_INT unary_d, 40, fcvtas w0, d1
    TO_INT unary_d, 40, fcvtnu w0, d1
    TO_INT unary_d, 40, fcvtzu w0, d1
    TO_INT unary_d, 40, fcvtau w0, d1
    TO_INT unary_s, 40, fcvtns x0, s1
    TO_INT unary_s, 40, fcvtzs x0, s1
    TO_INT unary_s, 40, fcvtmu x0, s1
    TO_INT unary_s, 40, fcvtzu x0, s1
    TO_INT unary_s, 40, fcvtps w0, s1
    TO_INT unary_s, 40, fcvtzs w0, s1
    TO_INT unary_s, 40, fcvtau w0, s1
    TO_INT unary_s, 40, fcvtzu w0, s1
    TO_INT unary_d, 40, fcvtzs x0, d1, #1
    TO_INT unary_d, 40, fcvtzs x0, d1, #64
    TO_INT unary_d, 40, fcvtzu x0, d1, #33
    TO_INT unary_d, 40, fcvtzs w0, d1, #16
    TO_INT unary_s, 40, fcvtzu w0, s1, #32
    TO_INT unary_s, 40, fcvtzs x0, s1, #7
    FROM_INT ints, 24, scvtf d0, x1
    FROM_INT ints, 24, ucvtf d0, x1
    FROM_INT ints, 24, scvtf s0, x1
    FROM_INT ints, 24, ucvtf s0, x1
    FROM_INT ints, 24, scvtf d0, w1
    FROM_INT ints, 24, ucvtf d0, w1
    FROM_INT ints, 24, scvtf s0, w1
    FROM_INT ints, 24, ucvtf s0, w1
    FROM_INT ints, 24, scvtf d0, x1, #1
    FROM_INT ints, 24, ucvtf s0, x1, #64
    FROM_INT ints, 24, scvtf s0, w1, #32
    FROM_INT ints, 24, ucvtf d0, w1, #13
    END_FPCR
    /* moves */
    FROM_INT ints, 24, fmov d0, x1
    FROM_INT ints, 24, fmov s0, w1
    FROM_INT ints, 24, fmov v0.d[1], x1
    TO_INT unary_d, 40, fmov x0, d1
    TO_INT unary_s, 40, fmov w0, s1
    TO_INT unary_d, 40, fmov v1.d[1], x21; fmov x0, v1.d[1]
    FPT_PRE
    fmov d0, #1.0
    FPT_RESULT
    FPT_PRE
    fmov d0, #-31.0
    FPT_RESULT
    FPT_PRE
    fmov d0, #0.125
    FPT_RESULT
    FPT_PRE
    fmov s0, #1.9375
    FPT_RESULT
    FPT_PRE
    fmov s0, #-0.1328125
    FPT_RESULT
    FPT_PRE
    fmov s0, #17.0
    FPT_RESULT
    bl fpt_flush
    TEST_EXIT

    .data
    .balign 8
fpcrs:
    .quad FPCR_RN, FPCR_RP, FPCR_RM, FPCR_RZ, FPCR_FZ
ints:
    .quad 0, 1, -1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000
    .quad 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff, 0x0020000000000001
    .quad 0x0020000000000003, 0xffdfffffffffffff, 0x01000001, 0x01000003
    .quad 0xfeffffff, 0x8000008000000001, 0x123456789abcdef0, 0x0000000080000001
    .quad 0xfffffffe00000001, 0x7fffff8000000000, 0x00000000ffffff80, 0x40000000000003ff
#include "fp_vals.h"
    .bss
    .balign 16
fpt_buf:
    .space FPT_BUF_SIZE
