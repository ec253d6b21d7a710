/* dp_addsub.S — ADD/SUB results: immediate (with LSL #12, SP operands, W
 * forms on registers with junk in the upper half), shifted register (LSL/LSR/
 * ASR by 0/1/31/32/63), NEG, extended register (all eight extensions with
 * shifts 0-4, SP as source and destination), and the flags of ADDS/SUBS/CMP
 * with extended operands. */
#include "dp_test.h"

#define VA 0, 1, -1, 0x7fffffffffffffff, 0x8000000000000000, 0x0123456789abcdef, 0xfedcba9876543210, 0x00000000ffffffff, 0xffffffff80000000
#define VB 1, -1, 0x8000000000000000, 0xfedcba9876543210

TEST_START
.irp a, VA
    LD2 \a, 0
.irp imm, #0, #1, #4095, "#1, lsl #12", "#4095, lsl #12"
    add x0, x1, \imm
    DUMP(x0)
    sub x0, x1, \imm
    DUMP(x0)
    add w0, w1, \imm
    DUMP(x0)
    sub w0, w1, \imm
    DUMP(x0)
.endr
    /* SP as source and destination; W forms see the low half of SP */
    mov x9, sp
    mov sp, x1
    add x0, sp, #16
    add w3, wsp, #1
    sub sp, sp, #4095
    mov x4, sp
    add wsp, w1, #3
    mov x10, sp
    mov sp, x9
    DUMP(x0)
    DUMP(x3)
    DUMP(x4)
    DUMP(x10)
.irp b, VB
    LD2 \a, \b
.irp sh, "lsl #0", "lsl #1", "lsl #31", "lsl #32", "lsl #63", "lsr #1", "lsr #32", "lsr #63", "asr #1", "asr #32", "asr #63"
    add x0, x1, x2, \sh
    DUMP(x0)
    sub x0, x1, x2, \sh
    DUMP(x0)
.endr
.irp sh, "lsl #0", "lsl #1", "lsl #31", "lsr #1", "lsr #31", "asr #1", "asr #31"
    add w0, w1, w2, \sh
    DUMP(x0)
    sub w0, w1, w2, \sh
    DUMP(x0)
.endr
    neg x0, x2
    DUMP(x0)
    neg x0, x2, lsr #3
    DUMP(x0)
    neg w0, w2, asr #5
    DUMP(x0)
.irp ext, uxtb, uxth, uxtw, sxtb, sxth, sxtw
.irp s, 0, 2, 4
    add x0, x1, w2, \ext #\s
    DUMP(x0)
    sub x0, x1, w2, \ext #\s
    DUMP(x0)
.endr
.endr
.irp ext, uxtx, sxtx
.irp s, 0, 1, 3
    add x0, x1, x2, \ext #\s
    DUMP(x0)
    sub x0, x1, x2, \ext #\s
    DUMP(x0)
.endr
.endr
.irp ext, uxtb, uxth, uxtw, uxtx, sxtb, sxth, sxtw, sxtx
.irp s, 0, 1, 4
    add w0, w1, w2, \ext #\s
    DUMP(x0)
    sub w0, w1, w2, \ext #\s
    DUMP(x0)
.endr
.endr
    adds x0, x1, w2, sxtb #1
    DUMP(x0)
    DUMP_NZCV
    subs w0, w1, w2, uxth #4
    DUMP(x0)
    DUMP_NZCV
    cmp x1, w2, uxtw #2
    MASK_CSEL
    DUMP(x5)
    cmn w1, w2, sxtb
    MASK_CSEL
    DUMP(x5)
    /* SP in the extended forms (relative to the real SP, which differs
     * between emulators) */
    mov x9, sp
    add x0, sp, w2, sxtw #2
    sub x0, x0, x9
    DUMP(x0)
    add sp, sp, x2, uxtx #1
    sub sp, sp, w2, uxth
    mov x0, sp
    mov sp, x9
    sub x0, x0, x9
    DUMP(x0)
    mov sp, x1
    add wsp, wsp, w2, uxtb #3
    mov x0, sp
    mov sp, x9
    DUMP(x0)
.endr
    POOL
.endr
    TEST_EXIT
