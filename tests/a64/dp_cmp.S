/* dp_cmp.S — flags of the compare forms with constant operands (CMP/CMN
 * immediate, TST immediate, compares with XZR), X and W, read every way. */
#include "dp_test.h"

#define V64 0, 1, -1, 4095, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffff001000
#define V32 0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0xdeadbeef00000fff, 0x12345678ff001000

TEST_START
.irp a, V64
    LD2 \a, 0
.irp imm, #0, #1, #4095, "#1, lsl #12", "#4095, lsl #12"
    cmp x1, \imm
    ALLCONDS
    cmp x1, \imm
    FUSED
    cmn x1, \imm
    ALLCONDS
    cmn x1, \imm
    FUSED
    adds x0, x1, \imm
    DUMP(x0)
    subs x0, x1, \imm
    DUMP(x0)
.endr
.irp m, 1, 0x8000000000000000, 0xff, 0xffffffff00000000, 0x5555555555555555
    tst x1, #\m
    ALLCONDS
    tst x1, #\m
    FUSED
.endr
    cmp x1, xzr
    ALLCONDS
    cmn x1, xzr
    ALLCONDS
    negs x0, x1
    ALLCONDS
    DUMP(x0)
    POOL
.endr

.irp a, V32
    LD2 \a, 0
.irp imm, #0, #1, #4095, "#1, lsl #12", "#4095, lsl #12"
    cmp w1, \imm
    ALLCONDS
    cmp w1, \imm
    FUSED
    cmn w1, \imm
    ALLCONDS
    cmn w1, \imm
    FUSED
    adds w0, w1, \imm
    DUMP(x0)
    subs w0, w1, \imm
    DUMP(x0)
.endr
.irp m, 1, 0x80000000, 0xff, 0xffff0000, 0x55555555
    tst w1, #\m
    ALLCONDS
    tst w1, #\m
    FUSED
.endr
    cmp w1, wzr
    ALLCONDS
    cmn w1, wzr
    ALLCONDS
    negs w0, w1
    ALLCONDS
    DUMP(x0)
    POOL
.endr
    TEST_EXIT
