/* ldst_lse.S — ARMv8.1 LSE atomics: LDADD/LDCLR/LDEOR/LDSET/LDSMAX/LDSMIN/
 * LDUMAX/LDUMIN in every size and ordering (-, A, L, AL), their ST* aliases
 * (Rt = XZR), SWP, CAS (success and failure) and CASP of W and X pairs.
 * The two operands are positive at every size in one and negative at every
 * size in the other, with different bits above each size, so signed and
 * unsigned min/max disagree and a wrong access width shows; each op runs with
 * memory = A, operand = B and the other way round, prints the old value
 * returned (zero-extended) and the 64-bit word at the location (its other
 * bytes must be untouched). */
#include "a64test.h"

/* memory = x12, then insn Rs, Rt, [x21]; print Rt (x0) and the word */
.macro ONE insn, rs, rt
    str x12, [x21]
    movn x0, #0
    \insn \rs, \rt, [x21]
    DUMP(x0)
    ldr x9, [x21]
    DUMP(x9)
.endm

/* ST* alias: no register result */
.macro ONEST insn, rs
    str x12, [x21]
    \insn \rs, [x21]
    ldr x9, [x21]
    DUMP(x9)
.endm

/* (ord is a macro argument, not an .irp variable: \() only works on those) */
.macro LSE4 op, ord
    ONE ld\op\ord\()b, w11, w0
    ONE ld\op\ord\()h, w11, w0
    ONE ld\op\ord, w11, w0
    ONE ld\op\ord, x11, x0
.endm
.macro ST4 op, ord
    ONEST st\op\ord\()b, w11
    ONEST st\op\ord\()h, w11
    ONEST st\op\ord, w11
    ONEST st\op\ord, x11
.endm
.macro LSEOP op
    LSE4 \op
    LSE4 \op, a
    LSE4 \op, l
    LSE4 \op, al
    ST4 \op
    ST4 \op, l
.endm

/* CAS: x0 = compare value (x13 = memory's value, x14 = memory's value with
 * every bit above the size flipped: must still compare equal) */
.macro CASONE insn, rs, rt, cmp
    str x12, [x21]
    mov x0, \cmp
    \insn \rs, \rt, [x21]
    DUMP(x0)
    ldr x9, [x21]
    DUMP(x9)
.endm

.macro CAS4 ord
    eor x14, x12, #0xffffffffffffff00
    CASONE cas\ord\()b, w0, w11, x14
    CASONE cas\ord\()b, w0, w11, x11
    eor x14, x12, #0xffffffffffff0000
    CASONE cas\ord\()h, w0, w11, x14
    CASONE cas\ord\()h, w0, w11, x11
    eor x14, x12, #0xffffffff00000000
    CASONE cas\ord, w0, w11, x14
    CASONE cas\ord, w0, w11, x11
    CASONE cas\ord, x0, x11, x12
    CASONE cas\ord, x0, x11, x11
.endm
.macro CASALL
    CAS4
    CAS4 a
    CAS4 l
    CAS4 al
.endm

.macro SWP4 ord
    ONE swp\ord\()b, w11, w0
    ONE swp\ord\()h, w11, w0
    ONE swp\ord, w11, w0
    ONE swp\ord, x11, x0
.endm
.macro SWPALL
    SWP4
    SWP4 a
    SWP4 l
    SWP4 al
.endm

.macro ALL
    LSEOP add
    LSEOP clr
    LSEOP eor
    LSEOP set
    LSEOP smax
    LSEOP smin
    LSEOP umax
    LSEOP umin
    SWPALL
    CASALL
.endm

TEST_START
    adr x21, slot
    // A: positive at every size; B: negative at every size
    movz x15, #0x7f01
    movk x15, #0x7ffe, lsl #16
    movk x15, #0x3210, lsl #32
    movk x15, #0x0fed, lsl #48
    movz x16, #0x80f0
    movk x16, #0x8000, lsl #16
    movk x16, #0x5555, lsl #32
    movk x16, #0xaaaa, lsl #48
    mov x12, x15
    mov x11, x16
    ALL
    mov x12, x16
    mov x11, x15
    ALL

    // ---- XZR as the operand, SP as the base ----
    sub sp, sp, #16
    str x15, [sp]
    ldadd xzr, x0, [sp]
    DUMP(x0)
    ldset x16, x0, [sp]
    DUMP(x0)
    ldr x0, [sp]
    DUMP(x0)
    add sp, sp, #16

    // ---- CASP: W pairs (one 64-bit word) and X pairs (16 bytes) ----
    adr x22, pair
    .irp ord,,a,l,al
    stp x15, x16, [x22]
    mov w0, w15                 // compare pair = memory: succeeds
    lsr x1, x15, #32
    mov w2, w16
    lsr x3, x16, #32
    casp\ord w0, w1, w2, w3, [x22]
    DUMP(x0)
    DUMP(x1)
    ldp x9, x10, [x22]
    DUMP(x9)
    DUMP(x10)
    stp x15, x16, [x22]
    mov w0, w15                 // high half differs: fails
    mov w1, w16
    casp\ord w0, w1, w2, w3, [x22]
    DUMP(x0)
    DUMP(x1)
    ldp x9, x10, [x22]
    DUMP(x9)
    stp x15, x16, [x22]
    mov x4, x15                 // succeeds
    mov x5, x16
    mov x6, x16
    mov x7, x15
    casp\ord x4, x5, x6, x7, [x22]
    DUMP(x4)
    DUMP(x5)
    ldp x9, x10, [x22]
    DUMP(x9)
    DUMP(x10)
    stp x15, x16, [x22]
    mov x4, x15                 // second register differs: fails
    mov x5, x15
    casp\ord x4, x5, x6, x7, [x22]
    DUMP(x4)
    DUMP(x5)
    ldp x9, x10, [x22]
    DUMP(x9)
    DUMP(x10)
    stp x15, x16, [x22]
    mov x4, x16                 // first register differs: fails
    mov x5, x16
    casp\ord x4, x5, x6, x7, [x22]
    DUMP(x4)
    DUMP(x5)
    ldp x9, x10, [x22]
    DUMP(x9)
    DUMP(x10)
    .endr
    // CASP with the XZR pair as the new value
    stp x15, x16, [x22]
    mov x4, x15
    mov x5, x16
    mov x30, x16
    casp x4, x5, x30, xzr, [x22]
    ldp x9, x10, [x22]
    DUMP(x9)
    DUMP(x10)

    TEST_EXIT

.data
.balign 16
slot: .quad 0, 0
pair: .quad 0, 0
