/* crypto_sha.c — the SHA-1 and SHA-256 instructions of the Arm crypto
 * extension (SHA1C/P/M, SHA1SU0/SU1, SHA1H, SHA256H/H2, SHA256SU0/SU1) as
 * helpers for trans_crypto.c, following the Arm ARM pseudocode.
 *
 * A V register is four 32-bit words, word 0 in bits 31:0. The hash helpers
 * run four rounds on the state held in Vd (and Vn), the pseudocode's
 * "<Y, X> = ROL(Y : X, 32)" becoming a rename of words.
 *
 * Registers are read and written as 64-bit halves (as generated code does,
 * so store-to-load forwarding works) and split into words in locals.
 * SHA256H/H2 also have a form using the host's SHA extensions (chosen by
 * trans_crypto.c): both halves of the state go through two SHA256RNDS2 and
 * the half the Arm insn returns is kept.
 *
 * Invariants: every helper reads all its operands before writing Vd (Vd may
 * alias Vn or Vm) and writes all 128 bits of Vd (SHA1H zeroes bits 127:32).
 */
#include <immintrin.h>

#include "frontends/aarch64/a64_vec.h"
#include "frontends/aarch64/simd2_helpers.h"

typedef struct {
    uint32_t s[4];
} words;

static inline words wget(const struct cpu *cpu, unsigned r)
{
    uint64_t lo = cpu->vreg[r & 31][0], hi = cpu->vreg[r & 31][1];
    words w = { { (uint32_t)lo, (uint32_t)(lo >> 32), (uint32_t)hi, (uint32_t)(hi >> 32) } };
    return w;
}
static inline void wput(struct cpu *cpu, unsigned r, const words *w)
{
    cpu->vreg[r & 31][0] = w->s[0] | (uint64_t)w->s[1] << 32;
    cpu->vreg[r & 31][1] = w->s[2] | (uint64_t)w->s[3] << 32;
}

static inline uint32_t rol32(uint32_t x, unsigned n)
{
    return x << n | x >> (32 - n);
}
static inline uint32_t ror32(uint32_t x, unsigned n)
{
    return x >> n | x << (32 - n);
}
static inline uint32_t sha_choose(uint32_t x, uint32_t y, uint32_t z)
{
    return ((y ^ z) & x) ^ z;
}
static inline uint32_t sha_majority(uint32_t x, uint32_t y, uint32_t z)
{
    return (x & y) | ((x | y) & z);
}
static inline uint32_t sha_parity(uint32_t x, uint32_t y, uint32_t z)
{
    return x ^ y ^ z;
}

/* SHA1C (choose), SHA1P (parity), SHA1M (majority): Qd, Sn, Vm.4S */
uint64_t a64_helper_sha1_hash(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    words x = wget(cpu, A64V_RD(insn)), w = wget(cpu, A64V_RM(insn));
    uint32_t y = (uint32_t)cpu->vreg[A64V_RN(insn)][0];
    unsigned op = (unsigned)(insn >> 12) & 3;
    for (int e = 0; e < 4; e++) {
        uint32_t t = op == 0 ? sha_choose(x.s[1], x.s[2], x.s[3])
                   : op == 1 ? sha_parity(x.s[1], x.s[2], x.s[3])
                             : sha_majority(x.s[1], x.s[2], x.s[3]);
        y += rol32(x.s[0], 5) + t + w.s[e];
        x.s[1] = rol32(x.s[1], 30);
        uint32_t top = x.s[3];
        x.s[3] = x.s[2];
        x.s[2] = x.s[1];
        x.s[1] = x.s[0];
        x.s[0] = y;
        y = top;
    }
    wput(cpu, A64V_RD(insn), &x);
    return 0;
}

uint64_t a64_helper_sha1su0(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    unsigned rd = A64V_RD(insn), rn = A64V_RN(insn), rm = A64V_RM(insn);
    uint64_t lo = cpu->vreg[rd][1] ^ cpu->vreg[rd][0] ^ cpu->vreg[rm][0];
    uint64_t hi = cpu->vreg[rn][0] ^ cpu->vreg[rd][1] ^ cpu->vreg[rm][1];
    cpu->vreg[rd][0] = lo;
    cpu->vreg[rd][1] = hi;
    return 0;
}

uint64_t a64_helper_sha1h(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    uint32_t e = (uint32_t)cpu->vreg[A64V_RN(insn)][0];
    cpu->vreg[A64V_RD(insn)][0] = rol32(e, 30);
    cpu->vreg[A64V_RD(insn)][1] = 0;
    return 0;
}

uint64_t a64_helper_sha1su1(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    words d = wget(cpu, A64V_RD(insn)), n = wget(cpu, A64V_RN(insn)), r;
    uint32_t t[4] = { d.s[0] ^ n.s[1], d.s[1] ^ n.s[2], d.s[2] ^ n.s[3], d.s[3] };
    for (int i = 0; i < 4; i++)
        r.s[i] = rol32(t[i], 1);
    r.s[3] ^= rol32(t[0], 2);
    wput(cpu, A64V_RD(insn), &r);
    return 0;
}

