/* neon_random.S — every AdvSIMD integer op of the neon_* family on
 * pseudo-random inputs (xorshift64), printing one checksum of all results
 * (and FPSR.QC) per round. Vm is Vn with a sparse random flip in half the
 * rounds (equal and nearly-equal lanes: compares, saturation at small
 * differences) and independent in the others. Complements the hand-picked
 * edge cases of the other neon_ tests; build with -DVERBOSE to print every
 * result when a round differs. */
#include "neon_test.h"

#define ROUNDS 300

/* x21: PRNG state; x22: checksum; x23: round */
.macro RAND reg
    eor x21, x21, x21, lsl #13
    eor x21, x21, x21, lsr #7
    eor x21, x21, x21, lsl #17
    mov \reg, x21
.endm

#ifdef VERBOSE
#define FOLD VD(0); mrs x0, fpsr; DUMP(x0)
#else
#define FOLD mov x0, v0.d[0]; mov x1, v0.d[1]; eor x22, x0, x22, ror #7; add x22, x22, x1; \
    mrs x0, fpsr; add x22, x22, x0, lsr #20
#endif
#define C(...) msr fpsr, xzr; mov v0.16b, v18.16b; __VA_ARGS__; FOLD

.macro R3 op, arrs:vararg
    .irp a, \arrs
    C(\op v0.\a, v16.\a, v17.\a)
    .endr
.endm
.macro R2 op, arrs:vararg
    .irp a, \arrs
    C(\op v0.\a, v16.\a)
    .endr
.endm
.macro R2Z op
    .irp a, ARR_ALL
    C(\op v0.\a, v16.\a, #0)
    .endr
.endm
.macro RS3 op, r
    C(\op \r\()0, \r\()16, \r\()17)
.endm
.macro RS2 op, r
    C(\op \r\()0, \r\()16)
.endm

TEST_START
    movz x21, #0x2545, lsl #48
    movk x21, #0xf491, lsl #32
    movk x21, #0x4f6c, lsl #16
    movk x21, #0xdd1d
    mov x23, #ROUNDS
round:
    mov x22, #0
    RAND x1
    RAND x2
    mov v16.d[0], x1
    mov v16.d[1], x2
    tst x23, #1
    b.eq 1f
    RAND x3
    RAND x4
    and x3, x3, x4
    RAND x4
    and x3, x3, x4
    eor x1, x1, x3
    RAND x3
    RAND x4
    and x3, x3, x4
    RAND x4
    and x3, x3, x4
    eor x2, x2, x3
    b 2f
1:  RAND x1
    RAND x2
2:  mov v17.d[0], x1
    mov v17.d[1], x2
    RAND x1
    RAND x2
    mov v18.d[0], x1
    mov v18.d[1], x2

    // three same
    .irp op, shadd, uhadd, srhadd, urhadd, shsub, uhsub, smax, smin, umax, umin, sabd, uabd, saba, uaba, mul, mla, mls, smaxp, sminp, umaxp, uminp
    R3 \op, ARR_BHS
    .endr
    .irp op, sqadd, uqadd, sqsub, uqsub, cmgt, cmhi, cmge, cmhs, cmeq, cmtst, add, sub, addp, sshl, ushl, srshl, urshl, sqshl, uqshl, sqrshl, uqrshl
    R3 \op, ARR_ALL
    .endr
    R3 sqdmulh, ARR_HS
    R3 sqrdmulh, ARR_HS
    .irp op, pmul, and, bic, orr, orn, eor, bsl, bit, bif
    R3 \op, ARR_B
    .endr
    .irp r, b, h, s, d
    .irp op, sqadd, uqadd, sqsub, uqsub, sqshl, uqshl, sqrshl, uqrshl, suqadd, usqadd, sqabs, sqneg
    .ifc \op, suqadd
    RS2 \op, \r
    .else
    .ifc \op, usqadd
    RS2 \op, \r
    .else
    .ifc \op, sqabs
    RS2 \op, \r
    .else
    .ifc \op, sqneg
    RS2 \op, \r
    .else
    RS3 \op, \r
    .endif
    .endif
    .endif
    .endif
    .endr
    .endr
    .irp op, add, sub, cmgt, cmhi, cmge, cmhs, cmeq, cmtst, sshl, ushl, srshl, urshl
    RS3 \op, d
    .endr
    .irp r, h, s
    RS3 sqdmulh, \r
    RS3 sqrdmulh, \r
    .endr
    C(addp d0, v16.2d)

    // two-reg misc
    R2 rev64, ARR_BHS
    R2 rev32, 8b, 16b, 4h, 8h
    R2 rev16, ARR_B
    .irp op, saddlp, uaddlp, sadalp, uadalp
    C(\op v0.4h, v16.8b)
    C(\op v0.8h, v16.16b)
    C(\op v0.2s, v16.4h)
    C(\op v0.4s, v16.8h)
    C(\op v0.1d, v16.2s)
    C(\op v0.2d, v16.4s)
    .endr
    .irp op, suqadd, usqadd, sqabs, sqneg, abs, neg
    R2 \op, ARR_ALL
    .endr
    R2 cls, ARR_BHS
    R2 clz, ARR_BHS
    .irp op, cnt, not, rbit
    R2 \op, ARR_B
    .endr
    .irp op, cmgt, cmge, cmeq, cmle, cmlt
    R2Z \op
    C(\op d0, d16, #0)
    .endr
    C(abs d0, d16)
    C(neg d0, d16)
    .irp op, xtn, sqxtn, uqxtn, sqxtun
    C(\op v0.8b, v16.8h)
    C(\op v0.4h, v16.4s)
    C(\op v0.2s, v16.2d)
    C(\op\()2 v0.16b, v16.8h)
    C(\op\()2 v0.8h, v16.4s)
    C(\op\()2 v0.4s, v16.2d)
    .endr
    .irp op, sqxtn, uqxtn, sqxtun
    C(\op b0, h16)
    C(\op h0, s16)
    C(\op s0, d16)
    .endr
    C(shll v0.8h, v16.8b, #8)
    C(shll2 v0.4s, v16.8h, #16)
    C(shll v0.2d, v16.2s, #32)

    // across lanes
    .irp op, addv, smaxv, sminv, umaxv, uminv
    C(\op b0, v16.8b)
    C(\op b0, v16.16b)
    C(\op h0, v16.4h)
    C(\op h0, v16.8h)
    C(\op s0, v16.4s)
    .endr
    .irp op, saddlv, uaddlv
    C(\op h0, v16.16b)
    C(\op s0, v16.4h)
    C(\op d0, v16.4s)
    .endr

    // permutes (indices: v17's bytes & 0x3f mostly in range of 4 tables)
    .irp op, zip1, zip2, uzp1, uzp2, trn1, trn2
    R3 \op, ARR_ALL
    .endr
    C(tbl v0.16b, {v16.16b, v17.16b}, v18.16b)
    C(tbx v0.8b, {v16.16b, v17.16b, v18.16b, v19.16b}, v17.8b)
    C(ext v0.16b, v16.16b, v17.16b, #7)

    mov x0, x22
    DUMP(x0)
    subs x23, x23, #1
    b.ne round
    TEST_EXIT
