/* ldst_int.S — single general-register loads and stores in every addressing
 * form: unsigned scaled offset (up to the largest), unscaled (LDUR/STUR,
 * -256..255), pre/post-index with writeback, register offset with each
 * extend and both shift amounts, literal, unprivileged (LDTR/STTR), SP as
 * the base, XZR as the data register, and the sign/zero extension of every
 * size into W and X. PRFM/PRFUM in every form must do nothing (one points
 * at an unmapped address). */
#include "a64test.h"

/* load into x0 and print it */
#define L(...) __VA_ARGS__; DUMP(x0)
/* reload the two words at x21 and print them */
#define SHOW2 ldr x9, [x21]; DUMP(x9); ldr x9, [x21, #8]; DUMP(x9)

TEST_START
    adr x20, data
    adr x21, scratch
    adr x22, big

    // ---- unsigned offset: each size, zero- and sign-extended ----
    L(ldrb w0, [x20])
    L(ldrb w0, [x20, #15])
    L(ldrsb w0, [x20, #1])
    L(ldrsb x0, [x20, #1])
    L(ldrsb w0, [x20, #16])      // 0x08: positive
    L(ldrsb x0, [x20, #23])      // 0x7f
    L(ldrh w0, [x20, #2])
    L(ldrsh w0, [x20, #2])
    L(ldrsh x0, [x20, #6])
    L(ldrsh x0, [x20, #22])      // 0x7f7e? positive
    L(ldr w0, [x20, #4])
    L(ldrsw x0, [x20, #4])
    L(ldrsw x0, [x20, #20])      // positive
    L(ldr x0, [x20, #8])
    L(ldr x0, [x20, #24])
    L(ldr w0, [x20, #28])

    // ---- largest unsigned offsets (4095 << size) ----
    movz x1, #0x1234
    movk x1, #0x5678, lsl #16
    movk x1, #0x9abc, lsl #32
    movk x1, #0xdef0, lsl #48
    strb w1, [x22, #4095]
    strh w1, [x22, #8190]
    str w1, [x22, #16380]
    str x1, [x22, #32760]
    L(ldrsb x0, [x22, #4095])
    L(ldrsh w0, [x22, #8190])
    L(ldrsw x0, [x22, #16380])
    L(ldr x0, [x22, #32760])
    L(ldrb w0, [x22, #4094])     // neighbour untouched

    // ---- stores of each size write exactly that many bytes ----
    movn x2, #0                  // all ones
    str x2, [x21]
    str x2, [x21, #8]
    strb wzr, [x21, #1]
    strh w1, [x21, #4]
    str w1, [x21, #9]            // unaligned
    SHOW2
    str xzr, [x21]
    str xzr, [x21, #8]
    sturb w1, [x21, #3]
    sturh w1, [x21, #-0]
    stur w1, [x21, #11]
    stur x2, [x21, #1]
    SHOW2

    // ---- unscaled: negative and odd offsets, LDUR of each kind ----
    add x23, x20, #256
    L(ldur x0, [x23, #-256])
    L(ldur x0, [x23, #-255])
    L(ldur w0, [x20, #3])
    L(ldursw x0, [x20, #5])
    L(ldurh w0, [x20, #255])
    L(ldursh w0, [x20, #1])
    L(ldursh x0, [x20, #7])
    L(ldurb w0, [x20, #9])
    L(ldursb w0, [x20, #9])
    L(ldursb x0, [x20, #10])
    L(ldur x0, [x20, #255])

    // ---- pre- and post-index: the access address and the writeback ----
    add x3, x20, #8
    L(ldr x0, [x3, #8]!)
    sub x3, x3, x20
    DUMP(x3)
    add x3, x20, #8
    L(ldr x0, [x3], #-8)
    sub x3, x3, x20
    DUMP(x3)
    add x3, x20, #16
    L(ldrsb x0, [x3, #-15]!)
    sub x3, x3, x20
    DUMP(x3)
    add x3, x20, #2
    L(ldrsh w0, [x3], #255)
    sub x3, x3, x20
    DUMP(x3)
    add x3, x20, #260
    L(ldrsw x0, [x3, #-256]!)
    sub x3, x3, x20
    DUMP(x3)
    add x3, x20, #4
    L(ldrh w0, [x3], #2)
    L(ldrb w0, [x3, #1]!)
    sub x3, x3, x20
    DUMP(x3)
    // stores with writeback
    str xzr, [x21]
    str xzr, [x21, #8]
    add x4, x21, #16
    str w1, [x4, #-16]!
    strb w2, [x4, #4]!
    strh w2, [x4], #6
    str x1, [x4], #-3
    SHOW2
    sub x4, x4, x21
    DUMP(x4)

    // ---- register offset: each extend, shift 0 and log2(size) ----
    mov x5, #3
    L(ldr x0, [x20, x5, lsl #3])
    L(ldr x0, [x20, x5])
    L(ldr w0, [x20, x5, lsl #2])
    L(ldrsh x0, [x20, x5, lsl #1])
    L(ldrsh w0, [x20, x5])
    L(ldrsb x0, [x20, x5, lsl #0])
    L(ldrb w0, [x20, x5])
    movz x6, #2
    movk x6, #0xffff, lsl #48    // upper half ignored by UXTW/SXTW
    L(ldr x0, [x20, w6, uxtw #3])
    L(ldr w0, [x20, w6, uxtw])
    L(ldrsw x0, [x20, w6, sxtw #2])
    movn w7, #0                  // w7 = -1, x7 = 0xffffffff
    L(ldr x0, [x23, w7, sxtw #3])
    L(ldrh w0, [x23, w7, sxtw])
    L(ldrsb w0, [x23, w7, sxtw #0])
    movn x8, #1                  // -2
    L(ldr x0, [x23, x8, sxtx #3])
    L(ldrsh x0, [x23, x8, sxtx #1])
    L(ldrb w0, [x23, x8, sxtx])
    sub x9, x20, #0x1000
    add x9, x9, #0x1000          // x9 = x20 again, via a different route
    movz w10, #0x10
    L(ldr x0, [x9, w10, uxtw])
    // register-offset stores
    str xzr, [x21]
    str xzr, [x21, #8]
    mov x5, #1
    strb w1, [x21, x5]
    strh w1, [x21, x5, lsl #1]
    str w1, [x21, w5, uxtw #2]
    add x24, x21, #16
    movn x7, #0
    str x2, [x24, x7, lsl #3]
    SHOW2

    // ---- literal ----
    L(ldr w0, lit)
    L(ldr x0, lit)
    L(ldrsw x0, lit)
    L(ldrsw x0, lit + 4)
    L(ldr x0, lit_back)
    prfm pldl1keep, lit

    // ---- unprivileged: as the normal forms at EL0 ----
    L(ldtr x0, [x20, #8])
    L(ldtr w0, [x20, #-0])
    L(ldtrb w0, [x20, #1])
    L(ldtrsb w0, [x20, #1])
    L(ldtrsb x0, [x20, #2])
    L(ldtrh w0, [x20, #2])
    L(ldtrsh w0, [x20, #2])
    L(ldtrsh x0, [x20, #3])
    L(ldtrsw x0, [x20, #4])
    add x25, x20, #8
    L(ldtr x0, [x25, #-5])
    str xzr, [x21]
    str xzr, [x21, #8]
    sttr x1, [x21, #1]
    sttrb w2, [x21, #10]
    sttrh w2, [x21, #12]
    sttr w2, [x21, #-0]
    SHOW2

    // ---- SP as the base ----
    mov x26, sp
    sub sp, sp, #64
    str x1, [sp]
    str x2, [sp, #8]
    str w1, [sp, #16]!
    L(ldr x0, [sp, #-16])
    L(ldrsw x0, [sp], #16)
    L(ldur x0, [sp, #-8])
    mov x5, #8
    L(ldr x0, [sp, x5])
    add sp, sp, #32
    mov x27, sp
    sub x26, x26, x27
    DUMP(x26)                    // sp back where it was

    // ---- XZR as data: loads discard, stores write zero ----
    ldr xzr, [x20]
    ldrsb wzr, [x20, #1]
    str x2, [x21]
    strh wzr, [x21, #2]
    ldr x9, [x21]
    DUMP(x9)

    // ---- prefetches touch nothing, even at a bad address ----
    movz x11, #0xdead, lsl #16   // unmapped
    prfm pldl1keep, [x11]
    prfm pstl3strm, [x11, #32760]
    prfum pldl2keep, [x11, #-1]
    prfm plil1keep, [x11, x5, lsl #3]
    prfm #0x1f, [x11, w5, sxtw]
    mov x0, #0x77
    DUMP(x0)

    TEST_EXIT

.balign 8
lit_back: .quad 0x0123456789abcdef
lit:      .quad 0xfedcba9880706050

.data
.balign 16
data:
    .quad 0x8887868584838281, 0xf8f7f6f5f4f3f2f1
    .quad 0x7f7e7d7c0c0b0a08, 0x0123456789abcdef
    .fill 240, 1, 0x5a
    .quad 0x1122334455667788, 0x99aabbccddeeff00
scratch:
    .fill 32, 1, 0
.bss
.balign 16
big: .space 65536
