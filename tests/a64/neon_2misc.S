/* neon_2misc.S — AdvSIMD two-register misc integer ops, vector (every
 * allowed arrangement) and scalar: REV16/32/64, pairwise long adds (and
 * accumulate), SUQADD/USQADD, CLS/CLZ/CNT/NOT/RBIT, SQABS/SQNEG (QC),
 * compares with zero, ABS/NEG, the narrowing moves XTN/SQXTN/UQXTN/SQXTUN
 * and their "2" forms (which keep Vd's low half) with QC, SHLL/SHLL2. */
#include "neon_test.h"

.macro S2 op, r
    TQ(\op \r\()0, \r\()16)
.endm
.macro S2Z op
    T(\op d0, d16, #0)
.endm
.macro V2Z op
    .irp a, ARR_ALL
    T(\op v0.\a, v16.\a, #0)
    .endr
.endm

TEST_START
    FOR_SETS sets, 6
    V2 rev64, ARR_BHS
    V2 rev32, 8b, 16b, 4h, 8h
    V2 rev16, ARR_B
    .irp op, saddlp, uaddlp, sadalp, uadalp
    T(\op v0.4h, v16.8b)
    T(\op v0.8h, v16.16b)
    T(\op v0.2s, v16.4h)
    T(\op v0.4s, v16.8h)
    T(\op v0.1d, v16.2s)
    T(\op v0.2d, v16.4s)
    .endr
    V2Q suqadd, ARR_ALL
    V2Q usqadd, ARR_ALL
    V2 cls, ARR_BHS
    V2 clz, ARR_BHS
    V2 cnt, ARR_B
    V2 not, ARR_B
    V2 mvn, ARR_B
    V2 rbit, ARR_B
    V2Q sqabs, ARR_ALL
    V2Q sqneg, ARR_ALL
    V2Z cmgt
    V2Z cmge
    V2Z cmeq
    V2Z cmle
    V2Z cmlt
    V2 abs, ARR_ALL
    V2 neg, ARR_ALL
    .irp op, xtn, sqxtn, uqxtn, sqxtun
    TQ(\op v0.8b, v16.8h)
    TQ(\op v0.4h, v16.4s)
    TQ(\op v0.2s, v16.2d)
    TQ(\op\()2 v0.16b, v16.8h)
    TQ(\op\()2 v0.8h, v16.4s)
    TQ(\op\()2 v0.4s, v16.2d)
    .endr
    T(shll v0.8h, v16.8b, #8)
    T(shll v0.4s, v16.4h, #16)
    T(shll v0.2d, v16.2s, #32)
    T(shll2 v0.8h, v16.16b, #8)
    T(shll2 v0.4s, v16.8h, #16)
    T(shll2 v0.2d, v16.4s, #32)

    // scalar forms
    .irp r, b, h, s, d
    S2 suqadd, \r
    S2 usqadd, \r
    S2 sqabs, \r
    S2 sqneg, \r
    .endr
    S2Z cmgt
    S2Z cmge
    S2Z cmeq
    S2Z cmle
    S2Z cmlt
    T(abs d0, d16)
    T(neg d0, d16)
    .irp op, sqxtn, uqxtn, sqxtun
    TQ(\op b0, h16)
    TQ(\op h0, s16)
    TQ(\op s0, d16)
    .endr
    END_SETS
    TEST_EXIT

    .data
    .balign 16
sets:   // Vn, (unused), old Vd
    VAL 0x807f01ff00fe7f80, 0x7fff80000001ffff
    VAL 0, 0
    VAL 0x0123456789abcdef, 0xfedcba9876543210

    VAL 0x8000000000000000, 0x7fffffffffffffff
    VAL 0, 0
    VAL 0x807f01ff00fe7f80, 0x7fff80000001ffff

    VAL 0xffffffffffffffff, 0x0000000000000000
    VAL 0, 0
    VAL 0x7f80ff01017f80fe, 0x80007fffffff0001

    VAL 0x0123456789abcdef, 0xfedcba9876543210
    VAL 0, 0
    VAL 0xffffffffffffffff, 0x0000000000000001

    // narrowing boundaries: 0x7f/0x80/0xff/0x100 as halfwords, etc.
    VAL 0x007f00800100ff80, 0xff7fffff00ff8000
    VAL 0, 0
    VAL 0x8000000000000000, 0x7fffffffffffffff

    VAL 0x00007fff00008000, 0xffff8000ffff7fff
    VAL 0, 0
    VAL 0x000000007fffffff, 0xffffffff80000000
