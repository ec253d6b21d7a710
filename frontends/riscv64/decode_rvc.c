/* decode_rvc.c — the RV64C 16-bit instruction table.
 *
 * A compressed insn is decoded straight into the fields of the 32-bit insn it
 * expands to (rd, rs1, rs2, imm) and reuses that insn's trans_* handler and
 * disassembly syntax, so C adds no translation code of its own.
 *
 * Invariants:
 *  - rows are tried in order: a row with a more specific mask (c.addi16sp,
 *    c.jr, c.ebreak, ...) comes before the general row sharing its funct3;
 *  - an encoding the spec marks "reserved" (zero immediates of c.addi4spn,
 *    c.addi16sp and c.lui, rd=0 of c.lwsp/c.ldsp/c.addiw, rs1=0 of c.jr, the
 *    all-zero halfword) fails to decode, i.e. it is an illegal instruction;
 *    HINT encodings decode as the insn they name (their effect is nil).
 */
#include <pthread.h>

#include "frontends/riscv64/rv_internal.h"

enum rvc_fmt {
    CF_ADDI4SPN, CF_CL_W, CF_CL_D, CF_CS_W, CF_CS_D,
    CF_CI,        /* rd = rs1 = [11:7], imm6 */
    CF_ADDIW,     /* CF_CI with rd != 0 */
    CF_LI,        /* rd = [11:7], rs1 = x0, imm6 */
    CF_ADDI16SP, CF_LUI,
    CF_CB_SH,     /* rd' = rs1', shamt6 */
    CF_CB_ANDI, CF_CA, CF_CJ, CF_CB_BR, CF_SLLI,
    CF_LWSP, CF_LDSP, CF_FLDSP, CF_SWSP, CF_SDSP,
    CF_JR, CF_JALR, CF_MV, CF_ADD, CF_NONE,
};

#define Q(op, f3)      0xe003u, ((uint32_t)(f3) << 13 | (op))
/* funct3 plus bits 11:10 (quadrant 1, funct3 100) */
#define Q_F2(f2)       0xec03u, (4u << 13 | (uint32_t)(f2) << 10 | 1)
/* CA arithmetic: funct6 [15:10] and funct2 [6:5] */
#define Q_CA(b12, f2)  0xfc63u, (4u << 13 | (uint32_t)(b12) << 12 | 3u << 10 | (uint32_t)(f2) << 5 | 1)
/* quadrant 2 funct3 100, with bit 12 and whether rs2 ([6:2]) is zero */
#define Q_CR0(b12)     0xf07fu, (4u << 13 | (uint32_t)(b12) << 12 | 2)
#define Q_CR(b12)      0xf003u, (4u << 13 | (uint32_t)(b12) << 12 | 2)

#define C   RV_F_C
#define CFD (RV_F_C | RV_F_FD)

const struct rv_pattern rvc_patterns[] = {
    /* quadrant 0 */
    { Q(0, 0), CF_ADDI4SPN, C,   "addi", "d,s,i", trans_addi },
    { Q(0, 1), CF_CL_D,     CFD, "fld",  "D,o",   trans_fld },
    { Q(0, 2), CF_CL_W,     C,   "lw",   "d,o",   trans_lw },
    { Q(0, 3), CF_CL_D,     C,   "ld",   "d,o",   trans_ld },
    { Q(0, 5), CF_CS_D,     CFD, "fsd",  "T,o",   trans_fsd },
    { Q(0, 6), CF_CS_W,     C,   "sw",   "t,o",   trans_sw },
    { Q(0, 7), CF_CS_D,     C,   "sd",   "t,o",   trans_sd },
    /* quadrant 1 */
    { Q(1, 0), CF_CI,       C,   "addi",  "d,s,i", trans_addi },
    { Q(1, 1), CF_ADDIW,    C,   "addiw", "d,s,i", trans_addiw },
    { Q(1, 2), CF_LI,       C,   "addi",  "d,s,i", trans_addi },
    { 0xef83u, 3u << 13 | 2u << 7 | 1, CF_ADDI16SP, C, "addi", "d,s,i", trans_addi },
    { Q(1, 3), CF_LUI,      C,   "lui",   "d,u",   trans_lui },
    { Q_F2(0), CF_CB_SH,    C,   "srli",  "d,s,h", trans_srli },
    { Q_F2(1), CF_CB_SH,    C,   "srai",  "d,s,h", trans_srai },
    { Q_F2(2), CF_CB_ANDI,  C,   "andi",  "d,s,i", trans_andi },
    { Q_CA(0, 0), CF_CA,    C,   "sub",   "d,s,t", trans_sub },
    { Q_CA(0, 1), CF_CA,    C,   "xor",   "d,s,t", trans_xor },
    { Q_CA(0, 2), CF_CA,    C,   "or",    "d,s,t", trans_or },
    { Q_CA(0, 3), CF_CA,    C,   "and",   "d,s,t", trans_and },
    { Q_CA(1, 0), CF_CA,    C,   "subw",  "d,s,t", trans_subw },
    { Q_CA(1, 1), CF_CA,    C,   "addw",  "d,s,t", trans_addw },
    { Q(1, 5), CF_CJ,       C,   "jal",   "d,b",   trans_jal },
    { Q(1, 6), CF_CB_BR,    C,   "beq",   "s,t,b", trans_beq },
    { Q(1, 7), CF_CB_BR,    C,   "bne",   "s,t,b", trans_bne },
    /* quadrant 2 */
    { Q(2, 0), CF_SLLI,     C,   "slli",  "d,s,h", trans_slli },
    { Q(2, 1), CF_FLDSP,    CFD, "fld",   "D,o",   trans_fld },
    { Q(2, 2), CF_LWSP,     C,   "lw",    "d,o",   trans_lw },
    { Q(2, 3), CF_LDSP,     C,   "ld",    "d,o",   trans_ld },
    { 0xffffu, 0x9002u,     CF_NONE, C, "ebreak", "", trans_ebreak },
    { Q_CR0(0), CF_JR,      C,   "jalr",  "d,o",   trans_jalr },
    { Q_CR0(1), CF_JALR,    C,   "jalr",  "d,o",   trans_jalr },
    { Q_CR(0), CF_MV,       C,   "add",   "d,s,t", trans_add },
    { Q_CR(1), CF_ADD,      C,   "add",   "d,s,t", trans_add },
    { Q(2, 5), CF_SDSP,     CFD, "fsd",   "T,o",   trans_fsd },
    { Q(2, 6), CF_SWSP,     C,   "sw",    "t,o",   trans_sw },
    { Q(2, 7), CF_SDSP,     C,   "sd",    "t,o",   trans_sd },
};
const size_t rvc_npatterns = sizeof(rvc_patterns) / sizeof(rvc_patterns[0]);

