/* test_sigframe.c — the per-arch signal frames (frontends/<arch>/sigframe.c):
 * the layout each kernel builds (checked field by field against the UAPI
 * offsets), the registers a handler starts with, a round trip through
 * rt_sigreturn's restore (every general, flag and FP/SIMD register back),
 * what the kernel refuses (aarch64: misaligned sp, a pstate that is not
 * EL0t, no or a doubled fpsimd record, an unknown record, a bad
 * extra_context; riscv64: nonzero reserved words, an unreadable frame), the
 * alternate-stack choice, and sigaltstack's own checks through the syscall.
 *
 * Each test builds a tern_proc for its guest with guest memory from the
 * guest's mmap (as test_syscalls.c does); nothing is delivered, the hooks are
 * called directly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <elf.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "frontends/aarch64/a64_internal.h"
#include "frontends/riscv64/rv_internal.h"
#include "runner/cpu.h"
#include "runner/signal.h"
#include "runner/tern.h"
#include "syscalls/sc.h"
#include "syscalls/syscall.h"

#define PG GUEST_PAGE_SIZE
#define STACK_LEN (64 * PG)

struct env {
    struct tern_proc *p;
    struct cpu *cpu;
    uint64_t stack;   /* guest stack mapping, STACK_LEN bytes */
};

static long gsc(struct env *e, const char *name, uint64_t a0, uint64_t a1, uint64_t a2,
                uint64_t a3, uint64_t a4, uint64_t a5)
{
    const struct guest_arch *arch = e->p->arch;
    const struct syscall_table *t = arch->syscalls;
    int nr = -1;
    for (int i = 0; i < t->count; i++)
        if (t->defs[i].name && strcmp(t->defs[i].name, name) == 0)
            nr = i;
    assert_true(nr >= 0);
    uint64_t a[6] = { a0, a1, a2, a3, a4, a5 };
    e->cpu->gpr[arch->sc_nr_reg] = (uint64_t)nr;
    for (int i = 0; i < 6; i++)
        e->cpu->gpr[arch->sc_arg_reg[i]] = a[i];
    guest_syscall(e->cpu);
    return (long)e->cpu->gpr[arch->sc_ret_reg];
}

static int setup_for(void **state, uint16_t machine)
{
    struct env *e = calloc(1, sizeof *e);
    if (!e)
        return -1;
    e->p = calloc(1, sizeof *e->p);
    e->cpu = calloc(1, sizeof *e->cpu);
    if (!e->p || !e->cpu)
        return -1;
    e->p->arch = arch_by_machine(machine);
    if (!e->p->arch)
        return -1;
    e->p->model = &e->p->arch->models[0];
    mm_init(&e->p->mm, e->p->arch->task_size, e->p->arch->mmap_base);
    e->cpu->proc = e->p;
    e->cpu->ss_flags = GSS_DISABLE;
    e->stack = (uint64_t)gsc(e, "mmap", 0, STACK_LEN, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS, (uint64_t)-1, 0);
    if ((int64_t)e->stack <= 0)
        return -1;
    *state = e;
    return 0;
}

static int setup_a64(void **state) { return setup_for(state, EM_AARCH64); }
static int setup_rv(void **state) { return setup_for(state, EM_RISCV); }

static int teardown(void **state)
{
    struct env *e = *state;
    struct guest_mm *mm = &e->p->mm;
    for (size_t i = 0; i < mm->nvmas; i++)
        munmap((void *)(uintptr_t)mm->vmas[i].start, mm->vmas[i].end - mm->vmas[i].start);
    free(mm->vmas);
    free(e->p);
    free(e->cpu);
    free(e);
    return 0;
}

static uint64_t rd64(uint64_t addr) { uint64_t v; memcpy(&v, (void *)(uintptr_t)addr, 8); return v; }
static uint32_t rd32(uint64_t addr) { uint32_t v; memcpy(&v, (void *)(uintptr_t)addr, 4); return v; }
static void wr32(uint64_t addr, uint32_t v) { memcpy((void *)(uintptr_t)addr, &v, 4); }
static void wr64(uint64_t addr, uint64_t v) { memcpy((void *)(uintptr_t)addr, &v, 8); }

