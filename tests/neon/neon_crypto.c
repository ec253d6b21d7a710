/* neon_crypto — the Armv8 cryptographic extension and CRC32 through
 * arm_neon.h / arm_acle.h, checked two ways:
 *   - known answers, printed as "PASS name" / "FAIL name ...": AES-128 and
 *     AES-256 encryption and decryption (FIPS-197 appendices B, C.1, C.3),
 *     SHA-1 and SHA-256 of the standard messages (FIPS 180 examples: "abc",
 *     the empty message, the 448-bit two-block message, a million 'a'),
 *     AES-GCM (the GCM specification's test cases 2 and 3, whose tags need
 *     AES-CTR and a PMULL-based GHASH to be right), CRC-32 and CRC-32C of
 *     "123456789"; plus PMULL and CRC results against bitwise software
 *     references on random inputs. A FAIL line fails the test even when qemu
 *     agrees (tests/neon/run.sh looks for them).
 *   - raw single-instruction results on fixed inputs (AESE/AESD/AESMC/AESIMC,
 *     SHA1C/P/M/H/SU0/SU1, SHA256H/H2/SU0/SU1, PMULL/PMULL2 on 64- and 8-bit
 *     lanes), compared line by line against qemu.
 * Constants are computed, not tabled: the AES S-box from inverses in GF(2^8)
 * (for the key schedule), the SHA-256 round constants and initial hash from
 * integer cube and square roots of primes. */
#include <arm_acle.h>
#include "neon_common.h"

static int failures;
static void check(const char *name, const uint8_t *got, const char *want_hex, size_t n)
{
    char hex[2 * 128 + 1];
    for (size_t i = 0; i < n; i++) sprintf(hex + 2 * i, "%02x", got[i]);
    if (strcmp(hex, want_hex) == 0) {
        printf("PASS %s\n", name);
    } else {
        printf("FAIL %s: got %s want %s\n", name, hex, want_hex);
        failures++;
    }
}
static void check_u64(const char *name, uint64_t got, uint64_t want)
{
    if (got == want) {
        printf("PASS %s\n", name);
    } else {
        printf("FAIL %s: got %016" PRIx64 " want %016" PRIx64 "\n", name, got, want);
        failures++;
    }
}
static void unhex(uint8_t *dst, const char *hex)
{
    for (size_t i = 0; hex[2 * i]; i++) {
        unsigned v;
        sscanf(hex + 2 * i, "%2x", &v);
        dst[i] = (uint8_t)v;
    }
}

/* ---------------- AES ---------------- */
static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;
    while (b) {
        if (b & 1) r ^= a;
        a = (uint8_t)((a << 1) ^ (a & 0x80 ? 0x1b : 0));
        b >>= 1;
    }
    return r;
}
static uint8_t sbox(uint8_t x)
{
    uint8_t inv = 1;   /* x^254 = x^-1 (and 0 -> 0) */
    for (int i = 0; i < 254; i++) inv = gf_mul(inv, x);
    if (x == 0) inv = 0;
    uint8_t s = inv;
    for (int i = 1; i <= 4; i++) s ^= (uint8_t)((inv << i) | (inv >> (8 - i)));
    return s ^ 0x63;
}

/* FIPS-197 key expansion; rk[r] is round key r as 16 bytes */
static int aes_expand(const uint8_t *key, int nk, uint8_t rk[15][16])
{
    int nr = nk + 6;
    uint8_t w[60][4], rcon = 1;
    memcpy(w, key, 4 * (size_t)nk);
    for (int i = nk; i < 4 * (nr + 1); i++) {
        uint8_t t[4];
        memcpy(t, w[i - 1], 4);
        if (i % nk == 0) {
            uint8_t t0 = t[0];
            t[0] = sbox(t[1]) ^ rcon;
            t[1] = sbox(t[2]);
            t[2] = sbox(t[3]);
            t[3] = sbox(t0);
            rcon = gf_mul(rcon, 2);
        } else if (nk > 6 && i % nk == 4) {
            for (int j = 0; j < 4; j++) t[j] = sbox(t[j]);
        }
        for (int j = 0; j < 4; j++) w[i][j] = w[i - nk][j] ^ t[j];
    }
    memcpy(rk, w, 16 * (size_t)(nr + 1));
    return nr;
}

