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
    FOR_SETS sets, 13
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

    // top bits only / low bits only differences
    VAL 0x8080808000800080, 0x8000000080008000
    VAL 0x0080800080000080, 0x0000800000800000
    VAL 0x7f7f7f7f7f7f7f7f, 0x7f7f7f7f7f7f7f7f

    VAL 0x017f80fe7f018000, 0x7ffe0001fffe0100
    VAL 0x027f7ffe80018001, 0x7fff0000fffd0101
    VAL 0x0000000000000000, 0x0000000000000000

    // pseudo-random
    VAL 0x4da4f9fc3c6da5d7, 0xb8a1abcd1a6916c7
    VAL 0x7a97c643656412a9, 0x1710cf5327ac435a
    VAL 0x0512bd1311072231, 0x8ca5996666ceab36

    VAL 0x4a14876aeaff1a09, 0xfd724452ccea71ff
    VAL 0x0f1099c6c3e1b258, 0x8534f45738d048ec
    VAL 0x5c3902b38963dc6e, 0xc79d679346d4ac7a

    VAL 0xd3addccb2c33be0a, 0x43000de01b2ed40e
    VAL 0xf165c8ce36e2f24b, 0x06905269ed6f0b09
    VAL 0xa4042bb3d4341aad, 0x42a00403ce80c4b0

    VAL 0x459142deccea2645, 0x2a3187853184ff27
    VAL 0x4a25e4664f5253a0, 0xde08caa1a0817910
    VAL 0xf5ff0c03bb5d7385, 0xd93936e1daca3c06

    VAL 0x5f552773e14b0190, 0xd8441b5616332aca
    VAL 0x566002249b191bf4, 0x634f806fabf4a07c
    VAL 0x3fb62d2c81862fc9, 0x3f5082492d83a823

    VAL 0x47adec26793d0e45, 0xf1cfd99216df6486
    VAL 0xd160c5d0ef412ed6, 0xf1347e0cdd905ecf
    VAL 0xd7288ff68c320f89, 0x01d89a024cdce7a6
