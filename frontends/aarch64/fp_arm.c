/* fp_arm.c — the Arm FP pseudocode (FPUnpack, FPProcessNaNs, FPRound, and
 * the arithmetic built on them) in integer arithmetic; see fp_arm.h for the
 * semantics kept.
 *
 * Representation: an unpacked number is sign, exponent e and a 64-bit
 * significand with its leading one at bit 63, value = sig * 2^(e - 63). An
 * intermediate exact result may be wider (128 bits); it is narrowed to 64
 * bits with every discarded bit ORed into bit 0 ("sticky"), which keeps
 * rounding exact because all formats here have at most 53 significant bits.
 *
 * Invariant: every function raises exactly the FPSR bits the pseudocode
 * would, in c->flags, and reads the mode only from c->fpcr or its rm argument.
 */
#include "frontends/aarch64/fp_arm.h"

typedef unsigned __int128 u128;

/* per-format parameters */
static const struct {
    int n, e, f;    /* total, exponent and fraction bits */
    int emin;       /* minimum normal exponent */
    int bias;
} FMT[3] = {
    /* n   e   f   emin    bias */
    { 16,  5, 10,   -14,    15 },
    { 32,  8, 23,  -126,   127 },
    { 64, 11, 52, -1022,  1023 },
};

enum { C_ZERO, C_NUM, C_INF, C_QNAN, C_SNAN };

struct unp {
    int cls;
    int sign;
    int exp;       /* C_NUM: value = sig * 2^(exp - 63) */
    uint64_t sig;  /* C_NUM: bit 63 set */
};

static inline uint64_t fmask(int fmt) { return (1ull << FMT[fmt].f) - 1; }
static inline int emax_field(int fmt) { return (1 << FMT[fmt].e) - 1; }
static inline uint64_t sign_bit(int fmt) { return 1ull << (FMT[fmt].n - 1); }
static inline uint64_t quiet_bit(int fmt) { return 1ull << (FMT[fmt].f - 1); }
static inline int clz64(uint64_t x) { return __builtin_clzll(x); }

static inline uint64_t zero_of(int fmt, int sign) { return sign ? sign_bit(fmt) : 0; }
static inline uint64_t inf_of(int fmt, int sign)
{
    return zero_of(fmt, sign) | (uint64_t)emax_field(fmt) << FMT[fmt].f;
}
static inline uint64_t max_normal(int fmt, int sign)
{
    return zero_of(fmt, sign) | ((uint64_t)(emax_field(fmt) - 1) << FMT[fmt].f) | fmask(fmt);
}

uint64_t fpa_default_nan(int fmt)
{
    return inf_of(fmt, 0) | quiet_bit(fmt);
}

bool fpa_is_nan(int fmt, uint64_t a)
{
    uint64_t e = (a >> FMT[fmt].f) & (uint64_t)emax_field(fmt);
    return e == (uint64_t)emax_field(fmt) && (a & fmask(fmt)) != 0;
}

/* FPUnpack (cv: the conversion flavour, which never flushes halves either,
 * and reads a half with FPCR.AHP as the alternative format) */
static struct unp unpack(struct fpa *c, int fmt, uint64_t a)
{
    struct unp u;
    int f = FMT[fmt].f;
    uint64_t fr = a & fmask(fmt);
    int e = (int)((a >> f) & (uint64_t)emax_field(fmt));
    u.sign = (int)((a >> (FMT[fmt].n - 1)) & 1);
    u.exp = 0;
    u.sig = 0;
    if (e == 0) {
        if (fr == 0) {
            u.cls = C_ZERO;
        } else if (fmt != FPA_H && (c->fpcr & FPA_FPCR_FZ)) {
            u.cls = C_ZERO;
            c->flags |= FPA_IDC;
        } else {
            int lz = clz64(fr);
            u.cls = C_NUM;
            u.sig = fr << lz;
            u.exp = FMT[fmt].emin - f + (63 - lz);
        }
    } else if (e == emax_field(fmt) && !(fmt == FPA_H && (c->fpcr & FPA_FPCR_AHP))) {
        if (fr == 0)
            u.cls = C_INF;
        else
            u.cls = (fr & quiet_bit(fmt)) ? C_QNAN : C_SNAN;
    } else {
        u.cls = C_NUM;
        u.sig = (fr | (1ull << f)) << (63 - f);
        u.exp = e - FMT[fmt].bias;
    }
    return u;
}

static inline bool is_nan_cls(int cls) { return cls == C_QNAN || cls == C_SNAN; }