static const uint8_t *siginfo_pattern(void)
{
    static uint8_t info[128];
    for (int i = 0; i < 128; i++)
        info[i] = (uint8_t)(0xa0 + i);
    return info;
}

static struct sig_frame frame_req(uint64_t flags)
{
    struct sig_frame f = {
        .sig = SIGUSR1,
        .info = siginfo_pattern(),
        .handler = 0x600000,
        .flags = flags,
        .ret = 0x500000,
        .mask = 0x123456789ull,
    };
    return f;
}

/* ---------------- aarch64 ---------------- */

#define A64_FRAME 4688
#define A64_MC    (128 + 176)
#define A64_RES   (A64_MC + 288)

static void a64_fill(struct cpu *c, uint64_t sp)
{
    for (int i = 0; i < 31; i++)
        c->gpr[i] = 0x1000 + 0x11 * (uint64_t)i;
    c->gpr[A64_SP] = sp;
    c->pc = 0x401234;
    c->nf = ~0ull;          /* N */
    c->zf = 5;              /* Z clear */
    c->cf = 1;              /* C */
    c->vf = 0;              /* V clear */
    for (int i = 0; i < 32; i++) {
        c->vreg[i][0] = 0x0101010101010101ull * (uint64_t)(i + 1);
        c->vreg[i][1] = ~c->vreg[i][0];
    }
    a64_helper_msr(c, A64_SR_FPCR, 3u << 22 | 1u << 24, 0, 0);   /* RZ, FZ */
    a64_helper_msr(c, A64_SR_FPSR, A64_FPSR_IXC | A64_FPSR_QC, 0, 0);
}

