/* disas.c — riscv64 disassembler for `-d in_asm`, driven by the same decode
 * tables as the translator.
 *
 * Output follows GNU objdump's conventions: ABI register names, the common
 * pseudo-instructions (li, mv, ret, j, beqz, csrr, frflags, ...), shift
 * amounts and U-immediates in hex, other immediates in decimal, branch and
 * jump targets as absolute hex addresses without "0x", the rounding mode only
 * when it is not dyn. Compressed insns print as the insn they expand to.
 * Immediate-form mnemonics keep their "i" (addi, slli, rori), where objdump
 * 2.40 would print add/sll/ror.
 *
 * Operand syntax letters in a row's `args` string:
 *   d s t  x rd, rs1, rs2          D S T R  f rd, rs1, rs2, rs3
 *   i  imm (decimal)               h  shift amount (hex)
 *   u  U-type imm >> 12 (hex)      o  imm(rs1)          a  (rs1)
 *   b  pc-relative target          c  CSR name          z  uimm5 in rs1
 *   m  ",rm" unless dyn            f  fence pred,succ
 *
 * Invariant: decoding for display accepts every extension, whatever the -cpu
 * model; whether an insn is legal for the model is the translator's question.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "frontends/riscv64/rv_internal.h"

const char *const rv_xreg_names[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
    "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

const char *const rv_freg_names[32] = {
    "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2", "fa3",
    "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10",
    "fs11", "ft8", "ft9", "ft10", "ft11",
};

static const char *const rm_names[8] = { "rne", "rtz", "rdn", "rup", "rmm", "rm5", "rm6", "dyn" };

static const struct { uint16_t num; const char *name; } csr_names[] = {
    { 0x001, "fflags" }, { 0x002, "frm" }, { 0x003, "fcsr" },
    { 0x008, "vstart" }, { 0x009, "vxsat" }, { 0x00a, "vxrm" }, { 0x00f, "vcsr" },
    { 0x015, "seed" },
    { 0xc00, "cycle" }, { 0xc01, "time" }, { 0xc02, "instret" },
    { 0xc20, "vl" }, { 0xc21, "vtype" }, { 0xc22, "vlenb" },
    { 0xc80, "cycleh" }, { 0xc81, "timeh" }, { 0xc82, "instreth" },
    { 0x100, "sstatus" }, { 0x104, "sie" }, { 0x105, "stvec" }, { 0x106, "scounteren" },
    { 0x140, "sscratch" }, { 0x141, "sepc" }, { 0x142, "scause" }, { 0x143, "stval" },
    { 0x144, "sip" }, { 0x180, "satp" },
    { 0x300, "mstatus" }, { 0x301, "misa" }, { 0x302, "medeleg" }, { 0x303, "mideleg" },
    { 0x304, "mie" }, { 0x305, "mtvec" }, { 0x306, "mcounteren" }, { 0x340, "mscratch" },
    { 0x341, "mepc" }, { 0x342, "mcause" }, { 0x343, "mtval" }, { 0x344, "mip" },
    { 0xf11, "mvendorid" }, { 0xf12, "marchid" }, { 0xf13, "mimpid" }, { 0xf14, "mhartid" },
};

/* bounded appender: output is silently cut at the buffer's end */
struct sbuf {
    char *p;
    size_t len, cap;
};

