/* neon_shl.S — the register shifts SSHL/USHL/SRSHL/URSHL and their
 * saturating forms SQSHL/UQSHL/SQRSHL/UQRSHL, vector (every arrangement) and
 * scalar (B/H/S/D for the saturating ones, D for the others), with FPSR.QC.
 * The count is the signed low byte of each Vm lane; the sets cover counts
 * 0, +-1, +-(esize-1), +-esize, +-(esize+1), +-63/64/65, 127, -128, and
 * values with the sign bit, the rounding bit and all ones, so every branch
 * of shift/round/saturate is reached (rounding at count == -esize
 * included). */
#include "neon_test.h"

.macro S3 op, r
    TQ(\op \r\()0, \r\()16, \r\()17)
.endm

TEST_START
    FOR_SETS sets, 8
    V3Q sshl, ARR_ALL
    V3Q ushl, ARR_ALL
    V3Q srshl, ARR_ALL
    V3Q urshl, ARR_ALL
    V3Q sqshl, ARR_ALL
    V3Q uqshl, ARR_ALL
    V3Q sqrshl, ARR_ALL
    V3Q uqrshl, ARR_ALL
    S3 sshl, d
    S3 ushl, d
    S3 srshl, d
    S3 urshl, d
    .irp r, b, h, s, d
    S3 sqshl, \r
    S3 uqshl, \r
    S3 sqrshl, \r
    S3 uqrshl, \r
    .endr
    END_SETS
    TEST_EXIT

    .data
    .balign 16
sets:   // Vn (values), Vm (counts in the low byte of each lane), old Vd
    // bytes: counts 0 1 -1 7 -7 8 -8 9 / -9 127 -128 63 -63 64 -64 65
    VAL 0x7f80ff01c0817e55, 0x7f80ff01c0817e55
    VAL 0x41c040c1f709f808, 0xf907f901ff010100
    VAL 0x0123456789abcdef, 0xfedcba9876543210

    // halfwords 0x8000/0x7fff/0xffff/0x4000... ; counts 15 -15 16 -16 / 17 -17 1 -1
    VAL 0x8000ffff40007fff, 0xc0018001bfff0001
    VAL 0x00ff000100ef0011, 0x00f0001000f1000f
    VAL 0x5555555555555555, 0xaaaaaaaaaaaaaaaa

    // words ; counts 31 -31 32 -32
    VAL 0x800000017fffffff, 0xc0000000ffffffff
    VAL 0x00000fe000000020, 0x000000e10000001f
    VAL 0xffffffffffffffff, 0x0000000000000000

    // doubles ; counts 63 -63 / 64 -64
    VAL 0x8000000000000001, 0x4000000000000000
    VAL 0x00000000000000c1, 0x000000000000003f
    VAL 0x0123456789abcdef, 0xfedcba9876543210

    VAL 0x7fffffffffffffff, 0xffffffffffffffff
    VAL 0x00000000000000c0, 0x0000000000000040
    VAL 0x0123456789abcdef, 0xfedcba9876543210

    // doubles ; counts 65 -65 / 127 -128, rounding bits set
    VAL 0xc000000000000000, 0x8000000000000000
    VAL 0x0000000000000080, 0x000000000000007f
    VAL 0x0123456789abcdef, 0xfedcba9876543210

    VAL 0x0000000000000001, 0xffffffffffffffff
    VAL 0x00000000000000bf, 0x0000000000000041
    VAL 0x0123456789abcdef, 0xfedcba9876543210

    // small values, small counts in every lane size
    VAL 0x0003fffd00050007, 0xfff9000200040006
    VAL 0x0201ff01fe02fd03, 0x01ffff0102fe03fd
    VAL 0x0123456789abcdef, 0xfedcba9876543210
