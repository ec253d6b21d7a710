/* aarch64.h — aarch64 guest facts shared by the frontend, the syscall layer and
 * the runner: feature bits of -cpu models, HWCAP bits, register numbers.
 */
#ifndef TERN_AARCH64_H
#define TERN_AARCH64_H

#include <stdint.h>

/* cpu_model.features bits: what the translator accepts */
#define A64_F_FP      (1ull << 0)   /* scalar FP */
#define A64_F_SIMD    (1ull << 1)   /* Advanced SIMD */
#define A64_F_AES     (1ull << 2)   /* AESE/AESD/AESMC/AESIMC */
#define A64_F_PMULL   (1ull << 3)   /* PMULL/PMULL2 of 64-bit lanes */
#define A64_F_SHA1    (1ull << 4)
#define A64_F_SHA2    (1ull << 5)   /* SHA-256 */
#define A64_F_CRC32   (1ull << 6)
#define A64_F_LSE     (1ull << 7)   /* ARMv8.1 atomics: LDADD..., SWP, CAS, CASP */
#define A64_F_RDM     (1ull << 8)   /* ARMv8.1 SQRDMLAH/SQRDMLSH */
#define A64_F_LRCPC   (1ull << 9)   /* ARMv8.3 LDAPR */

/* AT_HWCAP bits (arch/arm64/include/uapi/asm/hwcap.h) */
#define A64_HWCAP_FP       (1ull << 0)
#define A64_HWCAP_ASIMD    (1ull << 1)
#define A64_HWCAP_EVTSTRM  (1ull << 2)
#define A64_HWCAP_AES      (1ull << 3)
#define A64_HWCAP_PMULL    (1ull << 4)
#define A64_HWCAP_SHA1     (1ull << 5)
#define A64_HWCAP_SHA2     (1ull << 6)
#define A64_HWCAP_CRC32    (1ull << 7)
#define A64_HWCAP_ATOMICS  (1ull << 8)
#define A64_HWCAP_CPUID    (1ull << 11)
#define A64_HWCAP_ASIMDRDM (1ull << 12)
#define A64_HWCAP_LRCPC    (1ull << 15)

/* ABI register numbers (cpu->gpr index; 31 is SP) */
enum { A64_X0 = 0, A64_X8 = 8, A64_LR = 30, A64_SP = 31 };

/* system register numbers as MRS/MSR encode them: op0:op1:CRn:CRm:op2 */
#define A64_SYSREG(op0, op1, crn, crm, op2) \
    ((uint32_t)(op0) << 14 | (uint32_t)(op1) << 11 | (uint32_t)(crn) << 7 | \
     (uint32_t)(crm) << 3 | (uint32_t)(op2))
#define A64_SR_NZCV        A64_SYSREG(3, 3, 4, 2, 0)
#define A64_SR_FPCR        A64_SYSREG(3, 3, 4, 4, 0)
#define A64_SR_FPSR        A64_SYSREG(3, 3, 4, 4, 1)
#define A64_SR_TPIDR_EL0   A64_SYSREG(3, 3, 13, 0, 2)
#define A64_SR_TPIDRRO_EL0 A64_SYSREG(3, 3, 13, 0, 3)
#define A64_SR_CTR_EL0     A64_SYSREG(3, 3, 0, 0, 1)
#define A64_SR_DCZID_EL0   A64_SYSREG(3, 3, 0, 0, 7)
#define A64_SR_CNTFRQ_EL0  A64_SYSREG(3, 3, 14, 0, 0)
#define A64_SR_CNTVCT_EL0  A64_SYSREG(3, 3, 14, 0, 2)
#define A64_SR_CNTVCTSS_EL0 A64_SYSREG(3, 3, 14, 0, 6)
#define A64_SR_MIDR_EL1    A64_SYSREG(3, 0, 0, 0, 0)

/* FPCR fields */
#define A64_FPCR_RMODE_SHIFT 22
#define A64_FPCR_FZ   (1u << 24)
#define A64_FPCR_DN   (1u << 25)
#define A64_FPCR_AHP  (1u << 26)
#define A64_FPCR_FZ16 (1u << 19)
/* FPSR cumulative bits */
#define A64_FPSR_IOC (1u << 0)
#define A64_FPSR_DZC (1u << 1)
#define A64_FPSR_OFC (1u << 2)
#define A64_FPSR_UFC (1u << 3)
#define A64_FPSR_IXC (1u << 4)
#define A64_FPSR_IDC (1u << 7)
#define A64_FPSR_QC  (1u << 27)

#endif