static uint8x16_t aes_encrypt(uint8x16_t s, uint8_t rk[15][16], int nr)
{
    for (int r = 0; r < nr - 1; r++) s = vaesmcq_u8(vaeseq_u8(s, vld1q_u8(rk[r])));
    s = vaeseq_u8(s, vld1q_u8(rk[nr - 1]));
    return veorq_u8(s, vld1q_u8(rk[nr]));
}

/* equivalent inverse cipher: round keys reversed, InvMixColumns on the middle ones */
static uint8x16_t aes_decrypt(uint8x16_t s, uint8_t rk[15][16], int nr)
{
    s = vaesimcq_u8(vaesdq_u8(s, vld1q_u8(rk[nr])));
    for (int r = nr - 1; r > 1; r--) s = vaesimcq_u8(vaesdq_u8(s, vaesimcq_u8(vld1q_u8(rk[r]))));
    s = vaesdq_u8(s, vaesimcq_u8(vld1q_u8(rk[1])));
    return veorq_u8(s, vld1q_u8(rk[0]));
}

static void aes_kat(const char *name, const char *key_hex, const char *pt_hex, const char *ct_hex)
{
    uint8_t key[32], pt[16], rk[15][16], buf[16];
    char label[64];
    size_t klen = strlen(key_hex) / 2;
    unhex(key, key_hex);
    unhex(pt, pt_hex);
    int nr = aes_expand(key, (int)klen / 4, rk);
    uint8x16_t c = aes_encrypt(vld1q_u8(pt), rk, nr);
    vst1q_u8(buf, c);
    snprintf(label, sizeof label, "%s encrypt", name);
    check(label, buf, ct_hex, 16);
    vst1q_u8(buf, aes_decrypt(c, rk, nr));
    snprintf(label, sizeof label, "%s decrypt", name);
    check(label, buf, pt_hex, 16);
}

/* ---------------- SHA-1 ---------------- */
static void sha1_blocks(uint32_t st[5], const uint8_t *p, size_t nblocks)
{
    static const uint32_t K[4] = { 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6 };
    uint32x4_t abcd = vld1q_u32(st);
    uint32_t e = st[4];
    for (; nblocks--; p += 64) {
        uint32x4_t w[4], abcd0 = abcd;
        uint32_t e0 = e;
        for (int i = 0; i < 4; i++) w[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(p + 16 * i)));
        for (int g = 0; g < 20; g++) {
            uint32x4_t wk = vaddq_u32(w[g % 4], vdupq_n_u32(K[g / 5]));
            uint32_t e1 = vsha1h_u32(vgetq_lane_u32(abcd, 0));
            if (g < 5)
                abcd = vsha1cq_u32(abcd, e, wk);
            else if (g >= 10 && g < 15)
                abcd = vsha1mq_u32(abcd, e, wk);
            else
                abcd = vsha1pq_u32(abcd, e, wk);
            e = e1;
            if (g < 16)
                w[g % 4] = vsha1su1q_u32(vsha1su0q_u32(w[g % 4], w[(g + 1) % 4], w[(g + 2) % 4]),
                                         w[(g + 3) % 4]);
        }
        abcd = vaddq_u32(abcd, abcd0);
        e += e0;
    }
    vst1q_u32(st, abcd);
    st[4] = e;
}

/* ---------------- SHA-256 ---------------- */
static uint32_t sha256_k[64], sha256_h0[8];

static unsigned __int128 icbrt(unsigned __int128 n)   /* floor(cbrt(n)) */
{
    unsigned __int128 lo = 0, hi = (unsigned __int128)1 << 43;
    while (lo < hi) {
        unsigned __int128 mid = (lo + hi + 1) / 2;
        if (mid * mid * mid <= n) lo = mid; else hi = mid - 1;
    }
    return lo;
}
static unsigned __int128 isqrt(unsigned __int128 n)   /* floor(sqrt(n)) */
{
    unsigned __int128 lo = 0, hi = (unsigned __int128)1 << 64;
    while (lo < hi) {
        unsigned __int128 mid = (lo + hi + 1) / 2;
        if (mid * mid <= n) lo = mid; else hi = mid - 1;
    }
    return lo;
}
/* the first 32 bits of the fractional parts of the cube roots of the first
 * 64 primes, and of the square roots of the first 8 */