static inline int64_t sext(uint64_t v, int bits)
{
    return (int64_t)(v << (64 - bits)) >> (64 - bits);
}

static inline unsigned bits(unsigned c, int hi, int lo)
{
    return (c >> lo) & ((1u << (hi - lo + 1)) - 1);
}

/* Fills d from the 16-bit insn c; false for a reserved encoding. */
static bool extract(struct rv_insn *d, unsigned c, const struct rv_pattern *p)
{
    unsigned r_hi = bits(c, 11, 7), r2_hi = bits(c, 6, 2);
    unsigned rp_lo = 8 + bits(c, 4, 2), rp_hi = 8 + bits(c, 9, 7);
    int64_t imm6 = sext(bits(c, 12, 12) << 5 | bits(c, 6, 2), 6);
    unsigned sh6 = bits(c, 12, 12) << 5 | bits(c, 6, 2);

    d->rd = d->rs1 = d->rs2 = d->rs3 = 0;
    d->rm = 7;
    d->aq = d->rl = 0;
    d->imm = 0;
    switch (p->fmt) {
    case CF_ADDI4SPN:
        d->rd = rp_lo;
        d->rs1 = RV_SP;
        d->imm = bits(c, 10, 7) << 6 | bits(c, 12, 11) << 4 | bits(c, 5, 5) << 3 | bits(c, 6, 6) << 2;
        return d->imm != 0;
    case CF_CL_W:
    case CF_CS_W:
        d->rd = d->rs2 = rp_lo;
        d->rs1 = rp_hi;
        d->imm = bits(c, 12, 10) << 3 | bits(c, 6, 6) << 2 | bits(c, 5, 5) << 6;
        return true;
    case CF_CL_D:
        d->rd = rp_lo;
        d->rs1 = rp_hi;
        d->imm = bits(c, 12, 10) << 3 | bits(c, 6, 5) << 6;
        return true;
    case CF_CS_D:
        d->rs2 = rp_lo;
        d->rs1 = rp_hi;
        d->imm = bits(c, 12, 10) << 3 | bits(c, 6, 5) << 6;
        return true;
    case CF_CI:
        d->rd = d->rs1 = r_hi;
        d->imm = imm6;
        return true;
    case CF_ADDIW:
        d->rd = d->rs1 = r_hi;
        d->imm = imm6;
        return r_hi != 0;
    case CF_LI:
        d->rd = r_hi;
        d->imm = imm6;
        return true;
    case CF_ADDI16SP:
        d->rd = d->rs1 = RV_SP;
        d->imm = sext(bits(c, 12, 12) << 9 | bits(c, 6, 6) << 4 | bits(c, 5, 5) << 6 |
                      bits(c, 4, 3) << 7 | bits(c, 2, 2) << 5, 10);
        return d->imm != 0;
    case CF_LUI:
        d->rd = r_hi;
        d->imm = imm6 * 4096;
        return d->imm != 0;
    case CF_CB_SH:
        d->rd = d->rs1 = rp_hi;
        d->imm = sh6;
        return true;
    case CF_CB_ANDI:
        d->rd = d->rs1 = rp_hi;
        d->imm = imm6;
        return true;
    case CF_CA:
        d->rd = d->rs1 = rp_hi;
        d->rs2 = rp_lo;
        return true;
    case CF_CJ:
        d->rd = 0;
        d->imm = sext(bits(c, 12, 12) << 11 | bits(c, 11, 11) << 4 | bits(c, 10, 9) << 8 |
                      bits(c, 8, 8) << 10 | bits(c, 7, 7) << 6 | bits(c, 6, 6) << 7 |
                      bits(c, 5, 3) << 1 | bits(c, 2, 2) << 5, 12);
        return true;
    case CF_CB_BR:
        d->rs1 = rp_hi;
        d->rs2 = 0;
        d->imm = sext(bits(c, 12, 12) << 8 | bits(c, 11, 10) << 3 | bits(c, 6, 5) << 6 |
                      bits(c, 4, 3) << 1 | bits(c, 2, 2) << 5, 9);
        return true;
    case CF_SLLI:
        d->rd = d->rs1 = r_hi;
        d->imm = sh6;
        return true;
    case CF_LWSP:
        d->rd = r_hi;
        d->rs1 = RV_SP;
        d->imm = bits(c, 12, 12) << 5 | bits(c, 6, 4) << 2 | bits(c, 3, 2) << 6;
        return r_hi != 0;
    case CF_LDSP:
    case CF_FLDSP:
        d->rd = r_hi;
        d->rs1 = RV_SP;
        d->imm = bits(c, 12, 12) << 5 | bits(c, 6, 5) << 3 | bits(c, 4, 2) << 6;
        return p->fmt == CF_FLDSP || r_hi != 0;
    case CF_SWSP:
        d->rs2 = r2_hi;
        d->rs1 = RV_SP;
        d->imm = bits(c, 12, 9) << 2 | bits(c, 8, 7) << 6;
        return true;
    case CF_SDSP:
        d->rs2 = r2_hi;
        d->rs1 = RV_SP;
        d->imm = bits(c, 12, 10) << 3 | bits(c, 9, 7) << 6;
        return true;
    case CF_JR:
        d->rd = 0;
        d->rs1 = r_hi;
        return r_hi != 0;
    case CF_JALR:
        d->rd = RV_RA;
        d->rs1 = r_hi;
        return r_hi != 0;   /* rs1 = 0 is c.ebreak, matched earlier */
    case CF_MV:
        d->rd = r_hi;
        d->rs1 = 0;
        d->rs2 = r2_hi;
        return true;
    case CF_ADD:
        d->rd = d->rs1 = r_hi;
        d->rs2 = r2_hi;
        return true;
    case CF_NONE:
        return true;
    }
    return false;
}

