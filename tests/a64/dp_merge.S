/* dp_merge.S — flags read where two paths join inside a block: a short
 * forward branch that skips a flag-setting insn (B.cond, CBZ/CBNZ, TBZ/TBNZ)
 * and a reader at its target (CSET, CSEL, B.cond, CCMP, ADC). The skip is
 * if-converted by the JIT, so the reader must not use the skipped compare's
 * operands. Each case runs with the skip taken and not taken. */
#include "dp_test.h"

TEST_START
.irp v, "5, 5", "5, 6", "-1, 0", "0, 1"
    LD2 \v
    mov x3, #1
    mov x4, #2
    cmp x1, x2
    b.eq 1f
    cmp x3, x4
1:  cset x0, lt
    csel x5, x3, x4, ge
    DUMP(x0)
    DUMP(x5)

    LD2 \v
    adds x0, x1, x2
    b.cs 1f
    subs x0, x2, x1
1:  MASK_CSEL
    DUMP(x5)

    LD2 \v
    tst x1, #1
    cbz x2, 1f
    cmp x2, x1
    cmp x1, x2
1:  cset w0, hi
    DUMP(x0)

    LD2 \v
    cmp x1, #5
    tbnz x2, #0, 1f
    ands x0, x2, x1
1:  adc x0, x1, x2
    ccmp x1, x2, #4, ne
    MASK_CSEL
    DUMP(x0)
    DUMP(x5)

    LD2 \v
    cmn x1, x2
    b.mi 1f
    cmp w1, w2
    add x6, x1, #1
1:  b.le 2f
    mov x0, #1
    b 3f
2:  mov x0, #2
3:  DUMP(x0)
    POOL
.endr
    TEST_EXIT
