/* dp_bitfield.S — SBFM/BFM/UBFM over a grid of immr/imms (both the extract
 * and the insert shapes, X and W), their aliases (LSL/LSR/ASR, SXT*, UXT*,
 * SBFX/UBFX/SBFIZ/UBFIZ/BFI/BFXIL, BFC via XZR), and EXTR/ROR. */
#include "dp_test.h"

#define VA 0, 1, -1, 0x7fffffffffffffff, 0x8000000000000000, 0x0123456789abcdef, 0xfedcba9876543210, 0x00000000ffffffff, 0xffffffff80000000
#define DST 0x5a5a5a5a5a5a5a5a

TEST_START
.irp a, VA
    LD2 \a, DST
.irp r, 0, 1, 7, 31, 32, 62, 63
.irp s, 0, 1, 7, 31, 32, 62, 63
    sbfm x0, x1, #\r, #\s
    DUMP(x0)
    ubfm x0, x1, #\r, #\s
    DUMP(x0)
    mov x0, x2
    bfm x0, x1, #\r, #\s
    DUMP(x0)
.endr
.endr
    POOL
.irp r, 0, 1, 7, 15, 30, 31
.irp s, 0, 1, 7, 15, 30, 31
    sbfm w0, w1, #\r, #\s
    DUMP(x0)
    ubfm w0, w1, #\r, #\s
    DUMP(x0)
    mov x0, x2
    bfm w0, w1, #\r, #\s
    DUMP(x0)
.endr
.endr
    mov x0, x2
    bfm x0, xzr, #60, #7  /* BFC */
    DUMP(x0)
    mov x0, x2
    bfm w0, wzr, #0, #15
    DUMP(x0)
    sxtb x0, w1
    DUMP(x0)
    sxth x0, w1
    DUMP(x0)
    sxtw x0, w1
    DUMP(x0)
    sxtb w0, w1
    DUMP(x0)
    sxth w0, w1
    DUMP(x0)
    uxtb w0, w1
    DUMP(x0)
    uxth w0, w1
    DUMP(x0)
.irp sh, 0, 1, 31, 32, 63
    lsl x0, x1, #\sh
    DUMP(x0)
    lsr x0, x1, #\sh
    DUMP(x0)
    asr x0, x1, #\sh
    DUMP(x0)
    ror x0, x1, #\sh
    DUMP(x0)
.endr
.irp sh, 0, 1, 16, 31
    lsl w0, w1, #\sh
    DUMP(x0)
    lsr w0, w1, #\sh
    DUMP(x0)
    asr w0, w1, #\sh
    DUMP(x0)
    ror w0, w1, #\sh
    DUMP(x0)
.endr
.irp f, "0, 1", "0, 63", "1, 63", "63, 1", "8, 8", "31, 2", "4, 60", "32, 32"
    ubfx x0, x1, #\f
    DUMP(x0)
    sbfx x0, x1, #\f
    DUMP(x0)
    ubfiz x0, x1, #\f
    DUMP(x0)
    sbfiz x0, x1, #\f
    DUMP(x0)
    mov x0, x2
    bfi x0, x1, #\f
    DUMP(x0)
    mov x0, x2
    bfxil x0, x1, #\f
    DUMP(x0)
.endr
.irp f, "0, 1", "0, 31", "1, 31", "31, 1", "8, 8", "16, 16", "4, 12"
    ubfx w0, w1, #\f
    DUMP(x0)
    sbfx w0, w1, #\f
    DUMP(x0)
    ubfiz w0, w1, #\f
    DUMP(x0)
    sbfiz w0, w1, #\f
    DUMP(x0)
    mov x0, x2
    bfi w0, w1, #\f
    DUMP(x0)
    mov x0, x2
    bfxil w0, w1, #\f
    DUMP(x0)
.endr
.irp l, 0, 1, 31, 32, 63
    extr x0, x1, x2, #\l
    DUMP(x0)
    extr x0, x2, x1, #\l
    DUMP(x0)
.endr
.irp l, 0, 1, 16, 31
    extr w0, w1, w2, #\l
    DUMP(x0)
.endr
    POOL
.endr
    TEST_EXIT
