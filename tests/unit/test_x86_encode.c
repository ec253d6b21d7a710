/* test_x86_encode.c — every encoding jit/x86_emit.h can produce, checked
 * against capstone.
 *
 * Each case emits one instruction into a buffer, disassembles it with
 * capstone 4 (Intel syntax) and compares "mnemonic op_str" with a string built
 * here independently of the encoder: register names come from tables, memory
 * operands are spelled out from the struct xrm fields and immediates are
 * formatted the way capstone 4 prints them. Every case also checks that exactly
 * one instruction was decoded and that it used every emitted byte; the plain
 * ModRM helpers additionally check the length against the shortest encoding
 * (disp8 when it fits, no SIB unless needed, REX only when needed).
 *
 * Mismatches are collected per test (the first few are printed with the
 * bytes) and the test fails if there was any.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <capstone/capstone.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jit/x86_emit.h"

/* ---- register names ---- */

static const char *const r64[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
static const char *const r32[16] = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
                                    "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
static const char *const r16[16] = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
                                    "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
static const char *const r8n[16] = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
                                    "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};
static const char *const xmm[16] = {"xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6",
                                    "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13",
                                    "xmm14", "xmm15"};
static const char *const ccn[16] = {"o", "no", "b", "ae", "e", "ne", "be", "a",
                                    "s", "ns", "p", "np", "l", "ge", "le", "g"};
static const char *const alun[8] = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};

static const char *rn(int r, int size)
{
    switch (size) {
    case 1: return r8n[r];
    case 2: return r16[r];
    case 4: return r32[r];
    default: return r64[r];
    }
}

static const char *ptr_name(int size)
{
    switch (size) {
    case 0: return "";
    case 1: return "byte ptr ";
    case 2: return "word ptr ";
    case 4: return "dword ptr ";
    default: return "qword ptr ";
    }
}

/* capstone 4 prints numbers > 9 in hex, small ones in decimal */
static void fmt_unsigned(char *out, size_t n, uint64_t v)
{
    if (v > 9)
        snprintf(out, n, "0x%" PRIx64, v);
    else
        snprintf(out, n, "%" PRIu64, v);
}

static void fmt_signed(char *out, size_t n, int64_t v)
{
    if (v >= 0) {
        fmt_unsigned(out, n, (uint64_t)v);
    } else {
        char tmp[32];
        fmt_unsigned(tmp, sizeof(tmp), (uint64_t)0 - (uint64_t)v);
        snprintf(out, n, "-%s", tmp);
    }
}

static uint64_t size_mask(int size)
{
    return size >= 8 ? ~0ull : (1ull << (8 * size)) - 1;
}

/* An immediate as capstone 4 prints it. `decoded` is the value the decoder
 * produces (imm8: sign-extended; imm32 of a 32-bit op: zero-extended; imm32
 * of a 64-bit op: sign-extended). and/or/xor and narrow movs print negative
 * values masked to the operand size. */
static const char *imm_str(const char *mn, int64_t decoded, int opsize)
{
    static char bufs[4][40];
    static int k;
    char *out = bufs[k++ & 3];
    bool logic = !strcmp(mn, "and") || !strcmp(mn, "or") || !strcmp(mn, "xor");
    bool mov = !strcmp(mn, "mov");
    if (decoded < 0 && (logic || (mov && opsize < 8)))
        fmt_unsigned(out, 40, (uint64_t)decoded & size_mask(opsize));
    else
        fmt_signed(out, 40, decoded);
    return out;
}

/* "qword ptr [base + index*scale +/- disp]" */
static const char *mem_str(int size, struct xrm m)
{
    static char bufs[4][96];
    static int k;
    char *out = bufs[k++ & 3];
    int n = snprintf(out, 96, "%s[%s", ptr_name(size), r64[m.base]);
    if (m.index >= 0) {
        if (m.scale == 1)
            n += snprintf(out + n, 96 - n, " + %s", r64[m.index]);
        else
            n += snprintf(out + n, 96 - n, " + %s*%d", r64[m.index], m.scale);
    }
    if (m.disp != 0) {
        char d[32];
        int64_t v = m.disp;
        fmt_unsigned(d, sizeof(d), (uint64_t)(v < 0 ? -v : v));
        n += snprintf(out + n, 96 - n, " %c %s", v < 0 ? '-' : '+', d);
    }
    snprintf(out + n, 96 - n, "]");
    return out;
}

/* independent length of ModRM + SIB + displacement */
static int modrm_len(struct xrm m)
{
    if (!m.is_mem)
        return 1;
    int n = 1;
    if (m.index >= 0 || (m.base & 7) == RSP)
        n++;
    if (m.disp == 0 && (m.base & 7) != RBP)
        ;
    else if (m.disp >= -128 && m.disp <= 127)
        n += 1;
    else
        n += 4;
    return n;
}

/* is a REX prefix required: W, any extended register, or a byte register
 * spl/bpl/sil/dil (byte_reg / byte_rm say which operands are byte registers) */
static int rex_len(bool w, int reg, struct xrm m, bool byte_reg, bool byte_rm)
{
    if (w || reg >= 8 || (m.base >= 8) || (m.is_mem && m.index >= 8))
        return 1;
    if (byte_reg && reg >= 4 && reg < 8)
        return 1;
    if (byte_rm && !m.is_mem && m.base >= 4 && m.base < 8)
        return 1;
    return 0;
}