/* FPProcessNaN */
static uint64_t process_nan(struct fpa *c, int fmt, int cls, uint64_t a)
{
    if (cls == C_SNAN)
        c->flags |= FPA_IOC;
    if (c->fpcr & FPA_FPCR_DN)
        return fpa_default_nan(fmt);
    return a | quiet_bit(fmt);
}

/* FPProcessNaNs / FPProcessNaNs3 over n operands in priority order: true (and
 * *r) when some operand is a NaN */
static bool process_nans(struct fpa *c, int fmt, int n, const struct unp *u, const uint64_t *v,
                         uint64_t *r)
{
    for (int i = 0; i < n; i++)
        if (u[i].cls == C_SNAN) {
            *r = process_nan(c, fmt, C_SNAN, v[i]);
            return true;
        }
    for (int i = 0; i < n; i++)
        if (u[i].cls == C_QNAN) {
            *r = process_nan(c, fmt, C_QNAN, v[i]);
            return true;
        }
    return false;
}

/* FPRound(Base): value = sig * 2^(exp - 63), sig != 0 with its leading one
 * at bit 63 and any lower discarded bits ORed into bit 0 */
static uint64_t round_pack(struct fpa *c, int fmt, int sign, int exp, uint64_t sig, int rm)
{
    int f = FMT[fmt].f, emin = FMT[fmt].emin;
    bool ahp = fmt == FPA_H && (c->fpcr & FPA_FPCR_AHP);
    if (fmt != FPA_H && (c->fpcr & FPA_FPCR_FZ) && exp < emin) {
        c->flags |= FPA_UFC;
        return zero_of(fmt, sign);
    }
    int biased = exp - emin + 1;
    int s = 63 - f;
    if (biased <= 0) {
        s += 1 - biased;
        biased = 0;
    }
    uint64_t mant;
    bool half, sticky;
    if (s >= 65) {
        mant = 0;
        half = false;
        sticky = true;
    } else if (s == 64) {
        mant = 0;
        half = true;
        sticky = (sig << 1) != 0;
    } else {
        mant = sig >> s;
        half = (sig >> (s - 1)) & 1;
        sticky = (sig & ((1ull << (s - 1)) - 1)) != 0;
    }
    bool inexact = half || sticky;
    if (biased == 0 && inexact)
        c->flags |= FPA_UFC;
    bool up, to_inf;
    switch (rm) {
    case FPA_RN: up = half && (sticky || (mant & 1)); to_inf = true; break;
    case FPA_RA: up = half; to_inf = true; break;
    case FPA_RP: up = inexact && !sign; to_inf = !sign; break;
    case FPA_RM: up = inexact && sign; to_inf = sign; break;
    default: up = false; to_inf = false; break; /* RZ, RO */
    }
    if (up) {
        mant++;
        if (mant == 1ull << f)
            biased = 1;
        if (mant == 1ull << (f + 1)) {
            biased++;
            mant >>= 1;
        }
    }
    if (rm == FPA_RO && inexact)
        mant |= 1;
    uint64_t r;
    if (!ahp) {
        if (biased >= emax_field(fmt)) {
            r = to_inf ? inf_of(fmt, sign) : max_normal(fmt, sign);
            c->flags |= FPA_OFC;
            inexact = true;
        } else {
            r = zero_of(fmt, sign) | (uint64_t)biased << f | (mant & fmask(fmt));
        }
    } else if (biased > emax_field(fmt)) {
        r = zero_of(fmt, sign) | 0x7fff;
        c->flags |= FPA_IOC;
        inexact = false;
    } else {
        r = zero_of(fmt, sign) | (uint64_t)biased << f | (mant & fmask(fmt));
    }
    if (inexact)
        c->flags |= FPA_IXC;
    return r;
}

/* narrow a nonzero 128-bit magnitude m (value = m * 2^e) to round_pack's form */
static uint64_t round_pack128(struct fpa *c, int fmt, int sign, int e, u128 m, int rm)
{
    uint64_t hi = (uint64_t)(m >> 64), lo = (uint64_t)m;
    int msb = hi ? 127 - clz64(hi) : 63 - clz64(lo);
    uint64_t sig;
    if (msb >= 63) {
        int sh = msb - 63;
        sig = (uint64_t)(m >> sh);
        if (sh && (m & (((u128)1 << sh) - 1)))
            sig |= 1;
    } else {
        sig = lo << (63 - msb);
    }
    return round_pack(c, fmt, sign, e + msb, sig, rm);
}

/* exact zero result of a sum: -0 only when rounding toward -inf */
static uint64_t exact_zero(int fmt, int rm)
{
    return zero_of(fmt, rm == FPA_RM);
}

