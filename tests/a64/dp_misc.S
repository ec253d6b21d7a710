/* dp_misc.S — move wide, data processing with one source (RBIT, REV16,
 * REV32, REV, CLZ, CLS), two sources (UDIV/SDIV with zero and -1 divisors,
 * LSLV/LSRV/ASRV/RORV with counts beyond the width), three sources (MADD,
 * MSUB, MUL, MNEG, S/UMADDL, S/UMSUBL, S/UMULL, S/UMULH) and CRC32/CRC32C,
 * X and W. */
#include "dp_test.h"

#define VA 0, 1, -1, 0x7fffffffffffffff, 0x8000000000000000, 0x0123456789abcdef, 0xfedcba9876543210, 0x00000000ffffffff, 0xffffffff80000000, 0x00000000000000ff, 0x0000000100000000, 0x00000000c0000000, 0x000000007fffffff, 0x8000000000000001
#define VB 0, 1, -1, 2, 7, 0x8000000000000000, 0x00000000ffffffff, 0x0000000080000000, 0x123456789abcdef0

TEST_START
    /* move wide: every hw, with and without keeping the other bits */
    LD2 0x0123456789abcdef, 0
.irp hw, 0, 16, 32, 48
.irp imm, 0, 0x8000, 0xffff
    movz x0, #\imm, lsl #\hw
    DUMP(x0)
    movn x0, #\imm, lsl #\hw
    DUMP(x0)
    mov x0, x1
    movk x0, #\imm, lsl #\hw
    DUMP(x0)
.endr
.endr
.irp hw, 0, 16
.irp imm, 0, 0x8000, 0xffff
    movz w0, #\imm, lsl #\hw
    DUMP(x0)
    movn w0, #\imm, lsl #\hw
    DUMP(x0)
    mov x0, x1
    movk w0, #\imm, lsl #\hw
    DUMP(x0)
.endr
.endr

.irp a, VA
    LD2 \a, 0
    rbit x0, x1
    DUMP(x0)
    rev16 x0, x1
    DUMP(x0)
    rev32 x0, x1
    DUMP(x0)
    rev x0, x1
    DUMP(x0)
    clz x0, x1
    DUMP(x0)
    cls x0, x1
    DUMP(x0)
    rbit w0, w1
    DUMP(x0)
    rev16 w0, w1
    DUMP(x0)
    rev w0, w1
    DUMP(x0)
    clz w0, w1
    DUMP(x0)
    cls w0, w1
    DUMP(x0)
.irp b, VB
    LD2 \a, \b
    udiv x0, x1, x2
    DUMP(x0)
    sdiv x0, x1, x2
    DUMP(x0)
    udiv w0, w1, w2
    DUMP(x0)
    sdiv w0, w1, w2
    DUMP(x0)
    mul x0, x1, x2
    DUMP(x0)
    mul w0, w1, w2
    DUMP(x0)
    smulh x0, x1, x2
    DUMP(x0)
    umulh x0, x1, x2
    DUMP(x0)
    smull x0, w1, w2
    DUMP(x0)
    umull x0, w1, w2
    DUMP(x0)
    mneg x0, x1, x2
    DUMP(x0)
    mneg w0, w1, w2
    DUMP(x0)
    ldr x3, =0x1122334455667788
    madd x0, x1, x2, x3
    DUMP(x0)
    msub x0, x1, x2, x3
    DUMP(x0)
    madd w0, w1, w2, w3
    DUMP(x0)
    msub w0, w1, w2, w3
    DUMP(x0)
    smaddl x0, w1, w2, x3
    DUMP(x0)
    smsubl x0, w1, w2, x3
    DUMP(x0)
    umaddl x0, w1, w2, x3
    DUMP(x0)
    umsubl x0, w1, w2, x3
    DUMP(x0)
    smnegl x0, w1, w2
    DUMP(x0)
    umnegl x0, w1, w2
    DUMP(x0)
.endr
.irp n, 0, 1, 31, 32, 33, 63, 64, 65, -1, 0x1234567800000021
    ldr x2, =\n
    lslv x0, x1, x2
    DUMP(x0)
    lsrv x0, x1, x2
    DUMP(x0)
    asrv x0, x1, x2
    DUMP(x0)
    rorv x0, x1, x2
    DUMP(x0)
    lslv w0, w1, w2
    DUMP(x0)
    lsrv w0, w1, w2
    DUMP(x0)
    asrv w0, w1, w2
    DUMP(x0)
    rorv w0, w1, w2
    DUMP(x0)
.endr
    ldr x3, =0xffffffff12345678
.irp acc, 0, 0xffffffff, 0x12345678
    ldr x2, =\acc
    crc32b w0, w2, w1
    DUMP(x0)
    crc32h w0, w2, w1
    DUMP(x0)
    crc32w w0, w2, w1
    DUMP(x0)
    crc32x w0, w2, x1
    DUMP(x0)
    crc32cb w0, w2, w1
    DUMP(x0)
    crc32ch w0, w2, w1
    DUMP(x0)
    crc32cw w0, w2, w1
    DUMP(x0)
    crc32cx w0, w2, x1
    DUMP(x0)
.endr
    crc32x w0, w3, x1
    DUMP(x0)
    crc32cw w0, w3, w1
    DUMP(x0)
    POOL
.endr

    /* RBIT then CLZ (count trailing zeros), and shapes that are not that:
     * other register, other width, a branch landing between them */
.irp a, VA
    LD2 \a, 0
    mov x0, x1
    rbit x0, x0
    clz x0, x0
    DUMP(x0)
    rbit w3, w1
    clz w4, w3
    DUMP(x3)
    DUMP(x4)
    rbit x3, x1
    clz x4, x1
    DUMP(x4)
    rbit w3, w1
    clz x4, x3
    DUMP(x4)
    rbit x3, x1
    clz w4, w3
    DUMP(x4)
.irp z, 0, 1
    mov x3, #0xf0
    mov x5, #\z
    cbz x5, 1f
    rbit x3, x1
1:  clz x4, x3
    DUMP(x4)
.endr
.endr
    TEST_EXIT