static void sha256_constants(void)
{
    int n = 0;
    for (unsigned p = 2; n < 64; p++) {
        int prime = 1;
        for (unsigned d = 2; d * d <= p; d++)
            if (p % d == 0) prime = 0;
        if (!prime) continue;
        sha256_k[n] = (uint32_t)icbrt((unsigned __int128)p << 96);
        if (n < 8) sha256_h0[n] = (uint32_t)isqrt((unsigned __int128)p << 64);
        n++;
    }
}

static void sha256_blocks(uint32_t st[8], const uint8_t *p, size_t nblocks)
{
    uint32x4_t s0 = vld1q_u32(st), s1 = vld1q_u32(st + 4);
    for (; nblocks--; p += 64) {
        uint32x4_t w[4], a0 = s0, a1 = s1;
        for (int i = 0; i < 4; i++) w[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(p + 16 * i)));
        for (int g = 0; g < 16; g++) {
            uint32x4_t wk = vaddq_u32(w[g % 4], vld1q_u32(&sha256_k[4 * g]));
            uint32x4_t t = s0;
            s0 = vsha256hq_u32(s0, s1, wk);
            s1 = vsha256h2q_u32(s1, t, wk);
            if (g < 12)
                w[g % 4] = vsha256su1q_u32(vsha256su0q_u32(w[g % 4], w[(g + 1) % 4]), w[(g + 2) % 4],
                                           w[(g + 3) % 4]);
        }
        s0 = vaddq_u32(s0, a0);
        s1 = vaddq_u32(s1, a1);
    }
    vst1q_u32(st, s0);
    vst1q_u32(st + 4, s1);
}

/* Merkle-Damgard padding around either compression function; len < 2^32 */
typedef void blocks_fn(uint32_t *st, const uint8_t *p, size_t nblocks);
static void md_hash(blocks_fn *f, uint32_t *st, int nwords, const uint8_t *msg, size_t len, uint8_t *digest)
{
    uint8_t tail[128];
    size_t full = len / 64, rest = len % 64;
    f(st, msg, full);
    memset(tail, 0, sizeof tail);
    memcpy(tail, msg + 64 * full, rest);
    tail[rest] = 0x80;
    size_t tlen = rest < 56 ? 64 : 128;
    uint64_t bits = (uint64_t)len * 8;
    for (int i = 0; i < 8; i++) tail[tlen - 1 - i] = (uint8_t)(bits >> (8 * i));
    f(st, tail, tlen / 64);
    for (int i = 0; i < nwords; i++)
        for (int j = 0; j < 4; j++) digest[4 * i + j] = (uint8_t)(st[i] >> (24 - 8 * j));
}
static void sha1_blocks_fn(uint32_t *st, const uint8_t *p, size_t n) { sha1_blocks(st, p, n); }
static void sha256_blocks_fn(uint32_t *st, const uint8_t *p, size_t n) { sha256_blocks(st, p, n); }