/* ---- memory operand sets ---- */

static const int32_t disps_full[] = {0, 1, -1, 9, -10, 0x10, 127, -128, 128, -129,
                                     0x12345678, -0x12345678, INT32_MAX, INT32_MIN};
#define NDISP_FULL (sizeof(disps_full) / sizeof(disps_full[0]))

static struct xrm *mem_full;
static int nmem_full;
static struct xrm *mem_small;
static int nmem_small;

static void build_mem_sets(void)
{
    static const int scales[4] = {1, 2, 4, 8};
    mem_full = malloc(sizeof(struct xrm) * 16 * 61 * NDISP_FULL);
    mem_small = malloc(sizeof(struct xrm) * 1024);
    nmem_full = nmem_small = 0;
    for (int base = 0; base < 16; base++)
        for (int index = -1; index < 16; index++) {
            if (index == RSP)
                continue; /* not encodable as an index */
            for (int s = 0; s < (index < 0 ? 1 : 4); s++)
                for (unsigned d = 0; d < NDISP_FULL; d++)
                    mem_full[nmem_full++] = index < 0 ? RM_M(base, disps_full[d])
                                                      : RM_MX(base, index, scales[s], disps_full[d]);
        }
    /* small set: every base with disp 0 / disp8 (neg) / disp32 (pos and neg);
     * every index with every scale, over bases that need special handling */
    static const int32_t sd[] = {0, -8, 0x80, -0x12345678};
    for (int base = 0; base < 16; base++)
        for (unsigned d = 0; d < 4; d++)
            mem_small[nmem_small++] = RM_M(base, sd[d]);
    static const int sbase[] = {RAX, RSP, RBP, R12, R13, R15};
    int k = 0;
    for (unsigned b = 0; b < 6; b++)
        for (int index = 0; index < 16; index++) {
            if (index == RSP)
                continue;
            mem_small[nmem_small++] = RM_MX(sbase[b], index, scales[k & 3], sd[(k / 4) & 3]);
            k++;
        }
}

/* ---- the checker ---- */

static csh cs;
static uint8_t code[256];
static struct xbuf xb;
static int nfail;
static long nchecks;

static struct xbuf *X(void)
{
    xb_init(&xb, code, sizeof(code));
    return &xb;
}

static void report(const char *why, const char *expect, const char *got)
{
    nfail++;
    if (nfail > 25)
        return;
    char hex[3 * 64 + 1] = "";
    for (uint8_t *q = code; q < xb.p && q < code + 64; q++)
        snprintf(hex + 3 * (q - code), 4, "%02x ", *q);
    print_error("  %s\n    expected: %s\n    got:      %s\n    bytes:    %s\n", why, expect, got,
                hex);
}

/* disassemble the emitted bytes at host address `addr` and compare */
static void check_at(uint64_t addr, int exp_len, const char *fmt, ...)
{
    char expect[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(expect, sizeof(expect), fmt, ap);
    va_end(ap);
    nchecks++;
    size_t len = (size_t)(xb.p - code);
    if (xb.overflow) {
        report("buffer overflow", expect, "");
        return;
    }
    cs_insn *in = NULL;
    size_t n = cs_disasm(cs, code, len, addr, 0, &in);
    char got[256] = "";
    if (n >= 1)
        snprintf(got, sizeof(got), "%s%s%s", in[0].mnemonic, in[0].op_str[0] ? " " : "",
                 in[0].op_str);
    if (n != 1)
        report(n ? "more than one instruction" : "no instruction decoded", expect, got);
    else if (in[0].size != len)
        report("instruction does not use every byte", expect, got);
    else if (strcmp(expect, got))
        report("text mismatch", expect, got);
    else if (exp_len >= 0 && (size_t)exp_len != len) {
        char l[320];
        snprintf(l, sizeof(l), "%s (length %zu, shortest is %d)", got, len, exp_len);
        report("not the shortest encoding", expect, l);
    }
    if (n)
        cs_free(in, n);
}

#define check(...) check_at(0x1000, -1, __VA_ARGS__)
#define check_len(len, ...) check_at(0x1000, (len), __VA_ARGS__)

static void check_empty(const char *what)
{
    nchecks++;
    if (xb.p != code)
        report("expected no bytes", what, "some bytes");
}

static void done(void)
{
    if (nfail)
        print_error("%d of %ld encodings wrong\n", nfail, nchecks);
    assert_int_equal(nfail, 0);
    assert_true(nchecks > 0);
}

static int setup(void **state)
{
    (void)state;
    nfail = 0;
    nchecks = 0;
    return 0;
}

static int group_setup(void **state)
{
    (void)state;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK)
        return -1;
    build_mem_sets();
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    cs_close(&cs);
    free(mem_full);
    free(mem_small);
    return 0;
}

/* ---- integer ALU ---- */

static const int32_t imms[] = {0, 1, 9, 10, -1, -9, -10, 127, -128, 128, -129, 0x7fff, -0x8000,
                               0x12345678, -0x12345678, INT32_MAX, INT32_MIN};
#define NIMMS (sizeof(imms) / sizeof(imms[0]))

