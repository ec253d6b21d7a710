/* sigframe.c — the arm64 kernel's signal frame: setup_rt_frame for a handler
 * and rt_sigreturn's restore (arch/arm64/kernel/signal.c behaviour; layouts
 * from the UAPI headers asm/sigcontext.h, asm/ucontext.h).
 *
 * Frame, from the top of the chosen stack (sig_frame_sp) down:
 *   frame record {x29, x30}        16 bytes, 16-aligned, just below the top
 *   struct rt_sigframe             4688 bytes, 16-aligned, below the record:
 *     siginfo                      0     128 bytes (written for SA_SIGINFO)
 *     ucontext                     128:
 *       uc_flags, uc_link          +0, +8   (0, 0)
 *       uc_stack                   +16      stack_t (ss_sp, ss_flags, ss_size)
 *       uc_sigmask                 +40      8 bytes, padded to 128
 *       uc_mcontext                +176     struct sigcontext:
 *         fault_address +0, regs[31] +8, sp +256, pc +264, pstate +272,
 *         __reserved[4096] +288: records {u32 magic, u32 size, ...}:
 *           fpsimd_context (FPSIMD_MAGIC, 528: fpsr, fpcr, vregs[32])
 *           esr_context (ESR_MAGIC, 16: esr) for a synchronous fault that
 *           has one (data/instruction abort, undefined insn), with
 *           fault_address = FAR (si_addr of SIGSEGV/SIGBUS)
 *           then the terminator {0, 0}
 * pstate carries NZCV in bits 31:28 (EL0t, DAIF clear). Handler entry:
 * x0 = signal, x1 = &siginfo and x2 = &ucontext (SA_SIGINFO only), sp =
 * frame, x29 = &record, x30 = sa_restorer or the trampoline, pc = handler.
 *
 * rt_sigreturn refuses (SIGSEGV, as arm64_notify_segfault: si_addr = sp,
 * SEGV_MAPERR/ACCERR) an sp not 16-aligned, a pstate not EL0t or with DAIF
 * bits, and a record list the kernel's parse_user_sigframe would: misaligned
 * or oversized records, an unknown magic (tern has no SVE/SME/FPMR/POE/GCS
 * state), no or two fpsimd records, a malformed extra_context. ESR records are
 * ignored, as there.
 */
#include <stdlib.h>
#include <string.h>

#include "frontends/aarch64/a64_internal.h"
#include "runner/signal.h"
#include "syscalls/sc.h"

#define FRAME_SIZE   4688   /* sizeof(struct rt_sigframe) */
#define F_UC         128
#define UC_MC        176
#define MC_FAULT     0
#define MC_REGS      8
#define MC_SP        256
#define MC_PC        264
#define MC_PSTATE    272
#define MC_RESERVED  288
#define RESERVED_SIZE 4096
#define RES_OFF      (F_UC + UC_MC + MC_RESERVED)   /* __reserved within the frame */

#define FPSIMD_MAGIC 0x46508001u
#define FPSIMD_SIZE  528
#define ESR_MAGIC    0x45535201u
#define ESR_SIZE     16
#define EXTRA_MAGIC  0x45585401u
#define EXTRA_SIZE   32
#define SIGFRAME_MAXSZ (256u << 10)

/* PSTATE bits a user context may not have: M[3:0] (EL0t is 0), M[4]
 * (AArch32), D, A, I, F */
#define PSR_BAD_BITS 0x3dfull

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }
static uint32_t get32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint64_t get64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }

static uint64_t nzcv_of(const struct cpu *cpu)
{
    return ((int64_t)cpu->nf < 0 ? 1ull << 31 : 0) | (cpu->zf == 0 ? 1ull << 30 : 0) |
           (cpu->cf != 0 ? 1ull << 29 : 0) | ((int64_t)cpu->vf < 0 ? 1ull << 28 : 0);
}