/* sign * (a + b) of two numbers (either may be C_ZERO), rounded */
static uint64_t add_core(struct fpa *c, int fmt, struct unp a, struct unp b, int rm)
{
    if (a.cls == C_ZERO && b.cls == C_ZERO)
        return exact_zero(fmt, rm); /* opposite signs: same signs were handled */
    if (a.cls == C_ZERO)
        return round_pack(c, fmt, b.sign, b.exp, b.sig, rm);
    if (b.cls == C_ZERO)
        return round_pack(c, fmt, a.sign, a.exp, a.sig, rm);
    if (a.exp < b.exp || (a.exp == b.exp && a.sig < b.sig)) {
        struct unp t = a;
        a = b;
        b = t;
    }
    /* |a| >= |b|; both at bit 125 of a 128-bit value, b aligned down */
    u128 A = (u128)a.sig << 62, B = (u128)b.sig << 62;
    int d = a.exp - b.exp;
    if (d >= 126) {
        B = 1;
    } else if (d) {
        bool st = (B & (((u128)1 << d) - 1)) != 0;
        B = (B >> d) | st;
    }
    u128 S = a.sign == b.sign ? A + B : A - B;
    if (S == 0)
        return exact_zero(fmt, rm);
    return round_pack128(c, fmt, a.sign, a.exp - 125, S, rm);
}

static uint64_t addsub(struct fpa *c, int fmt, uint64_t a, uint64_t b, bool neg)
{
    struct unp u[2] = {unpack(c, fmt, a), unpack(c, fmt, b)};
    uint64_t v[2] = {a, b}, r;
    if (process_nans(c, fmt, 2, u, v, &r))
        return r;
    if (neg)
        u[1].sign ^= 1;
    if (u[0].cls == C_INF && u[1].cls == C_INF && u[0].sign != u[1].sign) {
        c->flags |= FPA_IOC;
        return fpa_default_nan(fmt);
    }
    if (u[0].cls == C_INF)
        return inf_of(fmt, u[0].sign);
    if (u[1].cls == C_INF)
        return inf_of(fmt, u[1].sign);
    if (u[0].cls == C_ZERO && u[1].cls == C_ZERO && u[0].sign == u[1].sign)
        return zero_of(fmt, u[0].sign);
    return add_core(c, fmt, u[0], u[1], fpa_rmode(c));
}

uint64_t fpa_add(struct fpa *c, int fmt, uint64_t a, uint64_t b) { return addsub(c, fmt, a, b, false); }
uint64_t fpa_sub(struct fpa *c, int fmt, uint64_t a, uint64_t b) { return addsub(c, fmt, a, b, true); }

uint64_t fpa_abd(struct fpa *c, int fmt, uint64_t a, uint64_t b)
{
    uint64_t r = fpa_sub(c, fmt, a, b);
    return r & ~sign_bit(fmt); /* FPAbs: NaNs included */
}

static uint64_t mul_common(struct fpa *c, int fmt, uint64_t a, uint64_t b, bool mulx)
{
    struct unp u[2] = {unpack(c, fmt, a), unpack(c, fmt, b)};
    uint64_t v[2] = {a, b}, r;
    if (process_nans(c, fmt, 2, u, v, &r))
        return r;
    int sign = u[0].sign ^ u[1].sign;
    if ((u[0].cls == C_INF && u[1].cls == C_ZERO) || (u[0].cls == C_ZERO && u[1].cls == C_INF)) {
        if (mulx) /* FPTwo(sign) */
            return zero_of(fmt, sign) | (uint64_t)(FMT[fmt].bias + 1) << FMT[fmt].f;
        c->flags |= FPA_IOC;
        return fpa_default_nan(fmt);
    }
    if (u[0].cls == C_INF || u[1].cls == C_INF)
        return inf_of(fmt, sign);
    if (u[0].cls == C_ZERO || u[1].cls == C_ZERO)
        return zero_of(fmt, sign);
    u128 p = (u128)u[0].sig * u[1].sig;
    return round_pack128(c, fmt, sign, u[0].exp + u[1].exp - 126, p, fpa_rmode(c));
}

uint64_t fpa_mul(struct fpa *c, int fmt, uint64_t a, uint64_t b) { return mul_common(c, fmt, a, b, false); }
uint64_t fpa_mulx(struct fpa *c, int fmt, uint64_t a, uint64_t b) { return mul_common(c, fmt, a, b, true); }