static void test_alu_reg_rm(void **state)
{
    (void)state;
    for (int alu = 0; alu < 8; alu++)
        for (int w = 0; w < 2; w++) {
            int sz = w ? 8 : 4;
            for (int reg = 0; reg < 16; reg++) {
                for (int r = 0; r < 16; r++) {
                    emit_alu_r_rm(X(), alu, w, reg, RM_R(r));
                    check_len(1 + rex_len(w, reg, RM_R(r), 0, 0) + 1, "%s %s, %s", alun[alu],
                              rn(reg, sz), rn(r, sz));
                    emit_alu_rm_r(X(), alu, w, RM_R(r), reg);
                    check_len(1 + rex_len(w, reg, RM_R(r), 0, 0) + 1, "%s %s, %s", alun[alu],
                              rn(r, sz), rn(reg, sz));
                }
                for (int i = 0; i < nmem_small; i++) {
                    struct xrm m = mem_small[i];
                    int len = rex_len(w, reg, m, 0, 0) + 1 + modrm_len(m);
                    emit_alu_r_rm(X(), alu, w, reg, m);
                    check_len(len, "%s %s, %s", alun[alu], rn(reg, sz), mem_str(sz, m));
                    emit_alu_rm_r(X(), alu, w, m, reg);
                    check_len(len, "%s %s, %s", alun[alu], mem_str(sz, m), rn(reg, sz));
                }
            }
        }
    /* every memory operand shape, with a low and a high register */
    static const int regs[] = {RAX, RSP, R9, R15};
    for (unsigned k = 0; k < 4; k++)
        for (int w = 0; w < 2; w++)
            for (int i = 0; i < nmem_full; i++) {
                struct xrm m = mem_full[i];
                int sz = w ? 8 : 4;
                emit_alu_r_rm(X(), ALU_ADD, w, regs[k], m);
                check_len(rex_len(w, regs[k], m, 0, 0) + 1 + modrm_len(m), "add %s, %s",
                          rn(regs[k], sz), mem_str(sz, m));
            }
    done();
}

static void test_alu_imm(void **state)
{
    (void)state;
    for (int alu = 0; alu < 8; alu++)
        for (int w = 0; w < 2; w++) {
            int sz = w ? 8 : 4;
            for (unsigned i = 0; i < NIMMS; i++) {
                int32_t v = imms[i];
                bool short_form = v >= -128 && v <= 127;
                int64_t dec = short_form || w ? (int64_t)v : (int64_t)(uint32_t)v;
                for (int r = 0; r < 16; r++) {
                    emit_alu_rm_i(X(), alu, w, RM_R(r), v);
                    check_len(rex_len(w, 0, RM_R(r), 0, 0) + 2 + (short_form ? 1 : 4), "%s %s, %s",
                              alun[alu], rn(r, sz), imm_str(alun[alu], dec, sz));
                }
                for (int k = 0; k < nmem_small; k++) {
                    struct xrm m = mem_small[k];
                    emit_alu_rm_i(X(), alu, w, m, v);
                    check_len(rex_len(w, 0, m, 0, 0) + 1 + modrm_len(m) + (short_form ? 1 : 4),
                              "%s %s, %s", alun[alu], mem_str(sz, m), imm_str(alun[alu], dec, sz));
                }
            }
        }
    done();
}

static void test_mov_lea_test(void **state)
{
    (void)state;
    for (int w = 0; w < 2; w++) {
        int sz = w ? 8 : 4;
        for (int d = 0; d < 16; d++)
            for (int s = 0; s < 16; s++) {
                emit_mov_rr(X(), w, d, s);
                if (d == s) /* elided at both widths (emit_movzx(4) zero-extends in place) */
                    check_empty("mov to itself elided");
                else
                    check_len(rex_len(w, d, RM_R(s), 0, 0) + 2, "mov %s, %s", rn(d, sz), rn(s, sz));
                emit_test_rr(X(), w, d, s);
                check_len(rex_len(w, s, RM_R(d), 0, 0) + 2, "test %s, %s", rn(d, sz), rn(s, sz));
            }
        for (int r = 0; r < 16; r++) {
            for (int i = 0; i < nmem_small; i++) {
                struct xrm m = mem_small[i];
                int len = rex_len(w, r, m, 0, 0) + 1 + modrm_len(m);
                emit_mov_r_m(X(), w, r, m);
                check_len(len, "mov %s, %s", rn(r, sz), mem_str(sz, m));
                emit_mov_m_r(X(), w, m, r);
                check_len(len, "mov %s, %s", mem_str(sz, m), rn(r, sz));
                emit_lea(X(), w, r, m);
                check_len(len, "lea %s, %s", rn(r, sz), mem_str(0, m));
            }
            for (unsigned i = 0; i < NIMMS; i++) {
                int32_t v = imms[i];
                emit_test_ri(X(), w, r, v);
                check_len(rex_len(w, 0, RM_R(r), 0, 0) + 6, "test %s, %s", rn(r, sz),
                          imm_str("test", w ? (int64_t)v : (int64_t)(uint32_t)v, sz));
            }
        }
        for (int i = 0; i < nmem_full; i++) {
            struct xrm m = mem_full[i];
            emit_lea(X(), w, R10, m);
            check_len(rex_len(w, R10, m, 0, 0) + 1 + modrm_len(m), "lea %s, %s", rn(R10, sz),
                      mem_str(0, m));
            emit_mov_m_r(X(), w, m, RDX);
            check_len(rex_len(w, RDX, m, 0, 0) + 1 + modrm_len(m), "mov %s, %s", mem_str(sz, m),
                      rn(RDX, sz));
        }
    }
    done();
}

