/* crypto_sha.S — SHA1C, SHA1P, SHA1M, SHA1SU0, SHA1SU1, SHA1H, SHA256H,
 * SHA256H2, SHA256SU0, SHA256SU1.
 * SHA-1 and SHA-256 of "abc" (one block) and of the FIPS 180 two-block
 * message "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
 * computed with the SHA instructions and checked in-program against the
 * FIPS 180 digests (exit 1 on mismatch); then each instruction alone on
 * assorted data, with register aliasing, for the comparison with qemu.
 * Message blocks are stored as big-endian words already loaded into host
 * order, so no byte reversal is needed. */
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

/* four SHA-1 rounds: \op in c/p/m, message words V\w, constant V\k,
 * e in S\ecur; the next group's e goes to S\enext */
.macro SHA1_GRP op, w, k, ecur, enext
    add v20.4s, v\w\().4s, v\k\().4s
    sha1h s\enext, s0
    sha1\op q0, s\ecur, v20.4s
.endm
/* W[4g..4g+3] into V\w0 from the previous sixteen words */
.macro SHA1_SCHED w0, w1, w2, w3
    sha1su0 v\w0\().4s, v\w1\().4s, v\w2\().4s
    sha1su1 v\w0\().4s, v\w3\().4s
.endm

.macro SHA256_SCHED w0, w1, w2, w3
    sha256su0 v\w0\().4s, v\w1\().4s
    sha256su1 v\w0\().4s, v\w2\().4s, v\w3\().4s
.endm
/* four SHA-256 rounds with message words V\w and the next four constants */
.macro SHA256_GRP w
    ldr q16, [x1], #16
    add v16.4s, v16.4s, v\w\().4s
    mov v17.16b, v0.16b
    sha256h q0, q1, v16.4s
    sha256h2 q1, q17, v16.4s
.endm