static void set_nzcv(struct cpu *cpu, uint64_t pstate)
{
    cpu->nf = (pstate >> 31) & 1 ? ~0ull : 0;
    cpu->zf = (pstate >> 30) & 1 ? 0 : 1;
    cpu->cf = (pstate >> 29) & 1;
    cpu->vf = (pstate >> 28) & 1 ? 1ull << 63 : 0;
}

int a64_sig_setup_frame(struct cpu *cpu, const struct sig_frame *f)
{
    uint64_t sp = cpu->gpr[A64_SP];
    uint64_t top = sig_frame_sp(cpu, sp, f->flags);
    uint64_t record = (top - 16) & ~15ull;
    uint64_t frame = record - FRAME_SIZE;   /* FRAME_SIZE is a multiple of 16 */

    uint8_t buf[FRAME_SIZE + 16];
    memset(buf, 0, sizeof buf);
    if (f->flags & GSA_SIGINFO)
        memcpy(buf, f->info, 128);
    uint8_t *uc = buf + F_UC, *mc = uc + UC_MC, *res = mc + MC_RESERVED;
    sig_save_altstack(cpu, sp, uc + GUC_STACK);
    put64(uc + GUC_SIGMASK, f->mask);
    /* a synchronous fault (runner/fault.c) left its ESR in exit_arg, tagged
     * with its signal: the kernel then reports FAR in fault_address (a data
     * or instruction abort; 0 for an undefined insn) and adds an ESR record */
    uint64_t tag = cpu->exit_arg;
    bool esr = (tag >> 63) && (int)((tag >> 32) & 0x7f) == f->sig;
    if (esr) {
        uint64_t far = 0;
        if (f->sig == 11 || f->sig == 7) /* SIGSEGV, SIGBUS: si_addr */
            memcpy(&far, f->info + 16, 8);
        put64(mc + MC_FAULT, far);
        cpu->exit_arg = 0;
    } else {
        put64(mc + MC_FAULT, 0);
    }
    for (int i = 0; i < 31; i++)
        put64(mc + MC_REGS + 8 * i, cpu->gpr[i]);
    put64(mc + MC_SP, sp);
    put64(mc + MC_PC, cpu->pc);
    put64(mc + MC_PSTATE, nzcv_of(cpu));
    put32(res, FPSIMD_MAGIC);
    put32(res + 4, FPSIMD_SIZE);
    put32(res + 8, (uint32_t)a64_helper_mrs(cpu, A64_SR_FPSR, 0, 0, 0));
    put32(res + 12, (uint32_t)a64_helper_mrs(cpu, A64_SR_FPCR, 0, 0, 0));
    memcpy(res + 16, cpu->vreg, 32 * 16);
    if (esr) {
        put32(res + FPSIMD_SIZE, ESR_MAGIC);
        put32(res + FPSIMD_SIZE + 4, ESR_SIZE);
        put64(res + FPSIMD_SIZE + 8, (uint32_t)tag);
    }
    /* the terminator after the last record stays {0, 0} */
    put64(buf + FRAME_SIZE, cpu->gpr[29]);
    put64(buf + FRAME_SIZE + 8, cpu->gpr[30]);
    if (frame > top || guest_copy_out(cpu, frame, buf, sizeof buf))
        return -1;

    cpu->gpr[0] = (uint64_t)f->sig;
    if (f->flags & GSA_SIGINFO) {
        cpu->gpr[1] = frame;
        cpu->gpr[2] = frame + F_UC;
    }
    cpu->gpr[A64_SP] = frame;
    cpu->gpr[29] = record;
    cpu->gpr[30] = f->ret;
    cpu->pc = f->handler;
    return 0;
}

/* parse_user_sigframe over the frame as read (buf) and the extra space an
 * extra_context points at (read into *extra, malloc'd, for the caller to
 * free): 0 with *fpsimd at the fpsimd record (or NULL), or -1 */