static void test_a64_frame(void **state)
{
    struct env *e = *state;
    struct cpu *c = e->cpu;
    uint64_t top = e->stack + STACK_LEN - 8;   /* not 16-aligned: the frame is */
    a64_fill(c, top);
    struct cpu before;
    memcpy(&before, c, offsetof(struct cpu, jc));

    struct sig_frame f = frame_req(GSA_SIGINFO | GSA_RESTORER);
    assert_int_equal(e->p->arch->sig_setup_frame(c, &f), 0);
    uint64_t record = (top - 16) & ~15ull, frame = record - A64_FRAME;
    assert_int_equal(c->gpr[A64_SP], frame);
    assert_int_equal(frame & 15, 0);
    assert_int_equal(c->gpr[0], SIGUSR1);
    assert_int_equal(c->gpr[1], frame);
    assert_int_equal(c->gpr[2], frame + 128);
    assert_int_equal(c->gpr[29], record);
    assert_int_equal(c->gpr[30], 0x500000);
    assert_int_equal(c->pc, 0x600000);

    /* the frame record, siginfo, ucontext head */
    assert_int_equal(rd64(record), before.gpr[29]);
    assert_int_equal(rd64(record + 8), before.gpr[30]);
    assert_memory_equal((void *)(uintptr_t)frame, siginfo_pattern(), 128);
    assert_int_equal(rd64(frame + 128 + GUC_FLAGS), 0);
    assert_int_equal(rd64(frame + 128 + GUC_LINK), 0);
    assert_int_equal(rd32(frame + 128 + GUC_STACK + 8), GSS_DISABLE);
    assert_int_equal(rd64(frame + 128 + GUC_SIGMASK), 0x123456789ull);
    /* sigcontext */
    assert_int_equal(rd64(frame + A64_MC), 0);   /* fault_address */
    for (int i = 0; i < 31; i++)
        assert_int_equal(rd64(frame + A64_MC + 8 + 8 * i), before.gpr[i]);
    assert_int_equal(rd64(frame + A64_MC + 256), top);
    assert_int_equal(rd64(frame + A64_MC + 264), 0x401234);
    assert_int_equal(rd64(frame + A64_MC + 272), 0xa0000000ull);   /* N, C */
    /* fpsimd record, then the terminator */
    assert_int_equal(rd32(frame + A64_RES), 0x46508001);
    assert_int_equal(rd32(frame + A64_RES + 4), 528);
    assert_int_equal(rd32(frame + A64_RES + 8), A64_FPSR_IXC | A64_FPSR_QC);
    assert_int_equal(rd32(frame + A64_RES + 12), 3u << 22 | 1u << 24);
    assert_memory_equal((void *)(uintptr_t)(frame + A64_RES + 16), before.vreg, 512);
    assert_int_equal(rd64(frame + A64_RES + 528), 0);

    /* round trip: clobber everything, restore */
    memset(c->gpr, 0x5a, sizeof c->gpr);
    memset(c->vreg, 0x5a, sizeof c->vreg);
    c->nf = c->zf = c->cf = c->vf = 0;
    a64_helper_msr(c, A64_SR_FPCR, 0, 0, 0);
    a64_helper_msr(c, A64_SR_FPSR, 0, 0, 0);
    c->gpr[A64_SP] = frame;
    uint64_t uc = 0;
    uint8_t bad[128];
    assert_int_equal(e->p->arch->sig_restore_frame(c, &uc, bad), 0);
    assert_int_equal(uc, frame + 128);
    assert_memory_equal(c->gpr, before.gpr, sizeof c->gpr);
    assert_memory_equal(c->vreg, before.vreg, sizeof c->vreg);
    assert_int_equal(c->pc, 0x401234);
    assert_true((int64_t)c->nf < 0 && c->zf != 0 && c->cf == 1 && (int64_t)c->vf >= 0);
    assert_int_equal(a64_helper_mrs(c, A64_SR_FPCR, 0, 0, 0), 3u << 22 | 1u << 24);
    assert_int_equal(a64_helper_mrs(c, A64_SR_FPSR, 0, 0, 0), A64_FPSR_IXC | A64_FPSR_QC);
    a64_helper_msr(c, A64_SR_FPCR, 0, 0, 0);   /* host MXCSR back to nearest */
    a64_helper_msr(c, A64_SR_FPSR, 0, 0, 0);

    /* without SA_SIGINFO: x1, x2 keep their values, no siginfo written */
    a64_fill(c, top);
    memset((void *)(uintptr_t)frame, 0, 128);
    f = frame_req(GSA_RESTORER);
    assert_int_equal(e->p->arch->sig_setup_frame(c, &f), 0);
    assert_int_equal(c->gpr[1], 0x1011);
    assert_int_equal(c->gpr[2], 0x1022);
    assert_int_equal(rd64(frame), 0);
}

