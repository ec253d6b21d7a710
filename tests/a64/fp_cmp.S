/* fp_cmp.S — scalar FCMP/FCMPE (register and #0.0), FCCMP/FCCMPE (condition
 * true and false, signalling NaNs with the condition false raise nothing),
 * FCSEL, on every pair of a table of doubles and of singles, with FZ and
 * without; each line: NZCV (or the selected value), bits 127:64, FPSR. */
#include "a64test.h"
#include "fp_test.h"

/* print NZCV as the result */
.macro NZCV_RESULT
    mrs x0, nzcv
    fmov d0, x0
    fmov v0.d[1], xzr
    FPT_RESULT
.endm

.macro CMP_PAIRS vals, n, ins:vararg
    LA x21, \vals
    mov x23, #\n
7781:
    LA x22, \vals
    mov x24, #\n
7782:
    ldr d1, [x21]
    ldr d2, [x22], #8
    \ins
    NZCV_RESULT
    subs x24, x24, #1
    b.ne 7782b
    add x21, x21, #8
    subs x23, x23, #1
    b.ne 7781b
.endm

TEST_START
    FPT_INIT
    FOR_FPCR fpcrs, 2
    CMP_PAIRS vals_d, 25, fcmp d1, d2
    CMP_PAIRS vals_d, 25, fcmpe d1, d2
    CMP_PAIRS vals_s, 25, fcmp s1, s2
    CMP_PAIRS vals_s, 25, fcmpe s1, s2
    SINGLES vals_d, 25, fcmp d1, #0.0
    NZCV_RESULT
    SINGLES vals_d, 25, fcmpe d1, #0.0
    NZCV_RESULT
    SINGLES vals_s, 25, fcmp s1, #0.0
    NZCV_RESULT
    SINGLES vals_s, 25, fcmpe s1, #0.0
    NZCV_RESULT
    /* conditional compares: the condition from cmp x25 (0 or 1) */
    mov x25, #0
    CMP_PAIRS vals_d, 25, cmp x25, #0; fccmp d1, d2, #0b1010, eq
    CMP_PAIRS vals_d, 25, cmp x25, #1; fccmpe d1, d2, #0b0101, eq
    CMP_PAIRS vals_s, 25, cmp x25, #0; fccmpe s1, s2, #0b1111, ne
    CMP_PAIRS vals_s, 25, cmp x25, #1; fccmp s1, s2, #0b0000, ne
    CMP_PAIRS vals_d, 25, cmp x25, #0; fccmpe d1, d2, #0b0110, al
    /* selects after a compare of the same operands */
    PAIRS vals_d, 25, fcmp d1, d2; fcsel d0, d1, d2, gt
    PAIRS vals_d, 25, fcmp d1, d2; fcsel d0, d1, d2, mi
    PAIRS vals_s, 25, fcmp s1, s2; fcsel s0, s1, s2, ls
    PAIRS vals_s, 25, fcmp s1, s2; fcsel s0, s2, s1, vs
    END_FPCR
    bl fpt_flush
    TEST_EXIT

    .data
    .balign 8
fpcrs:
    .quad FPCR_RN, FPCR_FZ
#include "fp_vals.h"
    .bss
    .balign 16
fpt_buf:
    .space FPT_BUF_SIZE
