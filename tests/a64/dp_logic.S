/* dp_logic.S — AND/ORR/EOR/ANDS with bitmask immediates of every element
 * size and rotation (X and W, SP destinations), and AND/BIC/ORR/ORN/EOR/EON/
 * ANDS/BICS (shifted register: LSL/LSR/ASR/ROR), MOV and MVN. */
#include "dp_test.h"

#define VA 0, 1, -1, 0x7fffffffffffffff, 0x8000000000000000, 0x0123456789abcdef, 0xfedcba9876543210, 0x00000000ffffffff, 0xffffffff80000000
#define VB -1, 0x8000000000000001, 0x0f0f0f0ff0f0f0f0

#define IMM64 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x00ff00ff00ff00ff, 0x0000ffff0000ffff, \
    0x00000000ffffffff, 0xffffffff00000000, 1, 0x8000000000000000, 0x7fffffffffffffff, \
    0xfffffffffffffffe, 0x0f0f0f0f0f0f0f0f, 0x3333333333333333, 0x1111111111111111, \
    0x8080808080808080, 0x0000000000000ff0, 0xfff0000000000fff, 0x7ffe, 0xc000000000000001, \
    0x6666666666666666, 0x0007000700070007
#define IMM32 0x55555555, 0xff00ff00, 1, 0x80000000, 0x7fffffff, 0xfffffffe, 0x0000ffff, \
    0xf000000f, 0x0e0e0e0e, 0x3ffffffc

TEST_START
.irp a, VA
    LD2 \a, 0
.irp m, IMM64
    and x0, x1, #\m
    DUMP(x0)
    orr x0, x1, #\m
    DUMP(x0)
    eor x0, x1, #\m
    DUMP(x0)
    ands x0, x1, #\m
    MASK_CSEL
    DUMP(x0)
    DUMP(x5)
.endr
.irp m, IMM32
    and w0, w1, #\m
    DUMP(x0)
    orr w0, w1, #\m
    DUMP(x0)
    eor w0, w1, #\m
    DUMP(x0)
    ands w0, w1, #\m
    MASK_CSEL
    DUMP(x0)
    DUMP(x5)
.endr
    mov x9, sp
    orr sp, x1, #0xff0
    mov x3, sp
    and sp, x1, #0xfffffffffffffff0
    mov x4, sp
    eor wsp, w1, #0xf0f0f0f0
    mov x10, sp
    mov sp, x9
    DUMP(x3)
    DUMP(x4)
    DUMP(x10)
    mov x0, #0x5555555555555555
    DUMP(x0)
    mov w0, #0xfffffffe
    DUMP(x0)
.irp b, VB
    LD2 \a, \b
.irp op, and, bic, orr, orn, eor, eon
.irp sh, "lsl #0", "lsl #1", "lsl #63", "lsr #7", "asr #63", "ror #1", "ror #32", "ror #63"
    \op x0, x1, x2, \sh
    DUMP(x0)
.endr
.irp sh, "lsl #0", "lsl #31", "lsr #16", "asr #31", "ror #1", "ror #31"
    \op w0, w1, w2, \sh
    DUMP(x0)
.endr
.endr
.irp op, ands, bics
    \op x0, x1, x2, ror #13
    MASK_CSEL
    DUMP(x0)
    DUMP(x5)
    \op w0, w1, w2, asr #3
    MASK_CSEL
    DUMP(x0)
    DUMP(x5)
.endr
    tst w1, w2, lsl #4
    DUMP_NZCV
    mov x0, x2
    DUMP(x0)
    mov w0, w2
    DUMP(x0)
    mvn x0, x2
    DUMP(x0)
    mvn w0, w2, lsr #4
    DUMP(x0)
    orr x0, xzr, x2, lsl #4
    DUMP(x0)
.endr
    POOL
.endr
    TEST_EXIT