static int find_fpsimd(struct cpu *cpu, uint64_t frame, const uint8_t *buf, uint8_t **extra,
                       const uint8_t **fpsimd)
{
    const uint8_t *base = buf + RES_OFF;
    uint64_t limit = RESERVED_SIZE, offset = 0;
    bool have_extra = false;
    *fpsimd = NULL;
    for (;;) {
        if (limit - offset < 8 || (offset & 15))
            return -1;
        const uint8_t *head = base + offset;
        uint32_t magic = get32(head), size = get32(head + 4);
        if (limit - offset < size)
            return -1;
        switch (magic) {
        case 0:
            return size ? -1 : 0;
        case FPSIMD_MAGIC:
            if (*fpsimd || size < FPSIMD_SIZE)
                return -1;
            *fpsimd = head;
            break;
        case ESR_MAGIC:
            break;
        case EXTRA_MAGIC: {
            if (have_extra || size < EXTRA_SIZE)
                return -1;
            uint64_t datap = get64(head + 8);
            uint32_t esize = get32(head + 16);
            /* the dummy terminator right after the record in __reserved
             * (TERMINATOR_SIZE: a header rounded up to 16 bytes) */
            if (limit - offset - size < 16)
                return -1;
            const uint8_t *end = head + size;
            if (get32(end) || get32(end + 4))
                return -1;
            /* the extra space must start right after that terminator, in
             * the guest's address space */
            uint64_t userp = frame + (uint64_t)(end + 16 - buf);
            if ((datap & 15) || (esize & 15) || datap != userp)
                return -1;
            if (esize > frame + SIGFRAME_MAXSZ - userp)
                return -1;
            *extra = malloc(esize ? esize : 1);
            if (!*extra || guest_copy_in(cpu, *extra, datap, esize))
                return -1;
            have_extra = true;
            base = *extra;
            offset = 0;
            limit = esize;
            continue;
        }
        default:
            return -1;
        }
        if (size < 8)
            return -1;
        offset += size;
    }
}

static void bad_frame_info(struct cpu *cpu, uint64_t sp, uint8_t info[128])
{
    memset(info, 0, 128);
    int32_t signo = 11; /* SIGSEGV */
    int32_t code = mm_prot_at(&cpu->proc->mm, sp) < 0 ? 1 : 2; /* SEGV_MAPERR : SEGV_ACCERR */
    memcpy(info, &signo, 4);
    memcpy(info + 8, &code, 4);
    memcpy(info + 16, &sp, 8);   /* si_addr */
}

int a64_sig_restore_frame(struct cpu *cpu, uint64_t *ucontext, uint8_t badinfo[128])
{
    uint64_t frame = cpu->gpr[A64_SP];
    uint8_t buf[FRAME_SIZE];
    bad_frame_info(cpu, frame, badinfo);
    if ((frame & 15) || guest_copy_in(cpu, buf, frame, FRAME_SIZE))
        return -2;
    *ucontext = frame + F_UC;
    const uint8_t *mc = buf + F_UC + UC_MC;
    for (int i = 0; i < 31; i++)
        cpu->gpr[i] = get64(mc + MC_REGS + 8 * i);
    cpu->gpr[A64_SP] = get64(mc + MC_SP);
    cpu->pc = get64(mc + MC_PC);
    uint64_t pstate = get64(mc + MC_PSTATE);
    set_nzcv(cpu, pstate);
    if (pstate & PSR_BAD_BITS)
        return -1;
    const uint8_t *fp = NULL;
    uint8_t *extra = NULL;
    int r = find_fpsimd(cpu, frame, buf, &extra, &fp);
    if (r == 0 && fp) {
        memcpy(cpu->vreg, fp + 16, 32 * 16);
        a64_helper_msr(cpu, A64_SR_FPSR, get32(fp + 8), 0, 0);
        a64_helper_msr(cpu, A64_SR_FPCR, get32(fp + 12), 0, 0);
    }
    free(extra);
    return r == 0 && fp ? 0 : -1;
}
