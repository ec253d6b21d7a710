/* dp_flags.S — NZCV of SUBS/ADDS/ANDS/BICS (shifted register, X and W) for
 * pairs of edge values, read every way: CSEL and CSET on the compare's
 * operands (fused), B.cond skips (if-converted), MRS NZCV, CSEL and B.cond
 * side exits on the stored flags; and CSEL/CSET alone with the flags
 * overwritten afterwards (their stores left out). */
#include "dp_test.h"

#define V64 0, 1, -1, 2, 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000001
#define V32 0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0xdeadbeef80000001, 0x1234567800000000

TEST_START
.irp a, V64
.irp b, V64
    LD2 \a, \b
    subs x0, x1, x2
    ALLCONDS
    DUMP(x0)
    subs x0, x1, x2
    FUSED
    adds x0, x1, x2
    ALLCONDS
    DUMP(x0)
    adds x0, x1, x2
    FUSED
    ands x0, x1, x2
    ALLCONDS
    DUMP(x0)
    ands x0, x1, x2
    FUSED
.endr
    POOL
.endr

.irp a, V32
.irp b, V32
    LD2 \a, \b
    subs w0, w1, w2
    ALLCONDS
    DUMP(x0)
    subs w0, w1, w2
    FUSED
    adds w0, w1, w2
    ALLCONDS
    DUMP(x0)
    adds w0, w1, w2
    FUSED
    bics w0, w1, w2
    ALLCONDS
    DUMP(x0)
    bics w0, w1, w2
    FUSED
.endr
    POOL
.endr
    TEST_EXIT
