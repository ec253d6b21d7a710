/* neon_copy.S — AdvSIMD copies: DUP (element) and DUP (general) in every
 * arrangement and element index (low and high half), INS (general) and
 * INS (element) for each size and index (the rest of Vd kept), UMOV/SMOV
 * into W (upper 32 bits cleared) and X, and the scalar DUP (MOV Bd/Hd/Sd/Dd,
 * Vn.T[i]) which clears Vd above the element. */
#include "neon_test.h"

/* GP results: x0 preset to all ones first */
#define TX(...) mov x0, #-1; __VA_ARGS__; DUMP(x0)

TEST_START
    FOR_SETS sets, 2
    movz x1, #0x8182, lsl #48
    movk x1, #0x8384, lsl #32
    movk x1, #0x8586, lsl #16
    movk x1, #0xf788
    // DUP (element)
    .irp i, 0, 5, 8, 15
    T(dup v0.8b, v16.b[\i])
    T(dup v0.16b, v16.b[\i])
    .endr
    .irp i, 0, 3, 4, 7
    T(dup v0.4h, v16.h[\i])
    T(dup v0.8h, v16.h[\i])
    .endr
    .irp i, 0, 1, 2, 3
    T(dup v0.2s, v16.s[\i])
    T(dup v0.4s, v16.s[\i])
    .endr
    T(dup v0.2d, v16.d[0])
    T(dup v0.2d, v16.d[1])
    // DUP (general)
    T(dup v0.8b, w1)
    T(dup v0.16b, w1)
    T(dup v0.4h, w1)
    T(dup v0.8h, w1)
    T(dup v0.2s, w1)
    T(dup v0.4s, w1)
    T(dup v0.2d, x1)
    T(dup v0.16b, wzr)
    // INS (general)
    .irp i, 0, 7, 8, 15
    T(mov v0.b[\i], w1)
    .endr
    .irp i, 0, 3, 4, 7
    T(mov v0.h[\i], w1)
    .endr
    .irp i, 0, 1, 2, 3
    T(mov v0.s[\i], w1)
    .endr
    T(mov v0.d[0], x1)
    T(mov v0.d[1], x1)
    T(mov v0.d[1], xzr)
    T(ins v0.s[2], wzr)
    // INS (element)
    T(mov v0.b[0], v16.b[15])
    T(mov v0.b[15], v16.b[0])
    T(mov v0.b[9], v16.b[6])
    T(mov v0.h[7], v16.h[0])
    T(mov v0.h[2], v16.h[5])
    T(mov v0.s[3], v16.s[1])
    T(mov v0.s[0], v16.s[2])
    T(mov v0.d[1], v16.d[0])
    T(mov v0.d[0], v16.d[1])
    T(mov v0.s[1], v0.s[2])
    // UMOV / SMOV
    .irp i, 0, 7, 8, 15
    TX(umov w0, v16.b[\i])
    TX(smov w0, v16.b[\i])
    TX(smov x0, v16.b[\i])
    .endr
    .irp i, 0, 3, 4, 7
    TX(umov w0, v16.h[\i])
    TX(smov w0, v16.h[\i])
    TX(smov x0, v16.h[\i])
    .endr
    .irp i, 0, 1, 2, 3
    TX(mov w0, v16.s[\i])
    TX(smov x0, v16.s[\i])
    .endr
    TX(mov x0, v16.d[0])
    TX(mov x0, v16.d[1])
    // DUP (element, scalar)
    T(mov b0, v16.b[0])
    T(mov b0, v16.b[15])
    T(mov h0, v16.h[6])
    T(mov s0, v16.s[3])
    T(mov d0, v16.d[1])
    T(mov d0, v16.d[0])
    END_SETS
    TEST_EXIT

    .data
    .balign 16
sets:   // Vn, (unused), old Vd
    VAL 0xafaeadacabaaa9a8, 0xa7a6a5a4a3a2a1a0
    VAL 0, 0
    VAL 0x5a5a5a5a5a5a5a5a, 0x3c3c3c3c3c3c3c3c

    VAL 0x7f0e0d0c0b0a8908, 0x87068504f3028180
    VAL 0, 0
    VAL 0xffffffffffffffff, 0xffffffffffffffff
