/* neon_s3same.S — AdvSIMD scalar three-same integer ops: the saturating
 * add/sub on B/H/S/D with FPSR.QC, ADD/SUB and the compares on D, SQDMULH/
 * SQRDMULH on H/S, and the scalar pairwise ADDP Dd, Vn.2D. Every scalar write
 * must clear Vd above the element (Vd is preset). */
#include "neon_test.h"

.macro S3 op, r
    TQ(\op \r\()0, \r\()16, \r\()17)
.endm

TEST_START
    FOR_SETS sets, 5
    .irp r, b, h, s, d
    S3 sqadd, \r
    S3 uqadd, \r
    S3 sqsub, \r
    S3 uqsub, \r
    .endr
    .irp op, add, sub, cmgt, cmhi, cmge, cmhs, cmeq, cmtst
    S3 \op, d
    .endr
    .irp r, h, s
    S3 sqdmulh, \r
    S3 sqrdmulh, \r
    .endr
    T(addp d0, v16.2d)
    T(addp d0, v17.2d)
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

    VAL 0x0123456789abcdef, 0x8000000080008080
    VAL 0x807f01ff00fe7f80, 0x8000000080008080
    VAL 0x7f80ff01017f80fe, 0x80007fffffff0001

    VAL 0xffffffffffffffff, 0x8000000000000000
    VAL 0x8000000000000000, 0x7fffffffffffffff
    VAL 0x00ff00ff00ff00ff, 0x5555aaaa5555aaaa

    VAL 0x7f80ff01017f80fe, 0x4000000040004040
    VAL 0x7f80ff01017f80fe, 0xc0000001c001c0c1
    VAL 0x8000000180000000, 0x7fffffff00000001
