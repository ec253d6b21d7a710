/* simd2_long.S — AdvSIMD three different: S/U ADDL, ADDW, SUBL, SUBW, ABAL,
 * ABDL, MLAL, MLSL, MULL; ADDHN/RADDHN/SUBHN/RSUBHN; SQDMLAL/SQDMLSL/SQDMULL
 * (vector and scalar, with QC); PMULL of 8-bit and 64-bit lanes; each at
 * every arrangement, lower and upper ("2") halves. Each case runs on six
 * input sets: v1, v2 the sources, v0 the destination preset from the set
 * (accumulators near the saturation limits, and the low half the narrowing
 * "2" forms keep). */
#include "a64test.h"

/* like DUMPV, with the value parked below everything the printer touches
 * (DUMPV's own copy loses its low byte to the ':' the printer stores) */
#define DUMPQ(v) str q##v, [sp, #-112]; A64T_SAVE; ldr x0, [sp, #-40]; bl a64t_hex; \
    bl a64t_colon; ldr x0, [sp, #-48]; bl a64t_hex; bl a64t_nl; A64T_RESTORE

.macro ALLIN insn:vararg
    .irp k, 0, 1, 2, 3, 4, 5
    ldp q1, q2, [x19, #(48 * \k)]
    ldr q0, [x19, #(48 * \k + 32)]
    \insn
    DUMPQ(0)
    .endr
.endm
.macro ALLINQ insn:vararg
    .irp k, 0, 1, 2, 3, 4, 5
    ldp q1, q2, [x19, #(48 * \k)]
    ldr q0, [x19, #(48 * \k + 32)]
    \insn
    DUMPQ(0)
    mrs x9, fpsr
    DUMP(x9)
    msr fpsr, xzr
    .endr
.endm

/* wide <- narrow op narrow */
.macro LONG op
    ALLIN \op v0.8h, v1.8b, v2.8b
    ALLIN \op\()2 v0.8h, v1.16b, v2.16b
    ALLIN \op v0.4s, v1.4h, v2.4h
    ALLIN \op\()2 v0.4s, v1.8h, v2.8h
    ALLIN \op v0.2d, v1.2s, v2.2s
    ALLIN \op\()2 v0.2d, v1.4s, v2.4s
.endm
/* wide <- wide op narrow */
.macro WIDE op
    ALLIN \op v0.8h, v1.8h, v2.8b
    ALLIN \op\()2 v0.8h, v1.8h, v2.16b
    ALLIN \op v0.4s, v1.4s, v2.4h
    ALLIN \op\()2 v0.4s, v1.4s, v2.8h
    ALLIN \op v0.2d, v1.2d, v2.2s
    ALLIN \op\()2 v0.2d, v1.2d, v2.4s
.endm
/* narrow <- wide op wide */
.macro HIGH op
    ALLIN \op v0.8b, v1.8h, v2.8h
    ALLIN \op\()2 v0.16b, v1.8h, v2.8h
    ALLIN \op v0.4h, v1.4s, v2.4s
    ALLIN \op\()2 v0.8h, v1.4s, v2.4s
    ALLIN \op v0.2s, v1.2d, v2.2d
    ALLIN \op\()2 v0.4s, v1.2d, v2.2d
.endm
/* saturating doubling: 16- and 32-bit elements, vector and scalar */
.macro SQD op
    ALLINQ \op v0.4s, v1.4h, v2.4h
    ALLINQ \op\()2 v0.4s, v1.8h, v2.8h
    ALLINQ \op v0.2d, v1.2s, v2.2s
    ALLINQ \op\()2 v0.2d, v1.4s, v2.4s
    ALLINQ \op s0, h1, h2
    ALLINQ \op d0, s1, s2
.endm

TEST_START
    adr x19, inputs
    msr fpsr, xzr
    .irp op, saddl, uaddl, ssubl, usubl, sabal, uabal, sabdl, uabdl
    LONG \op
    .endr
    .irp op, smlal, umlal, smlsl, umlsl, smull, umull
    LONG \op
    .endr
    .irp op, saddw, uaddw, ssubw, usubw
    WIDE \op
    .endr
    .irp op, addhn, raddhn, subhn, rsubhn
    HIGH \op
    .endr
    .irp op, sqdmlal, sqdmlsl, sqdmull
    SQD \op
    .endr
    ALLIN pmull v0.8h, v1.8b, v2.8b
    ALLIN pmull2 v0.8h, v1.16b, v2.16b
    ALLIN pmull v0.1q, v1.1d, v2.1d
    ALLIN pmull2 v0.1q, v1.2d, v2.2d
    /* destination aliasing a source */
    ALLIN umlal v1.2d, v1.2s, v2.2s
    ALLIN pmull2 v2.1q, v1.2d, v2.2d
    ALLIN raddhn2 v1.16b, v1.8h, v2.8h
    ALLIN ssubw2 v2.4s, v2.4s, v2.8h
    DUMPQ(1)
    DUMPQ(2)
    TEST_EXIT

    .data
    .balign 16
/* six sets of { v1, v2, v0 } */
inputs:
    .quad 0x8000000000000000, 0x7fffffffffffffff
    .quad 0xffffffffffffffff, 0x0000000000000001
    .quad 0x7fffffffffffffff, 0x8000000000000000

    .quad 0x807fff0001fe7f80, 0x80007fffffff0001
    .quad 0x800000007fffffff, 0x00000001fffffffe
    .quad 0xa5a5a5a5a5a5a5a5, 0x5a5a5a5a5a5a5a5a

    .quad 0x0123456789abcdef, 0xfedcba9876543210
    .quad 0xdeadbeefcafebabe, 0x5555aaaa3333cccc
    .quad 0x7fff80007fff8000, 0x7f807f8080808080

    .quad 0x4000c00040004000, 0xc000c0008000c000
    .quad 0x00ff00ff80018001, 0x7ffe80027ffe8002
    .quad 0x0000000000000000, 0xffffffffffffffff

    .quad 0x8000800080008000, 0x8000000080000000
    .quad 0x8000800080008000, 0x8000000080000000
    .quad 0x7fffffff7fffffff, 0x7fffffffffffffff

    .quad 0x0000000080000000, 0x8000800000008000
    .quad 0x0000000080000000, 0x8000800000008000
    .quad 0x8000000080000000, 0x8000000000000000
