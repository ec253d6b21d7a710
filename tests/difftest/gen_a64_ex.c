/* gen_a64_ex.c — the aarch64 enumerations of the differential tester (-E):
 * instead of sampling, sequence i covers items [i*K, i*K+K) of a fixed list
 * of encodings, so running an enumeration's whole count (the default -n
 * with -E) tries every one of them.
 *
 *   logimm  every logical-immediate bitmask (32- and 64-bit) with
 *           and/orr/eor/ands
 *   bfm     every immr/imms of sbfm/ubfm/bfm, both sizes
 *   cond    every condition with every NZCV value, for b.cond, csel,
 *           csinc, csinv, csneg, cset, ccmp, ccmn, fcsel, fccmp
 *   fcvt    every FP<->integer conversion, frint* and precision change
 *           under every FPCR rounding mode, with and without FZ, on
 *           interesting inputs (fixed point: every fbits)
 *   fmovi   every FMOV immediate, scalar and vector
 *   movi    every AdvSIMD modified-immediate encoding (cmode, op, Q, imm8)
 *   vshift  every allocated AdvSIMD shift-by-immediate encoding, vector
 *           and scalar (op, immh:immb, Q), FP16 fixed-point forms excluded
 *
 * Each item writes its own destination register (x0-x15, or v0-v15/v0-v31),
 * so the final state shows every item's result; sources come from x16-x28
 * and v16-v31, which the random initial state fills with interesting values.
 */
#include <stdio.h>
#include <string.h>

#include "tests/difftest/a64.h"

enum { EX_LOGIMM, EX_BFM, EX_COND, EX_FCVT, EX_FMOVI, EX_MOVI, EX_VSHIFT, EX_N };

const char *const a64_ex_names[] = { "logimm", "bfm", "cond", "fcvt", "fmovi", "movi", "vshift", NULL };

/* items per sequence */
static const int per_seq[EX_N] = { 16, 16, 16, 16, 16, 32, 16 };

/* ---- logimm ---- */

#define LOGIMM_64 5334
#define LOGIMM_32 1302

/* the k-th valid (N, immr, imms) of one size, in encoding order */
static uint64_t logimm_nth(unsigned k, bool sf)
{
    unsigned seen = 0;
    for (unsigned n = 0; n < (sf ? 2u : 1u); n++)
        for (unsigned immr = 0; immr < 64; immr++)
            for (unsigned imms = 0; imms < 64; imms++) {
                /* immr/imms bits above the element size are ignored for
                 * 32-bit and smaller elements: count each value once */
                uint64_t v = a64_decode_bitmask(n, immr, imms, sf);
                if (!v)
                    continue;
                if (!sf && immr >= 32)
                    continue;
                unsigned v2 = (n << 6) | (~imms & 63), len = 0;
                for (int i = 6; i >= 0; i--)
                    if (v2 >> i & 1) {
                        len = (unsigned)i;
                        break;
                    }
                if (immr >= (1u << len))
                    continue;
                if (seen++ == k)
                    return v;
            }
    return 0;
}

static void ex_logimm(struct a64gen *g, uint64_t i, int k)
{
    static const char *const ops[] = { "and", "orr", "eor", "ands" };
    bool sf = i < LOGIMM_64;
    uint64_t v = logimm_nth((unsigned)(sf ? i : i - LOGIMM_64), sf);
    if (!v)
        return;
    EMIT(g, "%s %s, %s, #0x%llx", ops[i % 4], a64_r(k, sf), a64_r(16 + (int)(i % 13), sf), (unsigned long long)v);
}

/* ---- bfm ---- */

static void ex_bfm(struct a64gen *g, uint64_t i, int k)
{
    static const char *const ops[] = { "sbfm", "ubfm", "bfm" };
    const char *op = ops[i % 3];
    uint64_t e = i / 3;
    if (e < 64 * 64)
        EMIT(g, "%s %s, %s, #%d, #%d", op, a64_x(k), a64_x(16 + (int)(e % 13)), (int)(e / 64), (int)(e % 64));
    else {
        e -= 64 * 64;
        EMIT(g, "%s %s, %s, #%d, #%d", op, a64_w(k), a64_w(16 + (int)(e % 13)), (int)(e / 32), (int)(e % 32));
    }
}

