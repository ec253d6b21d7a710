/* helpers.c — system-register reads and writes that need the host or the
 * runner: FPCR/FPSR (which live partly in the host MXCSR), the virtual
 * counter, and the constant ID registers Linux shows to user space.
 *
 * FP status split (one place, here):
 *  - the IEEE cumulative flags (IOC, DZC, OFC, UFC, IXC) accrue in the host
 *    MXCSR and cpu->fflags in FPF_* order (jit/jit.h), exactly as riscv64's
 *    fflags do, so generated code never touches them;
 *  - cpu->fpsr holds the rest of FPSR: IDC and QC (saturation, set by the
 *    AdvSIMD helpers);
 *  - cpu->fpcr is the guest FPCR; its rounding mode is also in MXCSR.RC.
 */
#include <time.h>

#include "frontends/aarch64/a64_internal.h"
#include "jit/jit.h"

/* FPSR bit <-> FPF_* bit, one row per IEEE flag */
static const struct { uint32_t fpsr, fpf; } fpsr_ieee[] = {
    /* FPSR           FPF */
    { A64_FPSR_IOC, FPF_NV },
    { A64_FPSR_DZC, FPF_DZ },
    { A64_FPSR_OFC, FPF_OF },
    { A64_FPSR_UFC, FPF_UF },
    { A64_FPSR_IXC, FPF_NX },
};
#define FPSR_IEEE_MASK (A64_FPSR_IOC | A64_FPSR_DZC | A64_FPSR_OFC | A64_FPSR_UFC | A64_FPSR_IXC)
#define FPSR_MASK (FPSR_IEEE_MASK | A64_FPSR_IDC | A64_FPSR_QC)
/* FPCR bits that hold state on a core without FP16 arithmetic */
#define FPCR_MASK (3u << A64_FPCR_RMODE_SHIFT | A64_FPCR_FZ | A64_FPCR_DN | A64_FPCR_AHP)

/* Arm RMode -> IR_RM_*: RN, RP, RM, RZ */
static const int rmode_to_rm[4] = { IR_RM_RNE, IR_RM_RUP, IR_RM_RDN, IR_RM_RTZ };

#define CNTFRQ 1000000000ull  /* the counter ticks in nanoseconds */

uint64_t a64_helper_mrs(struct cpu *cpu, uint64_t sysreg, uint64_t u1, uint64_t u2, uint64_t u3)
{
    (void)u1, (void)u2, (void)u3;
    switch (sysreg) {
    case A64_SR_FPCR:
        return cpu->fpcr;
    case A64_SR_FPSR: {
        uint32_t f = fpu_get_flags(cpu), v = cpu->fpsr & ~FPSR_IEEE_MASK;
        for (unsigned i = 0; i < sizeof(fpsr_ieee) / sizeof(fpsr_ieee[0]); i++)
            if (f & fpsr_ieee[i].fpf)
                v |= fpsr_ieee[i].fpsr;
        return v;
    }
    case A64_SR_CNTVCT_EL0:
    case A64_SR_CNTVCTSS_EL0: {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (uint64_t)ts.tv_sec * CNTFRQ + (uint64_t)ts.tv_nsec;
    }
    default:
        return 0;
    }
}

uint64_t a64_helper_msr(struct cpu *cpu, uint64_t sysreg, uint64_t val, uint64_t u2, uint64_t u3)
{
    (void)u2, (void)u3;
    switch (sysreg) {
    case A64_SR_FPCR:
        cpu->fpcr = (uint32_t)val & FPCR_MASK;
        fpu_set_rounding(cpu, rmode_to_rm[(cpu->fpcr >> A64_FPCR_RMODE_SHIFT) & 3]);
        break;
    case A64_SR_FPSR: {
        uint32_t f = 0;
        for (unsigned i = 0; i < sizeof(fpsr_ieee) / sizeof(fpsr_ieee[0]); i++)
            if (val & fpsr_ieee[i].fpsr)
                f |= fpsr_ieee[i].fpf;
        fpu_set_flags(cpu, f);
        cpu->fpsr = (uint32_t)val & FPSR_MASK & ~FPSR_IEEE_MASK;
        break;
    }
    default:
        break;
    }
    return 0;
}

bool a64_sysreg_const(uint64_t features, uint32_t sysreg, uint64_t *val)
{
    unsigned op0 = sysreg >> 14, op1 = (sysreg >> 11) & 7, crn = (sysreg >> 7) & 15;
    unsigned crm = (sysreg >> 3) & 15, op2 = sysreg & 7;
    switch (sysreg) {
    case A64_SR_CTR_EL0:
        /* 64-byte lines (I and D), PIPT icache, ERG/CWG 64 bytes; IDC/DIC clear,
         * so guests clean and invalidate around code they write */
        *val = 0x8444c004u;
        return true;
    case A64_SR_DCZID_EL0:
        *val = 4;  /* DC ZVA allowed, 2^4 words = 64 bytes */
        return true;
    case A64_SR_CNTFRQ_EL0:
        *val = CNTFRQ;
        return true;
    }
    /* the ID space Linux emulates for EL0 (cpu-feature-registers.rst):
     * op0=3, op1=0, CRn=0, CRm=0 or 4..7; unlisted registers read as 0 */
    if (op0 != 3 || op1 != 0 || crn != 0 || (crm >= 1 && crm <= 3))
        return false;
    *val = 0;
    if (crm == 0) {
        if (op2 == 0)
            *val = 0x000f0510;       /* MIDR_EL1: implementer 0 (software), arch from ID regs */
        else if (op2 == 5)
            *val = 0x80000000;       /* MPIDR_EL1: RES1 bit only */
        return true;
    }
    if (crm == 4 && op2 == 0) {      /* ID_AA64PFR0_EL1 */
        uint64_t v = 0x11;           /* EL0 and EL1: AArch64 only */
        v |= (features & A64_F_FP) ? 0 : 0xfull << 16;
        v |= (features & A64_F_SIMD) ? 0 : 0xfull << 20;
        *val = v;
    } else if (crm == 6 && op2 == 0) { /* ID_AA64ISAR0_EL1 */
        uint64_t v = 0;
        if (features & A64_F_AES)
            v |= (features & A64_F_PMULL) ? 2ull << 4 : 1ull << 4;
        if (features & A64_F_SHA1)
            v |= 1ull << 8;
        if (features & A64_F_SHA2)
            v |= 1ull << 12;
        if (features & A64_F_CRC32)
            v |= 1ull << 16;
        if (features & A64_F_LSE)
            v |= 2ull << 20;
        if (features & A64_F_RDM)
            v |= 1ull << 28;
        *val = v;
    } else if (crm == 6 && op2 == 1) { /* ID_AA64ISAR1_EL1 */
        *val = (features & A64_F_LRCPC) ? 1ull << 20 : 0;
    }
    return true;
}
