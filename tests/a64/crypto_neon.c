/* crypto_neon.c — the crypto extension through arm_neon.h, the way library
 * code uses it: AES-128 (key schedule in C, rounds with vaeseq/vaesmcq,
 * decryption with vaesdq/vaesimcq) checked against FIPS-197 and round-tripped
 * over many blocks; SHA-1 and SHA-256 block functions with the SHA
 * intrinsics checked against the FIPS 180 digests of "abc" and of a
 * two-block message, then hashing a 64 KiB buffer; a GHASH-style PMULL
 * accumulation. Exit status 1 on any mismatch with the published values. */
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int failures;
static void check(const char *what, const uint8_t *got, const uint8_t *want, size_t n)
{
    int ok = memcmp(got, want, n) == 0;
    printf("%s %s\n", what, ok ? "ok" : "MISMATCH");
    failures += !ok;
}
static void hex(const char *what, const uint8_t *p, size_t n)
{
    printf("%s ", what);
    for (size_t i = 0; i < n; i++)
        printf("%02x", p[i]);
    printf("\n");
}

/* ---- AES-128 ---- */

static uint8_t sub_byte(uint8_t b)
{
    /* AESE with a zero key on a vector of b: SubBytes; ShiftRows moves
     * nothing when all bytes are equal */
    return vgetq_lane_u8(vaeseq_u8(vdupq_n_u8(b), vdupq_n_u8(0)), 0);
}

static void aes128_expand(const uint8_t key[16], uint8x16_t rk[11])
{
    uint8_t w[176];
    uint8_t rcon = 1;
    memcpy(w, key, 16);
    for (int i = 16; i < 176; i += 4) {
        uint8_t t[4] = { w[i - 4], w[i - 3], w[i - 2], w[i - 1] };
        if (i % 16 == 0) {
            uint8_t t0 = t[0];
            t[0] = sub_byte(t[1]) ^ rcon;
            t[1] = sub_byte(t[2]);
            t[2] = sub_byte(t[3]);
            t[3] = sub_byte(t0);
            rcon = (uint8_t)(rcon << 1) ^ (rcon & 0x80 ? 0x1b : 0);
        }
        for (int j = 0; j < 4; j++)
            w[i + j] = w[i - 16 + j] ^ t[j];
    }
    for (int r = 0; r < 11; r++)
        rk[r] = vld1q_u8(w + 16 * r);
}

static uint8x16_t aes128_encrypt(uint8x16_t b, const uint8x16_t rk[11])
{
    for (int r = 0; r < 9; r++)
        b = vaesmcq_u8(vaeseq_u8(b, rk[r]));
    return veorq_u8(vaeseq_u8(b, rk[9]), rk[10]);
}

static uint8x16_t aes128_decrypt(uint8x16_t b, const uint8x16_t rk[11])
{
    b = vaesdq_u8(b, rk[10]);
    for (int r = 9; r >= 1; r--)
        b = vaesdq_u8(vaesimcq_u8(b), vaesimcq_u8(rk[r]));
    return veorq_u8(b, rk[0]);
}