static void test_store_load(void **state)
{
    (void)state;
    static const int sizes[4] = {1, 2, 4, 8};
    for (unsigned s = 0; s < 4; s++) {
        int sz = sizes[s];
        for (int r = 0; r < 16; r++)
            for (int i = 0; i < nmem_small; i++) {
                struct xrm m = mem_small[i];
                emit_store(X(), sz, m, r);
                check_len((sz == 2) + rex_len(sz == 8, r, m, sz == 1, 0) + 1 + modrm_len(m),
                          "mov %s, %s", mem_str(sz, m), rn(r, sz));
                for (int sign = 0; sign < 2; sign++) {
                    emit_load(X(), sz, sign, r, m);
                    const char *mn = sz == 8 ? "mov" : sz == 4 ? (sign ? "movsxd" : "mov")
                                   : sign ? "movsx" : "movzx";
                    int dsz = sz == 8 || sign ? 8 : 4;
                    int oplen = sz < 4 ? 2 : 1;
                    check_len(rex_len(dsz == 8, r, m, 0, 0) + oplen + modrm_len(m), "%s %s, %s", mn,
                              rn(r, dsz), mem_str(sz, m));
                }
            }
        for (unsigned i = 0; i < NIMMS; i++) {
            int32_t v = imms[i];
            int64_t dec = sz == 1 ? (int8_t)v : sz == 2 ? (int16_t)v : (int64_t)v;
            for (int k = 0; k < nmem_small; k++) {
                struct xrm m = mem_small[k];
                emit_store_i(X(), sz, m, v);
                check_len((sz == 2) + rex_len(sz == 8, 0, m, 0, 0) + 1 + modrm_len(m) +
                              (sz == 8 ? 4 : sz),
                          "mov %s, %s", mem_str(sz, m), imm_str("mov", dec, sz));
            }
        }
        for (int i = 0; i < nmem_full; i++) {
            struct xrm m = mem_full[i];
            emit_store(X(), sz, m, RSI);
            check("mov %s, %s", mem_str(sz, m), rn(RSI, sz));
            emit_load(X(), sz, true, R13, m);
            check("%s %s, %s", sz == 8 ? "mov" : sz == 4 ? "movsxd" : "movsx", r64[R13],
                  mem_str(sz, m));
        }
    }
    done();
}

