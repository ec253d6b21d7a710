/* simd2_elem.S — AdvSIMD integer x indexed element: MUL, MLA, MLS; S/U MULL,
 * MLAL, MLSL (and "2"); SQDMULL/SQDMLAL/SQDMLSL and SQDMULH/SQRDMULH, vector
 * and scalar, with QC; 16-bit (index H:L:M, Vm in V0-V15) and 32-bit (index
 * H:L) elements at the first, a middle and the last index. Each case runs on
 * six input sets: v1 the vector source, v2 the indexed register, v0 the
 * destination preset from the set. */
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

.macro SAME run, op
    .irp i, 0, 3, 7
    \run \op v0.4h, v1.4h, v2.h[\i]
    \run \op v0.8h, v1.8h, v2.h[\i]
    .endr
    .irp i, 0, 1, 3
    \run \op v0.2s, v1.2s, v2.s[\i]
    \run \op v0.4s, v1.4s, v2.s[\i]
    .endr
.endm
.macro SAME_SCALAR op
    .irp i, 0, 5, 7
    ALLINQ \op h0, h1, v2.h[\i]
    .endr
    .irp i, 0, 2, 3
    ALLINQ \op s0, s1, v2.s[\i]
    .endr
.endm
.macro LONG run, op
    .irp i, 0, 4, 7
    \run \op v0.4s, v1.4h, v2.h[\i]
    \run \op\()2 v0.4s, v1.8h, v2.h[\i]
    .endr
    .irp i, 0, 2, 3
    \run \op v0.2d, v1.2s, v2.s[\i]
    \run \op\()2 v0.2d, v1.4s, v2.s[\i]
    .endr
.endm
.macro LONG_SCALAR op
    .irp i, 0, 6, 7
    ALLINQ \op s0, h1, v2.h[\i]
    .endr
    .irp i, 0, 1, 3
    ALLINQ \op d0, s1, v2.s[\i]
    .endr
.endm

TEST_START
    adr x19, inputs
    msr fpsr, xzr
    .irp op, mul, mla, mls
    SAME ALLIN, \op
    .endr
    .irp op, smull, umull, smlal, umlal, smlsl, umlsl
    LONG ALLIN, \op
    .endr
    .irp op, sqdmull, sqdmlal, sqdmlsl
    LONG ALLINQ, \op
    LONG_SCALAR \op
    .endr
    .irp op, sqdmulh, sqrdmulh
    SAME ALLINQ, \op
    SAME_SCALAR \op
    .endr
    /* the highest Vm each element size can name; Vd aliasing a source */
    ALLIN mov v15.16b, v2.16b; mul v0.8h, v1.8h, v15.h[6]
    ALLIN mov v31.16b, v2.16b; mla v0.4s, v1.4s, v31.s[2]
    ALLIN mov v15.16b, v2.16b; umlal2 v0.4s, v1.8h, v15.h[5]
    ALLINQ mov v31.16b, v2.16b; sqdmulh v0.4s, v1.4s, v31.s[1]
    ALLIN mov v31.16b, v2.16b; smlsl2 v0.2d, v1.4s, v31.s[3]
    ALLIN smull2 v2.4s, v1.8h, v2.h[7]
    ALLIN mls v1.8h, v1.8h, v1.h[1]
    ALLINQ sqdmlal2 v2.2d, v1.4s, v2.s[3]
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