TEST_START
    /* ---- SHA-1 ---- */
    adr x2, sha1_k
    ld1r {v16.4s}, [x2], #4
    ld1r {v17.4s}, [x2], #4
    ld1r {v18.4s}, [x2], #4
    ld1r {v19.4s}, [x2]
    bl sha1_init
    adr x0, msg_abc
    bl sha1_block
    DUMPQ(0)
    DUMPQ(1)
    CHECKQ 0, sha1_abc
    CHECKQ 1, sha1_abc + 16
    bl sha1_init
    adr x0, msg_two
    bl sha1_block
    adr x0, msg_two + 64
    bl sha1_block
    DUMPQ(0)
    DUMPQ(1)
    CHECKQ 0, sha1_two
    CHECKQ 1, sha1_two + 16

    /* ---- SHA-256 ---- */
    bl sha256_init
    adr x0, msg_abc
    bl sha256_block
    DUMPQ(0)
    DUMPQ(1)
    CHECKQ 0, sha256_abc
    CHECKQ 1, sha256_abc + 16
    bl sha256_init
    adr x0, msg_two
    bl sha256_block
    adr x0, msg_two + 64
    bl sha256_block
    DUMPQ(0)
    DUMPQ(1)
    CHECKQ 0, sha256_two
    CHECKQ 1, sha256_two + 16

    /* ---- single instructions ---- */
    adr x0, vectors
    ldp q20, q21, [x0]
    ldp q22, q23, [x0, #32]
    .irp op, c, p, m
    mov v24.16b, v20.16b
    sha1\op q24, s21, v22.4s
    DUMPQ(24)
    .endr
    mov v24.16b, v23.16b
    sha1c q24, s24, v24.4s        /* every operand the same register */
    DUMPQ(24)
    mov v24.16b, v20.16b
    sha1su0 v24.4s, v21.4s, v22.4s
    DUMPQ(24)
    mov v24.16b, v23.16b
    sha1su0 v24.4s, v24.4s, v24.4s
    DUMPQ(24)
    mov v24.16b, v20.16b
    sha1su1 v24.4s, v23.4s
    DUMPQ(24)
    mov v24.16b, v22.16b
    sha1su1 v24.4s, v24.4s
    DUMPQ(24)
    mov v24.16b, v23.16b
    sha1h s24, s24                /* bits 127:32 cleared */
    DUMPQ(24)
    sha1h s25, s21
    DUMPQ(25)
    mov v24.16b, v20.16b
    sha256h q24, q21, v22.4s
    DUMPQ(24)
    mov v24.16b, v20.16b
    sha256h2 q24, q21, v22.4s
    DUMPQ(24)
    mov v24.16b, v23.16b
    sha256h q24, q24, v24.4s
    DUMPQ(24)
    mov v24.16b, v23.16b
    sha256h2 q24, q24, v24.4s
    DUMPQ(24)
    mov v24.16b, v20.16b
    sha256su0 v24.4s, v23.4s
    DUMPQ(24)
    mov v24.16b, v21.16b
    sha256su0 v24.4s, v24.4s
    DUMPQ(24)
    mov v24.16b, v20.16b
    sha256su1 v24.4s, v21.4s, v23.4s
    DUMPQ(24)
    mov v24.16b, v22.16b
    sha256su1 v24.4s, v24.4s, v24.4s
    DUMPQ(24)
    TEST_EXIT

sha1_init:
    adr x0, sha1_h0
    ldr q0, [x0]
    ldr s1, [x0, #16]
    ret

/* one SHA-1 block: x0 = sixteen message words; v0 = abcd, s1 = e;
 * v16..v19 = the four round constants in every lane */
sha1_block:
    ldp q4, q5, [x0]
    ldp q6, q7, [x0, #32]
    mov v2.16b, v0.16b
    mov v3.16b, v1.16b
    SHA1_GRP c, 4, 16, 1, 21
    SHA1_GRP c, 5, 16, 21, 1
    SHA1_GRP c, 6, 16, 1, 21
    SHA1_GRP c, 7, 16, 21, 1
    SHA1_SCHED 4, 5, 6, 7
    SHA1_GRP c, 4, 16, 1, 21
    SHA1_SCHED 5, 6, 7, 4
    SHA1_GRP p, 5, 17, 21, 1
    SHA1_SCHED 6, 7, 4, 5
    SHA1_GRP p, 6, 17, 1, 21
    SHA1_SCHED 7, 4, 5, 6
    SHA1_GRP p, 7, 17, 21, 1
    SHA1_SCHED 4, 5, 6, 7
    SHA1_GRP p, 4, 17, 1, 21
    SHA1_SCHED 5, 6, 7, 4
    SHA1_GRP p, 5, 17, 21, 1
    SHA1_SCHED 6, 7, 4, 5
    SHA1_GRP m, 6, 18, 1, 21
    SHA1_SCHED 7, 4, 5, 6
    SHA1_GRP m, 7, 18, 21, 1
    SHA1_SCHED 4, 5, 6, 7
    SHA1_GRP m, 4, 18, 1, 21
    SHA1_SCHED 5, 6, 7, 4
    SHA1_GRP m, 5, 18, 21, 1
    SHA1_SCHED 6, 7, 4, 5
    SHA1_GRP m, 6, 18, 1, 21
    SHA1_SCHED 7, 4, 5, 6
    SHA1_GRP p, 7, 19, 21, 1
    SHA1_SCHED 4, 5, 6, 7
    SHA1_GRP p, 4, 19, 1, 21
    SHA1_SCHED 5, 6, 7, 4
    SHA1_GRP p, 5, 19, 21, 1
    SHA1_SCHED 6, 7, 4, 5
    SHA1_GRP p, 6, 19, 1, 21
    SHA1_SCHED 7, 4, 5, 6
    SHA1_GRP p, 7, 19, 21, 1
    add v0.4s, v0.4s, v2.4s
    add v1.4s, v1.4s, v3.4s
    ret

sha256_init:
    adr x0, sha256_h0
    ldp q0, q1, [x0]
    ret

/* one SHA-256 block: x0 = sixteen message words; v0 = abcd, v1 = efgh */
sha256_block:
    adr x1, sha256_k
    ldp q4, q5, [x0]
    ldp q6, q7, [x0, #32]
    mov v2.16b, v0.16b
    mov v3.16b, v1.16b
    SHA256_GRP 4
    SHA256_GRP 5
    SHA256_GRP 6
    SHA256_GRP 7
    .rept 3
    SHA256_SCHED 4, 5, 6, 7
    SHA256_GRP 4
    SHA256_SCHED 5, 6, 7, 4
    SHA256_GRP 5
    SHA256_SCHED 6, 7, 4, 5
    SHA256_GRP 6
    SHA256_SCHED 7, 4, 5, 6
    SHA256_GRP 7
    .endr
    add v0.4s, v0.4s, v2.4s
    add v1.4s, v1.4s, v3.4s
    ret

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
msg_abc:    /* "abc", padded */
    .word 0x61626380, 0x00000000, 0x00000000, 0x00000000
    .word 0x00000000, 0x00000000, 0x00000000, 0x00000000
    .word 0x00000000, 0x00000000, 0x00000000, 0x00000000
    .word 0x00000000, 0x00000000, 0x00000000, 0x00000018
msg_two:    /* "abcdbcde...nopq" (448 bits), padded to two blocks */
    .word 0x61626364, 0x62636465, 0x63646566, 0x64656667
    .word 0x65666768, 0x66676869, 0x6768696a, 0x68696a6b
    .word 0x696a6b6c, 0x6a6b6c6d, 0x6b6c6d6e, 0x6c6d6e6f
    .word 0x6d6e6f70, 0x6e6f7071, 0x80000000, 0x00000000
    .word 0x00000000, 0x00000000, 0x00000000, 0x00000000
    .word 0x00000000, 0x00000000, 0x00000000, 0x00000000
    .word 0x00000000, 0x00000000, 0x00000000, 0x00000000
    .word 0x00000000, 0x00000000, 0x00000000, 0x000001c0
sha1_h0:
    .word 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0, 0, 0, 0
sha1_k:
    .word 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6
sha1_abc:   /* FIPS 180 digests */
    .word 0xa9993e36, 0x4706816a, 0xba3e2571, 0x7850c26c, 0x9cd0d89d, 0, 0, 0
sha1_two:
    .word 0x84983e44, 0x1c3bd26e, 0xbaae4aa1, 0xf95129e5, 0xe54670f1, 0, 0, 0
sha256_h0:
    .word 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a
    .word 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
sha256_abc:
    .word 0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223
    .word 0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad
sha256_two:
    .word 0x248d6a61, 0xd20638b8, 0xe5c02693, 0x0c3e6039
    .word 0xa33ce459, 0x64ff2167, 0xf6ecedd4, 0x19db06c1
sha256_k:
    .word 0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5
    .word 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5
    .word 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3
    .word 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174
    .word 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc
    .word 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da
    .word 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7
    .word 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967
    .word 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13
    .word 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85
    .word 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3
    .word 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070
    .word 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5
    .word 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3
    .word 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208
    .word 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
vectors:
    .quad 0x0123456789abcdef, 0xfedcba9876543210
    .quad 0xffffffff00000001, 0x800000007fffffff
    .quad 0x5a5a5a5aa5a5a5a5, 0x0f0f0f0ff0f0f0f0
    .quad 0xdeadbeefcafebabe, 0x1122334455667788
failmsg:
    .ascii "FAIL\n"