/* ---- cond ---- */

static const char *const cnames[16] = {
    "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv",
};

#define COND_OPS 10

/* sequence = (op, cond); item k = NZCV value k */
static void ex_cond(struct a64gen *g, uint64_t i, int k)
{
    int op = (int)(i / 256), c = (int)(i / 16 % 16), nzcv = (int)(i % 16);
    EMIT(g, "li x29, 0x%x", nzcv << 28);
    EMIT(g, "msr nzcv, x29");
    const char *cn = cnames[c];
    switch (op) {
    case 0:
        EMIT(g, "movz %s, #1", a64_x(k));
        EMIT(g, "b.%s 1f", cn);
        EMIT(g, "movz %s, #2", a64_x(k));
        EMIT(g, "1:");
        break;
    case 1: EMIT(g, "csel %s, x16, x17, %s", a64_x(k), cn); break;
    case 2: EMIT(g, "csinc %s, w18, w19, %s", a64_w(k), cn); break;
    case 3: EMIT(g, "csinv %s, x20, x21, %s", a64_x(k), cn); break;
    case 4: EMIT(g, "csneg %s, w22, w23, %s", a64_w(k), cn); break;
    case 5:
        /* cset has no al/nv form: csinc with zr is the same encoding */
        EMIT(g, "csinc %s, xzr, xzr, %s", a64_x(k), cn);
        break;
    case 6:
        EMIT(g, "ccmp x16, x17, #%d, %s", (nzcv * 7 + 3) & 15, cn);
        EMIT(g, "mrs %s, nzcv", a64_x(k));
        break;
    case 7:
        EMIT(g, "ccmn w18, #%d, #%d, %s", (nzcv * 5) & 31, (nzcv * 11 + 1) & 15, cn);
        EMIT(g, "mrs %s, nzcv", a64_x(k));
        break;
    case 8: EMIT(g, "fcsel d%d, d16, d17, %s", k, cn); break;
    default:
        EMIT(g, "fccmp s18, s19, #%d, %s", (nzcv * 3 + 2) & 15, cn);
        EMIT(g, "mrs %s, nzcv", a64_x(k));
        break;
    }
}

/* ---- fcvt ---- */

/* the conversions: op text with %c for the precision and the destination
 * kind; `to_int`: the source is FP */
struct cvt {
    const char *fmt;      /* printf: dest, src */
    char dst, src;        /* x, w, s, d, h */
    int fbits;            /* 0, or the fixed-point width (fbits enumerated) */
};