static void test_aes(void)
{
    static const uint8_t key[16] = { 0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
                                     0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c };
    static const uint8_t pt[16] = { 0x32, 0x43, 0xf6, 0xa8, 0x88, 0x5a, 0x30, 0x8d,
                                    0x31, 0x31, 0x98, 0xa2, 0xe0, 0x37, 0x07, 0x34 };
    static const uint8_t ct[16] = { 0x39, 0x25, 0x84, 0x1d, 0x02, 0xdc, 0x09, 0xfb,
                                    0xdc, 0x11, 0x85, 0x97, 0x19, 0x6a, 0x0b, 0x32 };
    /* FIPS-197 C.1: AES-128 of 00112233...ff under key 00010203...0f */
    static const uint8_t c1_ct[16] = { 0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30,
                                       0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a };
    uint8x16_t rk[11];
    uint8_t out[16];

    aes128_expand(key, rk);
    vst1q_u8(out, rk[10]);
    hex("aes round key 10", out, 16);
    vst1q_u8(out, aes128_encrypt(vld1q_u8(pt), rk));
    check("aes fips-197 B encrypt", out, ct, 16);
    vst1q_u8(out, aes128_decrypt(vld1q_u8(ct), rk));
    check("aes fips-197 B decrypt", out, pt, 16);

    uint8_t k1[16], p1[16];
    for (int i = 0; i < 16; i++) {
        k1[i] = (uint8_t)i;
        p1[i] = (uint8_t)(i * 0x11);
    }
    aes128_expand(k1, rk);
    vst1q_u8(out, aes128_encrypt(vld1q_u8(p1), rk));
    check("aes fips-197 C.1 encrypt", out, c1_ct, 16);

    /* CTR-like stream over 4096 blocks: every ciphertext decrypts back */
    uint8x16_t acc = vdupq_n_u8(0), ctr = vld1q_u8(p1);
    int roundtrip_ok = 1;
    for (int i = 0; i < 4096; i++) {
        ctr = vreinterpretq_u8_u64(vaddq_u64(vreinterpretq_u64_u8(ctr), vdupq_n_u64(0x9e3779b97f4a7c15ull)));
        uint8x16_t c = aes128_encrypt(ctr, rk);
        uint8x16_t back = aes128_decrypt(c, rk);
        uint8_t x[16], y[16];
        vst1q_u8(x, back);
        vst1q_u8(y, ctr);
        roundtrip_ok &= memcmp(x, y, 16) == 0;
        acc = veorq_u8(acc, c);
    }
    printf("aes 4096-block round trip %s\n", roundtrip_ok ? "ok" : "MISMATCH");
    failures += !roundtrip_ok;
    vst1q_u8(out, acc);
    hex("aes 4096-block xor", out, 16);
}

/* ---- SHA-1 / SHA-256 ---- */

static void sha1_blocks(uint32_t h[5], const uint8_t *p, size_t nblocks)
{
    static const uint32_t k[4] = { 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6 };
    uint32x4_t abcd = vld1q_u32(h);
    uint32_t e = h[4];
    for (; nblocks--; p += 64) {
        uint32x4_t w[4], save = abcd;
        uint32_t esave = e;
        for (int i = 0; i < 4; i++)
            w[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(p + 16 * i)));
        for (int g = 0; g < 20; g++) {
            if (g >= 4)
                w[g % 4] = vsha1su1q_u32(vsha1su0q_u32(w[g % 4], w[(g + 1) % 4], w[(g + 2) % 4]),
                                         w[(g + 3) % 4]);
            uint32x4_t wk = vaddq_u32(w[g % 4], vdupq_n_u32(k[g / 5]));
            uint32_t enext = vsha1h_u32(vgetq_lane_u32(abcd, 0));
            if (g < 5)
                abcd = vsha1cq_u32(abcd, e, wk);
            else if (g < 10 || g >= 15)
                abcd = vsha1pq_u32(abcd, e, wk);
            else
                abcd = vsha1mq_u32(abcd, e, wk);
            e = enext;
        }
        abcd = vaddq_u32(abcd, save);
        e += esave;
    }
    vst1q_u32(h, abcd);
    h[4] = e;
}

static const uint32_t k256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static void sha256_blocks(uint32_t h[8], const uint8_t *p, size_t nblocks)
{
    uint32x4_t abcd = vld1q_u32(h), efgh = vld1q_u32(h + 4);
    for (; nblocks--; p += 64) {
        uint32x4_t w[4], s0 = abcd, s1 = efgh;
        for (int i = 0; i < 4; i++)
            w[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(p + 16 * i)));
        for (int g = 0; g < 16; g++) {
            if (g >= 4)
                w[g % 4] = vsha256su1q_u32(vsha256su0q_u32(w[g % 4], w[(g + 1) % 4]),
                                           w[(g + 2) % 4], w[(g + 3) % 4]);
            uint32x4_t wk = vaddq_u32(w[g % 4], vld1q_u32(k256 + 4 * g));
            uint32x4_t old = abcd;
            abcd = vsha256hq_u32(abcd, efgh, wk);
            efgh = vsha256h2q_u32(efgh, old, wk);
        }
        abcd = vaddq_u32(abcd, s0);
        efgh = vaddq_u32(efgh, s1);
    }
    vst1q_u32(h, abcd);
    vst1q_u32(h + 4, efgh);
}

