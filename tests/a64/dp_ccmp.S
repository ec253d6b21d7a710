/* dp_ccmp.S — CCMP/CCMN (register and immediate, X and W): for every
 * condition, flags from MSR (stored) and from a CMP in the same block (fused),
 * operands whose compare sets and clears each flag, two #nzcv values. */
#include "dp_test.h"

TEST_START
.irp c, CONDS
.irp pre, 0x00000000, 0xf0000000, 0x60000000, 0x90000000
.irp nzcv, 0, 15, 5, 10
    /* stored flags */
    LD2 \pre, 0
    msr nzcv, x1
    LD2 1, 2
    ccmp x1, x2, #\nzcv, \c
    MASK_CSEL
    DUMP(x5)
    DUMP_NZCV
    LD2 \pre, 0
    msr nzcv, x1
    LD2 0x8000000000000000, 1
    ccmp x1, x2, #\nzcv, \c
    DUMP_NZCV
    LD2 \pre, 0
    msr nzcv, x1
    LD2 -1, 1
    ccmn x1, x2, #\nzcv, \c
    DUMP_NZCV
    LD2 \pre, 0
    msr nzcv, x1
    LD2 0x7fffffff, 0
    ccmn w1, #1, #\nzcv, \c
    DUMP_NZCV
    LD2 \pre, 0
    msr nzcv, x1
    LD2 5, 0
    ccmp w1, #5, #\nzcv, \c
    DUMP_NZCV
.endr
.endr
    POOL
.endr

/* flags from a compare in the same block */
.irp c, CONDS
.irp p, "0, 0", "1, 2", "2, 1", "0x8000000000000000, 1", "-1, 1"
    LD2 \p
    mov x3, x1
    mov x4, x2
    LD2 3, 3
    cmp x3, x4
    ccmp x1, x2, #10, \c
    MASK_CSEL
    DUMP(x5)
    DUMP_NZCV
    LD2 \p
    mov x3, x1
    mov x4, x2
    LD2 0x80000000, 1
    cmp x3, x4
    ccmp w1, w2, #5, \c
    DUMP_NZCV
    LD2 \p
    cmn x1, x2
    ccmn x1, #31, #0, \c
    DUMP_NZCV
    LD2 \p
    tst x1, x2
    ccmp x2, #0, #15, \c
    DUMP_NZCV
.endr
    POOL
.endr
    /* a chain: a == 1 && b == 2 && c > 3 */
.irp v, "1, 2", "1, 3", "0, 2"
    LD2 \v
    mov x3, #4
    cmp x1, #1
    ccmp x2, #2, #0, eq
    ccmp x3, #3, #4, eq
    cset x0, gt
    DUMP(x0)
    DUMP_NZCV
.endr
    TEST_EXIT