static void sha_kats(void)
{
    static uint8_t million[1000000];
    memset(million, 'a', sizeof million);
    static const struct { const char *name; const char *msg; size_t len; const char *sha1, *sha256; } kat[] = {
        { "abc", "abc", 3, "a9993e364706816aba3e25717850c26c9cd0d89d",
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
        { "empty", "", 0, "da39a3ee5e6b4b0d3255bfef95601890afd80709",
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
        { "448-bit", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
          "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
        { "million a", NULL, sizeof million, "34aa973cd4c4daa4f61eeb2bdbad27316534016f",
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
    };
    for (unsigned i = 0; i < sizeof kat / sizeof kat[0]; i++) {
        const uint8_t *m = kat[i].msg ? (const uint8_t *)kat[i].msg : million;
        uint8_t d[32];
        char label[64];
        uint32_t s1[5] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0 };
        md_hash(sha1_blocks_fn, s1, 5, m, kat[i].len, d);
        snprintf(label, sizeof label, "sha1(%s)", kat[i].name);
        check(label, d, kat[i].sha1, 20);
        uint32_t s2[8];
        memcpy(s2, sha256_h0, sizeof s2);
        md_hash(sha256_blocks_fn, s2, 8, m, kat[i].len, d);
        snprintf(label, sizeof label, "sha256(%s)", kat[i].name);
        check(label, d, kat[i].sha256, 32);
    }
}

/* ---------------- carry-less multiply, GHASH, GCM ---------------- */
static void clmul_ref(uint64_t a, uint64_t b, uint64_t *lo, uint64_t *hi)
{
    uint64_t l = 0, h = 0;
    for (int i = 0; i < 64; i++)
        if (b >> i & 1) {
            l ^= a << i;
            if (i) h ^= a >> (64 - i);
        }
    *lo = l;
    *hi = h;
}

/* GF(2^128) product in GCM's bit order: rbit each byte so that the block is
 * a little-endian polynomial, multiply with PMULL/PMULL2, reduce modulo
 * x^128 + x^7 + x^2 + x + 1 by folding the high limbs with 0x87 */
static uint8x16_t gf128_mul(uint8x16_t x, uint8x16_t y)
{
    poly64x2_t a = vreinterpretq_p64_u8(vrbitq_u8(x)), b = vreinterpretq_p64_u8(vrbitq_u8(y));
    poly64_t a0 = vgetq_lane_p64(a, 0), a1 = vgetq_lane_p64(a, 1);
    poly64_t b0 = vgetq_lane_p64(b, 0), b1 = vgetq_lane_p64(b, 1);
    uint64x2_t lo = vreinterpretq_u64_p128(vmull_p64(a0, b0));
    uint64x2_t hi = vreinterpretq_u64_p128(vmull_high_p64(a, b));
    uint64x2_t mid = veorq_u64(vreinterpretq_u64_p128(vmull_p64(a0, b1)),
                               vreinterpretq_u64_p128(vmull_p64(a1, b0)));
    uint64_t p0 = vgetq_lane_u64(lo, 0), p1 = vgetq_lane_u64(lo, 1) ^ vgetq_lane_u64(mid, 0);
    uint64_t p2 = vgetq_lane_u64(hi, 0) ^ vgetq_lane_u64(mid, 1), p3 = vgetq_lane_u64(hi, 1);
    uint64x2_t t = vreinterpretq_u64_p128(vmull_p64(p3, 0x87));
    p1 ^= vgetq_lane_u64(t, 0);
    p2 ^= vgetq_lane_u64(t, 1);
    uint64x2_t u = vreinterpretq_u64_p128(vmull_p64(p2, 0x87));
    p0 ^= vgetq_lane_u64(u, 0);
    p1 ^= vgetq_lane_u64(u, 1);
    return vrbitq_u8(vreinterpretq_u8_u64(vcombine_u64(vcreate_u64(p0), vcreate_u64(p1))));
}

/* the bit-serial product of NIST SP 800-38D (shift right, R = 0xe1 || 0^120) */
static void gf128_mul_ref(const uint8_t *x, const uint8_t *y, uint8_t *z)
{
    uint8_t v[16], r[16] = { 0 };
    memcpy(v, y, 16);
    for (int i = 0; i < 128; i++) {
        if (x[i / 8] >> (7 - i % 8) & 1)
            for (int j = 0; j < 16; j++) r[j] ^= v[j];
        int lsb = v[15] & 1;
        for (int j = 15; j > 0; j--) v[j] = (uint8_t)((v[j] >> 1) | (v[j - 1] << 7));
        v[0] >>= 1;
        if (lsb) v[0] ^= 0xe1;
    }
    memcpy(z, r, 16);
}

static void gcm_kat(const char *name, const char *key_hex, const char *iv_hex, const char *pt_hex,
                    const char *ct_hex, const char *tag_hex)
{
    uint8_t key[32], rk[15][16], pt[64] = { 0 }, ct[64], block[16], y0[16] = { 0 }, buf[16];
    char label[64];
    size_t klen = strlen(key_hex) / 2, plen = strlen(pt_hex) / 2;
    unhex(key, key_hex);
    unhex(pt, pt_hex);
    unhex(y0, iv_hex);
    y0[15] = 1;
    int nr = aes_expand(key, (int)klen / 4, rk);
    uint8x16_t h = aes_encrypt(vdupq_n_u8(0), rk, nr), ghash = vdupq_n_u8(0);
    uint32_t ctr = 1;
    for (size_t off = 0; off < plen; off += 16) {
        memcpy(block, y0, 16);
        ctr++;
        block[12] = (uint8_t)(ctr >> 24), block[13] = (uint8_t)(ctr >> 16);
        block[14] = (uint8_t)(ctr >> 8), block[15] = (uint8_t)ctr;
        uint8x16_t c = veorq_u8(vld1q_u8(pt + off), aes_encrypt(vld1q_u8(block), rk, nr));
        vst1q_u8(ct + off, c);
        ghash = gf128_mul(veorq_u8(ghash, c), h);
    }
    uint64_t bits = plen * 8;
    memset(block, 0, 16);
    for (int i = 0; i < 8; i++) block[15 - i] = (uint8_t)(bits >> (8 * i));
    ghash = gf128_mul(veorq_u8(ghash, vld1q_u8(block)), h);
    uint8x16_t tag = veorq_u8(ghash, aes_encrypt(vld1q_u8(y0), rk, nr));
    snprintf(label, sizeof label, "%s ciphertext", name);
    check(label, ct, ct_hex, plen);
    vst1q_u8(buf, tag);
    snprintf(label, sizeof label, "%s tag", name);
    check(label, buf, tag_hex, 16);
}

static void pmull_checks(void)
{
    nt_rng = 12345;
    int bad64 = 0, bad128 = 0;
    for (int i = 0; i < 200; i++) {
        uint64_t a = nt_rand(), b = nt_rand(), lo, hi;
        if (i == 0) a = b = ~0ull;
        clmul_ref(a, b, &lo, &hi);
        uint64x2_t r = vreinterpretq_u64_p128(vmull_p64(a, b));
        if (vgetq_lane_u64(r, 0) != lo || vgetq_lane_u64(r, 1) != hi) bad64++;
        uint8_t x[16], y[16], z[16], w[16];
        for (int j = 0; j < 16; j++) x[j] = (uint8_t)nt_rand(), y[j] = (uint8_t)nt_rand();
        gf128_mul_ref(x, y, z);
        vst1q_u8(w, gf128_mul(vld1q_u8(x), vld1q_u8(y)));
        if (memcmp(z, w, 16) != 0) bad128++;
    }
    check_u64("vmull_p64 vs bitwise reference (200 products)", (uint64_t)bad64, 0);
    check_u64("PMULL GHASH product vs SP 800-38D reference (200 products)", (uint64_t)bad128, 0);
}

/* ---------------- CRC32 ---------------- */
static uint32_t crc_ref(uint32_t poly, const uint8_t *p, size_t n)
{
    uint32_t c = ~0u;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) c = c & 1 ? (c >> 1) ^ poly : c >> 1;
    }
    return ~c;
}
/* bytes, then halfwords, words, doublewords: every instruction width */
static uint32_t crc_acle(int castagnoli, const uint8_t *p, size_t n, int width)
{
    uint32_t c = ~0u;
    size_t i = 0;
    for (; width >= 8 && i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, p + i, 8);
        c = castagnoli ? __crc32cd(c, v) : __crc32d(c, v);
    }
    for (; width >= 4 && i + 4 <= n; i += 4) {
        uint32_t v;
        memcpy(&v, p + i, 4);
        c = castagnoli ? __crc32cw(c, v) : __crc32w(c, v);
    }
    for (; width >= 2 && i + 2 <= n; i += 2) {
        uint16_t v;
        memcpy(&v, p + i, 2);
        c = castagnoli ? __crc32ch(c, v) : __crc32h(c, v);
    }
    for (; i < n; i++) c = castagnoli ? __crc32cb(c, p[i]) : __crc32b(c, p[i]);
    return ~c;
}