static void test_mov_ri(void **state)
{
    (void)state;
    static const uint64_t vals[] = {
        0, 1, 9, 10, 0x7f, 0x80, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
        0x100000000ull, 0x123456789abcdef0ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
        (uint64_t)-1, (uint64_t)-5, (uint64_t)-500, (uint64_t)(int64_t)INT32_MIN,
        0xffffffff7fffffffull, 0xfffffffe00000000ull, 0x00000001ffffffffull};
    for (int r = 0; r < 16; r++)
        for (unsigned i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
            for (int keep = 0; keep < 2; keep++) {
                uint64_t v = vals[i];
                int hi = r >= 8;
                emit_mov_ri_f(X(), r, v, keep);
                if (v == 0 && !keep) /* xor r32, r32 */
                    check_len(2 + hi, "xor %s, %s", r32[r], r32[r]);
                else if (v <= 0xffffffffull) /* mov r32, imm32 (zero-extends) */
                    check_len(5 + hi, "mov %s, %s", r32[r], imm_str("mov", (int64_t)v, 4));
                else if ((int64_t)v >= INT32_MIN && (int64_t)v < 0) /* mov r64, simm32 */
                    check_len(7, "mov %s, %s", r64[r], imm_str("mov", (int64_t)v, 8));
                else /* movabs */
                    check_len(10, "movabs %s, 0x%" PRIx64, r64[r], v);
            }
    /* emit_mov_ri is the flags-clobbering variant */
    emit_mov_ri(X(), R12, 0);
    check("xor r12d, r12d");
    emit_mov_ri(X(), R12, 0x1234);
    check("mov r12d, 0x1234");
    done();
}

static void test_shifts(void **state)
{
    (void)state;
    static const int shs[5] = {SH_ROL, SH_ROR, SH_SHL, SH_SHR, SH_SAR};
    static const char *const shn[5] = {"rol", "ror", "shl", "shr", "sar"};
    for (int k = 0; k < 5; k++)
        for (int w = 0; w < 2; w++) {
            int sz = w ? 8 : 4;
            for (int r = 0; r < 16; r++) {
                for (int c = 1; c < (w ? 64 : 32); c++) {
                    emit_shift_i(X(), shs[k], w, r, c);
                    check_len(rex_len(w, 0, RM_R(r), 0, 0) + (c == 1 ? 2 : 3), "%s %s, %s", shn[k],
                              rn(r, sz), imm_str(shn[k], c, 1));
                }
                emit_shift_cl(X(), shs[k], w, r);
                check("%s %s, cl", shn[k], rn(r, sz));
            }
        }
    /* BMI2 shlx/shrx/sarx: every dst, src, count register */
    static const int xs[3] = {SH_SHL, SH_SHR, SH_SAR};
    static const char *const xn[3] = {"shlx", "shrx", "sarx"};
    for (int k = 0; k < 3; k++)
        for (int w = 0; w < 2; w++)
            for (int d = 0; d < 16; d++)
                for (int s = 0; s < 16; s++)
                    for (int c = 0; c < 16; c++) {
                        emit_shiftx(X(), xs[k], w, d, s, c);
                        check_len(5, "%s %s, %s, %s", xn[k], rn(d, w ? 8 : 4), rn(s, w ? 8 : 4),
                                  rn(c, w ? 8 : 4));
                    }
    /* BMI2 rorx: every dst and src, every count */
    for (int w = 0; w < 2; w++)
        for (int d = 0; d < 16; d++)
            for (int s = 0; s < 16; s++)
                for (int c = 0; c < (w ? 64 : 32); c += (d == s ? 1 : 7)) {
                    emit_rorx(X(), w, d, s, c);
                    check_len(6, "rorx %s, %s, %s", rn(d, w ? 8 : 4), rn(s, w ? 8 : 4),
                              imm_str("rorx", c, 1));
                }
    /* BMI1 andn: every dst, first and second source */
    for (int w = 0; w < 2; w++)
        for (int d = 0; d < 16; d++)
            for (int a = 0; a < 16; a++)
                for (int c = 0; c < 16; c++) {
                    emit_andn(X(), w, d, a, c);
                    check_len(5, "andn %s, %s, %s", rn(d, w ? 8 : 4), rn(a, w ? 8 : 4),
                              rn(c, w ? 8 : 4));
                }
    /* the VEX ladder with a memory operand (shlx r, [m], count) */
    for (int w = 0; w < 2; w++)
        for (int i = 0; i < nmem_small; i++) {
            struct xrm m = mem_small[i];
            emit_vex(X(), 2, 1, w, 0, R14, 0xf7, R9, m);
            check_len(3 + 1 + modrm_len(m), "shlx %s, %s, %s", rn(R9, w ? 8 : 4),
                      mem_str(w ? 8 : 4, m), rn(R14, w ? 8 : 4));
            emit_vex(X(), 2, 3, w, 0, RBX, 0xf7, RSI, m);
            check("shrx %s, %s, %s", rn(RSI, w ? 8 : 4), mem_str(w ? 8 : 4, m), rn(RBX, w ? 8 : 4));
        }
    done();
}

static void test_muldiv_unary(void **state)
{
    (void)state;
    static const char *const g3[8] = {NULL, NULL, "not", "neg", "mul", "imul", "div", "idiv"};
    for (int w = 0; w < 2; w++) {
        int sz = w ? 8 : 4;
        for (int r = 0; r < 16; r++) {
            for (int sub = 2; sub < 8; sub++) {
                emit_grp3(X(), sub, w, r);
                check_len(rex_len(w, 0, RM_R(r), 0, 0) + 2, "%s %s", g3[sub], rn(r, sz));
            }
            for (int s = 0; s < 16; s++) {
                emit_imul_rr(X(), w, r, s);
                check_len(rex_len(w, r, RM_R(s), 0, 0) + 3, "imul %s, %s", rn(r, sz), rn(s, sz));
                emit_imul_r_rm(X(), w, r, RM_R(s));
                check_len(rex_len(w, r, RM_R(s), 0, 0) + 3, "imul %s, %s", rn(r, sz), rn(s, sz));
                for (unsigned i = 0; i < NIMMS; i += (s == r ? 1 : 5)) {
                    int32_t v = imms[i];
                    bool sf = v >= -128 && v <= 127;
                    emit_imul_rri(X(), w, r, s, v);
                    check_len(rex_len(w, r, RM_R(s), 0, 0) + 2 + (sf ? 1 : 4), "imul %s, %s, %s",
                              rn(r, sz), rn(s, sz),
                              imm_str("imul", sf || w ? (int64_t)v : (int64_t)(uint32_t)v, sz));
                }
            }
            for (int i = 0; i < nmem_small; i++) {
                struct xrm m = mem_small[i];
                emit_imul_r_rm(X(), w, r, m);
                check_len(rex_len(w, r, m, 0, 0) + 2 + modrm_len(m), "imul %s, %s", rn(r, sz),
                          mem_str(sz, m));
            }
            static const char *const btn[4] = {"bt", "bts", "btr", "btc"};
            for (int op = BT_TEST; op <= BT_FLIP; op++)
                for (int bit = 0; bit < (w ? 64 : 32); bit += 7) {
                    emit_bt_ri(X(), op, w, r, bit);
                    check_len(rex_len(w, 0, RM_R(r), 0, 0) + 4, "%s %s, %s", btn[op - BT_TEST],
                              rn(r, sz), imm_str("bt", bit, 1));
                }
            emit_bswap(X(), w, r);
            check_len((w || r >= 8) + 2, "bswap %s", rn(r, sz));
        }
    }
    emit_cqo(X(), true);
    check_len(2, "cqo");
    emit_cqo(X(), false);
    check_len(1, "cdq");
    done();
}

static void test_setcc_cmov(void **state)
{
    (void)state;
    for (int cc = 0; cc < 16; cc++)
        for (int r = 0; r < 16; r++) {
            emit_setcc(X(), cc, r);
            check_len(rex_len(0, 0, RM_R(r), 0, 1) + 3, "set%s %s", ccn[cc], r8n[r]);
            for (int w = 0; w < 2; w++)
                for (int s = 0; s < 16; s++) {
                    emit_cmov(X(), cc, w, r, s);
                    check_len(rex_len(w, r, RM_R(s), 0, 0) + 3, "cmov%s %s, %s", ccn[cc],
                              rn(r, w ? 8 : 4), rn(s, w ? 8 : 4));
                }
        }
    done();
}

static void test_bitcount_ext(void **state)
{
    (void)state;
    static const struct { uint32_t op; bool f3; const char *name; } bc[] = {
        {0x0fbd, true, "lzcnt"}, {0x0fbc, true, "tzcnt"}, {0x0fb8, true, "popcnt"},
        {0x0fbd, false, "bsr"}, {0x0fbc, false, "bsf"}};
    for (unsigned k = 0; k < 5; k++)
        for (int w = 0; w < 2; w++)
            for (int d = 0; d < 16; d++)
                for (int s = 0; s < 16; s++) {
                    emit_bitcount(X(), bc[k].op, bc[k].f3, w, d, s);
                    check_len(bc[k].f3 + rex_len(w, d, RM_R(s), 0, 0) + 3, "%s %s, %s", bc[k].name,
                              rn(d, w ? 8 : 4), rn(s, w ? 8 : 4));
                }
    for (int d = 0; d < 16; d++)
        for (int s = 0; s < 16; s++) {
            emit_movsx(X(), 1, d, s);
            check("movsx %s, %s", r64[d], r8n[s]);
            emit_movsx(X(), 2, d, s);
            check("movsx %s, %s", r64[d], r16[s]);
            emit_movsx(X(), 4, d, s);
            check("movsxd %s, %s", r64[d], r32[s]);
            emit_movzx(X(), 1, d, s);
            check("movzx %s, %s", r32[d], r8n[s]);
            emit_movzx(X(), 2, d, s);
            check("movzx %s, %s", r32[d], r16[s]);
            emit_movzx(X(), 4, d, s);
            check("mov %s, %s", r32[d], r32[s]);
            emit_movzx8(X(), d, s);
            check("movzx %s, %s", r32[d], r8n[s]);
        }
    done();
}

static void test_stack_misc(void **state)
{
    (void)state;
    for (int r = 0; r < 16; r++) {
        emit_push(X(), r);
        check_len(1 + (r >= 8), "push %s", r64[r]);
        emit_pop(X(), r);
        check_len(1 + (r >= 8), "pop %s", r64[r]);
        emit_call_r(X(), r);
        check_len(2 + (r >= 8), "call %s", r64[r]);
        emit_jmp_rm(X(), RM_R(r));
        check_len(2 + (r >= 8), "jmp %s", r64[r]);
    }
    for (int i = 0; i < nmem_small; i++) {
        struct xrm m = mem_small[i];
        emit_jmp_rm(X(), m);
        check_len(rex_len(0, 0, m, 0, 0) + 1 + modrm_len(m), "jmp %s", mem_str(8, m));
        emit_ldmxcsr(X(), m);
        check("ldmxcsr %s", mem_str(4, m));
        emit_stmxcsr(X(), m);
        check("stmxcsr %s", mem_str(4, m));
    }
    emit_ret(X());
    check_len(1, "ret");
    emit_mfence(X());
    check_len(3, "mfence");
    /* nop_n(n): one instruction of n bytes */
    for (int n = 1; n <= 4; n++) {
        emit_nop_n(X(), n);
        check_len(n, n <= 2 ? "nop" : n == 3 ? "nop dword ptr [rax]" : "nop dword ptr [rax]");
    }
    /* nop(n): n one-byte nops */
    for (int n = 0; n < 20; n++) {
        emit_nop(X(), n);
        nchecks++;
        if (xb.p - code != n)
            report("nop count", "n bytes", "other");
        for (int i = 0; i < n; i++)
            if (code[i] != 0x90)
                report("nop byte", "90", "other");
    }
    done();
}

static void test_atomics(void **state)
{
    (void)state;
    static const int sizes[4] = {1, 2, 4, 8};
    for (unsigned s = 0; s < 4; s++) {
        int sz = sizes[s];
        for (int r = 0; r < 16; r++)
            for (int i = 0; i < nmem_small; i++) {
                struct xrm m = mem_small[i];
                int len = 1 + (sz == 2) + rex_len(sz == 8, r, m, sz == 1, 0) + 2 + modrm_len(m);
                emit_xadd(X(), sz, m, r);
                check_len(len, "lock xadd %s, %s", mem_str(sz, m), rn(r, sz));
                emit_cmpxchg(X(), sz, m, r);
                check_len(len, "lock cmpxchg %s, %s", mem_str(sz, m), rn(r, sz));
                emit_xchg(X(), sz, m, r);
                check_len(len - 2, "xchg %s, %s", mem_str(sz, m), rn(r, sz));
            }
    }
    done();
}

/* ---- branches and patching ---- */

static void test_branches(void **state)
{
    (void)state;
    uint8_t *big = malloc(1 << 17);
    assert_non_null(big);
    static const long targets[] = {0, 5, 6, 7, 100, 1000, 60000, -1, -6, -100, -40000};
    for (unsigned t = 0; t < sizeof(targets) / sizeof(targets[0]); t++)
        for (int cc = -1; cc < 16; cc++) {
            struct xbuf b;
            uint8_t *at = big + 65536;
            xb_init(&b, at, 16);
            uint8_t *f = cc < 0 ? emit_jmp32(&b) : emit_jcc32(&b, cc);
            size_t len = (size_t)(b.p - at);
            uint8_t *target = at + targets[t];
            patch_rel32(f, target);
            nchecks++;
            if (f != b.p - 4)
                report("rel32 field is not the last 4 bytes", "", "");
            cs_insn *in = NULL;
            size_t n = cs_disasm(cs, at, len, (uint64_t)(uintptr_t)at, 0, &in);
            char expect[256], got[256] = "";
            snprintf(expect, sizeof(expect), "%s 0x%" PRIx64, cc < 0 ? "jmp" : "j",
                     (uint64_t)(uintptr_t)target);
            if (cc >= 0)
                snprintf(expect, sizeof(expect), "j%s 0x%" PRIx64, ccn[cc],
                         (uint64_t)(uintptr_t)target);
            if (n == 1)
                snprintf(got, sizeof(got), "%s %s", in[0].mnemonic, in[0].op_str);
            if (n != 1 || in[0].size != len || len != (cc < 0 ? 5u : 6u) || strcmp(expect, got)) {
                memcpy(code, at, len);
                xb.p = code + len;
                report("rel32 branch", expect, got);
            }
            if (n)
                cs_free(in, n);
        }
    /* rel8: forward over 0..127 bytes, patched "here" */
    for (int dist = 0; dist <= 127; dist += (dist < 10 ? 1 : 13))
        for (int cc = -1; cc < 16; cc++) {
            struct xbuf b;
            xb_init(&b, big, 4096);
            uint8_t *f = cc < 0 ? emit_jmp8(&b) : emit_jcc8(&b, cc);
            emit_nop(&b, dist);
            patch_rel8_here(&b, f);
            char expect[256], got[256] = "";
            snprintf(expect, sizeof(expect), "%s%s 0x%" PRIx64, cc < 0 ? "jmp" : "j",
                     cc < 0 ? "" : ccn[cc], (uint64_t)(uintptr_t)(big + 2 + dist));
            cs_insn *in = NULL;
            size_t n = cs_disasm(cs, big, 2, (uint64_t)(uintptr_t)big, 1, &in);
            if (n == 1)
                snprintf(got, sizeof(got), "%s %s", in[0].mnemonic, in[0].op_str);
            nchecks++;
            if (n != 1 || in[0].size != 2 || f != big + 1 || b.overflow || strcmp(expect, got)) {
                memcpy(code, big, 2);
                xb.p = code + 2;
                report("rel8 branch", expect, got);
            }
            if (n)
                cs_free(in, n);
        }
    /* a rel8 target out of reach must not be encoded silently wrong */
    {
        struct xbuf b;
        xb_init(&b, big, 4096);
        uint8_t *f = emit_jcc8(&b, CC_E);
        emit_nop(&b, 128);
        patch_rel8_here(&b, f);
        nchecks++;
        if (!b.overflow)
            report("rel8 out of range", "overflow flagged", "silently patched");
    }
    free(big);
    done();
}

/* ---- SSE / VEX ---- */

static void test_sse(void **state)
{
    (void)state;
    static const struct { uint8_t op; const char *name; } ar[] = {
        {0x58, "add"}, {0x59, "mul"}, {0x5c, "sub"}, {0x5e, "div"}, {0x51, "sqrt"},
        {0x5d, "min"}, {0x5f, "max"}};
    for (int dbl = 0; dbl < 2; dbl++) {
        const char *sfx = dbl ? "sd" : "ss";
        int fsz = dbl ? 8 : 4;
        for (unsigned k = 0; k < 7; k++)
            for (int d = 0; d < 16; d++) {
                for (int s = 0; s < 16; s++) {
                    emit_sse_arith(X(), ar[k].op, dbl, d, RM_R(s));
                    check_len(1 + rex_len(0, d, RM_R(s), 0, 0) + 3, "%s%s %s, %s", ar[k].name, sfx,
                              xmm[d], xmm[s]);
                }
                for (int i = 0; i < nmem_small; i += 3) {
                    struct xrm m = mem_small[i];
                    emit_sse_arith(X(), ar[k].op, dbl, d, m);
                    check_len(1 + rex_len(0, d, m, 0, 0) + 2 + modrm_len(m), "%s%s %s, %s",
                              ar[k].name, sfx, xmm[d], mem_str(fsz, m));
                }
            }
        for (int x = 0; x < 16; x++) {
            for (int i = 0; i < nmem_small; i++) {
                struct xrm m = mem_small[i];
                emit_movsd_load(X(), dbl, x, m);
                check_len(1 + rex_len(0, x, m, 0, 0) + 2 + modrm_len(m), "mov%s %s, %s", sfx, xmm[x],
                          mem_str(fsz, m));
                emit_movsd_store(X(), dbl, m, x);
                check_len(1 + rex_len(0, x, m, 0, 0) + 2 + modrm_len(m), "mov%s %s, %s", sfx,
                          mem_str(fsz, m), xmm[x]);
            }
            for (int y = 0; y < 16; y++) {
                for (int sig = 0; sig < 2; sig++) {
                    emit_ucomi(X(), dbl, sig, x, y);
                    check("%s%s %s, %s", sig ? "comi" : "ucomi", sfx, xmm[x], xmm[y]);
                }
                emit_cvtf2f(X(), dbl, x, y);
                check("%s %s, %s", dbl ? "cvtsd2ss" : "cvtss2sd", xmm[x], xmm[y]);
            }
            for (int r = 0; r < 16; r++)
                for (int w = 0; w < 2; w++) {
                    emit_cvtsi2f(X(), dbl, w, x, r);
                    check("cvtsi2%s %s, %s", sfx, xmm[x], rn(r, w ? 8 : 4));
                    for (int trunc = 0; trunc < 2; trunc++) {
                        emit_cvtf2si(X(), dbl, w, trunc, r, x);
                        check("cvt%s%s2si %s, %s", trunc ? "t" : "", sfx, rn(r, w ? 8 : 4), xmm[x]);
                    }
                }
        }
    }
    for (int x = 0; x < 16; x++)
        for (int y = 0; y < 16; y++) {
            emit_movaps(X(), x, y);
            if (x == y)
                check_empty("movaps to itself elided");
            else
                check_len(rex_len(0, x, RM_R(y), 0, 0) + 3, "movaps %s, %s", xmm[x], xmm[y]);
        }
    for (int x = 0; x < 16; x++)
        for (int r = 0; r < 16; r++)
            for (int w = 0; w < 2; w++) {
                emit_movq_x_r(X(), w, x, r);
                check("%s %s, %s", w ? "movq" : "movd", xmm[x], rn(r, w ? 8 : 4));
                emit_movq_r_x(X(), w, r, x);
                check("%s %s, %s", w ? "movq" : "movd", rn(r, w ? 8 : 4), xmm[x]);
            }
    done();
}

static void test_fma(void **state)
{
    (void)state;
    static const struct { uint8_t kind; const char *name; } k4[] = {
        {0xa9, "vfmadd213"}, {0xab, "vfmsub213"}, {0xad, "vfnmadd213"}, {0xaf, "vfnmsub213"}};
    for (unsigned k = 0; k < 4; k++)
        for (int dbl = 0; dbl < 2; dbl++) {
            for (int d = 0; d < 16; d++)
                for (int s2 = 0; s2 < 16; s2++)
                    for (int s3 = 0; s3 < 16; s3++) {
                        emit_fma213(X(), k4[k].kind, dbl, d, s2, s3);
                        check_len(5, "%s%s %s, %s, %s", k4[k].name, dbl ? "sd" : "ss", xmm[d],
                                  xmm[s2], xmm[s3]);
                    }
            /* VEX with a memory third operand */
            for (int i = 0; i < nmem_small; i++) {
                struct xrm m = mem_small[i];
                emit_vex(X(), 2, 1, dbl, 0, 11, k4[k].kind, 4, m);
                check_len(3 + 1 + modrm_len(m), "%s%s %s, %s, %s", k4[k].name, dbl ? "sd" : "ss",
                          xmm[4], xmm[11], mem_str(dbl ? 8 : 4, m));
            }
        }
    done();
}

/* ---- buffer limits ---- */

static void test_overflow(void **state)
{
    (void)state;
    uint8_t mem[32];
    /* a 10-byte movabs into buffers of 0..9 bytes: flagged, nothing past end */
    for (int size = 0; size < 10; size++) {
        memset(mem, 0xa5, sizeof(mem));
        struct xbuf b;
        xb_init(&b, mem, (size_t)size);
        emit_mov_ri(&b, R9, 0x123456789abcdef0ull);
        assert_true(b.overflow);
        assert_ptr_equal(b.p, b.end);
        for (size_t i = (size_t)size; i < sizeof(mem); i++)
            assert_int_equal(mem[i], 0xa5);
    }
    /* exactly enough room: no overflow */
    struct xbuf b;
    xb_init(&b, mem, 10);
    emit_mov_ri(&b, R9, 0x123456789abcdef0ull);
    assert_false(b.overflow);
    assert_ptr_equal(b.p, mem + 10);
    /* a rel8 branch whose field fell off the end: patching must not write */
    memset(mem, 0xa5, sizeof(mem));
    xb_init(&b, mem, 1);
    uint8_t *f = emit_jcc8(&b, CC_E);
    patch_rel8_here(&b, f);
    assert_true(b.overflow);
    assert_int_equal(mem[1], 0xa5);
    /* the immediate and displacement bytes are little-endian */
    xb_init(&b, mem, sizeof(mem));
    emit_u64(&b, 0x0807060504030201ull);
    for (int i = 0; i < 8; i++)
        assert_int_equal(mem[i], i + 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_alu_reg_rm, setup),
        cmocka_unit_test_setup(test_alu_imm, setup),
        cmocka_unit_test_setup(test_mov_lea_test, setup),
        cmocka_unit_test_setup(test_store_load, setup),
        cmocka_unit_test_setup(test_mov_ri, setup),
        cmocka_unit_test_setup(test_shifts, setup),
        cmocka_unit_test_setup(test_muldiv_unary, setup),
        cmocka_unit_test_setup(test_setcc_cmov, setup),
        cmocka_unit_test_setup(test_bitcount_ext, setup),
        cmocka_unit_test_setup(test_stack_misc, setup),
        cmocka_unit_test_setup(test_atomics, setup),
        cmocka_unit_test_setup(test_branches, setup),
        cmocka_unit_test_setup(test_sse, setup),
        cmocka_unit_test_setup(test_fma, setup),
        cmocka_unit_test(test_overflow),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