static const struct cvt cvts[] = {
#define TOI(r, su) { "fcvt" #r #su " %s, %s", 'w', 's', 0 }, { "fcvt" #r #su " %s, %s", 'w', 'd', 0 }, \
                   { "fcvt" #r #su " %s, %s", 'x', 's', 0 }, { "fcvt" #r #su " %s, %s", 'x', 'd', 0 }
    TOI(n, s), TOI(n, u), TOI(a, s), TOI(a, u), TOI(p, s), TOI(p, u), TOI(m, s), TOI(m, u), TOI(z, s), TOI(z, u),
#undef TOI
    { "scvtf %s, %s", 's', 'w', 0 }, { "scvtf %s, %s", 's', 'x', 0 }, { "scvtf %s, %s", 'd', 'w', 0 },
    { "scvtf %s, %s", 'd', 'x', 0 }, { "ucvtf %s, %s", 's', 'w', 0 }, { "ucvtf %s, %s", 's', 'x', 0 },
    { "ucvtf %s, %s", 'd', 'w', 0 }, { "ucvtf %s, %s", 'd', 'x', 0 },
#define FR(r) { "frint" #r " %s, %s", 's', 's', 0 }, { "frint" #r " %s, %s", 'd', 'd', 0 }
    FR(n), FR(a), FR(p), FR(m), FR(z), FR(x), FR(i),
#undef FR
    { "fcvt %s, %s", 's', 'd', 0 }, { "fcvt %s, %s", 'd', 's', 0 }, { "fcvt %s, %s", 'h', 's', 0 },
    { "fcvt %s, %s", 's', 'h', 0 }, { "fcvt %s, %s", 'h', 'd', 0 }, { "fcvt %s, %s", 'd', 'h', 0 },
    /* fixed point: fbits 1..32 (w) or 1..64 (x), one per item */
    { "fcvtzs %s, %s, #%d", 'w', 's', 32 }, { "fcvtzs %s, %s, #%d", 'w', 'd', 32 },
    { "fcvtzs %s, %s, #%d", 'x', 's', 64 }, { "fcvtzs %s, %s, #%d", 'x', 'd', 64 },
    { "fcvtzu %s, %s, #%d", 'w', 's', 32 }, { "fcvtzu %s, %s, #%d", 'w', 'd', 32 },
    { "fcvtzu %s, %s, #%d", 'x', 's', 64 }, { "fcvtzu %s, %s, #%d", 'x', 'd', 64 },
    { "scvtf %s, %s, #%d", 's', 'w', 32 }, { "scvtf %s, %s, #%d", 'd', 'w', 32 },
    { "scvtf %s, %s, #%d", 's', 'x', 64 }, { "scvtf %s, %s, #%d", 'd', 'x', 64 },
    { "ucvtf %s, %s, #%d", 's', 'w', 32 }, { "ucvtf %s, %s, #%d", 'd', 'w', 32 },
    { "ucvtf %s, %s, #%d", 's', 'x', 64 }, { "ucvtf %s, %s, #%d", 'd', 'x', 64 },
};

/* sequences of one conversion under one FPCR setting: fixed-point ones
 * need several to cover every fbits */
static int cvt_seqs(const struct cvt *c)
{
    return c->fbits ? c->fbits / 16 : 1;
}

static uint64_t fcvt_count(void)
{
    uint64_t n = 0;
    for (size_t i = 0; i < NELEM(cvts); i++)
        n += (uint64_t)cvt_seqs(&cvts[i]);
    return n * 8;   /* 4 rounding modes x FZ */
}

static void reg_text(char *buf, size_t len, char kind, int r)
{
    if (kind == 'x' || kind == 'w')
        snprintf(buf, len, "%c%d", kind, r);
    else
        snprintf(buf, len, "%c%d", kind, r);
}

/* sequence s of the fcvt enumeration */
static void ex_fcvt_seq(struct a64gen *g, uint64_t s)
{
    unsigned mode = (unsigned)(s % 8);
    uint64_t rest = s / 8;
    size_t ci = 0;
    int part = 0;
    for (ci = 0; ci < NELEM(cvts); ci++) {
        int n = cvt_seqs(&cvts[ci]);
        if (rest < (uint64_t)n) {
            part = (int)rest;
            break;
        }
        rest -= (uint64_t)n;
    }
    if (ci >= NELEM(cvts))
        return;
    const struct cvt *c = &cvts[ci];
    uint32_t fpcr = A64_FPCR_RM(mode & 3) | (mode & 4 ? A64_FPCR_FZ : 0) | (chance(RNG(g), 30) ? A64_FPCR_DN : 0);
    em_begin(&g->e);
    EMIT(g, "li x29, 0x%x", fpcr);
    EMIT(g, "msr fpcr, x29");
    em_tick_labels(&g->e);
    for (int k = 0; k < 16; k++) {
        em_begin(&g->e);
        char d[8], sr[8];
        int src = 16 + k;
        /* the input: a chosen value of the source kind */
        switch (c->src) {
        case 'd':
            EMIT(g, "li x29, 0x%llx", (unsigned long long)gen_double_bits(RNG(g)));
            EMIT(g, "fmov d%d, x29", src);
            break;
        case 's':
            EMIT(g, "li x29, 0x%llx", (unsigned long long)gen_float_bits(RNG(g)));
            EMIT(g, "fmov s%d, w29", src);
            break;
        case 'h':
            EMIT(g, "li x29, 0x%llx", (unsigned long long)gen_half_bits(RNG(g)));
            EMIT(g, "fmov s%d, w29", src);
            break;
        default:
            src = 16 + k % 13;
            EMIT(g, "li %s, 0x%llx", a64_x(src), (unsigned long long)gen_int_value(RNG(g)));
            break;
        }
        reg_text(d, sizeof(d), c->dst, k);
        reg_text(sr, sizeof(sr), c->src, src);
        if (c->fbits)
            EMIT(g, c->fmt, d, sr, part * 16 + k + 1);
        else
            EMIT(g, c->fmt, d, sr);
        em_tick_labels(&g->e);
    }
}

/* ---- fmovi, movi ---- */

static void ex_fmovi(struct a64gen *g, uint64_t i, int k)
{
    static const char *const forms[] = { "s%d", "d%d", "v%d.2s", "v%d.4s", "v%d.2d" };
    char t[32], r[16];
    a64_fp_imm_text((unsigned)(i % 256), t, sizeof(t));
    snprintf(r, sizeof(r), forms[i / 256], k);
    EMIT(g, "fmov %s, #%s", r, t);
}

/* the encodings in (Q, op, cmode, imm8) order, without the unallocated
 * op=1 cmode=1111 Q=0 */
static void ex_movi(struct a64gen *g, uint64_t i, int k)
{
    unsigned imm8 = (unsigned)(i % 256), cmode = (unsigned)(i / 256 % 16), op = (unsigned)(i / 4096 % 2),
             q = (unsigned)(i / 8192);
    if (op && cmode == 15 && !q) {
        EMIT(g, "nop");
        return;
    }
    uint32_t w = q << 30 | op << 29 | 0x0f000000u | (imm8 >> 5) << 16 | cmode << 12 | 1u << 10 |
                 (imm8 & 31) << 5 | (unsigned)k;
    EMIT(g, ".inst 0x%08x", w);
}

/* ---- vshift ---- */

/* the allocated (U, opcode) of "AdvSIMD (scalar) shift by immediate" and
 * which element sizes each has: V = vector, S = scalar; N = narrowing or
 * lengthening (no D source/destination size), F = fixed-point conversion
 * (S and D elements only: the H forms need FP16) */
struct shop {
    unsigned u, opc;
    bool vec, scalar, narrow, fp, d_only_scalar;
};

static const struct shop shops[] = {
    /* U opc    vec    scalar narrow fp     scalar D only */
    { 0, 0x00, true, true, false, false, true },    /* sshr */
    { 0, 0x02, true, true, false, false, true },    /* ssra */
    { 0, 0x04, true, true, false, false, true },    /* srshr */
    { 0, 0x06, true, true, false, false, true },    /* srsra */
    { 0, 0x0a, true, true, false, false, true },    /* shl */
    { 0, 0x0e, true, true, false, false, false },   /* sqshl */
    { 0, 0x10, true, false, true, false, false },   /* shrn */
    { 0, 0x11, true, false, true, false, false },   /* rshrn */
    { 0, 0x12, true, true, true, false, false },    /* sqshrn */
    { 0, 0x13, true, true, true, false, false },    /* sqrshrn */
    { 0, 0x14, true, false, true, false, false },   /* sshll */
    { 0, 0x1c, true, true, false, true, false },    /* scvtf */
    { 0, 0x1f, true, true, false, true, false },    /* fcvtzs */
    { 1, 0x00, true, true, false, false, true },    /* ushr */
    { 1, 0x02, true, true, false, false, true },    /* usra */
    { 1, 0x04, true, true, false, false, true },    /* urshr */
    { 1, 0x06, true, true, false, false, true },    /* ursra */
    { 1, 0x08, true, true, false, false, true },    /* sri */
    { 1, 0x0a, true, true, false, false, true },    /* sli */
    { 1, 0x0c, true, true, false, false, false },   /* sqshlu */
    { 1, 0x0e, true, true, false, false, false },   /* uqshl */
    { 1, 0x10, true, true, true, false, false },    /* sqshrun */
    { 1, 0x11, true, true, true, false, false },    /* sqrshrun */
    { 1, 0x12, true, true, true, false, false },    /* uqshrn */
    { 1, 0x13, true, true, true, false, false },    /* uqrshrn */
    { 1, 0x14, true, false, true, false, false },   /* ushll */
    { 1, 0x1c, true, true, false, true, false },    /* ucvtf */
    { 1, 0x1f, true, true, false, true, false },    /* fcvtzu */
};

/* form: 0 = vector 64-bit, 1 = vector 128-bit, 2 = scalar */
static bool shift_allocated(const struct shop *o, unsigned form, unsigned immh)
{
    if (immh == 0)
        return false;
    if (form < 2 && !o->vec)
        return false;
    if (form == 2 && !o->scalar)
        return false;
    bool d = immh >= 8;
    if (o->narrow && d)
        return false;
    if (o->fp && immh < 4)
        return false;           /* H elements: FP16 */
    if (form == 0 && d)
        return false;           /* .1d is not a vector arrangement here */
    if (form == 2 && o->d_only_scalar && !d)
        return false;
    return true;
}

#define VSHIFT_ITEMS (NELEM(shops) * 3 * 16 * 8)

static void ex_vshift(struct a64gen *g, uint64_t i, int k)
{
    unsigned immb = (unsigned)(i % 8), immh = (unsigned)(i / 8 % 16), form = (unsigned)(i / 128 % 3);
    const struct shop *o = &shops[i / 384];
    if (!shift_allocated(o, form, immh)) {
        EMIT(g, "nop");
        return;
    }
    uint32_t w = (form == 2 ? 0x5f000000u : 0x0f000000u | (form == 1 ? 1u << 30 : 0)) | o->u << 29 |
                 immh << 19 | immb << 16 | o->opc << 11 | 1u << 10 | (16u + (unsigned)k) << 5 | (unsigned)k;
    EMIT(g, ".inst 0x%08x", w);
}

uint64_t a64_ex_count(int ex)
{
    uint64_t items;
    switch (ex) {
    case EX_LOGIMM: items = LOGIMM_64 + LOGIMM_32; break;
    case EX_BFM: items = 3 * (64 * 64 + 32 * 32); break;
    case EX_COND: items = COND_OPS * 16 * 16; break;
    case EX_FCVT: return fcvt_count();
    case EX_FMOVI: items = 5 * 256; break;
    case EX_MOVI: items = 2 * 2 * 16 * 256; break;
    case EX_VSHIFT: items = VSHIFT_ITEMS; break;
    default: return 0;
    }
    return (items + (uint64_t)per_seq[ex] - 1) / (uint64_t)per_seq[ex];
}

void a64_ex_body(struct a64gen *g, int ex, uint64_t idx)
{
    if (ex == EX_FCVT) {
        ex_fcvt_seq(g, idx);
        return;
    }
    uint64_t total = a64_ex_count(ex) * (uint64_t)per_seq[ex];
    if (ex == EX_LOGIMM)
        total = LOGIMM_64 + LOGIMM_32;
    for (int k = 0; k < per_seq[ex]; k++) {
        uint64_t i = idx * (uint64_t)per_seq[ex] + (uint64_t)k;
        if (i >= total)
            break;
        em_begin(&g->e);
        switch (ex) {
        case EX_LOGIMM: ex_logimm(g, i, k); break;
        case EX_BFM: ex_bfm(g, i, k); break;
        case EX_COND: ex_cond(g, i, k); break;
        case EX_FMOVI: ex_fmovi(g, i, k); break;
        case EX_VSHIFT: ex_vshift(g, i, k); break;
        default: ex_movi(g, i, k); break;
        }
        if (!g->e.cur->text)
            EMIT(g, "nop");
        em_tick_labels(&g->e);
    }
}
