/* cpu.h — the per-guest-thread CPU state that translated code runs against.
 *
 * Invariants:
 *  - Generated code addresses this struct through one host register that points
 *    CPU_BIAS bytes past its start, so the first 256 bytes (the 32 general
 *    registers) are reachable with 8-bit displacements.
 *  - Every field the JIT touches is named by its offset (offsetof) in IR
 *    get/set ops; nothing in jit/ knows which guest owns which field.
 *  - One struct cpu per guest thread; shared state lives in struct tern_proc,
 *    reached through cpu->proc, never through globals.
 */
#ifndef TERN_CPU_H
#define TERN_CPU_H

#include <stddef.h>
#include <stdint.h>

#define CPU_BIAS 128

/* Inline jump cache: direct-mapped guest pc -> host code, probed by generated
 * code on indirect branches. Index = (pc >> JC_SHIFT) & (JC_SIZE - 1). */
#define JC_BITS 12
#define JC_SIZE (1u << JC_BITS)
#define JC_SHIFT 1
struct jc_entry {
    uint64_t guest_pc;
    void *host;
};

/* Return-address predictor (calls push, returns pop; a miss falls back to the
 * jump cache). */
#define RAS_SIZE 16

struct tern_proc;
struct tb;

struct cpu {
    /* -- hot guest state: fixed layout, first so it sits at small offsets -- */
    uint64_t gpr[32];   /* riscv64: x0..x31 (x0 is always 0); aarch64: x0..x30, sp */
    uint64_t pc;        /* guest pc of the next instruction (valid outside the JIT) */
    uint64_t fpr[32];   /* riscv64 f0..f31, NaN-boxed */
    uint32_t frm;       /* riscv64 fcsr.frm (0..4) */
    uint32_t fflags;    /* riscv64 fcsr.fflags accrued so far (host MXCSR flags are
                           folded in when the guest reads fcsr) */
    uint64_t res_addr;  /* LR/SC reservation address, or ~0 when none */
    uint64_t res_val;   /* value the LR saw (SC compares against it) */
    uint64_t res_val2;  /* aarch64: second word a load-exclusive pair saw */

    /* -- aarch64 condition flags, kept split so each is one IR value:
     *    N = (int64_t)nf < 0, Z = zf == 0, C = cf != 0 (0 or 1),
     *    V = (int64_t)vf < 0. 32-bit flag setters sign-extend into nf/vf. -- */
    uint64_t nf, zf, cf, vf;
    uint64_t tpidr_el0, tpidrro_el0;  /* aarch64 thread pointers */

    /* -- exit protocol between generated code and the dispatcher -- */
    uint64_t exit_arg;  /* e.g. faulting address, insn word for SIGILL */
    uint32_t host_mxcsr_guest; /* MXCSR value that implements the guest's frm */
    uint32_t sig_check; /* non-zero: a guest signal may be deliverable; generated
                           code returns to the dispatcher at its next block entry
                           or loop back edge (runner/signal.c keeps it) */

    /* -- process / thread context (never touched by generated code) -- */
    struct tern_proc *proc;
    int tid;
    int exit_requested;

    /* slow-path protocol (jit/x86_fp.c, jit/fpu.c): operands in scratch[0..2],
     * function in scratch[3], op descriptor in scratch[4]; result in scratch[0] */
    uint64_t scratch[6];

    /* -- aarch64 FP/SIMD state: one contiguous region [fpcr, vreg end) that
     *    vector helpers (IR_CALL_RW_VEC) may read and write -- */
    uint32_t fpcr;      /* FPCR: RMode, FZ, DN, AHP; traps are RES0 */
    uint32_t fpsr;      /* FPSR cumulative flags not yet folded from MXCSR, + QC */
    _Alignas(16) uint64_t vreg[32][2];  /* V0..V31, [0] = low 64 bits */

    _Alignas(16) struct jc_entry jc[JC_SIZE];

    /* -- guest signals of this thread (runner/signal.c); the host signal
     *    handler writes sig_info/sig_recorded/sig_check, so they are touched
     *    with atomics or with the signals blocked -- */
    uint64_t sigmask;          /* the guest's blocked set, bit s-1 for signal s */
    uint64_t sig_recorded;     /* bit s-1: sig_info[s] holds a signal the host
                                  handler took for the guest, not delivered yet */
    uint64_t sig_saved_mask;   /* mask to put back after a temporary-mask wait */
    int sig_restore_mask;      /* sig_saved_mask is pending (sigsuspend, ppoll...) */
    uint64_t ss_sp, ss_size;   /* sigaltstack */
    uint32_t ss_flags;         /* SS_AUTODISARM, or SS_DISABLE when none */
    /* an interrupted syscall waiting for the restart decision (SIG_SC_*) */
    int sig_sc_class;
    uint64_t sig_sc_arg0;
    uint32_t sig_seq_next;     /* arrival order of recorded signals: the host */
    uint32_t sig_seq[65];      /* kernel's dequeue order, kept for delivery */
    _Alignas(16) uint8_t sig_info[65][128];  /* siginfo, guest layout */
    /* the restart class of the syscall in progress: the handler's row, which
     * a handler whose class depends on its arguments (futex) may refine */
    int sig_sc_cls;

    /* -- guest threads (runner/thread.c, docs/threads.md) -- */
    int run_state;             /* CPU_RUNNING: may run or look up translated
                                  code; CPU_SAFE: in a syscall or stopped */
    int thr_listed;            /* on proc->threads */
    int vfork_child;           /* a vfork child's cpu: on its parent's list, not
                                  one of its threads */
    struct cpu *thr_next, *thr_prev;   /* proc->threads, under proc->threads_lock */
    uint64_t jc_gen;           /* code cache generation jc[] was filled in */
    void *exit_jmp;            /* jmp_buf the host thread leaves through on a
                                  guest thread exit (NULL: the initial thread) */
    uint64_t tid_address;      /* clear_child_tid (set_tid_address, CLONE_CHILD_CLEARTID) */
    uint64_t robust_list, robust_len;  /* set_robust_list */
};

#define CPU_OFF(field) ((int32_t)offsetof(struct cpu, field))
#define CPU_GPR(i) ((int32_t)(offsetof(struct cpu, gpr) + 8 * (i)))
#define CPU_FPR(i) ((int32_t)(offsetof(struct cpu, fpr) + 8 * (i)))
#define CPU_VREG(i, half) ((int32_t)(offsetof(struct cpu, vreg) + 16 * (i) + 8 * (half)))
/* the region IR_CALL_RW_VEC helpers touch (see jit/ir.h) */
#define CPU_VEC_LO ((int32_t)offsetof(struct cpu, fpcr))
#define CPU_VEC_HI ((int32_t)(offsetof(struct cpu, vreg) + sizeof(((struct cpu *)0)->vreg)))

#endif
