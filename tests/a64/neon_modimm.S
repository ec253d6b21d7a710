/* neon_modimm.S — AdvSIMD modified immediate: every (Q, op, cmode) with
 * eight imm8 patterns, as raw encodings: MOVI (32-bit shifted, 16-bit
 * shifted, 32-bit shifting ones, 8-bit, 64-bit D and 2D), MVNI, ORR and BIC
 * (vector, immediate; Vd preset, Q = 0 clears the top half), FMOV (vector,
 * immediate) single (2S/4S) and double (2D); plus a few in assembler syntax. */
#include "neon_test.h"

/* 0 Q op 0111100000 abc cmode 0 1 defgh Rd=0 */
#define MODIMM(q, op, cmode, imm8) .inst (0x0f000400 | ((q) << 30) | ((op) << 29) | \
    (((imm8) >> 5) << 16) | ((cmode) << 12) | (((imm8) & 31) << 5))

TEST_START
    FOR_SETS sets, 1
    .irp q, 0, 1
    .irp op, 0, 1
    .irp cmode, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    .if \op == 0 || \cmode != 15 || \q == 1
    .irp imm, 0x00, 0x01, 0x3c, 0x5a, 0x7f, 0x80, 0xa5, 0xff
    T(MODIMM(\q, \op, \cmode, \imm))
    .endr
    .endif
    .endr
    .endr
    .endr
    T(movi v0.16b, #0x41)
    T(movi v0.4h, #0x41, lsl #8)
    T(mvni v0.4s, #0x41, msl #16)
    T(orr v0.8h, #0x41, lsl #8)
    T(bic v0.2s, #0x41, lsl #24)
    T(movi d0, #0xff00ff0000ffff00)
    T(movi v0.2d, #0xffffffffffffffff)
    T(fmov v0.2s, #1.0)
    T(fmov v0.4s, #-31.0)
    T(fmov v0.2d, #0.125)
    T(fmov v0.2d, #-0.1328125)
    END_SETS
    TEST_EXIT

    .data
    .balign 16
sets:
    VAL 0, 0
    VAL 0, 0
    VAL 0x0123456789abcdef, 0xfedcba9876543210
