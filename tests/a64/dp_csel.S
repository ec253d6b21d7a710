/* dp_csel.S — CSEL/CSINC/CSINV/CSNEG and their aliases (CSET, CSETM, CINC,
 * CINV, CNEG, MOV-like AL/NV forms), X and W with junk in the upper halves,
 * for every condition after compares that make it hold and fail, with the
 * flags from a compare in the block (fused) and from MSR (stored). */
#include "dp_test.h"

#define PAIRS "1, 2", "2, 1", "5, 5", "0x8000000000000000, 1", "-1, 1", "0x7fffffff, 0xffffffff"

.macro SELS c
    csel x0, x3, x4, \c
    csinc x5, x3, x4, \c
    csinv x6, x3, x4, \c
    csneg x7, x3, x4, \c
    csel w8, w3, w4, \c
    csinc w9, w3, w4, \c
    csinv w10, w3, w4, \c
    csneg w11, w3, w4, \c
    csinc x12, xzr, xzr, \c
    csinv x13, xzr, xzr, \c
    csinc w14, wzr, wzr, \c
    csinv w15, wzr, wzr, \c
    csinc x16, x3, x3, \c
    csinv w17, w3, w3, \c
    csneg x18, x4, x4, \c
    DUMP(x0)
    DUMP(x5)
    DUMP(x6)
    DUMP(x7)
    DUMP(x8)
    DUMP(x9)
    DUMP(x10)
    DUMP(x11)
    DUMP(x12)
    DUMP(x13)
    DUMP(x14)
    DUMP(x15)
    DUMP(x16)
    DUMP(x17)
    DUMP(x18)
.endm

TEST_START
    ldr x3, =0xabcdef0180000005
    ldr x4, =0x12345678fffffff9
.irp c, CONDS
.irp p, PAIRS
    LD2 \p
    cmp x1, x2
    SELS \c
    LD2 \p
    cmp w1, w2
    SELS \c
.endr
.irp pre, 0x00000000, 0xf0000000, 0x60000000, 0x90000000, 0x20000000, 0x40000000
    ldr x1, =\pre
    msr nzcv, x1
    SELS \c
.endr
    POOL
.endr
    TEST_EXIT
