/* helpers.c — C helpers that riscv64 translated code calls (gen_call): SC,
 * the FP CSRs, the counters, fmin/fmax and fclass.
 *
 * Invariants:
 *  - signature uint64_t fn(struct cpu *, a0..a3), as IR_call requires;
 *  - accrued FP flags live behind fpu_get_flags/fpu_set_flags (host MXCSR
 *    folded into cpu->fflags), the dynamic rounding mode behind
 *    fpu_set_rounding plus cpu->frm; nothing here reads MXCSR directly;
 *  - FP values are handled as bit patterns (singles already unboxed by the
 *    caller), so the helpers never execute host FP instructions that could
 *    raise flags of their own.
 */
#include <stdbool.h>
#include <time.h>
#include <x86intrin.h>

#include "frontends/riscv64/rv_internal.h"
#include "jit/jit.h"
#include "runner/tern.h"
#include "runner/cpu.h"

/* ---- A: store-conditional ---- */

uint64_t rv_helper_sc(struct cpu *cpu, uint64_t addr, uint64_t val, uint64_t size, uint64_t u)
{
    (void)u;
    uint64_t reserved = cpu->res_addr;
    cpu->res_addr = ~0ull;
    if (addr != reserved)
        return 1;
    /* Succeeds iff memory still holds what LR saw: a CAS cannot tell an ABA
     * change from none, which LR/SC forbids, but no lock-free algorithm
     * written for LR/SC can observe the difference. */
    if (size == 4) {
        uint32_t expect = (uint32_t)cpu->res_val;
        return !__atomic_compare_exchange_n((uint32_t *)(uintptr_t)addr, &expect, (uint32_t)val,
                                            false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    }
    uint64_t expect = cpu->res_val;
    return !__atomic_compare_exchange_n((uint64_t *)(uintptr_t)addr, &expect, val, false,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/* ---- Zicsr: fflags, frm, fcsr ---- */

static void set_frm(struct cpu *cpu, uint32_t rm)
{
    /* frm may hold the reserved values 5..7; the host rounds to nearest
     * for them (an insn using dyn rounding should then trap instead). */
    fpu_set_rounding(cpu, rm <= IR_RM_RMM ? (int)rm : IR_RM_RNE);
    cpu->frm = rm;
    /* RMM has no host rounding mode: when the guest moves into or out of it,
     * ask the dispatcher to retranslate (the CSR write ended the block) */
    if ((rm == IR_RM_RMM) != (cpu->proc->fp_dyn_slow != 0))
        cpu->exit_requested = 1;
}

uint64_t rv_helper_csr_fp(struct cpu *cpu, uint64_t csr, uint64_t val, uint64_t op, uint64_t u)
{
    (void)u;
    uint32_t flags = fpu_get_flags(cpu) & 0x1f;
    uint32_t frm = cpu->frm & 7;
    uint64_t old;
    switch (csr) {
    case RV_CSR_FFLAGS: old = flags; break;
    case RV_CSR_FRM:    old = frm; break;
    default:            old = (uint64_t)frm << 5 | flags; break;
    }
    uint64_t nv;
    switch (op) {
    case RV_CSR_WRITE: nv = val; break;
    case RV_CSR_SET:   nv = old | val; break;
    case RV_CSR_CLEAR: nv = old & ~val; break;
    default:           return old;
    }
    switch (csr) {
    case RV_CSR_FFLAGS:
        fpu_set_flags(cpu, (uint32_t)nv & 0x1f);
        break;
    case RV_CSR_FRM:
        set_frm(cpu, (uint32_t)nv & 7);
        break;
    default:
        fpu_set_flags(cpu, (uint32_t)nv & 0x1f);
        set_frm(cpu, (uint32_t)(nv >> 5) & 7);
        break;
    }
    return old;
}

/* ---- Zicsr: cycle, time, instret ---- */

uint64_t rv_helper_counter(struct cpu *cpu, uint64_t csr, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)cpu; (void)u1; (void)u2; (void)u3;
    if (csr == RV_CSR_TIME) {
        /* 10 MHz, the timebase Linux riscv boards commonly report */
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (uint64_t)ts.tv_sec * 10000000u + (uint64_t)ts.tv_nsec / 100u;
    }
    /* cycle and instret: only monotonicity is promised; the TSC gives it */
    return __rdtsc();
}

/* ---- F/D: fmin, fmax, fclass on bit patterns ---- */

struct fp_layout {
    uint64_t sign, exp, quiet, canon;
};

static const struct fp_layout f32_layout = {
    0x80000000u, 0x7f800000u, 0x00400000u, 0x7fc00000u,
};
static const struct fp_layout f64_layout = {
    0x8000000000000000ull, 0x7ff0000000000000ull, 0x0008000000000000ull, 0x7ff8000000000000ull,
};

static bool is_nan(const struct fp_layout *l, uint64_t v)
{
    return (v & l->exp) == l->exp && (v & ~(l->sign | l->exp)) != 0;
}

static bool is_snan(const struct fp_layout *l, uint64_t v)
{
    return is_nan(l, v) && !(v & l->quiet);
}

/* Maps a non-NaN pattern to an unsigned key with the same order as the
 * value, -0 below +0 (as minimumNumber/maximumNumber require). */
static uint64_t order_key(const struct fp_layout *l, uint64_t v)
{
    return (v & l->sign) ? ~v & (l->sign | (l->sign - 1)) : v | l->sign;
}

uint64_t rv_fminmax_bits(uint64_t a, uint64_t c, unsigned kind, bool *invalid)
{
    const struct fp_layout *l = (kind & RV_FP_DOUBLE) ? &f64_layout : &f32_layout;
    *invalid = is_snan(l, a) || is_snan(l, c);
    bool an = is_nan(l, a), cn = is_nan(l, c);
    if (an && cn)
        return l->canon;
    if (an)
        return c;
    if (cn)
        return a;
    bool a_less = order_key(l, a) < order_key(l, c);
    return (kind & RV_FP_MAX) ? (a_less ? c : a) : (a_less ? a : c);
}

uint64_t rv_helper_fminmax(struct cpu *cpu, uint64_t a, uint64_t c, uint64_t kind, uint64_t u)
{
    (void)u;
    bool invalid;
    uint64_t r = rv_fminmax_bits(a, c, (unsigned)kind, &invalid);
    if (invalid)
        fpu_set_flags(cpu, fpu_get_flags(cpu) | FPF_NV);
    return (kind & RV_FP_DOUBLE) ? r : (r | 0xffffffff00000000ull);
}

uint64_t rv_fclass_bits(uint64_t v, unsigned kind)
{
    const struct fp_layout *l = (kind & RV_FP_DOUBLE) ? &f64_layout : &f32_layout;
    uint64_t mant = v & ~(l->sign | l->exp), e = v & l->exp;
    bool neg = (v & l->sign) != 0;
    if (e == l->exp) {
        if (mant == 0)
            return neg ? 1u << 0 : 1u << 7;        /* -inf, +inf */
        return (v & l->quiet) ? 1u << 9 : 1u << 8;  /* quiet, signalling NaN */
    }
    if (e == 0) {
        if (mant == 0)
            return neg ? 1u << 3 : 1u << 4;        /* -0, +0 */
        return neg ? 1u << 2 : 1u << 5;            /* subnormal */
    }
    return neg ? 1u << 1 : 1u << 6;                /* normal */
}

uint64_t rv_helper_fclass(struct cpu *cpu, uint64_t a, uint64_t kind, uint64_t u2, uint64_t u3)
{
    (void)cpu; (void)u2; (void)u3;
    return rv_fclass_bits(a, (unsigned)kind);
}
