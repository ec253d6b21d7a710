/* crypto_aes.S — AESE, AESD, AESMC, AESIMC.
 * FIPS-197 Appendix B (AES-128): the example block is encrypted with
 * AESE/AESMC rounds and decrypted again with AESD/AESIMC (the equivalent
 * inverse cipher, its round keys made with AESIMC), both checked in-program
 * against the FIPS-197 values (exit 1 on mismatch); then the single steps on
 * other data, with Vd aliasing Vn, for the comparison with qemu. */
#include "a64test.h"

/* like DUMPV, with the value parked below everything the printer touches
 * (DUMPV's own copy loses its low byte to the ':' the printer stores) */
#define DUMPQ(v) str q##v, [sp, #-112]; A64T_SAVE; ldr x0, [sp, #-40]; bl a64t_hex; \
    bl a64t_colon; ldr x0, [sp, #-48]; bl a64t_hex; bl a64t_nl; A64T_RESTORE

/* exit 1 unless V\v equals the 16 bytes at \exp */
.macro CHECKQ v, exp
    str q\v, [sp, #-16]!
    ldp x9, x10, [sp], #16
    adr x11, \exp
    ldp x12, x13, [x11]
    cmp x9, x12
    ccmp x10, x13, #0, eq
    b.ne fail
.endm

TEST_START
    adr x19, round_keys
    .irp r, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    ldr q\r, [x19, #(16 * \r)]
    .endr
    adr x20, plaintext
    ldr q16, [x20]

    /* encrypt: nine full rounds, then SubBytes/ShiftRows and the last key */
    mov v17.16b, v16.16b
    .irp r, 0, 1, 2, 3, 4, 5, 6, 7, 8
    aese v17.16b, v\r\().16b
    aesmc v17.16b, v17.16b
    .endr
    aese v17.16b, v9.16b
    eor v17.16b, v17.16b, v10.16b
    DUMPQ(17)
    CHECKQ 17, ciphertext

    /* decrypt: middle round keys through InvMixColumns */
    .irp r, 1, 2, 3, 4, 5, 6, 7, 8, 9
    aesimc v\r\().16b, v\r\().16b
    .endr
    DUMPQ(5)
    mov v18.16b, v17.16b
    aesd v18.16b, v10.16b
    .irp r, 9, 8, 7, 6, 5, 4, 3, 2, 1
    aesimc v18.16b, v18.16b
    aesd v18.16b, v\r\().16b
    .endr
    eor v18.16b, v18.16b, v0.16b
    DUMPQ(18)
    CHECKQ 18, plaintext

    /* single steps on assorted data */
    adr x21, vectors
    ldp q20, q21, [x21]
    ldp q22, q23, [x21, #32]
    mov v24.16b, v20.16b
    aese v24.16b, v21.16b
    DUMPQ(24)
    mov v24.16b, v22.16b
    aesd v24.16b, v23.16b
    DUMPQ(24)
    aesmc v25.16b, v20.16b
    DUMPQ(25)
    aesimc v26.16b, v25.16b
    DUMPQ(26)
    CHECKQ 26, vectors            /* AESIMC undoes AESMC */
    aesimc v27.16b, v23.16b
    DUMPQ(27)
    aesmc v27.16b, v27.16b
    DUMPQ(27)
    CHECKQ 27, vectors + 48
    /* AESE then AESD with the same key leaves the state xor the key twice */
    mov v28.16b, v22.16b
    aese v28.16b, v21.16b
    aesd v28.16b, v31.16b         /* v31 = 0 */
    DUMPQ(28)
    /* Vd = Vn: the xor is zero, every byte becomes S(0) = 0x63 / InvS(0) = 0x52 */
    mov v29.16b, v23.16b
    aese v29.16b, v29.16b
    DUMPQ(29)
    mov v29.16b, v23.16b
    aesd v29.16b, v29.16b
    DUMPQ(29)
    aesmc v30.16b, v31.16b
    DUMPQ(30)
    aesimc v21.16b, v21.16b
    DUMPQ(21)
    TEST_EXIT

fail:
    mov x0, #1
    adr x1, failmsg
    mov x2, #5
    mov x8, #64
    svc #0
    mov x0, #1
    mov x8, #94
    svc #0

    .data
    .balign 16
/* FIPS-197 A.1: the expansion of 2b7e1516 28aed2a6 abf71588 09cf4f3c */
round_keys:
    .byte 0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6, 0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c
    .byte 0xa0, 0xfa, 0xfe, 0x17, 0x88, 0x54, 0x2c, 0xb1, 0x23, 0xa3, 0x39, 0x39, 0x2a, 0x6c, 0x76, 0x05
    .byte 0xf2, 0xc2, 0x95, 0xf2, 0x7a, 0x96, 0xb9, 0x43, 0x59, 0x35, 0x80, 0x7a, 0x73, 0x59, 0xf6, 0x7f
    .byte 0x3d, 0x80, 0x47, 0x7d, 0x47, 0x16, 0xfe, 0x3e, 0x1e, 0x23, 0x7e, 0x44, 0x6d, 0x7a, 0x88, 0x3b
    .byte 0xef, 0x44, 0xa5, 0x41, 0xa8, 0x52, 0x5b, 0x7f, 0xb6, 0x71, 0x25, 0x3b, 0xdb, 0x0b, 0xad, 0x00
    .byte 0xd4, 0xd1, 0xc6, 0xf8, 0x7c, 0x83, 0x9d, 0x87, 0xca, 0xf2, 0xb8, 0xbc, 0x11, 0xf9, 0x15, 0xbc
    .byte 0x6d, 0x88, 0xa3, 0x7a, 0x11, 0x0b, 0x3e, 0xfd, 0xdb, 0xf9, 0x86, 0x41, 0xca, 0x00, 0x93, 0xfd
    .byte 0x4e, 0x54, 0xf7, 0x0e, 0x5f, 0x5f, 0xc9, 0xf3, 0x84, 0xa6, 0x4f, 0xb2, 0x4e, 0xa6, 0xdc, 0x4f
    .byte 0xea, 0xd2, 0x73, 0x21, 0xb5, 0x8d, 0xba, 0xd2, 0x31, 0x2b, 0xf5, 0x60, 0x7f, 0x8d, 0x29, 0x2f
    .byte 0xac, 0x77, 0x66, 0xf3, 0x19, 0xfa, 0xdc, 0x21, 0x28, 0xd1, 0x29, 0x41, 0x57, 0x5c, 0x00, 0x6e
    .byte 0xd0, 0x14, 0xf9, 0xa8, 0xc9, 0xee, 0x25, 0x89, 0xe1, 0x3f, 0x0c, 0xc8, 0xb6, 0x63, 0x0c, 0xa6
plaintext:  /* FIPS-197 B input */
    .byte 0x32, 0x43, 0xf6, 0xa8, 0x88, 0x5a, 0x30, 0x8d, 0x31, 0x31, 0x98, 0xa2, 0xe0, 0x37, 0x07, 0x34
ciphertext: /* FIPS-197 B output */
    .byte 0x39, 0x25, 0x84, 0x1d, 0x02, 0xdc, 0x09, 0xfb, 0xdc, 0x11, 0x85, 0x97, 0x19, 0x6a, 0x0b, 0x32
vectors:
    .quad 0x0123456789abcdef, 0xfedcba9876543210
    .quad 0xffffffffffffffff, 0x8000000000000001
    .quad 0x00ff00ff00ff00ff, 0x1b1b1b1b80808080
    .quad 0xdb135345f20a225c, 0x01010101c6c6c6c6   /* FIPS-197 / common MixColumns test columns */
failmsg:
    .ascii "FAIL\n"