static void test_a64_refused(void **state)
{
    struct env *e = *state;
    struct cpu *c = e->cpu;
    uint64_t top = e->stack + STACK_LEN;
    struct sig_frame f = frame_req(GSA_SIGINFO | GSA_RESTORER);
    uint64_t uc;
    uint8_t bad[128];
    int32_t signo, code;
    uint64_t addr;

    /* rebuild the frame, apply a change, restore: the result */
#define TRY(change, want)                                                       \
    do {                                                                        \
        a64_fill(c, top);                                                       \
        assert_int_equal(e->p->arch->sig_setup_frame(c, &f), 0);                \
        uint64_t fr = c->gpr[A64_SP];                                           \
        (void)fr;                                                               \
        change;                                                                 \
        assert_int_equal(e->p->arch->sig_restore_frame(c, &uc, bad), want);     \
    } while (0)

    TRY((void)0, 0);
    TRY(c->gpr[A64_SP] += 8, -2);                                    /* misaligned */
    memcpy(&signo, bad, 4);
    memcpy(&code, bad + 8, 4);
    memcpy(&addr, bad + 16, 8);
    assert_int_equal(signo, SIGSEGV);
    assert_int_equal(code, 2);   /* SEGV_ACCERR: mapped */
    assert_int_equal(addr, c->gpr[A64_SP]);
    TRY(wr64(fr + A64_MC + 272, 0x80), -1);                          /* IRQs masked */
    TRY(wr64(fr + A64_MC + 272, 0x4), -1);                           /* EL1t */
    TRY(wr64(fr + A64_MC + 272, 0x10), -1);                          /* AArch32 */
    TRY(wr64(fr + A64_MC + 272, 0xf0001000ull), 0);                  /* other bits: fine */
    TRY(wr32(fr + A64_RES, 0), -1);                                  /* terminator, size 528 */
    TRY((wr32(fr + A64_RES, 0), wr32(fr + A64_RES + 4, 0)), -1);     /* no fpsimd */
    TRY(wr32(fr + A64_RES + 528, 0x45535201), -1);                   /* ESR, size 0 */
    TRY((wr32(fr + A64_RES + 528, 0x45535201), wr32(fr + A64_RES + 532, 16)), 0); /* ESR */
    TRY((wr32(fr + A64_RES + 528, 0x53564501), wr32(fr + A64_RES + 532, 16)), -1); /* SVE */
    TRY((wr32(fr + A64_RES + 528, 0x46508001), wr32(fr + A64_RES + 532, 528)), -1); /* two */
    TRY(wr32(fr + A64_RES + 4, 520), -1);                            /* short fpsimd */
    TRY(wr32(fr + A64_RES + 4, 536), -1);                            /* misaligned next */
    TRY(wr32(fr + A64_RES + 532, 8), -1);                            /* terminator size */
    /* extra_context: after the fpsimd record, then a 16-byte dummy
     * terminator; the extra space must start right after it (in the guest)
     * and hold records of its own up to a terminator */
    uint64_t ex = A64_RES + 528;
    TRY((wr32(fr + ex, 0x45585401), wr32(fr + ex + 4, 32), wr64(fr + ex + 8, fr + ex + 48),
         wr32(fr + ex + 16, 16), wr64(fr + ex + 32, 0), wr64(fr + ex + 48, 0)), 0);
    TRY((wr32(fr + ex, 0x45585401), wr32(fr + ex + 4, 32), wr64(fr + ex + 8, fr + ex + 64),
         wr32(fr + ex + 16, 16), wr64(fr + ex + 32, 0), wr64(fr + ex + 64, 0)), -1); /* a gap */
    TRY((wr32(fr + ex, 0x45585401), wr32(fr + ex + 4, 32), wr64(fr + ex + 8, fr + ex + 48),
         wr32(fr + ex + 16, 8), wr64(fr + ex + 32, 0), wr64(fr + ex + 48, 0)), -1); /* size */
    TRY((wr32(fr + ex, 0x45585401), wr32(fr + ex + 4, 32), wr64(fr + ex + 8, fr + ex + 48),
         wr32(fr + ex + 16, 16), wr32(fr + ex + 32, 7), wr64(fr + ex + 48, 0)), -1); /* dummy */
    /* an fpsimd record found only in the extra space */
    TRY((memmove((void *)(uintptr_t)(fr + A64_RES + 48), (void *)(uintptr_t)(fr + A64_RES), 528),
         wr32(fr + A64_RES, 0x45585401), wr32(fr + A64_RES + 4, 32),
         wr64(fr + A64_RES + 8, fr + A64_RES + 48), wr32(fr + A64_RES + 16, 544),
         wr64(fr + A64_RES + 32, 0), wr64(fr + A64_RES + 40, 0),
         wr64(fr + A64_RES + 48 + 528, 0)), 0);
    /* an unreadable frame */
    a64_fill(c, top);
    c->gpr[A64_SP] = e->stack + STACK_LEN - 16;
    assert_int_equal(e->p->arch->sig_restore_frame(c, &uc, bad), -2);
#undef TRY
    a64_helper_msr(c, A64_SR_FPCR, 0, 0, 0);
    a64_helper_msr(c, A64_SR_FPSR, 0, 0, 0);
}

/* ---------------- riscv64 ---------------- */

#define RV_FRAME 1088
#define RV_MC    (128 + 176)
#define RV_FP    (RV_MC + 256)