uint64_t fpa_div(struct fpa *c, int fmt, uint64_t a, uint64_t b)
{
    struct unp u[2] = {unpack(c, fmt, a), unpack(c, fmt, b)};
    uint64_t v[2] = {a, b}, r;
    if (process_nans(c, fmt, 2, u, v, &r))
        return r;
    int sign = u[0].sign ^ u[1].sign;
    bool inf1 = u[0].cls == C_INF, inf2 = u[1].cls == C_INF;
    bool zero1 = u[0].cls == C_ZERO, zero2 = u[1].cls == C_ZERO;
    if ((inf1 && inf2) || (zero1 && zero2)) {
        c->flags |= FPA_IOC;
        return fpa_default_nan(fmt);
    }
    if (inf1 || zero2) {
        if (!inf1)
            c->flags |= FPA_DZC;
        return inf_of(fmt, sign);
    }
    if (zero1 || inf2)
        return zero_of(fmt, sign);
    u128 n = (u128)u[0].sig << 64;
    u128 q = n / u[1].sig;
    if (n % u[1].sig)
        q |= 1;
    return round_pack128(c, fmt, sign, u[0].exp - u[1].exp - 64, q, fpa_rmode(c));
}

/* floor(sqrt(x)) of a 128-bit x, and whether it was exact */
static uint64_t isqrt128(u128 x, bool *exact)
{
    u128 r = 0, bit = (u128)1 << 126;
    while (bit > x)
        bit >>= 2;
    while (bit) {
        if (x >= r + bit) {
            x -= r + bit;
            r = (r >> 1) + bit;
        } else {
            r >>= 1;
        }
        bit >>= 2;
    }
    *exact = x == 0;
    return (uint64_t)r;
}

uint64_t fpa_sqrt(struct fpa *c, int fmt, uint64_t a)
{
    struct unp u = unpack(c, fmt, a);
    if (is_nan_cls(u.cls))
        return process_nan(c, fmt, u.cls, a);
    if (u.cls == C_ZERO)
        return zero_of(fmt, u.sign);
    if (u.sign) {
        c->flags |= FPA_IOC;
        return fpa_default_nan(fmt);
    }
    if (u.cls == C_INF)
        return inf_of(fmt, 0);
    /* value = sig * 2^(exp-63) = (sig << t) * 2^(exp-63-t), exp-63-t even */
    int k = u.exp - 63;
    int t = (k - 63) & 1 ? 64 : 63;
    u128 x = (u128)u.sig << t;
    bool exact;
    uint64_t s = isqrt128(x, &exact);
    if (!exact)
        s |= 1;
    /* s has its leading one at bit 63 (x >= 2^126) */
    return round_pack(c, fmt, 0, (k - t) / 2 + 63, s, fpa_rmode(c));
}

/* addend + op1*op2 for non-NaN operands (not inf*0), the exact sum scaled by
 * 2^scale before one rounding (FRSQRTS halves it) */
static uint64_t muladd_core(struct fpa *c, int fmt, struct unp ua, struct unp u1, struct unp u2,
                            int scale)
{
    int rm = fpa_rmode(c);
    int signp = u1.sign ^ u2.sign;
    bool infp = u1.cls == C_INF || u2.cls == C_INF;
    bool zerop = u1.cls == C_ZERO || u2.cls == C_ZERO;
    if (ua.cls == C_INF && infp && ua.sign != signp) {
        c->flags |= FPA_IOC;
        return fpa_default_nan(fmt);
    }
    if ((ua.cls == C_INF && !ua.sign) || (infp && !signp))
        return inf_of(fmt, 0);
    if ((ua.cls == C_INF && ua.sign) || (infp && signp))
        return inf_of(fmt, 1);
    if (ua.cls == C_ZERO && zerop && ua.sign == signp)
        return zero_of(fmt, ua.sign);
    if (zerop) {
        if (ua.cls == C_ZERO)
            return exact_zero(fmt, rm);
        return round_pack(c, fmt, ua.sign, ua.exp + scale, ua.sig, rm);
    }
    /* product exact in 128 bits: the significands have at most 53 bits */
    u128 P = (u128)u1.sig * u2.sig;
    int pe = u1.exp + u2.exp - 126; /* value = P * 2^pe */
    int pmsb = (P >> 127) ? 127 : 126;
    P >>= pmsb - 125;               /* exact: its low bits are zero */
    pe += pmsb - 125;               /* leading one at bit 125, exponent pe + 125 */
    if (ua.cls == C_ZERO)
        return round_pack128(c, fmt, signp, pe + scale, P, rm);
    u128 A = (u128)ua.sig << 62;
    int ae = ua.exp - 125;           /* A's value = A * 2^ae */
    /* H: the larger magnitude, L: the other, aligned down to H's exponent */
    u128 H = P, L = A;
    int hs = signp, ls = ua.sign, he = pe, le = ae;
    if (ae > pe || (ae == pe && A > P)) {
        H = A; L = P; hs = ua.sign; ls = signp; he = ae; le = pe;
    }
    int d = he - le;
    if (d >= 126) {
        L = 1;
    } else if (d > 0) {
        bool st = (L & (((u128)1 << d) - 1)) != 0;
        L = (L >> d) | st;
    }
    u128 S = hs == ls ? H + L : H - L;
    if (S == 0)
        return exact_zero(fmt, rm);
    return round_pack128(c, fmt, hs, he + scale, S, rm);
}

