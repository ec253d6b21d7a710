/* dp_live.S — flags that stay live past the compare that set them, where the
 * translator's lookahead must keep storing NZCV: a side-exit target, a
 * CBZ/TBZ target or the code after an unconditional branch reading them
 * (B.cond, CSEL, CCMP, ADC, MRS), a reader in the next block because the
 * block ended at the 256-insn limit or at a page end, readers behind an
 * earlier exit's landing point, an SVC in between, and loops whose back edge
 * is elided. Before each case NZCV is preset to the opposite of what the
 * compare produces, and the flags are overwritten before the dumps (whose
 * MRS would keep them live), so a store wrongly left out shows as a wrong
 * result. */
#include "dp_test.h"

.macro PRESET v
    mov x9, #\v
    lsl x9, x9, #28
    msr nzcv, x9
.endm

TEST_START
.irp v, "1, 2", "2, 1", "3, 3"
    /* side-exit target reads with CSEL / B.cond / MRS / CCMP / ADC */
    LD2 \v
    PRESET 0xf
    cmp x1, x2
    b.ne 1f
    mov x0, #0
    b 2f
1:  cset x0, lt
2:  tst xzr, xzr
    DUMP(x0)
    LD2 \v
    PRESET 0x6
    cmp x1, x2
    b.eq 1f
    b.hi 3f
    mov x0, #1
    b 2f
3:  mov x0, #2
    b 2f
1:  b.ge 3f
    mov x0, #3
    b 2f
3:  mov x0, #4
2:  tst xzr, xzr
    DUMP(x0)
    LD2 \v
    PRESET 0x9
    subs x3, x1, x2
    b.gt 1f
    nop
1:  DUMP_NZCV
    LD2 \v
    PRESET 0x0
    cmp x2, x1
    b.le 1f
    mov x4, #7
1:  ccmp x1, #2, #0, cs
    DUMP_NZCV
    LD2 \v
    PRESET 0x2
    adds x3, x1, x2
    b.vs 1f
    cbz x3, 1f
1:  adc x0, x1, x2
    tst xzr, xzr
    DUMP(x0)
    LD2 \v
    PRESET 0xf
    cmp x1, x2
    cbnz x1, 1f
    str x0, [sp, #-16]  /* not if-converted: 1: starts a block */
1:  adc x0, x1, x2
    tst xzr, xzr
    DUMP(x0)
    /* carry read in the same block from a compare whose stores are left out */
    LD2 \v
    PRESET 0x2
    cmp x1, x2
    adc x0, x1, x2
    adds x3, x1, #4095
    sbc x4, x1, x2
    cmn x1, x2
    adc x5, x1, x2
    ands x6, x1, x2
    sbc x6, x6, x2
    tst xzr, xzr
    DUMP(x0)
    DUMP(x4)
    DUMP(x5)
    DUMP(x6)
    /* CBZ/TBZ targets */
    LD2 \v
    PRESET 0xf
    cmp x1, #2
    cbnz x2, 1f
    mov x0, #9
1:  csel x0, x1, x2, mi
    tst xzr, xzr
    DUMP(x0)
    LD2 \v
    PRESET 0x0
    tst x1, #2
    tbz x2, #0, 1f
    mov x0, #0
    b 2f
1:  cset x0, eq
2:  tst xzr, xzr
    DUMP(x0)
    /* after an unconditional branch and after an SVC (getpid) */
    LD2 \v
    PRESET 0xf
    cmn x1, x2
    b 1f
1:  cset x0, ne
    tst xzr, xzr
    DUMP(x0)
    LD2 \v
    PRESET 0x0
    cmp x1, x2
    mov x8, #172
    svc #0
    cset x0, ls
    tst xzr, xzr
    DUMP(x0)
    /* an exit taken before the compare lands after it */
    LD2 \v
    PRESET 0x0
    cmp x1, #2
    b.ne 1f
    cmp x2, #2
    mov x0, x2
1:  cset x0, eq
    tst xzr, xzr
    DUMP(x0)
    POOL
.endr

    /* the compare is the last insn of a 256-insn block: its readers are in
     * the next block */
.irp v, "1, 2", "2, 1"
    LD2 \v
    PRESET 0xf
    b 1f
1:
    .rept 255
    add x3, x3, #1
    .endr
    cmp x1, x2
    cset x0, hi
    tst xzr, xzr
    DUMP(x0)
    PRESET 0x0
    b 1f
1:
    .rept 254
    add x3, x3, #1
    .endr
    cmp x1, x2
    b.eq 2f
    cset x0, lo
    b 3f
2:  mov x0, #5
3:  tst xzr, xzr
    DUMP(x0)
    POOL
.endr

    /* a loop whose flag stores are elided (back edge to a compare) */
    mov x1, #10
    mov x2, #0
1:  cmp x1, #3
    csinc x2, x2, x2, lt
    sub x1, x1, #1
    subs x4, x1, #0
    b.ne 1b
    DUMP(x2)
    DUMP_NZCV
    /* add/adc chain across side exits */
.irp v, "-1, 1", "1, 2"
    LD2 \v
    adds x3, x1, x2
    cbz x1, 1f
    adcs x4, x1, x2
    b.cs 2f
    adc x5, xzr, xzr
    DUMP(x5)
1:  DUMP(x3)
2:  DUMP(x4)
    DUMP_NZCV
.endr

    /* the compare ends a page: its readers are in the next block */
.irp v, "7, 9", "9, 7"
    LD2 \v
    PRESET 0x6
    b 4f
    .balign 4096
    .rept 1022
    nop
    .endr
4:  add x3, x3, #1
    cmp x1, x2
    cset x0, lt
    csel x5, x1, x2, hi
    tst xzr, xzr
    DUMP(x0)
    DUMP(x5)
    POOL
.endr
    TEST_EXIT