static void crc_checks(void)
{
    const uint8_t *s = (const uint8_t *)"123456789";
    for (int w = 1; w <= 8; w *= 2) {
        char label[64];
        snprintf(label, sizeof label, "crc32(123456789) width %d", w);
        check_u64(label, crc_acle(0, s, 9, w), 0xcbf43926);
        snprintf(label, sizeof label, "crc32c(123456789) width %d", w);
        check_u64(label, crc_acle(1, s, 9, w), 0xe3069283);
    }
    uint8_t buf[1000];
    nt_rng = 777;
    for (unsigned i = 0; i < sizeof buf; i++) buf[i] = (uint8_t)nt_rand();
    check_u64("crc32 of 1000 random bytes vs bitwise reference", crc_acle(0, buf, sizeof buf, 8),
              crc_ref(0xedb88320u, buf, sizeof buf));
    check_u64("crc32c of 1000 random bytes vs bitwise reference", crc_acle(1, buf + 1, 999, 8),
              crc_ref(0x82f63b78u, buf + 1, 999));
    printf("crc32 raw: %08x %08x %08x %08x\n", __crc32b(0, 0xff), __crc32h(0x12345678, 0xabcd),
           __crc32w(0xffffffff, 0), __crc32cd(0x9abcdef0, 0x0123456789abcdefull));
}