uint64_t fpa_muladd(struct fpa *c, int fmt, uint64_t addend, uint64_t op1, uint64_t op2)
{
    struct unp u[3] = {unpack(c, fmt, addend), unpack(c, fmt, op1), unpack(c, fmt, op2)};
    uint64_t v[3] = {addend, op1, op2}, r;
    bool infzero = (u[1].cls == C_INF && u[2].cls == C_ZERO) ||
                   (u[1].cls == C_ZERO && u[2].cls == C_INF);
    bool done = process_nans(c, fmt, 3, u, v, &r);
    if (u[0].cls == C_QNAN && infzero) {
        c->flags |= FPA_IOC;
        return fpa_default_nan(fmt);
    }
    if (done)
        return r;
    if (infzero) {
        c->flags |= FPA_IOC;
        return fpa_default_nan(fmt);
    }
    return muladd_core(c, fmt, u[0], u[1], u[2], 0);
}

/* FRECPS / FRSQRTS: op1 negated first (NaN signs too), then the fused step */
static uint64_t step_fused(struct fpa *c, int fmt, uint64_t a, uint64_t b, bool rsqrt)
{
    a ^= sign_bit(fmt);
    struct unp u[2] = {unpack(c, fmt, a), unpack(c, fmt, b)};
    uint64_t v[2] = {a, b}, r;
    if (process_nans(c, fmt, 2, u, v, &r))
        return r;
    uint64_t one = (uint64_t)FMT[fmt].bias << FMT[fmt].f;
    if ((u[0].cls == C_INF && u[1].cls == C_ZERO) || (u[0].cls == C_ZERO && u[1].cls == C_INF))
        return rsqrt ? one | (1ull << (FMT[fmt].f - 1)) : one + (1ull << FMT[fmt].f);
    if (u[0].cls == C_INF || u[1].cls == C_INF)
        return inf_of(fmt, u[0].sign ^ u[1].sign);
    /* addend 2.0 or 3.0 */
    struct unp k = {C_NUM, 0, 1, rsqrt ? 0xc000000000000000ull : 0x8000000000000000ull};
    return muladd_core(c, fmt, k, u[0], u[1], rsqrt ? -1 : 0);
}

uint64_t fpa_recps(struct fpa *c, int fmt, uint64_t a, uint64_t b) { return step_fused(c, fmt, a, b, false); }
uint64_t fpa_rsqrts(struct fpa *c, int fmt, uint64_t a, uint64_t b) { return step_fused(c, fmt, a, b, true); }

/* -1, 0, 1 for two non-NaN unpacked values (zeros equal whatever their sign) */
static int cmp_unp(struct unp a, struct unp b)
{
    int sa = a.cls == C_ZERO ? 0 : a.sign ? -1 : 1;
    int sb = b.cls == C_ZERO ? 0 : b.sign ? -1 : 1;
    if (sa != sb)
        return sa < sb ? -1 : 1;
    if (sa == 0)
        return 0;
    int mag;
    if (a.cls == C_INF || b.cls == C_INF)
        mag = (a.cls == C_INF) - (b.cls == C_INF);
    else if (a.exp != b.exp)
        mag = a.exp < b.exp ? -1 : 1;
    else
        mag = a.sig < b.sig ? -1 : a.sig > b.sig;
    return sa < 0 ? -mag : mag;
}

static uint64_t minmax(struct fpa *c, int fmt, uint64_t a, uint64_t b, bool max)
{
    struct unp u[2] = {unpack(c, fmt, a), unpack(c, fmt, b)};
    uint64_t v[2] = {a, b}, r;
    if (process_nans(c, fmt, 2, u, v, &r))
        return r;
    int k = cmp_unp(u[0], u[1]);
    int pick = max ? (k > 0 ? 0 : 1) : (k < 0 ? 0 : 1);
    struct unp w = u[pick];
    if (w.cls == C_INF)
        return inf_of(fmt, w.sign);
    if (w.cls == C_ZERO) /* the most positive / negative sign of two zeros */
        return zero_of(fmt, max ? (u[0].sign & u[1].sign) : (u[0].sign | u[1].sign));
    return round_pack(c, fmt, w.sign, w.exp, w.sig, fpa_rmode(c)); /* exact */
}

