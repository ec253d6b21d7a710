/* trans_crypto.c — the crypto extension: AES (AESE, AESD, AESMC, AESIMC),
 * SHA-1 (SHA1C/P/M, SHA1SU0, SHA1H, SHA1SU1) and SHA-256 (SHA256H/H2,
 * SHA256SU0/SU1). Each insn is one IR_CALL_RW_VEC helper call
 * (crypto_aes.c, crypto_sha.c); PMULL lives with the other three-different
 * ops in trans_simd2.c.
 *
 * Invariants:
 *  - every row needs its feature bit (A64_F_AES, A64_F_SHA1, A64_F_SHA2), so a
 *    -cpu model without it SIGILLs, as its HWCAP promises;
 *  - rows match whole encodings (size = 00, allocated opcodes only): the
 *    reserved ones of these classes match no row => SIGILL;
 *  - the AES-NI forms of the AES helpers are chosen when the host has AES-NI,
 *    the SHA-NI form of SHA256H/H2 when it has the SHA extensions; both forms
 *    compute the same function.
 */
#include <sys/platform/x86.h>

#include "frontends/aarch64/a64_internal.h"
#include "frontends/aarch64/simd2_helpers.h"

#define B (s->b)

typedef uint64_t (*vec_helper)(struct cpu *, uint64_t, uint64_t, uint64_t, uint64_t);

static void gen_vec_call(struct a64_ctx *s, vec_helper fn, uint32_t insn, uint64_t arg)
{
    gen_call(B, (void *)fn, IR_CALL_RW_VEC, 2, gen_const(B, insn), gen_const(B, (int64_t)arg), 0, 0);
}

/* host features come from glibc's copy of CPUID (<sys/platform/x86.h>):
 * __builtin_cpu_supports would pull in libgcc's detection constructor, which
 * runs a dozen CPUIDs (each a VM exit) in every tern process */
static bool host_has_aesni(void)
{
    return CPU_FEATURE_ACTIVE(AES);
}

/* AESE, AESD, AESMC, AESIMC: opcode bits 13:12 */
static bool trans_aes(struct a64_ctx *s, uint32_t insn)
{
    static const vec_helper portable[4] = {
        a64_helper_aese, a64_helper_aesd, a64_helper_aesmc, a64_helper_aesimc,
    };
    static const vec_helper ni[4] = {
        a64_helper_aese_ni, a64_helper_aesd_ni, a64_helper_aesmc_ni, a64_helper_aesimc_ni,
    };
    unsigned op = a64_bits(insn, 12, 2);
    gen_vec_call(s, host_has_aesni() ? ni[op] : portable[op], insn, 0);
    return true;
}

/* SHA1C, SHA1P, SHA1M, SHA1SU0: opcode bits 13:12 */
static bool trans_sha1_3reg(struct a64_ctx *s, uint32_t insn)
{
    gen_vec_call(s, a64_bits(insn, 12, 2) == 3 ? a64_helper_sha1su0 : a64_helper_sha1_hash, insn, 0);
    return true;
}

/* SSE4.1 and SHA */
static bool host_has_sha_ni(void)
{
    return CPU_FEATURE_ACTIVE(SSE4_1) && CPU_FEATURE_ACTIVE(SHA);
}

/* SHA256H, SHA256H2, SHA256SU1: opcode bits 13:12 = 00, 01, 10 */
static bool trans_sha256_3reg(struct a64_ctx *s, uint32_t insn)
{
    vec_helper h = host_has_sha_ni() ? a64_helper_sha256h_ni : a64_helper_sha256h;
    switch (a64_bits(insn, 12, 2)) {
    case 0: gen_vec_call(s, h, insn, 1); return true;
    case 1: gen_vec_call(s, h, insn, 0); return true;
    case 2: gen_vec_call(s, a64_helper_sha256su1, insn, 0); return true;
    default: return false;
    }
}

/* SHA1H (opcode 00000), SHA1SU1 (00001) */
static bool trans_sha1_2reg(struct a64_ctx *s, uint32_t insn)
{
    gen_vec_call(s, a64_bits(insn, 12, 1) ? a64_helper_sha1su1 : a64_helper_sha1h, insn, 0);
    return true;
}

static bool trans_sha256su0(struct a64_ctx *s, uint32_t insn)
{
    gen_vec_call(s, a64_helper_sha256su0, insn, 0);
    return true;
}

/* Columns: mask, match, features, name, trans */
const struct a64_pattern a64_crypto_patterns[] = {
    /* AES: 01001110 00 10100 001 op(2) 10 Rn Rd */
    { 0xffffcc00, 0x4e284800, A64_F_AES,  "aes",          trans_aes },
    /* crypto three-register SHA: 01011110 00 0 Rm 0 opcode(3) 00 Rn Rd */
    { 0xffe0cc00, 0x5e000000, A64_F_SHA1, "sha1 3reg",    trans_sha1_3reg },
    { 0xffe0cc00, 0x5e004000, A64_F_SHA2, "sha256 3reg",  trans_sha256_3reg },
    /* crypto two-register SHA: 01011110 00 10100 opcode(5) 10 Rn Rd */
    { 0xffffec00, 0x5e280800, A64_F_SHA1, "sha1 2reg",    trans_sha1_2reg },
    { 0xfffffc00, 0x5e282800, A64_F_SHA2, "sha256su0",    trans_sha256su0 },
    { 0, 0, 0, NULL, NULL },
};