/* ---------------- raw instruction results ---------------- */
static void raw(void)
{
    fill_inputs(4);
    RUN2("vaeseq_u8", uint8x16_t, uint8x16_t, vaeseq_u8(a, b))
    RUN2("vaesdq_u8", uint8x16_t, uint8x16_t, vaesdq_u8(a, b))
    RUN1("vaesmcq_u8", uint8x16_t, vaesmcq_u8(a))
    RUN1("vaesimcq_u8", uint8x16_t, vaesimcq_u8(a))
    RUN3("vsha1cq_u32", uint32x4_t, uint32x4_t, uint32x4_t, vsha1cq_u32(a, vgetq_lane_u32(b, 1), c))
    RUN3("vsha1pq_u32", uint32x4_t, uint32x4_t, uint32x4_t, vsha1pq_u32(a, vgetq_lane_u32(b, 2), c))
    RUN3("vsha1mq_u32", uint32x4_t, uint32x4_t, uint32x4_t, vsha1mq_u32(a, vgetq_lane_u32(b, 3), c))
    RUN1("vsha1h_u32", uint32x4_t, vdupq_n_u32(vsha1h_u32(vgetq_lane_u32(a, 0))))
    RUN3("vsha1su0q_u32", uint32x4_t, uint32x4_t, uint32x4_t, vsha1su0q_u32(a, b, c))
    RUN2("vsha1su1q_u32", uint32x4_t, uint32x4_t, vsha1su1q_u32(a, b))
    RUN3("vsha256hq_u32", uint32x4_t, uint32x4_t, uint32x4_t, vsha256hq_u32(a, b, c))
    RUN3("vsha256h2q_u32", uint32x4_t, uint32x4_t, uint32x4_t, vsha256h2q_u32(a, b, c))
    RUN2("vsha256su0q_u32", uint32x4_t, uint32x4_t, vsha256su0q_u32(a, b))
    RUN3("vsha256su1q_u32", uint32x4_t, uint32x4_t, uint32x4_t, vsha256su1q_u32(a, b, c))
    fill_inputs(8);
    RUN2("vmull_p64", poly64x2_t, poly64x2_t, vmull_p64(vgetq_lane_p64(a, 0), vgetq_lane_p64(b, 1)))
    RUN2("vmull_high_p64", poly64x2_t, poly64x2_t, vmull_high_p64(a, b))
    fill_inputs(1);
    RUN2("vmull_p8", poly8x8_t, poly8x8_t, vmull_p8(a, b))
    RUN2("vmull_high_p8", poly8x16_t, poly8x16_t, vmull_high_p8(a, b))
}

int main(void)
{
    sha256_constants();
    aes_kat("AES-128 FIPS-197 C.1", "000102030405060708090a0b0c0d0e0f", "00112233445566778899aabbccddeeff",
            "69c4e0d86a7b0430d8cdb78070b4c55a");
    aes_kat("AES-128 FIPS-197 B", "2b7e151628aed2a6abf7158809cf4f3c", "3243f6a8885a308d313198a2e0370734",
            "3925841d02dc09fbdc118597196a0b32");
    aes_kat("AES-256 FIPS-197 C.3", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
            "00112233445566778899aabbccddeeff", "8ea2b7ca516745bfeafc49904b496089");
    sha_kats();
    gcm_kat("AES-GCM test case 2", "00000000000000000000000000000000", "000000000000000000000000",
            "00000000000000000000000000000000", "0388dace60b6a392f328c2b971b2fe78",
            "ab6e47d42cec13bdf53a67b21257bddf");
    gcm_kat("AES-GCM test case 3", "feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
            "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
            "4d5c2af327cd64a62cf35abd2ba6fab4");
    pmull_checks();
    crc_checks();
    raw();
    printf("%d known-answer failures\n", failures);
    nt_done("neon_crypto");
    return failures != 0;
}