uint64_t fpa_max(struct fpa *c, int fmt, uint64_t a, uint64_t b) { return minmax(c, fmt, a, b, true); }
uint64_t fpa_min(struct fpa *c, int fmt, uint64_t a, uint64_t b) { return minmax(c, fmt, a, b, false); }

/* FPMaxNum/FPMinNum: one quiet NaN alone loses to the number */
static uint64_t minmaxnum(struct fpa *c, int fmt, uint64_t a, uint64_t b, bool max)
{
    struct unp ua = unpack(c, fmt, a), ub = unpack(c, fmt, b);
    if (ua.cls == C_QNAN && ub.cls != C_QNAN)
        a = inf_of(fmt, max);
    else if (ua.cls != C_QNAN && ub.cls == C_QNAN)
        b = inf_of(fmt, max);
    return minmax(c, fmt, a, b, max);
}

uint64_t fpa_maxnum(struct fpa *c, int fmt, uint64_t a, uint64_t b) { return minmaxnum(c, fmt, a, b, true); }
uint64_t fpa_minnum(struct fpa *c, int fmt, uint64_t a, uint64_t b) { return minmaxnum(c, fmt, a, b, false); }

unsigned fpa_compare(struct fpa *c, int fmt, uint64_t a, uint64_t b, bool signal)
{
    struct unp ua = unpack(c, fmt, a), ub = unpack(c, fmt, b);
    if (is_nan_cls(ua.cls) || is_nan_cls(ub.cls)) {
        if (signal || ua.cls == C_SNAN || ub.cls == C_SNAN)
            c->flags |= FPA_IOC;
        return 0x3;
    }
    int k = cmp_unp(ua, ub);
    return k == 0 ? 0x6 : k < 0 ? 0x8 : 0x2;
}

bool fpa_cmp_eq(struct fpa *c, int fmt, uint64_t a, uint64_t b)
{
    return fpa_compare(c, fmt, a, b, false) == 0x6;
}
bool fpa_cmp_ge(struct fpa *c, int fmt, uint64_t a, uint64_t b)
{
    unsigned k = fpa_compare(c, fmt, a, b, true);
    return k == 0x6 || k == 0x2;
}
bool fpa_cmp_gt(struct fpa *c, int fmt, uint64_t a, uint64_t b)
{
    return fpa_compare(c, fmt, a, b, true) == 0x2;
}

/* round a number's magnitude (value = sig * 2^(e-63), e + fbits scaled) to an
 * integer in mode rm; *mag gets it when it fits 64 bits (else *big), *inexact
 * whether anything was dropped */
static void round_to_integer(struct unp u, int rm, uint64_t *mag, bool *big, bool *inexact)
{
    int e = u.exp;
    uint64_t m;
    bool half, sticky;
    *big = false;
    if (e >= 64) {
        *big = true;
        *inexact = false;
        *mag = 0;
        return;
    }
    if (e >= 63) {
        m = u.sig;
        half = sticky = false;
    } else if (e >= 0) {
        int s = 63 - e;
        m = u.sig >> s;
        half = (u.sig >> (s - 1)) & 1;
        sticky = (u.sig & ((1ull << (s - 1)) - 1)) != 0;
    } else {
        m = 0;
        half = e == -1;
        sticky = e == -1 ? (u.sig << 1) != 0 : true;
    }
    bool inx = half || sticky, up;
    switch (rm) {
    case FPA_RN: up = half && (sticky || (m & 1)); break;
    case FPA_RA: up = half; break;
    case FPA_RP: up = inx && !u.sign; break;
    case FPA_RM: up = inx && u.sign; break;
    default: up = false; break;
    }
    if (up && ++m == 0)
        *big = true;
    *mag = m;
    *inexact = inx;
}

uint64_t fpa_round_int(struct fpa *c, int fmt, uint64_t a, int rm, bool exact)
{
    struct unp u = unpack(c, fmt, a);
    if (is_nan_cls(u.cls))
        return process_nan(c, fmt, u.cls, a);
    if (u.cls == C_INF)
        return inf_of(fmt, u.sign);
    if (u.cls == C_ZERO)
        return zero_of(fmt, u.sign);
    if (u.exp >= FMT[fmt].f) /* already integral */
        return a;
    uint64_t m;
    bool big, inexact;
    round_to_integer(u, rm, &m, &big, &inexact);
    uint64_t r;
    if (m == 0) {
        r = zero_of(fmt, u.sign);
    } else {
        int lz = clz64(m);
        struct fpa quiet = {c->fpcr, 0};
        r = round_pack(&quiet, fmt, u.sign, 63 - lz, m << lz, FPA_RZ);
    }
    if (inexact && exact)
        c->flags |= FPA_IXC;
    return r;
}

