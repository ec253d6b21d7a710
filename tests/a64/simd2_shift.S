/* simd2_shift.S — AdvSIMD shift by immediate, vector and scalar: SSHR/USHR,
 * SSRA/USRA, SRSHR/URSHR, SRSRA/URSRA, SRI, SHL, SLI, SQSHL/UQSHL/SQSHLU,
 * SHRN/RSHRN(2), SQSHRN/UQSHRN/SQRSHRN/UQRSHRN/SQSHRUN/SQRSHRUN(2),
 * SSHLL/USHLL(2) with SXTL/UXTL, at every arrangement and the edge shift
 * amounts (0, 1, esize-1, esize), on inputs at the lane sign boundaries.
 * Each case runs on four input sets: v1 (and v2) the sources, v0 the
 * destination preset from the set (so Q = 0 zeroing, insert and accumulate
 * and the kept low half of the "2" forms all show); saturating cases also
 * print FPSR (QC) and clear it. */
#include "a64test.h"

/* like DUMPV, with the value parked below everything the printer touches
 * (DUMPV's own copy loses its low byte to the ':' the printer stores) */
#define DUMPQ(v) str q##v, [sp, #-112]; A64T_SAVE; ldr x0, [sp, #-40]; bl a64t_hex; \
    bl a64t_colon; ldr x0, [sp, #-48]; bl a64t_hex; bl a64t_nl; A64T_RESTORE

.macro ALLIN insn:vararg
    .irp k, 0, 1, 2, 3
    ldp q1, q2, [x19, #(48 * \k)]
    ldr q0, [x19, #(48 * \k + 32)]
    \insn
    DUMPQ(0)
    .endr
.endm
/* the same, then FPSR, which is cleared again */
.macro ALLINQ insn:vararg
    .irp k, 0, 1, 2, 3
    ldp q1, q2, [x19, #(48 * \k)]
    ldr q0, [x19, #(48 * \k + 32)]
    \insn
    DUMPQ(0)
    mrs x9, fpsr
    DUMP(x9)
    msr fpsr, xzr
    .endr
.endm

/* right shifts by 1..esize, every arrangement */
.macro RIGHT run, op
    .irp sh, 1, 3, 7, 8
    \run \op v0.8b, v1.8b, #\sh
    \run \op v0.16b, v1.16b, #\sh
    .endr
    .irp sh, 1, 9, 15, 16
    \run \op v0.4h, v1.4h, #\sh
    \run \op v0.8h, v1.8h, #\sh
    .endr
    .irp sh, 1, 17, 31, 32
    \run \op v0.2s, v1.2s, #\sh
    \run \op v0.4s, v1.4s, #\sh
    .endr
    .irp sh, 1, 33, 63, 64
    \run \op v0.2d, v1.2d, #\sh
    \run \op d0, d1, #\sh
    .endr
.endm
/* left shifts by 0..esize-1; \scalar: the B/H/S scalar forms exist too */
.macro LEFT run, op, scalar
    .irp sh, 0, 1, 5, 7
    \run \op v0.8b, v1.8b, #\sh
    \run \op v0.16b, v1.16b, #\sh
    .if \scalar
    \run \op b0, b1, #\sh
    .endif
    .endr
    .irp sh, 0, 1, 9, 15
    \run \op v0.4h, v1.4h, #\sh
    \run \op v0.8h, v1.8h, #\sh
    .if \scalar
    \run \op h0, h1, #\sh
    .endif
    .endr
    .irp sh, 0, 1, 17, 31
    \run \op v0.2s, v1.2s, #\sh
    \run \op v0.4s, v1.4s, #\sh
    .if \scalar
    \run \op s0, s1, #\sh
    .endif
    .endr
    .irp sh, 0, 1, 33, 63
    \run \op v0.2d, v1.2d, #\sh
    \run \op d0, d1, #\sh
    .endr
.endm
/* narrowing right shifts by 1..esize (of the narrow element), both halves;
 * \scalar: the scalar forms exist too */
.macro NARROW run, op, scalar
    .irp sh, 1, 5, 7, 8
    \run \op v0.8b, v1.8h, #\sh
    \run \op\()2 v0.16b, v1.8h, #\sh
    .if \scalar
    \run \op b0, h1, #\sh
    .endif
    .endr
    .irp sh, 1, 9, 15, 16
    \run \op v0.4h, v1.4s, #\sh
    \run \op\()2 v0.8h, v1.4s, #\sh
    .if \scalar
    \run \op h0, s1, #\sh
    .endif
    .endr
    .irp sh, 1, 17, 31, 32
    \run \op v0.2s, v1.2d, #\sh
    \run \op\()2 v0.4s, v1.2d, #\sh
    .if \scalar
    \run \op s0, d1, #\sh
    .endif
    .endr
.endm
.macro LONG op
    .irp sh, 0, 1, 7
    ALLIN \op v0.8h, v1.8b, #\sh
    ALLIN \op\()2 v0.8h, v1.16b, #\sh
    .endr
    .irp sh, 0, 1, 15
    ALLIN \op v0.4s, v1.4h, #\sh
    ALLIN \op\()2 v0.4s, v1.8h, #\sh
    .endr
    .irp sh, 0, 1, 31
    ALLIN \op v0.2d, v1.2s, #\sh
    ALLIN \op\()2 v0.2d, v1.4s, #\sh
    .endr
.endm

TEST_START
    adr x19, inputs
    msr fpsr, xzr
    .irp op, sshr, ushr, ssra, usra, srshr, urshr, srsra, ursra, sri
    RIGHT ALLIN, \op
    .endr
    LEFT ALLIN, shl, 0
    LEFT ALLIN, sli, 0
    .irp op, sqshl, uqshl, sqshlu
    LEFT ALLINQ, \op, 1
    .endr
    NARROW ALLIN, shrn, 0
    NARROW ALLIN, rshrn, 0
    .irp op, sqshrn, uqshrn, sqrshrn, uqrshrn, sqshrun, sqrshrun
    NARROW ALLINQ, \op, 1
    .endr
    LONG sshll
    LONG ushll
    ALLIN sxtl v0.8h, v1.8b
    ALLIN uxtl2 v0.2d, v1.4s
    /* destination aliasing a source */
    ALLIN ssra v1.4s, v1.4s, #3
    ALLIN sri v1.16b, v1.16b, #4
    ALLIN rshrn2 v1.16b, v1.8h, #3
    ALLIN sshll2 v1.2d, v1.4s, #2
    TEST_EXIT

    .data
    .balign 16
/* four sets of { v1, v2, v0 } */
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
