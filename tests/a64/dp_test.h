/* dp_test.h — macros shared by the integer data-processing tests dp_*.S.
 *
 *   LD2 a, b        x1 = a, x2 = b (64-bit literals)
 *   MASK_CSEL       x5 = conditions that hold, bit i = cond i (CSEL, all 16)
 *   MASK_CSET       the same through CSET (setcond; eq..le)
 *   MASK_BSKIP      the same through B.cond skipping one insn (if-converted);
 *                   bit i set when cond i does NOT hold, al/nv end the block
 *   MASK_BEXIT      the same through B.cond side exits that leave the block
 *   POOL            flush the literal pool (ends the block)
 *   ALLCONDS        after a flag-setting insn: every way of reading the flags
 *   FUSED           after a flag-setting insn: CSEL and CSET masks of the
 *                   conditions other than VS/VC (bit i = i-th of CONDS_NOV),
 *                   then the flags are overwritten: nothing needs them
 *                   stored, so after SUBS/CMP/ANDS/TST the translator leaves
 *                   the stores out and the masks come from the operands alone
 *
 * The mask macros clobber x3, x5, x6 and keep NZCV, so several can follow one
 * flag-setting insn: the first ones see flags whose producer is known in the
 * block (compare fusion), later ones (after a DUMP, which branches) read the
 * stored flags.
 */
#include "a64test.h"

#define CONDS eq,ne,cs,cc,mi,pl,vs,vc,hi,ls,ge,lt,gt,le,al,nv
#define CONDS14 eq,ne,cs,cc,mi,pl,vs,vc,hi,ls,ge,lt,gt,le
#define CONDS_NOV eq,ne,cs,cc,mi,pl,hi,ls,ge,lt,gt,le

.macro LD2 a, b
    ldr x1, =\a
    ldr x2, =\b
.endm

.macro POOL
    b 9f
    .ltorg
9:
.endm

.macro MASK_CSEL
    mov x6, #1
    mov x5, #0
    .set ci, 0
    .irp c, CONDS
    csel x3, x6, xzr, \c
    orr x5, x5, x3, lsl #ci
    .set ci, ci + 1
    .endr
.endm

.macro MASK_CSET
    mov x5, #0
    .set ci, 0
    .irp c, CONDS14
    cset w3, \c
    orr x5, x5, x3, lsl #ci
    .set ci, ci + 1
    .endr
.endm

.macro MASK_BSKIP
    mov x5, #0
    .set ci, 0
    .irp c, CONDS
    b.\c 1f
    orr x5, x5, #(1 << ci)
1:
    .set ci, ci + 1
    .endr
.endm

.macro MASK_BEXIT
    mov x5, #0
    .set ci, 0
    .irp c, CONDS
    b.\c 1f
    orr x5, x5, #(1 << ci)
    str x5, [sp, #-16]
1:
    .set ci, ci + 1
    .endr
.endm

/* after a flag-setting insn: every way of reading the flags */
.macro ALLCONDS
    MASK_CSEL
    mov x7, x5
    MASK_CSET
    mov x9, x5
    MASK_BSKIP
    DUMP(x7)
    DUMP(x9)
    DUMP(x5)
    DUMP_NZCV
    MASK_CSEL
    DUMP(x5)
    MASK_BEXIT
    DUMP(x5)
.endm

.macro FUSED
    mov x6, #1
    mov x7, #0
    mov x5, #0
    .set ci, 0
    .irp c, CONDS_NOV
    csel x3, x6, xzr, \c
    orr x7, x7, x3, lsl #ci
    cset w3, \c
    orr x5, x5, x3, lsl #ci
    .set ci, ci + 1
    .endr
    tst xzr, xzr
    DUMP(x7)
    DUMP(x5)
.endm