static void rv_fill(struct cpu *c, uint64_t sp)
{
    for (int i = 1; i < 32; i++)
        c->gpr[i] = 0x2000 + 0x13 * (uint64_t)i;
    c->gpr[RV_SP] = sp;
    c->pc = 0x10234;
    for (int i = 0; i < 32; i++)
        c->fpr[i] = 0xffffffff00000000ull | (uint64_t)(0x3f800000 + i);
    rv_helper_csr_fp(c, RV_CSR_FCSR, 1u << 5 | 0x11, RV_CSR_WRITE, 0);   /* RTZ, NV|NX */
}

static void test_rv_frame(void **state)
{
    struct env *e = *state;
    struct cpu *c = e->cpu;
    uint64_t top = e->stack + STACK_LEN - 24;
    rv_fill(c, top);
    struct cpu before;
    memcpy(&before, c, offsetof(struct cpu, jc));
    struct sig_frame f = frame_req(0);
    assert_int_equal(e->p->arch->sig_setup_frame(c, &f), 0);
    uint64_t frame = (top - RV_FRAME) & ~15ull;
    assert_int_equal(c->gpr[RV_SP], frame);
    assert_int_equal(c->gpr[RV_A0], SIGUSR1);
    assert_int_equal(c->gpr[RV_A1], frame);        /* always, SA_SIGINFO or not */
    assert_int_equal(c->gpr[RV_A2], frame + 128);
    assert_int_equal(c->gpr[RV_RA], 0x500000);
    assert_int_equal(c->pc, 0x600000);
    assert_memory_equal((void *)(uintptr_t)frame, siginfo_pattern(), 128);
    assert_int_equal(rd64(frame + 128 + GUC_SIGMASK), 0x123456789ull);
    assert_int_equal(rd64(frame + RV_MC), 0x10234);
    for (int i = 1; i < 32; i++)
        assert_int_equal(rd64(frame + RV_MC + 8 * i), before.gpr[i]);
    assert_memory_equal((void *)(uintptr_t)(frame + RV_FP), before.fpr, 256);
    assert_int_equal(rd32(frame + RV_FP + 256), 1u << 5 | 0x11);
    assert_int_equal(rd32(frame + RV_FP + 516), 0);
    assert_int_equal(rd64(frame + RV_FP + 520), 0);

    memset(c->gpr, 0x5a, sizeof c->gpr);
    memset(c->fpr, 0x5a, sizeof c->fpr);
    rv_helper_csr_fp(c, RV_CSR_FCSR, 0, RV_CSR_WRITE, 0);
    c->gpr[RV_SP] = frame;
    uint64_t uc = 0;
    uint8_t bad[128];
    assert_int_equal(e->p->arch->sig_restore_frame(c, &uc, bad), 0);
    assert_int_equal(uc, frame + 128);
    assert_memory_equal(&c->gpr[1], &before.gpr[1], 31 * 8);
    assert_memory_equal(c->fpr, before.fpr, sizeof c->fpr);
    assert_int_equal(c->pc, 0x10234);
    assert_int_equal(rv_helper_csr_fp(c, RV_CSR_FCSR, 0, RV_CSR_READ, 0), 1u << 5 | 0x11);

    /* what the kernel refuses */
    static const uint64_t offs[] = { RV_FP + 516, RV_FP + 520, RV_FP + 524 };
    for (unsigned i = 0; i < 3; i++) {
        rv_fill(c, top);
        assert_int_equal(e->p->arch->sig_setup_frame(c, &f), 0);
        wr32(c->gpr[RV_SP] + offs[i], 1);
        assert_int_equal(e->p->arch->sig_restore_frame(c, &uc, bad), -1);
        int32_t signo, code;
        memcpy(&signo, bad, 4);
        memcpy(&code, bad + 8, 4);
        assert_int_equal(signo, SIGSEGV);
        assert_int_equal(code, 0x80);   /* SI_KERNEL */
    }
    c->gpr[RV_SP] = e->stack + STACK_LEN - 512;
    assert_int_equal(e->p->arch->sig_restore_frame(c, &uc, bad), -2);
    rv_helper_csr_fp(c, RV_CSR_FCSR, 0, RV_CSR_WRITE, 0);
}

