/* ldst_fp.S — SIMD&FP register loads and stores: B/H/S/D/Q in every
 * addressing form (unsigned offset up to the largest, unscaled, pre/post
 * index, register offset with each extend and shift, literal S/D/Q) and
 * pairs of S/D/Q (LDP/STP/LDNP/STNP, every index mode). A load of B/H/S/D
 * must zero the rest of the 128-bit register; a store must write exactly
 * its bytes. */
#include "a64test.h"

/* fill v0 with ones, run the load into v0, print it (no SIMD data
 * processing insns here: only loads and stores) */
#define LV(...) ldr q0, ones; __VA_ARGS__; VQ(0)
/* print Vn as two lines, high then low half (clobbers x9, x10); DUMPV
 * itself would do, but its colon overwrites the lowest byte it prints */
#define VQ(n) str q##n, [sp, #-16]; ldp x9, x10, [sp, #-16]; DUMP(x10); DUMP(x9)
#define SHOW4 ldr x9, [x21]; DUMP(x9); ldr x9, [x21, #8]; DUMP(x9); \
              ldr x9, [x21, #16]; DUMP(x9); ldr x9, [x21, #24]; DUMP(x9)
#define CLEAR4 stp xzr, xzr, [x21]; stp xzr, xzr, [x21, #16]

TEST_START
    adr x20, data
    adr x21, scratch
    adr x22, big
    ldr q31, ones
    ldr q30, [x20, #16]         // a recognisable value to store

    // ---- unsigned offset, each size ----
    LV(ldr b0, [x20, #1])
    LV(ldr h0, [x20, #2])
    LV(ldr s0, [x20, #4])
    LV(ldr d0, [x20, #8])
    LV(ldr q0, [x20])
    LV(ldr q0, [x20, #16])
    // largest offsets
    str b30, [x22, #4095]
    str h30, [x22, #8190]
    str s30, [x22, #16380]
    str d30, [x22, #32760]
    str q30, [x22, #65520]
    LV(ldr b0, [x22, #4095])
    LV(ldr h0, [x22, #8190])
    LV(ldr s0, [x22, #16380])
    LV(ldr d0, [x22, #32760])
    LV(ldr q0, [x22, #65520])

    // ---- stores write exactly their size ----
    movn x2, #0
    stp x2, x2, [x21]
    stp x2, x2, [x21, #16]
    str b30, [x21, #1]
    str h30, [x21, #4]
    str s30, [x21, #8]
    str d30, [x21, #16]
    SHOW4
    CLEAR4
    str q30, [x21, #8]
    SHOW4
    CLEAR4
    stur b30, [x21, #3]
    stur h30, [x21, #5]
    stur s30, [x21, #9]
    stur d30, [x21, #17]
    SHOW4
    CLEAR4
    stur q30, [x21, #1]
    SHOW4

    // ---- unscaled, negative ----
    add x23, x20, #32
    LV(ldur b0, [x23, #-31])
    LV(ldur h0, [x23, #-29])
    LV(ldur s0, [x23, #-27])
    LV(ldur d0, [x23, #-25])
    LV(ldur q0, [x23, #-23])
    LV(ldur q0, [x20, #255])

    // ---- pre/post index ----
    add x3, x20, #8
    LV(ldr q0, [x3, #-8]!)
    sub x9, x3, x20
    DUMP(x9)
    LV(ldr d0, [x3], #255)
    sub x9, x3, x20
    DUMP(x9)
    add x3, x20, #256
    LV(ldr s0, [x3, #-256]!)
    LV(ldr h0, [x3], #3)
    LV(ldr b0, [x3, #1]!)
    sub x9, x3, x20
    DUMP(x9)
    CLEAR4
    add x4, x21, #16
    str q30, [x4, #-16]!
    str b30, [x4], #17
    str h30, [x4, #-1]!
    sub x9, x4, x21
    DUMP(x9)
    SHOW4

    // ---- register offset ----
    mov x5, #1
    LV(ldr b0, [x20, x5])
    LV(ldr h0, [x20, x5, lsl #1])
    LV(ldr h0, [x20, x5])
    LV(ldr s0, [x20, x5, lsl #2])
    LV(ldr d0, [x20, x5, lsl #3])
    LV(ldr q0, [x20, x5, lsl #4])
    LV(ldr q0, [x20, x5])
    movn w6, #0                   // w6 = -1
    LV(ldr q0, [x23, w6, sxtw #4])
    LV(ldr d0, [x23, w6, sxtw])
    movz x7, #1
    movk x7, #0x8000, lsl #48
    LV(ldr s0, [x20, w7, uxtw #2])
    movn x8, #0                   // -1
    LV(ldr h0, [x23, x8, sxtx #1])
    CLEAR4
    str q30, [x21, x5, lsl #4]
    str d30, [x21, w5, uxtw #3]
    str b30, [x21, x5]
    SHOW4

    // ---- literal ----
    LV(ldr s0, lit)
    LV(ldr d0, lit)
    LV(ldr q0, lit)
    LV(ldr q0, lit_back)

    // ---- pairs ----
    ldr q1, ones
    ldr q2, ones
    ldp s1, s2, [x20, #4]
    VQ(1)
    VQ(2)
    ldp d1, d2, [x20, #8]
    VQ(1)
    VQ(2)
    ldp q1, q2, [x20]
    VQ(1)
    VQ(2)
    add x24, x20, #512
    ldp q1, q2, [x24, #-512]      // -32 * 16
    VQ(1)
    ldp q1, q2, [x24, #-32]!
    VQ(2)
    sub x9, x24, x20
    DUMP(x9)
    ldp d1, d2, [x24], #-8
    VQ(1)
    VQ(2)
    sub x9, x24, x20
    DUMP(x9)
    ldp s1, s2, [x24, #252]
    VQ(1)
    ldnp q1, q2, [x20]
    VQ(2)
    ldnp d1, d2, [x20, #-0]
    VQ(1)
    ldnp s1, s2, [x20, #8]
    VQ(2)
    CLEAR4
    stp s30, s31, [x21, #4]
    stp d31, d30, [x21, #16]
    SHOW4
    CLEAR4
    stp q30, q31, [x21]
    SHOW4
    CLEAR4
    add x25, x21, #16
    stp q30, q30, [x25, #-16]!
    stp d31, d31, [x25], #8
    stnp s31, s31, [x21, #12]
    sub x9, x25, x21
    DUMP(x9)
    SHOW4
    CLEAR4
    stnp q31, q30, [x21]
    stnp d30, d31, [x21, #8]
    SHOW4

    // ---- SP base ----
    mov x12, sp
    str q30, [sp, #-16]!
    ldr d0, [sp, #8]
    VQ(0)
    stp q31, q30, [sp, #-32]!
    ldr q0, [sp, #16]
    VQ(0)
    ldp q1, q2, [sp], #48
    VQ(1)
    VQ(2)
    mov x13, sp
    sub x12, x12, x13
    DUMP(x12)

    TEST_EXIT

.balign 16
ones:     .quad -1, -1
lit_back: .quad 0x0011223344556677, 0x8899aabbccddeeff
lit:      .quad 0xfedcba9880706050, 0x0f1e2d3c4b5a6978

.data
.balign 16
data:
    .quad 0x8887868584838281, 0x7877767574737271
    .quad 0x01020304f5f6f7f8, 0xa1a2a3a4b1b2b3b4
    .quad 0x1122334455667788, 0x99aabbccddeeff00
    .fill 464, 1, 0x3c
    .quad 0xc1c2c3c4c5c6c7c8, 0xd1d2d3d4d5d6d7d8
scratch:
    .fill 32, 1, 0
.bss
.balign 16
big: .space 65536 + 16