/* Rows grouped by quadrant (bits 1:0) and funct3 (bits 15:13), which every
 * compressed encoding fixes: a decode scans only its group, in table order.
 * Built once, read-only afterwards. */
#define RVC_NBUCKETS 32
#define RVC_BUCKET_MAX 32
static uint8_t rvc_bucket_rows[RVC_NBUCKETS][RVC_BUCKET_MAX];
static uint8_t rvc_bucket_len[RVC_NBUCKETS];
static pthread_once_t rvc_buckets_once = PTHREAD_ONCE_INIT;

static unsigned rvc_bucket(uint16_t raw) { return (unsigned)(raw & 3) << 3 | (unsigned)(raw >> 13); }
_Static_assert(sizeof(rvc_patterns) / sizeof(rvc_patterns[0]) < 256, "row index fits uint8_t");

static void rvc_build_buckets(void)
{
    for (unsigned bk = 0; bk < RVC_NBUCKETS; bk++) {
        for (size_t i = 0; i < rvc_npatterns; i++) {
            const struct rv_pattern *p = &rvc_patterns[i];
            /* a row belongs to every bucket whose fixed bits it can match */
            uint16_t key = (uint16_t)((bk >> 3) | (bk & 7u) << 13); /* quadrant, funct3 */
            uint16_t keymask = 0xe003;
            if (((key ^ p->match) & p->mask & keymask) != 0)
                continue;
            if (rvc_bucket_len[bk] >= RVC_BUCKET_MAX)
                __builtin_trap(); /* table grew past RVC_BUCKET_MAX: raise it */
            rvc_bucket_rows[bk][rvc_bucket_len[bk]++] = (uint8_t)i;
        }
    }
}

bool rvc_decode(uint16_t raw, uint64_t features, struct rv_insn *out)
{
    pthread_once(&rvc_buckets_once, rvc_build_buckets);
    unsigned bk = rvc_bucket(raw);
    for (unsigned j = 0; j < rvc_bucket_len[bk]; j++) {
        const struct rv_pattern *p = &rvc_patterns[rvc_bucket_rows[bk][j]];
        if ((raw & p->mask) != p->match)
            continue;
        if ((p->feat & features) != p->feat)
            return false;
        if (!extract(out, raw, p))
            return false;
        out->pat = p;
        out->word = raw;
        out->len = 2;
        return true;
    }
    return false;
}
