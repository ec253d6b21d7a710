/* sigframe.c — the riscv64 kernel's signal frame: setup_rt_frame for a
 * handler and rt_sigreturn's restore (arch/riscv/kernel/signal.c behaviour;
 * layouts from the UAPI headers asm/sigcontext.h, asm/ucontext.h,
 * asm/ptrace.h).
 *
 * struct rt_sigframe, 1088 bytes, at (sigsp(sp) - 1088) & ~15:
 *   siginfo                        0     128 bytes (always written)
 *   ucontext                       128:
 *     uc_flags, uc_link            +0, +8   (0, 0)
 *     uc_stack                     +16      stack_t
 *     uc_sigmask                   +40      8 bytes, padded to 128
 *     uc_mcontext                  +176     struct sigcontext:
 *       sc_regs                    +0       user_regs_struct: pc, then x1..x31
 *       sc_fpregs                  +256     528 bytes: f[0..31] (64-bit, as held,
 *                                           NaN-boxed singles included), fcsr at
 *                                           +256; +516 reserved word (0) and +520
 *                                           the END context header {0, 0}
 * FP state is saved and restored only when the model has F/D (the kernel's
 * has_fpu()); the reserved word and END header are written and checked
 * regardless, as newer kernels do (older ones check the same 12 bytes as
 * q.reserved[]). No V extension, so any other header is refused.
 * Handler entry: a0 = signal, a1 = &siginfo, a2 = &ucontext (always), sp =
 * frame, ra = the trampoline (riscv64 has no SA_RESTORER; the kernel's vDSO
 * __vdso_rt_sigreturn is `li a7, 139; ecall`, which tern maps as a page of
 * its own), pc = handler. An alternate stack the frame would overflow gives
 * an unwritable frame address (SIGSEGV), as the kernel's get_sigframe.
 * rt_sigreturn refuses a frame it cannot read or whose reserved words are
 * not zero (SIGSEGV, SI_KERNEL).
 */
#include <string.h>

#include "frontends/riscv64/rv_internal.h"
#include "runner/signal.h"
#include "syscalls/sc.h"

#define FRAME_SIZE 1088
#define F_UC       128
#define UC_MC      176
#define MC_FP      256
#define FP_FCSR    256
#define FP_RSVD    516
#define FP_HDR     520

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }
static uint32_t get32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint64_t get64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }

static bool has_fpu(const struct cpu *cpu)
{
    return (cpu->proc->model->features & RV_F_FD) != 0;
}

int rv_sig_setup_frame(struct cpu *cpu, const struct sig_frame *f)
{
    uint64_t sp = cpu->gpr[RV_SP];
    uint64_t frame;
    if (sig_on_altstack(cpu, sp) && !sig_on_altstack(cpu, sp - FRAME_SIZE))
        frame = ~0ull;   /* never writable: the delivery fails */
    else
        frame = (sig_frame_sp(cpu, sp, f->flags) - FRAME_SIZE) & ~15ull;

    uint8_t buf[FRAME_SIZE];
    memset(buf, 0, sizeof buf);
    memcpy(buf, f->info, 128);
    uint8_t *uc = buf + F_UC, *mc = uc + UC_MC, *fp = mc + MC_FP;
    sig_save_altstack(cpu, sp, uc + GUC_STACK);
    put64(uc + GUC_SIGMASK, f->mask);
    put64(mc, cpu->pc);
    for (int i = 1; i < 32; i++)
        put64(mc + 8 * i, cpu->gpr[i]);
    if (has_fpu(cpu)) {
        memcpy(fp, cpu->fpr, 32 * 8);
        put32(fp + FP_FCSR, (uint32_t)rv_helper_csr_fp(cpu, RV_CSR_FCSR, 0, RV_CSR_READ, 0));
    }
    /* fp + FP_RSVD and the END header at fp + FP_HDR stay 0 */
    if (frame == ~0ull || guest_copy_out(cpu, frame, buf, sizeof buf))
        return -1;

    cpu->gpr[RV_RA] = f->ret;
    cpu->gpr[RV_SP] = frame;
    cpu->gpr[RV_A0] = (uint64_t)f->sig;
    cpu->gpr[RV_A1] = frame;
    cpu->gpr[RV_A2] = frame + F_UC;
    cpu->pc = f->handler;
    return 0;
}

int rv_sig_restore_frame(struct cpu *cpu, uint64_t *ucontext, uint8_t badinfo[128])
{
    uint64_t frame = cpu->gpr[RV_SP];
    memset(badinfo, 0, 128);
    int32_t signo = 11, code = 0x80;   /* SIGSEGV, SI_KERNEL: force_sig */
    memcpy(badinfo, &signo, 4);
    memcpy(badinfo + 8, &code, 4);

    uint8_t buf[FRAME_SIZE];
    if (guest_copy_in(cpu, buf, frame, FRAME_SIZE))
        return -2;
    *ucontext = frame + F_UC;
    const uint8_t *mc = buf + F_UC + UC_MC, *fp = mc + MC_FP;
    cpu->pc = get64(mc);
    for (int i = 1; i < 32; i++)
        cpu->gpr[i] = get64(mc + 8 * i);
    if (has_fpu(cpu)) {
        memcpy(cpu->fpr, fp, 32 * 8);
        rv_helper_csr_fp(cpu, RV_CSR_FCSR, get32(fp + FP_FCSR), RV_CSR_WRITE, 0);
    }
    if (get32(fp + FP_RSVD) || get32(fp + FP_HDR) || get32(fp + FP_HDR + 4))
        return -1;
    return 0;
}
