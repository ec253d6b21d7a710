/* neon_across.S — AdvSIMD across-lanes reductions: ADDV, SADDLV/UADDLV,
 * SMAXV/SMINV/UMAXV/UMINV on 8B/16B/4H/8H/4S, each writing one element and
 * clearing the rest of Vd; the inputs put extremes in the high and low
 * lanes so a reduction that skips lanes or 64-bit forms that read the high
 * half show. */
#include "neon_test.h"


TEST_START
    FOR_SETS sets, 5
    .irp op, addv, smaxv, sminv, umaxv, uminv
    T(\op b0, v16.8b)
    T(\op b0, v16.16b)
    T(\op h0, v16.4h)
    T(\op h0, v16.8h)
    T(\op s0, v16.4s)
    .endr
    .irp op, saddlv, uaddlv
    T(\op h0, v16.8b)
    T(\op h0, v16.16b)
    T(\op s0, v16.4h)
    T(\op s0, v16.8h)
    T(\op d0, v16.4s)
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

    VAL 0xffffffffffffffff, 0xffffffffffffffff
    VAL 0, 0
    VAL 0x7f80ff01017f80fe, 0x80007fffffff0001

    VAL 0x0101010101010180, 0x0101010101010101
    VAL 0, 0
    VAL 0xffffffffffffffff, 0x0000000000000001

    VAL 0x7f7f7f7f7f7f7f7f, 0x7f7f7f7f7f7f7f7f
    VAL 0, 0
    VAL 0x8000000000000000, 0x7fffffffffffffff