/* FPConvertNaN: the payload's top bits, quietened */
static uint64_t convert_nan(int from, int to, uint64_t a)
{
    int sign = (int)((a >> (FMT[from].n - 1)) & 1);
    /* fraction below the quiet bit, left-aligned at bit 63 */
    uint64_t pay = (a & (quiet_bit(from) - 1)) << (64 - (FMT[from].f - 1));
    uint64_t fr = quiet_bit(to) | (pay >> (64 - (FMT[to].f - 1)));
    return inf_of(to, sign) | fr;
}

uint64_t fpa_convert(struct fpa *c, int from, int to, uint64_t a, int rm)
{
    struct unp u = unpack(c, from, a);
    bool alt = to == FPA_H && (c->fpcr & FPA_FPCR_AHP);
    if (is_nan_cls(u.cls)) {
        uint64_t r;
        if (alt)
            r = zero_of(to, u.sign);
        else if (c->fpcr & FPA_FPCR_DN)
            r = fpa_default_nan(to);
        else
            r = convert_nan(from, to, a);
        if (u.cls == C_SNAN || alt)
            c->flags |= FPA_IOC;
        return r;
    }
    if (u.cls == C_INF) {
        if (alt) {
            c->flags |= FPA_IOC;
            return zero_of(to, u.sign) | 0x7fff;
        }
        return inf_of(to, u.sign);
    }
    if (u.cls == C_ZERO)
        return zero_of(to, u.sign);
    return round_pack(c, to, u.sign, u.exp, u.sig, rm);
}

uint64_t fpa_to_fixed(struct fpa *c, int fmt, uint64_t a, int fbits, bool is_unsigned, int ibits,
                      int rm)
{
    struct unp u = unpack(c, fmt, a);
    uint64_t umax = ibits == 64 ? ~0ull : (1ull << ibits) - 1;
    uint64_t smax = umax >> 1;
    if (is_nan_cls(u.cls)) {
        c->flags |= FPA_IOC;
        return 0;
    }
    if (u.cls == C_ZERO)
        return 0;
    uint64_t m = 0;
    bool big = u.cls == C_INF, inexact = false;
    if (!big) {
        u.exp += fbits;
        round_to_integer(u, rm, &m, &big, &inexact);
    }
    bool ovf;
    uint64_t r;
    if (is_unsigned) {
        ovf = big || (u.sign ? m != 0 : m > umax);
        r = u.sign ? 0 : big || m > umax ? umax : m;
    } else if (u.sign) {
        ovf = big || m > smax + 1;
        r = ovf ? (smax + 1) & umax : (0 - m) & umax;
    } else {
        ovf = big || m > smax;
        r = ovf ? smax : m;
    }
    if (ovf)
        c->flags |= FPA_IOC;
    else if (inexact)
        c->flags |= FPA_IXC;
    return r;
}

uint64_t fpa_from_fixed(struct fpa *c, int fmt, uint64_t x, int fbits, bool is_unsigned,
                        int ibits, int rm)
{
    if (ibits < 64)
        x &= (1ull << ibits) - 1;
    int sign = 0;
    if (!is_unsigned && ibits < 64 && (x >> (ibits - 1)) & 1)
        x |= ~0ull << ibits;
    if (!is_unsigned && (int64_t)x < 0) {
        sign = 1;
        x = 0 - x;
    }
    if (x == 0)
        return 0;
    int lz = clz64(x);
    return round_pack(c, fmt, sign, 63 - lz - fbits, x << lz, rm);
}

/* ---- estimates ---- */

/* RecipEstimate: a in [256, 512) -> [256, 512) */
static unsigned recip_estimate(unsigned a)
{
    a = a * 2 + 1;
    unsigned b = (1u << 19) / a;
    return (b + 1) / 2;
}

/* RecipSqrtEstimate: a in [128, 512) -> [256, 512) */
static unsigned rsqrt_estimate(unsigned a)
{
    if (a < 256) {
        a = a * 2 + 1;
    } else {
        a = (a >> 1) << 1;
        a = (a + 1) * 2;
    }
    unsigned b = 512;
    while ((uint64_t)a * (b + 1) * (b + 1) < (1ull << 28))
        b++;
    return (b + 1) / 2;
}

