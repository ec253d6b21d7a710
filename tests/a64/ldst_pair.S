/* ldst_pair.S — LDP/STP of W and X registers, LDPSW, LDNP/STNP, in every
 * index mode (signed offset, pre-index, post-index) with the extreme
 * offsets (-64 and +63 scaled), writeback to the base (also SP), XZR as
 * data, and stores writing exactly their bytes. */
#include "a64test.h"

#define D2(a, b) DUMP(a); DUMP(b)
/* the four words at x21 */
#define SHOW4 ldr x9, [x21]; DUMP(x9); ldr x9, [x21, #8]; DUMP(x9); \
              ldr x9, [x21, #16]; DUMP(x9); ldr x9, [x21, #24]; DUMP(x9)
#define CLEAR4 stp xzr, xzr, [x21]; stp xzr, xzr, [x21, #16]

TEST_START
    adr x20, data
    adr x21, scratch
    add x22, x20, #512          // middle of the big block

    // ---- signed offset ----
    ldp x0, x1, [x20]
    D2(x0, x1)
    ldp w0, w1, [x20, #4]
    D2(x0, x1)
    ldpsw x0, x1, [x20]
    D2(x0, x1)
    ldpsw x0, x1, [x20, #8]
    D2(x0, x1)
    ldp x0, x1, [x22, #-512]    // -64 * 8
    D2(x0, x1)
    ldp x0, x1, [x22, #504]     // 63 * 8
    D2(x0, x1)
    ldp w0, w1, [x22, #-256]    // -64 * 4
    D2(x0, x1)
    ldp w0, w1, [x22, #252]
    D2(x0, x1)
    ldpsw x0, x1, [x22, #-256]
    D2(x0, x1)
    ldnp x0, x1, [x20, #16]
    D2(x0, x1)
    ldnp w0, w1, [x20, #-0]
    D2(x0, x1)

    // ---- pre-index and post-index ----
    add x3, x20, #16
    ldp x0, x1, [x3, #-16]!
    D2(x0, x1)
    sub x9, x3, x20
    DUMP(x9)
    ldp w0, w1, [x3], #24
    D2(x0, x1)
    sub x9, x3, x20
    DUMP(x9)
    ldpsw x0, x1, [x3, #-8]!
    D2(x0, x1)
    sub x9, x3, x20
    DUMP(x9)
    ldpsw x0, x1, [x3], #-16
    D2(x0, x1)
    sub x9, x3, x20
    DUMP(x9)
    add x3, x20, #512
    ldp x0, x1, [x3, #-512]!
    sub x9, x3, x20
    DUMP(x9)
    ldp x0, x1, [x3], #504
    sub x9, x3, x20
    DUMP(x9)
    D2(x0, x1)

    // ---- stores ----
    movz x4, #0x1111
    movk x4, #0x2222, lsl #16
    movk x4, #0x3333, lsl #32
    movk x4, #0x4444, lsl #48
    movn x5, #0
    movz x6, #0x0a0b, lsl #16
    CLEAR4
    stp x4, x5, [x21, #8]
    SHOW4
    CLEAR4
    stp w4, w5, [x21, #4]
    stp w5, w6, [x21, #20]
    SHOW4
    CLEAR4
    stp xzr, x4, [x21]
    stp x5, xzr, [x21, #16]
    stp wzr, wzr, [x21, #20]
    SHOW4
    CLEAR4
    stnp x6, x4, [x21]
    stnp w5, w4, [x21, #24]
    SHOW4
    // writeback stores
    CLEAR4
    add x7, x21, #32
    stp x4, x6, [x7, #-32]!
    stp w5, w6, [x7, #16]!
    stp w6, w4, [x7], #-8
    sub x9, x7, x21
    DUMP(x9)
    SHOW4
    // extreme offsets on stores
    add x8, x22, #0
    stp x4, x5, [x8, #-512]
    stp w4, w6, [x8, #252]
    ldp x0, x1, [x22, #-512]
    D2(x0, x1)
    ldr x0, [x22, #252]
    DUMP(x0)

    // ---- SP as base, with writeback ----
    mov x10, sp
    stp x4, x5, [sp, #-32]!
    stp w6, w4, [sp, #16]
    ldp x0, x1, [sp]
    D2(x0, x1)
    ldpsw x0, x1, [sp, #16]
    D2(x0, x1)
    ldp x0, x1, [sp], #32
    D2(x0, x1)
    mov x11, sp
    sub x10, x10, x11
    DUMP(x10)

    // ---- loads of XZR are discarded, the other register still written ----
    ldp xzr, x12, [x20]
    DUMP(x12)
    ldp w13, wzr, [x20, #8]
    DUMP(x13)

    TEST_EXIT

.data
.balign 16
data:
    .quad 0x8887868584838281, 0x7877767574737271
    .quad 0x01020304f5f6f7f8, 0xa1a2a3a4b1b2b3b4
    .quad 0x1122334455667788, 0x99aabbccddeeff00
    .fill 464, 1, 0x3c
    .quad 0xc1c2c3c4c5c6c7c8, 0xd1d2d3d4d5d6d7d8   // data + 512
    .fill 480, 1, 0xa5
    .quad 0xe1e2e3e4e5e6e7e8, 0xf1f2f3f4f5f6f7f8   // data + 1008
scratch:
    .fill 32, 1, 0
