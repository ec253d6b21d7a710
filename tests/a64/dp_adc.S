/* dp_adc.S — ADC/ADCS/SBC/SBCS (and NGC/NGCS) in X and W with the carry clear
 * and set (stored by MSR, or from a compare in the same block), results and
 * NZCV; 128-bit add and subtract chains. */
#include "dp_test.h"

#define V64 0, 1, -1, 0x7fffffffffffffff, 0x8000000000000000, 0xfffffffffffffffe
#define V32 0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0xabcdef00fffffffe

.macro CARRY c
.if \c
    mov x6, #0x20000000
.else
    mov x6, #0
.endif
    msr nzcv, x6
.endm

.macro LD4 a, b, c, d
    ldr x1, =\a
    ldr x2, =\b
    ldr x3, =\c
    ldr x4, =\d
.endm

TEST_START
.irp a, V64
.irp b, V64
    LD2 \a, \b
.irp c, 0, 1
    CARRY \c
    adc x0, x1, x2
    DUMP(x0)
    CARRY \c
    adcs x0, x1, x2
    MASK_CSEL
    DUMP(x0)
    DUMP(x5)
    DUMP_NZCV
    CARRY \c
    sbc x0, x1, x2
    DUMP(x0)
    CARRY \c
    sbcs x0, x1, x2
    MASK_CSEL
    DUMP(x0)
    DUMP(x5)
    DUMP_NZCV
.endr
.endr
    POOL
.endr

.irp a, V32
.irp b, V32
    LD2 \a, \b
.irp c, 0, 1
    CARRY \c
    adc w0, w1, w2
    DUMP(x0)
    CARRY \c
    adcs w0, w1, w2
    DUMP(x0)
    DUMP_NZCV
    CARRY \c
    sbc w0, w1, w2
    DUMP(x0)
    CARRY \c
    sbcs w0, w1, w2
    DUMP(x0)
    DUMP_NZCV
.endr
.endr
    POOL
.endr

    /* carry from a compare / add in the same block */
.irp p, "0, 1", "1, 0", "5, 5", "-1, 1", "0x8000000000000000, 0x8000000000000000"
    LD2 \p
    cmp x1, x2
    adc x0, x1, x2
    DUMP(x0)
    LD2 \p
    cmp x1, x2
    sbcs x0, x2, x1
    DUMP(x0)
    DUMP_NZCV
    LD2 \p
    adds x3, x1, x2
    adcs w0, w1, w2
    DUMP(x0)
    DUMP_NZCV
    LD2 \p
    tst x1, x2
    adc x0, x1, x2
    DUMP(x0)
    LD2 \p
    cmn x1, #1
    ngcs x0, x2
    DUMP(x0)
    DUMP_NZCV
    LD2 \p
    cmp w1, #0
    ngc w0, w2
    DUMP(x0)
.endr

    /* 128-bit chains: (x1:x2) +/- (x3:x4) */
.irp p, "-1, -1, 1, 0", "0x8000000000000000, 0, 0x8000000000000000, 0", "0, 0, 1, 0", "5, 7, 3, 9", "0x7fffffffffffffff, -1, 0, 1"
    LD4 \p
    adds x5, x2, x4
    adcs x6, x1, x3
    DUMP(x5)
    DUMP(x6)
    DUMP_NZCV
    subs x5, x2, x4
    sbcs x6, x1, x3
    DUMP(x5)
    DUMP(x6)
    DUMP_NZCV
    adds x5, x2, x4
    adcs x6, x1, x3
    adc x7, xzr, xzr
    DUMP(x7)
    subs w5, w2, w4
    sbcs w6, w1, w3
    sbc w7, wzr, wzr
    DUMP(x5)
    DUMP(x6)
    DUMP(x7)
    DUMP_NZCV
.endr
    TEST_EXIT