uint64_t fpa_recpe(struct fpa *c, int fmt, uint64_t a)
{
    struct unp u = unpack(c, fmt, a);
    int f = FMT[fmt].f;
    if (is_nan_cls(u.cls))
        return process_nan(c, fmt, u.cls, a);
    if (u.cls == C_INF)
        return zero_of(fmt, u.sign);
    if (u.cls == C_ZERO) {
        c->flags |= FPA_DZC;
        return inf_of(fmt, u.sign);
    }
    /* |value| < 2^-(bias+1): the reciprocal overflows */
    if (u.exp < -(FMT[fmt].bias + 1)) {
        int rm = fpa_rmode(c);
        bool to_inf = rm == FPA_RN || (rm == FPA_RP && !u.sign) || (rm == FPA_RM && u.sign);
        c->flags |= FPA_OFC | FPA_IXC;
        return to_inf ? inf_of(fmt, u.sign) : max_normal(fmt, u.sign);
    }
    if (fmt != FPA_H && (c->fpcr & FPA_FPCR_FZ) && u.exp >= FMT[fmt].bias - 1) {
        c->flags |= FPA_UFC;
        return zero_of(fmt, u.sign);
    }
    /* the fraction as 52 bits, and the biased exponent field */
    uint64_t fraction = (a & fmask(fmt)) << (52 - f);
    int exp = (int)((a >> f) & (uint64_t)emax_field(fmt));
    if (exp == 0) {
        if (!((fraction >> 51) & 1)) {
            exp = -1;
            fraction = (fraction << 2) & ((1ull << 52) - 1);
        } else {
            fraction = (fraction << 1) & ((1ull << 52) - 1);
        }
    }
    unsigned scaled = 256 | (unsigned)(fraction >> 44);
    int result_exp = (fmt == FPA_H ? 29 : fmt == FPA_S ? 253 : 2045) - exp;
    unsigned est = recip_estimate(scaled);
    fraction = (uint64_t)(est & 0xff) << 44;
    if (result_exp == 0) {
        fraction = (1ull << 51) | (fraction >> 1);
    } else if (result_exp == -1) {
        fraction = (1ull << 50) | (fraction >> 2);
        result_exp = 0;
    }
    return zero_of(fmt, u.sign) | (uint64_t)result_exp << f | (fraction >> (52 - f));
}

uint64_t fpa_rsqrte(struct fpa *c, int fmt, uint64_t a)
{
    struct unp u = unpack(c, fmt, a);
    int f = FMT[fmt].f;
    if (is_nan_cls(u.cls))
        return process_nan(c, fmt, u.cls, a);
    if (u.cls == C_ZERO) {
        c->flags |= FPA_DZC;
        return inf_of(fmt, u.sign);
    }
    if (u.sign) {
        c->flags |= FPA_IOC;
        return fpa_default_nan(fmt);
    }
    if (u.cls == C_INF)
        return 0;
    uint64_t fraction = (a & fmask(fmt)) << (52 - f);
    int exp = (int)((a >> f) & (uint64_t)emax_field(fmt));
    if (exp == 0) {
        while (!((fraction >> 51) & 1)) {
            fraction = (fraction << 1) & ((1ull << 52) - 1);
            exp--;
        }
        fraction = (fraction << 1) & ((1ull << 52) - 1);
    }
    /* an odd biased exponent scales into [0.25, 0.5), an even one into [0.5, 1) */
    unsigned scaled = (exp & 1) ? 128 | (unsigned)(fraction >> 45) : 256 | (unsigned)(fraction >> 44);
    int k = fmt == FPA_H ? 44 : fmt == FPA_S ? 380 : 3068;
    int result_exp = (k - exp) >> 1; /* DIV rounds toward -inf; k - exp > 0 */
    unsigned est = rsqrt_estimate(scaled);
    return (uint64_t)result_exp << f | ((uint64_t)(est & 0xff) << (f - 8));
}

uint64_t fpa_recpx(struct fpa *c, int fmt, uint64_t a)
{
    struct unp u = unpack(c, fmt, a);
    int f = FMT[fmt].f;
    if (is_nan_cls(u.cls))
        return process_nan(c, fmt, u.cls, a);
    uint64_t e = (a >> f) & (uint64_t)emax_field(fmt);
    uint64_t ne = e == 0 ? (uint64_t)emax_field(fmt) - 1 : ~e & (uint64_t)emax_field(fmt);
    return zero_of(fmt, (int)((a >> (FMT[fmt].n - 1)) & 1)) | ne << f;
}

uint32_t fpa_urecpe(uint32_t a)
{
    if (!(a >> 31))
        return 0xffffffffu;
    return (uint32_t)recip_estimate(a >> 23) << 23;
}

uint32_t fpa_ursqrte(uint32_t a)
{
    if (!(a >> 30))
        return 0xffffffffu;
    return (uint32_t)rsqrt_estimate(a >> 23) << 23;
}
