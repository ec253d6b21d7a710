/* neon_3same.S — AdvSIMD three-same integer ops on every arrangement they
 * allow, over input sets with the lane boundaries of every size (0, 1, -1,
 * MIN, MAX per byte/half/word/double): halving, saturating (with FPSR.QC
 * read back after each op), compares, min/max, absolute difference (and
 * accumulate), multiply (-accumulate), polynomial multiply, pairwise, the
 * doubling high multiplies, the logic ops and the bitwise selects. Vd is
 * preset, so 64-bit forms must clear its top half; the last block checks Vd
 * aliasing a source. */
#include "neon_test.h"

TEST_START
    FOR_SETS sets, 5
    V3Q shadd, ARR_BHS
    V3Q uhadd, ARR_BHS
    V3Q srhadd, ARR_BHS
    V3Q urhadd, ARR_BHS
    V3Q shsub, ARR_BHS
    V3Q uhsub, ARR_BHS
    V3Q sqadd, ARR_ALL
    V3Q uqadd, ARR_ALL
    V3Q sqsub, ARR_ALL
    V3Q uqsub, ARR_ALL
    V3 cmgt, ARR_ALL
    V3 cmhi, ARR_ALL
    V3 cmge, ARR_ALL
    V3 cmhs, ARR_ALL
    V3 cmeq, ARR_ALL
    V3 cmtst, ARR_ALL
    V3 smax, ARR_BHS
    V3 smin, ARR_BHS
    V3 umax, ARR_BHS
    V3 umin, ARR_BHS
    V3 sabd, ARR_BHS
    V3 uabd, ARR_BHS
    V3 saba, ARR_BHS
    V3 uaba, ARR_BHS
    V3 add, ARR_ALL
    V3 sub, ARR_ALL
    V3 mul, ARR_BHS
    V3 mla, ARR_BHS
    V3 mls, ARR_BHS
    V3 pmul, ARR_B
    V3 smaxp, ARR_BHS
    V3 sminp, ARR_BHS
    V3 umaxp, ARR_BHS
    V3 uminp, ARR_BHS
    V3 addp, ARR_ALL
    V3Q sqdmulh, ARR_HS
    V3Q sqrdmulh, ARR_HS
    V3 and, ARR_B
    V3 bic, ARR_B
    V3 orr, ARR_B
    V3 orn, ARR_B
    V3 eor, ARR_B
    V3 bsl, ARR_B
    V3 bit, ARR_B
    V3 bif, ARR_B
    T(mov v0.16b, v16.16b)
    T(mov v0.8b, v17.8b)
    END_SETS

    // Vd aliasing Vn / Vm / both
    FOR_SETS sets, 1
    mov v1.16b, v16.16b
    add v1.8h, v1.8h, v17.8h
    VD(1)
    mov v1.16b, v17.16b
    sub v1.4s, v16.4s, v1.4s
    VD(1)
    mov v1.16b, v16.16b
    uqadd v1.16b, v1.16b, v1.16b
    VD(1)
    mov v1.16b, v16.16b
    eor v1.16b, v1.16b, v1.16b
    VD(1)
    mov v1.16b, v16.16b
    bsl v1.16b, v1.16b, v17.16b
    VD(1)
    mov v1.16b, v16.16b
    addp v1.4s, v17.4s, v1.4s
    VD(1)
    mov v1.16b, v16.16b
    cmeq v1.2d, v1.2d, v1.2d
    VD(1)
    mov v1.16b, v16.16b
    orr v1.8b, v1.8b, v1.8b
    VD(1)
    END_SETS
    TEST_EXIT

    .data
    .balign 16
sets:   // Vn, Vm, old Vd
    VAL 0x807f01ff00fe7f80, 0x7fff80000001ffff
    VAL 0x7f80ff01017f80fe, 0x80007fffffff0001
    VAL 0x0123456789abcdef, 0xfedcba9876543210

    VAL 0x8000000000000000, 0x7fffffffffffffff
    VAL 0xffffffffffffffff, 0x0000000000000001
    VAL 0x807f01ff00fe7f80, 0x7fff80000001ffff

    VAL 0x0123456789abcdef, 0xfedcba9876543210
    VAL 0x807f01ff00fe7f80, 0x7fff80000001ffff
    VAL 0x7f80ff01017f80fe, 0x80007fffffff0001

    VAL 0xffffffffffffffff, 0x0000000000000001
    VAL 0x8000000000000000, 0x7fffffffffffffff
    VAL 0x00ff00ff00ff00ff, 0x5555aaaa5555aaaa

    VAL 0x7f80ff01017f80fe, 0x80007fffffff0001
    VAL 0x7f80ff01017f80fe, 0x80007fffffff0001
    VAL 0x8000000180000000, 0x7fffffff00000001
