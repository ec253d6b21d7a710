/* ldst_excl.S — load/store exclusive and load-acquire/store-release:
 * LDXR/LDAXR/STXR/STLXR of each size (value zero-extended, status 0 on
 * success), the failure paths (after CLREX, a second STXR, another address,
 * the location changed since the load), pairs LDXP/STXP/LDAXP/STLXP of W and
 * X registers (success, and failure when either half changed), an LL/SC
 * increment loop, SP as the base, and LDAR/STLR of each size.
 * No DUMP sits between a load-exclusive and its store: a syscall (exception
 * return) clears the monitor (ldst_excl_svc.S tests that). */
#include "a64test.h"

#define SHOW(off) ldr x9, [x20, off]; DUMP(x9)

TEST_START
    adr x20, data
    movz x1, #0x1111
    movk x1, #0x2222, lsl #16
    movk x1, #0x3333, lsl #32
    movk x1, #0x4444, lsl #48
    movn x2, #0

    // ---- each size: load zero-extended, store succeeds (status 0) ----
    ldxrb w0, [x20]
    stxrb w3, w1, [x20]
    DUMP(x0)
    DUMP(x3)
    SHOW(0)
    ldxrh w0, [x20, #0]
    stxrh w3, w2, [x20]
    DUMP(x0)
    DUMP(x3)
    SHOW(0)
    add x21, x20, #8
    ldxr w0, [x21]
    stxr w3, w1, [x21]
    DUMP(x0)
    DUMP(x3)
    SHOW(8)
    add x22, x20, #16
    ldxr x0, [x22]
    stxr w3, x1, [x22]
    DUMP(x0)
    DUMP(x3)
    SHOW(16)
    ldaxrb w0, [x22]
    stlxrb w3, w2, [x22]
    DUMP(x0)
    DUMP(x3)
    ldaxrh w0, [x22]
    stlxrh w3, wzr, [x22]
    DUMP(x0)
    DUMP(x3)
    ldaxr w0, [x22]
    stlxr w3, w2, [x22]
    DUMP(x0)
    DUMP(x3)
    ldaxr x0, [x22]
    stlxr w3, x1, [x22]
    DUMP(x0)
    DUMP(x3)
    SHOW(16)

    // ---- failures: memory untouched, status 1 ----
    ldxr x0, [x22]
    clrex
    stxr w3, x2, [x22]
    DUMP(x3)
    SHOW(16)
    ldxr x0, [x22]
    stxr w3, x0, [x22]            // succeeds ...
    stxr w4, x2, [x22]            // ... and the monitor is gone
    DUMP(x3)
    DUMP(x4)
    SHOW(16)
    ldxr x0, [x22]
    stxr w3, x2, [x21]            // another address
    DUMP(x3)
    SHOW(8)
    ldxr w0, [x21]
    str w2, [x21]                 // the location changed since the load
    stxr w3, w1, [x21]
    DUMP(x3)
    SHOW(8)
    ldaxrb w0, [x20]
    clrex
    stlxrb w3, w1, [x20]
    DUMP(x3)
    SHOW(0)

    // ---- pairs ----
    add x23, x20, #32
    ldxp x5, x6, [x23]
    stxp w3, x6, x5, [x23]
    DUMP(x5)
    DUMP(x6)
    DUMP(x3)
    SHOW(32)
    SHOW(40)
    ldaxp x5, x6, [x23]
    stlxp w3, x1, x2, [x23]
    DUMP(x3)
    SHOW(32)
    SHOW(40)
    ldxp w5, w6, [x23]
    stxp w3, w6, w5, [x23]
    DUMP(x5)
    DUMP(x6)
    DUMP(x3)
    SHOW(32)
    ldaxp w5, w6, [x23]
    stlxp w3, wzr, w1, [x23]
    DUMP(x3)
    SHOW(32)
    // pair failures: either half changed, or no monitor
    ldxp x5, x6, [x23]
    str x1, [x23, #8]
    stxp w3, x2, x2, [x23]
    DUMP(x3)
    SHOW(32)
    SHOW(40)
    ldxp x5, x6, [x23]
    str x1, [x23]
    stxp w3, x2, x2, [x23]
    DUMP(x3)
    SHOW(32)
    ldxp w5, w6, [x23]
    str w2, [x23, #4]
    stxp w3, wzr, wzr, [x23]
    DUMP(x3)
    SHOW(32)
    ldxp x5, x6, [x23]
    clrex
    stxp w3, xzr, xzr, [x23]
    DUMP(x3)
    SHOW(32)

    // ---- LL/SC increment loop, 100 times ----
    mov x7, #100
    add x24, x20, #48
1:  ldaxr x8, [x24]
    add x8, x8, #3
    stlxr w3, x8, [x24]
    cbnz w3, 1b
    subs x7, x7, #1
    b.ne 1b
    SHOW(48)

    // ---- SP as the base ----
    sub sp, sp, #16
    str x1, [sp]
    ldxr x0, [sp]
    stxr w3, x2, [sp]
    DUMP(x0)
    DUMP(x3)
    ldr x0, [sp]
    DUMP(x0)
    add sp, sp, #16

    // ---- LDAR / STLR: each size, zero-extended ----
    add x25, x20, #64
    stlr x2, [x25]
    stlrb w1, [x25]
    ldar x0, [x25]
    DUMP(x0)
    stlrh wzr, [x25, #0]
    ldarh w0, [x25]
    DUMP(x0)
    ldar x0, [x25]
    DUMP(x0)
    stlr w1, [x25]
    ldar w0, [x25]
    DUMP(x0)
    ldarb w0, [x25]
    DUMP(x0)
    ldar x0, [x25]
    DUMP(x0)

    TEST_EXIT

.data
.balign 16
data:
    .quad 0x8887868584838281     // +0
    .quad 0xf8f7f6f5f4f3f2f1     // +8
    .quad 0x7877767574737271     // +16
    .quad 0                      // +24
    .quad 0xa1a2a3a4a5a6a7a8     // +32 (pair, 16-byte aligned)
    .quad 0xb1b2b3b4b5b6b7b8     // +40
    .quad 0x1000                 // +48 counter
    .quad 0
    .quad 0                      // +64
    .quad 0