/* pad msg (len < 56 + 64) into up to two blocks; returns the block count */
static size_t pad(const char *msg, uint8_t buf[128])
{
    size_t len = strlen(msg), n = len + 9 <= 64 ? 1 : 2;
    memset(buf, 0, 128);
    memcpy(buf, msg, len);
    buf[len] = 0x80;
    uint64_t bits = (uint64_t)len * 8;
    for (int i = 0; i < 8; i++)
        buf[64 * n - 1 - i] = (uint8_t)(bits >> (8 * i));
    return n;
}

static void digest_bytes(const uint32_t *h, int words, uint8_t *out)
{
    for (int i = 0; i < words; i++)
        for (int j = 0; j < 4; j++)
            out[4 * i + j] = (uint8_t)(h[i] >> (24 - 8 * j));
}

static void test_sha(void)
{
    static const char *msgs[2] = { "abc", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq" };
    static const uint8_t sha1_want[2][20] = {
        { 0xa9, 0x99, 0x3e, 0x36, 0x47, 0x06, 0x81, 0x6a, 0xba, 0x3e,
          0x25, 0x71, 0x78, 0x50, 0xc2, 0x6c, 0x9c, 0xd0, 0xd8, 0x9d },
        { 0x84, 0x98, 0x3e, 0x44, 0x1c, 0x3b, 0xd2, 0x6e, 0xba, 0xae,
          0x4a, 0xa1, 0xf9, 0x51, 0x29, 0xe5, 0xe5, 0x46, 0x70, 0xf1 },
    };
    static const uint8_t sha256_want[2][32] = {
        { 0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
          0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad },
        { 0x24, 0x8d, 0x6a, 0x61, 0xd2, 0x06, 0x38, 0xb8, 0xe5, 0xc0, 0x26, 0x93, 0x0c, 0x3e, 0x60, 0x39,
          0xa3, 0x3c, 0xe4, 0x59, 0x64, 0xff, 0x21, 0x67, 0xf6, 0xec, 0xed, 0xd4, 0x19, 0xdb, 0x06, 0xc1 },
    };
    uint8_t buf[128], out[32];
    for (int m = 0; m < 2; m++) {
        size_t n = pad(msgs[m], buf);
        uint32_t h1[5] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0 };
        sha1_blocks(h1, buf, n);
        digest_bytes(h1, 5, out);
        check(m ? "sha1 two-block" : "sha1 abc", out, sha1_want[m], 20);
        uint32_t h2[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                           0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
        sha256_blocks(h2, buf, n);
        digest_bytes(h2, 8, out);
        check(m ? "sha256 two-block" : "sha256 abc", out, sha256_want[m], 32);
    }

    static uint8_t big[65536];
    uint32_t x = 1;
    for (size_t i = 0; i < sizeof big; i++) {
        x = x * 1103515245u + 12345u;
        big[i] = (uint8_t)(x >> 16);
    }
    uint32_t h1[5] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0 };
    sha1_blocks(h1, big, sizeof big / 64);
    digest_bytes(h1, 5, out);
    hex("sha1 state after 64 KiB", out, 20);
    uint32_t h2[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    sha256_blocks(h2, big, sizeof big / 64);
    digest_bytes(h2, 8, out);
    hex("sha256 state after 64 KiB", out, 32);
}

/* ---- PMULL: a GHASH-like carry-less multiply-accumulate (no reduction) ---- */

static void test_pmull(void)
{
    poly64_t hkey = 0xc2000000000000e1ull;
    uint64x2_t acc = vdupq_n_u64(0);
    uint64_t x = 0x0123456789abcdefull;
    for (int i = 0; i < 1000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        poly128_t p = vmull_p64(x, hkey);
        poly128_t q = vmull_high_p64(vreinterpretq_p64_u64(vdupq_n_u64(x)),
                                     vreinterpretq_p64_u64(acc));
        acc = veorq_u64(vreinterpretq_u64_p128(p), vreinterpretq_u64_p128(q));
    }
    printf("pmull accumulation %016llx:%016llx\n", (unsigned long long)vgetq_lane_u64(acc, 1),
           (unsigned long long)vgetq_lane_u64(acc, 0));
}

int main(void)
{
    test_aes();
    test_sha();
    test_pmull();
    return failures ? 1 : 0;
}