/* ---------------- alternate stack ---------------- */

static void test_altstack(void **state)
{
    struct env *e = *state;
    struct cpu *c = e->cpu;
    uint64_t mem = e->stack, ss = mem + STACK_LEN - 64;
    uint64_t alt = mem + 4 * PG, alt_size = 16 * PG;

    /* sigaltstack's checks */
    wr64(ss, alt);
    wr32(ss + 8, 0);
    wr64(ss + 16, 100);
    c->gpr[RV_SP] = mem + STACK_LEN - 128;
    assert_int_equal(gsc(e, "sigaltstack", ss, 0, 0, 0, 0, 0), -ENOMEM);
    wr64(ss + 16, alt_size);
    wr32(ss + 8, 5);
    assert_int_equal(gsc(e, "sigaltstack", ss, 0, 0, 0, 0, 0), -EINVAL);
    wr32(ss + 8, 0);
    assert_int_equal(gsc(e, "sigaltstack", ss, ss + 24, 0, 0, 0, 0), 0);
    assert_int_equal(rd32(ss + 24 + 8), GSS_DISABLE);   /* the old one */
    assert_int_equal(gsc(e, "sigaltstack", 0, ss + 24, 0, 0, 0, 0), 0);
    assert_int_equal(rd64(ss + 24), alt);
    assert_int_equal(rd32(ss + 24 + 8), 0);
    assert_int_equal(rd64(ss + 24 + 16), alt_size);
    assert_int_equal(gsc(e, "sigaltstack", 0x10, 0, 0, 0, 0, 0), -EFAULT);

    /* an SA_ONSTACK frame goes to the top of it, and says it is on it */
    rv_fill(c, mem + STACK_LEN - 128);
    struct sig_frame f = frame_req(GSA_ONSTACK);
    assert_int_equal(e->p->arch->sig_setup_frame(c, &f), 0);
    uint64_t frame = c->gpr[RV_SP];
    assert_int_equal(frame, (alt + alt_size - RV_FRAME) & ~15ull);
    assert_true(sig_on_altstack(c, frame));
    /* from there, a change is refused and the flags say SS_ONSTACK */
    assert_int_equal(gsc(e, "sigaltstack", ss, 0, 0, 0, 0, 0), -EPERM);
    c->gpr[RV_SP] = frame;
    assert_int_equal(gsc(e, "sigaltstack", 0, ss + 24, 0, 0, 0, 0), 0);
    assert_int_equal(rd32(ss + 24 + 8), GSS_ONSTACK);
    /* a nested SA_ONSTACK frame stays below on the same stack */
    f.sig = SIGUSR2;
    assert_int_equal(e->p->arch->sig_setup_frame(c, &f), 0);
    assert_int_equal(c->gpr[RV_SP], (frame - RV_FRAME) & ~15ull);
    /* without SA_ONSTACK: the current stack */
    rv_fill(c, mem + STACK_LEN - 128);
    f = frame_req(0);
    assert_int_equal(e->p->arch->sig_setup_frame(c, &f), 0);
    assert_int_equal(c->gpr[RV_SP], (mem + STACK_LEN - 128 - RV_FRAME) & ~15ull);
    /* riscv64: a frame that would overflow the alternate stack is refused */
    rv_fill(c, alt + 100);
    f = frame_req(GSA_ONSTACK);
    assert_int_equal(e->p->arch->sig_setup_frame(c, &f), -1);
    rv_helper_csr_fp(c, RV_CSR_FCSR, 0, RV_CSR_WRITE, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_a64_frame, setup_a64, teardown),
        cmocka_unit_test_setup_teardown(test_a64_refused, setup_a64, teardown),
        cmocka_unit_test_setup_teardown(test_rv_frame, setup_rv, teardown),
        cmocka_unit_test_setup_teardown(test_altstack, setup_rv, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
