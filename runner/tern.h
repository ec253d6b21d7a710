/* tern.h — the process-wide state of one tern run, shared by all guest threads.
 *
 * Reached from a thread through cpu->proc; there are no other globals on the
 * JIT and syscall paths. Fields are set up before the first guest instruction
 * runs; the mutable parts carry their own locks.
 */
#ifndef TERN_TERN_H
#define TERN_TERN_H

#include <pthread.h>
#include <stdint.h>

#include "frontends/frontend.h"
#include "runner/mm.h"
#include "runner/options.h"

#define TERN_VERSION "0.1.0"

/* a guest signal disposition (syscalls/signal.c records it, runner/signal.c
 * acts on it) */
struct guest_sigaction_rec {
    uint64_t handler, flags, restorer, mask;
};

struct code_cache;

/* What the kernel's exec records about the image and initial stack, as
 * /proc/self/{auxv,cmdline,stat} show it (loader/stack.c fills it in;
 * syscalls/procfs.c reads it). Code/data bounds follow load_elf_binary:
 * start_code/end_code span the executable PT_LOADs (file part), start_data is
 * the highest PT_LOAD start, end_data the highest file end. */
#define GUEST_AUXV_MAX 24
struct guest_layout {
    uint64_t start_code, end_code, start_data, end_data;
    uint64_t start_stack;                 /* initial sp (argc) */
    uint64_t arg_start, arg_end, env_start, env_end;  /* the string areas */
    uint64_t auxv[2 * GUEST_AUXV_MAX];    /* pairs as on the stack, AT_NULL last */
    int auxv_words;
    char *exe;            /* the program's absolute name when it was loaded (NULL: unknown) */
};

struct tern_proc {
    const struct guest_arch *arch;
    const struct cpu_model *model;
    struct tern_options opts;
    struct guest_mm mm;
    struct code_cache *cache;
    const char *exe_path;          /* guest program as given */
    uint64_t entry;                /* guest entry point */
    struct guest_layout layout;    /* for /proc/self (read-only after start-up) */
    uint64_t host_features;        /* HOSTF_* from cpuid */
    struct guest_sigaction_rec sigact[65];
    uint64_t sigmask;              /* the guest blocked set last set by any
                                      thread (cpu->sigmask is the real one, per
                                      thread): exec.c and process.c read it */
    uint64_t sig_trampoline;       /* the rt_sigreturn trampoline handlers
                                      return through without SA_RESTORER: the
                                      vDSO's, else a page of its own mapped
                                      when first needed (0 until then) */
    /* the guest vDSO (loader/vdso.c): [vdso_base, vdso_base + vdso_size),
     * set once before guest code runs; 0/0 when the guest has none (-vdso
     * off). /proc/self/maps shows this range as [vdso] */
    uint64_t vdso_base, vdso_size;
    uint8_t *sig_sc_class;         /* per guest syscall number: SIG_SC_* */
    /* guest threads (runner/thread.c): every struct cpu running guest code
     * in this process, the live count (the last exit ends the process), and
     * the stop-the-world words (futexes) a code cache flush uses */
    pthread_mutex_t threads_lock;
    struct cpu *threads;
    int nthreads;
    int stop_req;                  /* 1 while one thread holds the others stopped */
    uint32_t stop_ack;             /* bumped whenever a thread stops for it */
    /* the guest's dynamic rounding mode has no MXCSR equivalent (RISC-V RMM):
     * translations made while set send dynamic-rm FP ops to software */
    int fp_dyn_slow;
    /* exec (syscalls/exec.c): tern's own file, as /proc/self/exe named it at
     * start-up (NULL if unreadable), to start tern again for a guest program;
     * and the buffer of an exec in progress, which a vfork parent frees when
     * its child's exec succeeded (the child allocated it in the shared heap) */
    const char *tern_path;
    int tern_fd;                   /* O_PATH descriptor of tern's file, -1 if none */
    void *exec_scratch;
};

/* host cpu features the backend may use */
#define HOSTF_BMI1   0x01
#define HOSTF_BMI2   0x02
#define HOSTF_LZCNT  0x04
#define HOSTF_POPCNT 0x08
#define HOSTF_FMA    0x10
#define HOSTF_AVX2   0x20
/* not a cpu feature: translate dynamic-rounding FP ops through software */
#define HOSTF_DYN_SLOW 0x1000
/* not a cpu feature: generate without loop homes (retry after running out of registers) */
#define HOSTF_NO_HOMES 0x2000

/* start-up, before guest code runs and before tern installs signal handlers:
 * records tern_path and the signal mask and ignored signals the process
 * inherited (exec carries them to the guest) (syscalls/exec.c) */
void tern_exec_init(struct tern_proc *p);

/* one-line fatal error for the user: "tern: <msg>" and exit(status) */
void tern_die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));

#endif
