/* ldst_struct.S — AdvSIMD structure loads and stores: LD1..LD4/ST1..ST4 of
 * multiple structures (LD1/ST1 with 1-4 registers) for every arrangement,
 * single structures to/from one lane (every element size, first, middle and
 * last index), LD1R..LD4R, post-index by immediate and by register, SP as
 * the base, and register lists wrapping from V31 to V0. Destinations start
 * all-ones, so lanes a load must keep or zero are visible; stores go to a
 * zeroed buffer that is printed whole. The source bytes are 0, 1, 2, ... */
#include "a64test.h"

/* print Vn as two lines, high half then low (clobbers x9, x10) */
#define VQ(n) str q##n, [sp, #-16]; ldp x9, x10, [sp, #-16]; DUMP(x10); DUMP(x9)

/* all-ones in the listed V registers */
.macro ONES regs:vararg
    .irp r, \regs
    ldr q\r, ones
    .endr
.endm
.macro SHOWV regs:vararg
    .irp r, \regs
    VQ(\r)
    .endr
.endm
/* zero the 64-byte store buffer at x21 */
.macro CLEAR
    stp xzr, xzr, [x21]
    stp xzr, xzr, [x21, #16]
    stp xzr, xzr, [x21, #32]
    stp xzr, xzr, [x21, #48]
.endm
/* print the first n bytes (a multiple of 8) of the store buffer */
.macro SHOWMEM n
    add x11, x21, #0
    .rept \n / 8
    ldr x9, [x11], #8
    DUMP(x9)
    .endr
.endm

/* one multiple-structure load / store; the register list is quoted (its
 * commas would split the macro arguments) */
.macro LDM insn, list, regs:vararg
    ONES \regs
    \insn \list, [x20]
    SHOWV \regs
.endm
/* the same from x13 (replicate: an unaligned odd address) */
.macro LDR13 insn, list, regs:vararg
    ONES \regs
    \insn \list, [x13]
    SHOWV \regs
.endm
.macro STM insn, list, bytes
    CLEAR
    \insn \list, [x21]
    SHOWMEM \bytes
.endm

TEST_START
    adr x20, src
    adr x21, dst
    mov x1, #0
1:  strb w1, [x20, x1]
    add x1, x1, #1
    cmp x1, #256
    b.ne 1b

    // ---- LD1 multiple: 1..4 registers, every arrangement ----
    LDM ld1, "{v0.8b}", 0
    LDM ld1, "{v0.16b}", 0
    LDM ld1, "{v0.4h, v1.4h}", 0, 1
    LDM ld1, "{v0.8h, v1.8h}", 0, 1
    LDM ld1, "{v0.2s, v1.2s, v2.2s}", 0, 1, 2
    LDM ld1, "{v0.4s, v1.4s, v2.4s}", 0, 1, 2
    LDM ld1, "{v0.1d, v1.1d, v2.1d, v3.1d}", 0, 1, 2, 3
    LDM ld1, "{v0.2d, v1.2d, v2.2d, v3.2d}", 0, 1, 2, 3
    LDM ld1, "{v30.16b, v31.16b, v0.16b}", 30, 31, 0

    // ---- LD2/LD3/LD4 multiple: de-interleaving ----
    LDM ld2, "{v0.8b, v1.8b}", 0, 1
    LDM ld2, "{v0.16b, v1.16b}", 0, 1
    LDM ld2, "{v0.4h, v1.4h}", 0, 1
    LDM ld2, "{v0.8h, v1.8h}", 0, 1
    LDM ld2, "{v0.2s, v1.2s}", 0, 1
    LDM ld2, "{v0.4s, v1.4s}", 0, 1
    LDM ld2, "{v0.2d, v1.2d}", 0, 1
    LDM ld3, "{v0.8b, v1.8b, v2.8b}", 0, 1, 2
    LDM ld3, "{v0.16b, v1.16b, v2.16b}", 0, 1, 2
    LDM ld3, "{v0.4h, v1.4h, v2.4h}", 0, 1, 2
    LDM ld3, "{v0.8h, v1.8h, v2.8h}", 0, 1, 2
    LDM ld3, "{v0.2s, v1.2s, v2.2s}", 0, 1, 2
    LDM ld3, "{v0.4s, v1.4s, v2.4s}", 0, 1, 2
    LDM ld3, "{v0.2d, v1.2d, v2.2d}", 0, 1, 2
    LDM ld4, "{v0.8b, v1.8b, v2.8b, v3.8b}", 0, 1, 2, 3
    LDM ld4, "{v0.16b, v1.16b, v2.16b, v3.16b}", 0, 1, 2, 3
    LDM ld4, "{v0.4h, v1.4h, v2.4h, v3.4h}", 0, 1, 2, 3
    LDM ld4, "{v0.8h, v1.8h, v2.8h, v3.8h}", 0, 1, 2, 3
    LDM ld4, "{v0.2s, v1.2s, v2.2s, v3.2s}", 0, 1, 2, 3
    LDM ld4, "{v0.4s, v1.4s, v2.4s, v3.4s}", 0, 1, 2, 3
    LDM ld4, "{v0.2d, v1.2d, v2.2d, v3.2d}", 0, 1, 2, 3
    LDM ld4, "{v30.4s, v31.4s, v0.4s, v1.4s}", 30, 31, 0, 1
    LDM ld2, "{v31.8b, v0.8b}", 31, 0

    // ---- stores from registers holding distinct bytes ----
    ld1 {v4.16b, v5.16b, v6.16b, v7.16b}, [x20]
    add x12, x20, #64
    ld1 {v28.16b, v29.16b, v30.16b, v31.16b}, [x12]
    STM st1, "{v4.8b}", 8
    STM st1, "{v4.16b}", 16
    STM st1, "{v4.4h, v5.4h}", 16
    STM st1, "{v4.4s, v5.4s, v6.4s}", 48
    STM st1, "{v4.1d, v5.1d, v6.1d, v7.1d}", 32
    STM st1, "{v4.2d, v5.2d, v6.2d, v7.2d}", 64
    STM st1, "{v31.16b, v0.16b}", 32
    STM st2, "{v4.8b, v5.8b}", 16
    STM st2, "{v4.16b, v5.16b}", 32
    STM st2, "{v4.4h, v5.4h}", 16
    STM st2, "{v4.8h, v5.8h}", 32
    STM st2, "{v4.2s, v5.2s}", 16
    STM st2, "{v4.4s, v5.4s}", 32
    STM st2, "{v4.2d, v5.2d}", 32
    STM st3, "{v4.8b, v5.8b, v6.8b}", 24
    STM st3, "{v4.16b, v5.16b, v6.16b}", 48
    STM st3, "{v4.4h, v5.4h, v6.4h}", 24
    STM st3, "{v4.8h, v5.8h, v6.8h}", 48
    STM st3, "{v4.2s, v5.2s, v6.2s}", 24
    STM st3, "{v4.4s, v5.4s, v6.4s}", 48
    STM st3, "{v4.2d, v5.2d, v6.2d}", 48
    STM st4, "{v4.8b, v5.8b, v6.8b, v7.8b}", 32
    STM st4, "{v4.16b, v5.16b, v6.16b, v7.16b}", 64
    STM st4, "{v4.4h, v5.4h, v6.4h, v7.4h}", 32
    STM st4, "{v4.8h, v5.8h, v6.8h, v7.8h}", 64
    STM st4, "{v4.2s, v5.2s, v6.2s, v7.2s}", 32
    STM st4, "{v4.4s, v5.4s, v6.4s, v7.4s}", 64
    STM st4, "{v4.2d, v5.2d, v6.2d, v7.2d}", 64
    STM st4, "{v30.8h, v31.8h, v0.8h, v1.8h}", 64

    // ---- single structure to one lane: other lanes kept ----
    add x13, x20, #0x31
    .irp idx, 0, 7, 8, 15
    ONES 0, 1, 2, 3
    ld1 {v0.b}[\idx], [x13]
    ld2 {v1.b, v2.b}[\idx], [x13]
    SHOWV 0, 1, 2
    ONES 0, 1, 2, 3
    ld4 {v0.b, v1.b, v2.b, v3.b}[\idx], [x13]
    SHOWV 0, 1, 2, 3
    .endr
    .irp idx, 0, 3, 4, 7
    ONES 0, 1, 2, 3
    ld1 {v0.h}[\idx], [x13]
    ld3 {v1.h, v2.h, v3.h}[\idx], [x13]
    SHOWV 0, 1, 2, 3
    .endr
    .irp idx, 0, 1, 2, 3
    ONES 0, 1, 2, 3
    ld2 {v0.s, v1.s}[\idx], [x13]
    ld1 {v2.s}[\idx], [x13]
    SHOWV 0, 1, 2
    ONES 0, 1, 2, 3
    ld4 {v0.s, v1.s, v2.s, v3.s}[\idx], [x13]
    SHOWV 0, 1, 2, 3
    .endr
    .irp idx, 0, 1
    ONES 0, 1, 2, 3
    ld1 {v0.d}[\idx], [x13]
    ld3 {v1.d, v2.d, v3.d}[\idx], [x13]
    SHOWV 0, 1, 2, 3
    .endr
    ONES 31, 0
    ld2 {v31.h, v0.h}[5], [x13]
    SHOWV 31, 0

    // ---- single structure from one lane ----
    ld1 {v4.16b, v5.16b, v6.16b, v7.16b}, [x20]
    .irp idx, 0, 9, 15
    CLEAR
    st1 {v4.b}[\idx], [x21]
    add x14, x21, #1
    st4 {v4.b, v5.b, v6.b, v7.b}[\idx], [x14]
    add x14, x21, #5
    st2 {v5.b, v6.b}[\idx], [x14]
    SHOWMEM 8
    .endr
    .irp idx, 0, 5, 7
    CLEAR
    st1 {v4.h}[\idx], [x21]
    add x14, x21, #8
    st3 {v5.h, v6.h, v7.h}[\idx], [x14]
    SHOWMEM 16
    .endr
    .irp idx, 0, 2, 3
    CLEAR
    st2 {v4.s, v5.s}[\idx], [x21]
    add x14, x21, #9
    st4 {v4.s, v5.s, v6.s, v7.s}[\idx], [x14]
    SHOWMEM 32
    .endr
    .irp idx, 0, 1
    CLEAR
    st1 {v4.d}[\idx], [x21]
    add x14, x21, #8
    st4 {v4.d, v5.d, v6.d, v7.d}[\idx], [x14]
    SHOWMEM 40
    .endr

    // ---- load and replicate ----
    add x13, x20, #0x83
    LDR13 ld1r, "{v0.8b}", 0
    LDR13 ld1r, "{v0.16b}", 0
    LDR13 ld1r, "{v0.4h}", 0
    LDR13 ld1r, "{v0.8h}", 0
    LDR13 ld1r, "{v0.2s}", 0
    LDR13 ld1r, "{v0.4s}", 0
    LDR13 ld1r, "{v0.1d}", 0
    LDR13 ld1r, "{v0.2d}", 0
    ONES 0, 1, 2, 3
    ld2r {v0.16b, v1.16b}, [x13]
    ld3r {v2.4h, v3.4h, v4.4h}, [x13]
    SHOWV 0, 1, 2, 3, 4
    ONES 0, 1, 2, 3
    ld4r {v0.4s, v1.4s, v2.4s, v3.4s}, [x13]
    SHOWV 0, 1, 2, 3
    ONES 0, 1, 2, 3
    ld4r {v0.1d, v1.1d, v2.1d, v3.1d}, [x13]
    SHOWV 0, 1, 2, 3
    ONES 0, 1, 2
    ld3r {v0.2d, v1.2d, v2.2d}, [x13]
    SHOWV 0, 1, 2
    ONES 0, 1
    ld2r {v0.8b, v1.8b}, [x13]
    ld4r {v29.8h, v30.8h, v31.8h, v0.8h}, [x13]
    SHOWV 0, 1, 29, 30, 31

    // ---- post-index: immediate (= transfer size) and register ----
    add x15, x20, #0
    mov x16, #-3
    ld1 {v0.16b, v1.16b}, [x15], #32
    sub x9, x15, x20
    DUMP(x9)
    ld3 {v0.4h, v1.4h, v2.4h}, [x15], #24
    sub x9, x15, x20
    DUMP(x9)
    ld4 {v0.b, v1.b, v2.b, v3.b}[3], [x15], #4
    sub x9, x15, x20
    DUMP(x9)
    ld2r {v0.2d, v1.2d}, [x15], #16
    sub x9, x15, x20
    DUMP(x9)
    ld1 {v0.8b}, [x15], x16
    sub x9, x15, x20
    DUMP(x9)
    ld2 {v0.s, v1.s}[1], [x15], x16
    sub x9, x15, x20
    DUMP(x9)
    ld1r {v2.8h}, [x15], x16
    sub x9, x15, x20
    DUMP(x9)
    ld4 {v3.16b, v4.16b, v5.16b, v6.16b}, [x15], x16
    sub x9, x15, x20
    DUMP(x9)
    SHOWV 0, 1, 2, 3, 4, 5, 6
    CLEAR
    add x17, x21, #0
    mov x16, #5
    st1 {v3.8b}, [x17], #8
    st2 {v3.b, v4.b}[15], [x17], #2
    st1 {v4.h}[1], [x17], x16
    st2 {v5.4h, v6.4h}, [x17], x16
    sub x9, x17, x21
    DUMP(x9)
    SHOWMEM 40

    // ---- SP as the base ----
    mov x18, sp
    sub sp, sp, #64
    st4 {v3.4s, v4.4s, v5.4s, v6.4s}, [sp]
    ld2 {v0.8h, v1.8h}, [sp], #32
    ld1 {v2.d}[1], [sp]
    ld1r {v7.4s}, [sp], x16
    add sp, sp, #27
    mov x19, sp
    sub x19, x18, x19
    DUMP(x19)
    SHOWV 0, 1, 2, 7

    TEST_EXIT

.balign 16
ones: .quad -1, -1

.data
.balign 16
src: .fill 256, 1, 0
dst: .fill 64, 1, 0