/* SHA256H: X = Vd, Y = Vn, result X; SHA256H2: X = Vn, Y = Vd, result Y */
uint64_t a64_helper_sha256h(struct cpu *cpu, uint64_t insn, uint64_t part1, uint64_t u2,
                            uint64_t u3)
{
    (void)u2, (void)u3;
    words d = wget(cpu, A64V_RD(insn)), n = wget(cpu, A64V_RN(insn));
    words w = wget(cpu, A64V_RM(insn));
    words x = part1 ? d : n, y = part1 ? n : d;
    for (int e = 0; e < 4; e++) {
        uint32_t chs = sha_choose(y.s[0], y.s[1], y.s[2]);
        uint32_t maj = sha_majority(x.s[0], x.s[1], x.s[2]);
        uint32_t sig1 = ror32(y.s[0], 6) ^ ror32(y.s[0], 11) ^ ror32(y.s[0], 25);
        uint32_t sig0 = ror32(x.s[0], 2) ^ ror32(x.s[0], 13) ^ ror32(x.s[0], 22);
        uint32_t t = y.s[3] + sig1 + chs + w.s[e];
        uint32_t x3 = t + x.s[3], y3 = t + sig0 + maj;
        /* rotate the 256-bit Y:X left by one word */
        x.s[3] = x.s[2];
        x.s[2] = x.s[1];
        x.s[1] = x.s[0];
        x.s[0] = y3;
        y.s[3] = y.s[2];
        y.s[2] = y.s[1];
        y.s[1] = y.s[0];
        y.s[0] = x3;
    }
    wput(cpu, A64V_RD(insn), part1 ? &x : &y);
    return 0;
}

static inline uint32_t sha256_sigma0(uint32_t x)
{
    return ror32(x, 7) ^ ror32(x, 18) ^ x >> 3;
}
static inline uint32_t sha256_sigma1(uint32_t x)
{
    return ror32(x, 17) ^ ror32(x, 19) ^ x >> 10;
}

uint64_t a64_helper_sha256su0(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    words d = wget(cpu, A64V_RD(insn)), n = wget(cpu, A64V_RN(insn)), r;
    uint32_t t[4] = { d.s[1], d.s[2], d.s[3], n.s[0] };
    for (int e = 0; e < 4; e++)
        r.s[e] = sha256_sigma0(t[e]) + d.s[e];
    wput(cpu, A64V_RD(insn), &r);
    return 0;
}

uint64_t a64_helper_sha256su1(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    words d = wget(cpu, A64V_RD(insn)), n = wget(cpu, A64V_RN(insn));
    words m = wget(cpu, A64V_RM(insn)), r;
    uint32_t t0[4] = { n.s[1], n.s[2], n.s[3], m.s[0] };
    r.s[0] = sha256_sigma1(m.s[2]) + d.s[0] + t0[0];
    r.s[1] = sha256_sigma1(m.s[3]) + d.s[1] + t0[1];
    r.s[2] = sha256_sigma1(r.s[0]) + d.s[2] + t0[2];
    r.s[3] = sha256_sigma1(r.s[1]) + d.s[3] + t0[3];
    wput(cpu, A64V_RD(insn), &r);
    return 0;
}

/* x86 keeps the SHA-256 state as ABEF and CDGH (A in the top dword), two
 * rounds per SHA256RNDS2; Arm as abcd and efgh (a in the low word), four
 * rounds per insn. */
__attribute__((target("sse4.1,sha")))
uint64_t a64_helper_sha256h_ni(struct cpu *cpu, uint64_t insn, uint64_t part1, uint64_t u2,
                               uint64_t u3)
{
    (void)u2, (void)u3;
    unsigned rd = A64V_RD(insn), rn = A64V_RN(insn), rm = A64V_RM(insn);
    /* 64-bit loads: generated code writes V registers in halves */
    __m128i d = _mm_set_epi64x((long long)cpu->vreg[rd][1], (long long)cpu->vreg[rd][0]);
    __m128i n = _mm_set_epi64x((long long)cpu->vreg[rn][1], (long long)cpu->vreg[rn][0]);
    __m128i w = _mm_set_epi64x((long long)cpu->vreg[rm][1], (long long)cpu->vreg[rm][0]);
    __m128i xr = _mm_shuffle_epi32(part1 ? d : n, 0x1b);    /* d c b a */
    __m128i yr = _mm_shuffle_epi32(part1 ? n : d, 0x1b);    /* h g f e */
    __m128i abef = _mm_unpackhi_epi64(yr, xr), cdgh = _mm_unpacklo_epi64(yr, xr);
    __m128i abef2 = _mm_sha256rnds2_epu32(cdgh, abef, w);
    __m128i abef4 = _mm_sha256rnds2_epu32(abef, abef2, _mm_shuffle_epi32(w, 0x0e));
    /* after four rounds CDGH is the ABEF of round two */
    __m128i r = part1 ? _mm_unpackhi_epi64(abef2, abef4) : _mm_unpacklo_epi64(abef2, abef4);
    r = _mm_shuffle_epi32(r, 0x1b);
    cpu->vreg[rd][0] = (uint64_t)_mm_cvtsi128_si64(r);
    cpu->vreg[rd][1] = (uint64_t)_mm_extract_epi64(r, 1);
    return 0;
}