static void put(struct sbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct sbuf *sb, const char *fmt, ...)
{
    if (sb->len >= sb->cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(sb->p + sb->len, sb->cap - sb->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        sb->len = sb->len + (size_t)n < sb->cap ? sb->len + (size_t)n : sb->cap - 1;
}

static void put_csr(struct sbuf *sb, unsigned csr)
{
    for (size_t i = 0; i < sizeof(csr_names) / sizeof(csr_names[0]); i++)
        if (csr_names[i].num == csr) {
            put(sb, "%s", csr_names[i].name);
            return;
        }
    if (csr >= 0xc03 && csr <= 0xc1f)
        put(sb, "hpmcounter%u", csr - 0xc00);
    else
        put(sb, "0x%x", csr);
}

static void put_fence_set(struct sbuf *sb, unsigned set)
{
    if (!set) {
        put(sb, "0");
        return;
    }
    static const char letters[] = "iorw";
    for (int i = 0; i < 4; i++)
        if (set & (8u >> i))
            put(sb, "%c", letters[i]);
}

/* exact conversions, whose rm binutils always encodes as rne */
static bool rm_is_implicit(const struct rv_insn *d)
{
    rv_trans_fn t = d->pat->trans;
    return d->rm == 0 && (t == trans_fcvt_d_w || t == trans_fcvt_d_wu || t == trans_fcvt_d_s);
}

static void put_args(struct sbuf *sb, const char *args, const struct rv_insn *d, uint64_t pc)
{
    for (const char *c = args; *c; c++) {
        switch (*c) {
        case 'd': put(sb, "%s", rv_xreg_names[d->rd]); break;
        case 's': put(sb, "%s", rv_xreg_names[d->rs1]); break;
        case 't': put(sb, "%s", rv_xreg_names[d->rs2]); break;
        case 'D': put(sb, "%s", rv_freg_names[d->rd]); break;
        case 'S': put(sb, "%s", rv_freg_names[d->rs1]); break;
        case 'T': put(sb, "%s", rv_freg_names[d->rs2]); break;
        case 'R': put(sb, "%s", rv_freg_names[d->rs3]); break;
        case 'i': put(sb, "%lld", (long long)d->imm); break;
        case 'h': put(sb, "0x%llx", (unsigned long long)d->imm); break;
        case 'u': put(sb, "0x%llx", (unsigned long long)(((uint64_t)d->imm >> 12) & 0xfffff)); break;
        case 'o': put(sb, "%lld(%s)", (long long)d->imm, rv_xreg_names[d->rs1]); break;
        case 'a': put(sb, "(%s)", rv_xreg_names[d->rs1]); break;
        case 'b': put(sb, "%llx", (unsigned long long)(pc + (uint64_t)d->imm)); break;
        case 'c': put_csr(sb, (unsigned)d->imm & 0xfff); break;
        case 'z': put(sb, "%u", d->rs1); break;
        case 'm':
            /* the comma before 'm' is only printed together with the mode */
            if (d->rm != 7 && !rm_is_implicit(d))
                put(sb, ",%s", rm_names[d->rm]);
            break;
        case 'f':
            put_fence_set(sb, (d->imm >> 4) & 15);
            put(sb, ",");
            put_fence_set(sb, d->imm & 15);
            break;
        case ',':
            if (c[1] != 'm')
                put(sb, ",");
            break;
        default:
            put(sb, "%c", *c);
            break;
        }
    }
}

struct form {
    const char *name;
    const char *args;
};

/* the pseudo-instruction objdump would show for d, if any */
static struct form alias(const struct rv_insn *d, char *namebuf, size_t namelen)
{
    rv_trans_fn t = d->pat->trans;
    struct form f = { d->pat->name, d->pat->args };
    unsigned csr = (unsigned)d->imm & 0xfff;

    if (t == trans_addi) {
        if (d->rd == 0 && d->rs1 == 0 && d->imm == 0)
            return (struct form){ "nop", "" };
        if (d->rs1 == 0)
            return (struct form){ "li", "d,i" };
        if (d->imm == 0)
            return (struct form){ "mv", "d,s" };
    } else if (t == trans_addiw && d->imm == 0) {
        return (struct form){ "sext.w", "d,s" };
    } else if (t == trans_xori && d->imm == -1) {
        return (struct form){ "not", "d,s" };
    } else if (t == trans_andi && d->imm == 255) {
        return (struct form){ "zext.b", "d,s" };
    } else if (t == trans_sltiu && d->imm == 1) {
        return (struct form){ "seqz", "d,s" };
    } else if (t == trans_sub && d->rs1 == 0) {
        return (struct form){ "neg", "d,t" };
    } else if (t == trans_subw && d->rs1 == 0) {
        return (struct form){ "negw", "d,t" };
    } else if (t == trans_slt && d->rs2 == 0) {
        return (struct form){ "sltz", "d,s" };
    } else if (t == trans_slt && d->rs1 == 0) {
        return (struct form){ "sgtz", "d,t" };
    } else if (t == trans_sltu && d->rs1 == 0) {
        return (struct form){ "snez", "d,t" };
    } else if (t == trans_add && d->rs1 == 0 && d->len == 2) {
        return (struct form){ "mv", "d,t" };    /* c.mv */
    } else if (t == trans_add_uw && d->rs2 == 0) {
        return (struct form){ "zext.w", "d,s" };
    } else if (t == trans_jal) {
        if (d->rd == 0)
            return (struct form){ "j", "b" };
        if (d->rd == RV_RA)
            return (struct form){ "jal", "b" };
    } else if (t == trans_jalr) {
        if (d->rd == 0 && d->rs1 == RV_RA && d->imm == 0)
            return (struct form){ "ret", "" };
        if (d->rd == 0)
            return (struct form){ "jr", d->imm ? "o" : "s" };
        if (d->rd == RV_RA)
            return (struct form){ "jalr", d->imm ? "o" : "s" };
        if (d->imm == 0)
            return (struct form){ "jalr", "d,s" };
    } else if ((t == trans_blt || t == trans_bge) && d->rs1 == 0) {
        return (struct form){ t == trans_blt ? "bgtz" : "blez", "t,b" };
    } else if ((t == trans_beq || t == trans_bne || t == trans_blt || t == trans_bge) &&
               d->rs2 == 0) {
        static const char *const z[] = { "beqz", "bnez", "bltz", "bgez" };
        int i = t == trans_beq ? 0 : t == trans_bne ? 1 : t == trans_blt ? 2 : 3;
        return (struct form){ z[i], "s,b" };
    } else if ((t == trans_fsgnj_s || t == trans_fsgnj_d || t == trans_fsgnjn_s ||
                t == trans_fsgnjn_d || t == trans_fsgnjx_s || t == trans_fsgnjx_d) &&
               d->rs1 == d->rs2) {
        const char *base = (t == trans_fsgnj_s || t == trans_fsgnj_d) ? "fmv"
                         : (t == trans_fsgnjn_s || t == trans_fsgnjn_d) ? "fneg" : "fabs";
        bool dbl = t == trans_fsgnj_d || t == trans_fsgnjn_d || t == trans_fsgnjx_d;
        snprintf(namebuf, namelen, "%s.%c", base, dbl ? 'd' : 's');
        return (struct form){ namebuf, "D,S" };
    } else if (t == trans_fence) {
        unsigned fm = (d->imm >> 8) & 15, pred = (d->imm >> 4) & 15, succ = d->imm & 15;
        if (fm == 8 && pred == 3 && succ == 3)
            return (struct form){ "fence.tso", "" };
        if (fm == 0 && pred == 1 && succ == 0)
            return (struct form){ "pause", "" };
        if (pred == 15 && succ == 15)
            return (struct form){ "fence", "" };
    } else if (t == trans_csrrs && d->rs1 == 0) {
        switch (csr) {
        case RV_CSR_FFLAGS:  return (struct form){ "frflags", "d" };
        case RV_CSR_FRM:     return (struct form){ "frrm", "d" };
        case RV_CSR_FCSR:    return (struct form){ "frcsr", "d" };
        case RV_CSR_CYCLE:   return (struct form){ "rdcycle", "d" };
        case RV_CSR_TIME:    return (struct form){ "rdtime", "d" };
        case RV_CSR_INSTRET: return (struct form){ "rdinstret", "d" };
        default:             return (struct form){ "csrr", "d,c" };
        }
    } else if (t == trans_csrrw && d->rd == 0 && d->rs1 == 0 && csr == RV_CSR_CYCLE) {
        return (struct form){ "unimp", "" };    /* the canonical 32-bit illegal insn */
    } else if (t == trans_csrrw && csr >= RV_CSR_FFLAGS && csr <= RV_CSR_FCSR) {
        static const char *const n[] = { "", "fsflags", "fsrm", "fscsr" };
        return (struct form){ n[csr], d->rd ? "d,s" : "s" };
    } else if (t == trans_csrrwi && (csr == RV_CSR_FFLAGS || csr == RV_CSR_FRM)) {
        return (struct form){ csr == RV_CSR_FRM ? "fsrmi" : "fsflagsi", d->rd ? "d,z" : "z" };
    } else if (d->rd == 0 && (t == trans_csrrw || t == trans_csrrs || t == trans_csrrc)) {
        return (struct form){ t == trans_csrrw ? "csrw" : t == trans_csrrs ? "csrs" : "csrc", "c,s" };
    } else if (d->rd == 0 && (t == trans_csrrwi || t == trans_csrrsi || t == trans_csrrci)) {
        return (struct form){ t == trans_csrrwi ? "csrwi" : t == trans_csrrsi ? "csrsi" : "csrci",
                              "c,z" };
    } else if (d->pat->fmt == FMT_AMO && d->len == 4 && (d->aq || d->rl)) {
        snprintf(namebuf, namelen, "%s.%s%s", d->pat->name, d->aq ? "aq" : "", d->rl ? "rl" : "");
        f.name = namebuf;
    }
    return f;
}

int rv_disas(uint64_t pc, const uint8_t *bytes, size_t avail, char *out, size_t outlen)
{
    struct sbuf sb = { out, 0, outlen };
    if (outlen)
        out[0] = 0;
    if (avail < 2 || avail < (size_t)rv_insn_len(bytes[0])) {
        put(&sb, ".byte");
        for (size_t i = 0; i < avail; i++)
            put(&sb, "%s0x%02x", i ? "," : " ", bytes[i]);
        return 0;
    }
    int len = rv_insn_len(bytes[0]);
    uint32_t raw = (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8;
    if (len == 4)
        raw |= (uint32_t)bytes[2] << 16 | (uint32_t)bytes[3] << 24;

    struct rv_insn d;
    if (!rv_decode(raw, ~0ull, &d)) {
        if (len == 2 && raw == 0)
            put(&sb, "unimp");   /* the halfword the spec defines as illegal */
        else if (len == 4)
            put(&sb, ".word 0x%08x", raw);
        else
            put(&sb, ".2byte 0x%04x", raw);
        return 0;
    }
    char namebuf[32];
    struct form f = alias(&d, namebuf, sizeof(namebuf));
    put(&sb, "%s", f.name);
    if (*f.args) {
        put(&sb, " ");
        put_args(&sb, f.args, &d, pc);
    }
    return len;
}
