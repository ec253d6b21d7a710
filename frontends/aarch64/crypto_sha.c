/* crypto_sha.c — the SHA-1 and SHA-256 instructions of the Arm crypto
 * extension (SHA1C/P/M, SHA1SU0/SU1, SHA1H, SHA256H/H2, SHA256SU0/SU1) as
 * helpers for trans_crypto.c, following the Arm ARM pseudocode.
 *
 * A V register is four 32-bit words, word 0 in bits 31:0. The hash helpers
 * run four rounds on the state held in Vd (and Vn), the pseudocode's
 * "<Y, X> = ROL(Y : X, 32)" becoming a rename of words.
 *
 * Invariants: every helper reads all its operands before writing Vd (Vd may
 * alias Vn or Vm) and writes all 128 bits of Vd (SHA1H zeroes bits 127:32).
 */
#include "frontends/aarch64/a64_vec.h"
#include "frontends/aarch64/simd2_helpers.h"

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
    a64_vreg x = a64_vget(cpu, A64V_RD(insn)), w = a64_vget(cpu, A64V_RM(insn));
    uint32_t y = a64_vget(cpu, A64V_RN(insn)).s[0];
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
    a64_vput(cpu, A64V_RD(insn), &x);
    return 0;
}

uint64_t a64_helper_sha1su0(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    a64_vreg d = a64_vget(cpu, A64V_RD(insn)), n = a64_vget(cpu, A64V_RN(insn));
    a64_vreg m = a64_vget(cpu, A64V_RM(insn)), r;
    r.d[0] = d.d[1] ^ d.d[0] ^ m.d[0];
    r.d[1] = n.d[0] ^ d.d[1] ^ m.d[1];
    a64_vput(cpu, A64V_RD(insn), &r);
    return 0;
}

uint64_t a64_helper_sha1h(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    a64_vreg r = { .d = { 0, 0 } };
    r.s[0] = rol32(a64_vget(cpu, A64V_RN(insn)).s[0], 30);
    a64_vput(cpu, A64V_RD(insn), &r);
    return 0;
}

uint64_t a64_helper_sha1su1(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    a64_vreg d = a64_vget(cpu, A64V_RD(insn)), n = a64_vget(cpu, A64V_RN(insn)), r;
    uint32_t t[4] = { d.s[0] ^ n.s[1], d.s[1] ^ n.s[2], d.s[2] ^ n.s[3], d.s[3] };
    for (int i = 0; i < 4; i++)
        r.s[i] = rol32(t[i], 1);
    r.s[3] ^= rol32(t[0], 2);
    a64_vput(cpu, A64V_RD(insn), &r);
    return 0;
}

/* SHA256H: X = Vd, Y = Vn, result X; SHA256H2: X = Vn, Y = Vd, result Y */
uint64_t a64_helper_sha256h(struct cpu *cpu, uint64_t insn, uint64_t part1, uint64_t u2,
                            uint64_t u3)
{
    (void)u2, (void)u3;
    a64_vreg d = a64_vget(cpu, A64V_RD(insn)), n = a64_vget(cpu, A64V_RN(insn));
    a64_vreg w = a64_vget(cpu, A64V_RM(insn));
    a64_vreg x = part1 ? d : n, y = part1 ? n : d;
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
    a64_vput(cpu, A64V_RD(insn), part1 ? &x : &y);
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
    a64_vreg d = a64_vget(cpu, A64V_RD(insn)), n = a64_vget(cpu, A64V_RN(insn)), r;
    uint32_t t[4] = { d.s[1], d.s[2], d.s[3], n.s[0] };
    for (int e = 0; e < 4; e++)
        r.s[e] = sha256_sigma0(t[e]) + d.s[e];
    a64_vput(cpu, A64V_RD(insn), &r);
    return 0;
}

uint64_t a64_helper_sha256su1(struct cpu *cpu, uint64_t insn, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    a64_vreg d = a64_vget(cpu, A64V_RD(insn)), n = a64_vget(cpu, A64V_RN(insn));
    a64_vreg m = a64_vget(cpu, A64V_RM(insn)), r;
    uint32_t t0[4] = { n.s[1], n.s[2], n.s[3], m.s[0] };
    r.s[0] = sha256_sigma1(m.s[2]) + d.s[0] + t0[0];
    r.s[1] = sha256_sigma1(m.s[3]) + d.s[1] + t0[1];
    r.s[2] = sha256_sigma1(r.s[0]) + d.s[2] + t0[2];
    r.s[3] = sha256_sigma1(r.s[1]) + d.s[3] + t0[3];
    a64_vput(cpu, A64V_RD(insn), &r);
    return 0;
}
