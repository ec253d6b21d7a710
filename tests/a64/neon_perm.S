/* neon_perm.S — AdvSIMD permutes: TBL/TBX with 1..4 table registers (8B and
 * 16B), indices in range, at each table's end, out of range (TBL -> 0, TBX
 * -> Vd kept; 0x80, 0xff), a table wrapping from V31 to V0, and Vd as the
 * table or index register; ZIP1/ZIP2/UZP1/UZP2/TRN1/TRN2 on every
 * arrangement; EXT at every byte position of 8B and 16B. Inputs have a
 * distinct byte everywhere so lane placement shows. */
#include "neon_test.h"

#define TB(...) mov v0.16b, v22.16b; __VA_ARGS__; VD(0)

TEST_START
    adr x9, tables
    ldp q16, q17, [x9]
    ldp q18, q19, [x9, #32]
    ldp q20, q21, [x9, #64]     // index vectors
    ldr q22, [x9, #96]          // old Vd
    .irp ix, v20, v21
    TB(tbl v0.8b, {v16.16b}, \ix\().8b)
    TB(tbl v0.16b, {v16.16b}, \ix\().16b)
    TB(tbl v0.8b, {v16.16b, v17.16b}, \ix\().8b)
    TB(tbl v0.16b, {v16.16b, v17.16b}, \ix\().16b)
    TB(tbl v0.16b, {v16.16b, v17.16b, v18.16b}, \ix\().16b)
    TB(tbl v0.8b, {v16.16b, v17.16b, v18.16b, v19.16b}, \ix\().8b)
    TB(tbl v0.16b, {v16.16b, v17.16b, v18.16b, v19.16b}, \ix\().16b)
    TB(tbx v0.8b, {v16.16b}, \ix\().8b)
    TB(tbx v0.16b, {v16.16b}, \ix\().16b)
    TB(tbx v0.16b, {v16.16b, v17.16b}, \ix\().16b)
    TB(tbx v0.8b, {v16.16b, v17.16b, v18.16b}, \ix\().8b)
    TB(tbx v0.16b, {v16.16b, v17.16b, v18.16b}, \ix\().16b)
    TB(tbx v0.16b, {v16.16b, v17.16b, v18.16b, v19.16b}, \ix\().16b)
    .endr
    // table wrapping V30, V31, V0, V1
    mov v30.16b, v16.16b
    mov v31.16b, v17.16b
    mov v0.16b, v18.16b
    mov v1.16b, v19.16b
    tbl v2.16b, {v30.16b, v31.16b, v0.16b, v1.16b}, v21.16b
    VD(2)
    mov v2.16b, v22.16b
    tbx v2.16b, {v31.16b, v0.16b, v1.16b}, v20.16b
    VD(2)
    // Vd is the index / a table register
    mov v2.16b, v21.16b
    tbl v2.16b, {v16.16b, v17.16b}, v2.16b
    VD(2)
    mov v2.16b, v16.16b
    mov v3.16b, v17.16b
    tbx v2.16b, {v2.16b, v3.16b}, v21.16b
    VD(2)

    FOR_SETS sets, 2
    .irp op, zip1, zip2, uzp1, uzp2, trn1, trn2
    V3 \op, ARR_ALL
    .endr
    .irp k, 0, 1, 2, 3, 4, 5, 6, 7
    T(ext v0.8b, v16.8b, v17.8b, #\k)
    .endr
    .irp k, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    T(ext v0.16b, v16.16b, v17.16b, #\k)
    .endr
    // Vd aliasing the sources
    mov v1.16b, v16.16b
    zip1 v1.16b, v1.16b, v17.16b
    VD(1)
    mov v1.16b, v16.16b
    uzp2 v1.8h, v17.8h, v1.8h
    VD(1)
    mov v1.16b, v16.16b
    trn1 v1.4s, v1.4s, v1.4s
    VD(1)
    mov v1.16b, v16.16b
    ext v1.16b, v1.16b, v17.16b, #3
    VD(1)
    mov v1.16b, v17.16b
    ext v1.16b, v16.16b, v1.16b, #13
    VD(1)
    END_SETS
    TEST_EXIT

    .data
    .balign 16
tables:
    VAL 0xafaeadacabaaa9a8, 0xa7a6a5a4a3a2a1a0
    VAL 0xbfbebdbcbbbab9b8, 0xb7b6b5b4b3b2b1b0
    VAL 0xcfcecdcccbcac9c8, 0xc7c6c5c4c3c2c1c0
    VAL 0xdfdedddcdbdad9d8, 0xd7d6d5d4d3d2d1d0
    VAL 0x413f302f201f100f, 0x8040ff3b29170500  // indices: ends of each table, 0x40+
    VAL 0x0e1d2c3b4a596877, 0x8695a4b3c2d1e0ff
    VAL 0x5a5a5a5a5a5a5a5a, 0x3c3c3c3c3c3c3c3c  // old Vd
sets:   // Vn, Vm, old Vd
    VAL 0xafaeadacabaaa9a8, 0xa7a6a5a4a3a2a1a0
    VAL 0xbfbebdbcbbbab9b8, 0xb7b6b5b4b3b2b1b0
    VAL 0x5a5a5a5a5a5a5a5a, 0x3c3c3c3c3c3c3c3c

    VAL 0x0f0e0d0c0b0a0908, 0x0706050403020100
    VAL 0x1f1e1d1c1b1a1918, 0x1716151413121110
    VAL 0xffffffffffffffff, 0xffffffffffffffff
