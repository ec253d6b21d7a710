/* ident.c — identity and scheduling: the set*id family, supplementary groups,
 * capabilities, prctl, personality, getrlimit/setrlimit, the scheduler calls
 * (policy, parameters, attributes, affinity, priorities), I/O priorities,
 * getcpu.
 *
 * tern is one host process and the guest's credentials, limits and scheduling
 * are that process's. The set*id calls use the raw syscall, which changes the
 * calling host thread only: right for a single-threaded guest; glibc's
 * wrappers would broadcast the change to every thread of the process, and
 * when guest threads come they must decide that broadcast themselves.
 *
 * Every struct here (cap header/data, rlimit, sched_param, sched_attr,
 * timespec) and every number (RLIMIT_*, SCHED_*, PR_*, PRIO_*, capability
 * versions) is the same in the asm-generic ABI and on x86-64, so calls pass
 * through after their pointers are checked.
 *
 * Pointers: an argument the guest does not own is handed to the host kernel
 * as a fault pointer (guest_host_ptr, syscalls/guestmem.c), not
 * refused up front, so the host kernel's own order of checks (EINVAL, EPERM,
 * ESRCH before EFAULT) is the guest's.
 *
 * prctl passes through only the options of an explicit table; the others are
 * answered as a kernel without the feature answers (EINVAL) and logged under
 * -d unimp: seccomp (a filter written for guest syscall numbers would filter
 * tern's own host syscalls), PR_SET_MM (tern's own brk and mm fields),
 * PR_SET_MDWE (would forbid the code cache), PR_SET_SYSCALL_USER_DISPATCH
 * (would trap tern's syscalls), the x86 host's PR_SET_TSC, and the guests'
 * own arch prctls (SVE, SME, PAC, tagged addresses, GCS, RISC-V V): tern
 * models hardware without those features. The seccomp syscall itself has no
 * handler (-ENOSYS, as on a kernel without CONFIG_SECCOMP).
 *
 * Handler rows: syscalls/handlers_ident.def. ident_sc_class tells the signal
 * code how each handler of this file ends when a signal interrupts it.
 *
 * Invariants: no state of its own (PR_GET_TID_ADDRESS answers from the
 * thread's cpu, PR_GET_AUXV from the loader's record in cpu->proc->layout);
 * guest pointers are checked against the guest mm before the host kernel
 * sees them (syscalls/guestmem.c).
 */
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <linux/capability.h>

#include "runner/log.h"
#include "runner/signal.h"
#include "syscalls/sc.h"

/* ---------------- credentials ---------------- */

/* uid_t/gid_t are 32 bits: -1 ("unchanged") arrives sign- or zero-extended */
#define ID(x) ((unsigned)(x))

long sc_setuid(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_setuid, ID(a[0]));
}

long sc_setgid(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_setgid, ID(a[0]));
}

long sc_setreuid(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_setreuid, ID(a[0]), ID(a[1]));
}

long sc_setregid(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_setregid, ID(a[0]), ID(a[1]));
}

long sc_setresuid(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_setresuid, ID(a[0]), ID(a[1]), ID(a[2]));
}

long sc_setresgid(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_setresgid, ID(a[0]), ID(a[1]), ID(a[2]));
}

long sc_setfsuid(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_setfsuid, ID(a[0]));
}

long sc_setfsgid(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_setfsgid, ID(a[0]));
}

/* The kernel writes only the groups there are (after checking the size is
 * large enough), so the guest buffer needs room for those, not for size. */
long sc_getgroups(struct cpu *cpu, uint64_t a[6])
{
    int size = (int)a[0];
    if (size <= 0)                       /* count query, or EINVAL */
        return HSYS(SYS_getgroups, size, a[1]);
    long n = HSYS(SYS_getgroups, 0, 0);
    if (n < 0)
        return n;
    if (n > size)
        return -EINVAL;
    return HSYS(SYS_getgroups, size,
                guest_host_ptr(cpu, a[1], (uint64_t)n * sizeof(gid_t), PROT_WRITE));
}

long sc_setgroups(struct cpu *cpu, uint64_t a[6])
{
    int size = (int)a[0];
    uint64_t len = size > 0 ? (uint64_t)size * sizeof(gid_t) : 0;
    return HSYS(SYS_setgroups, size, len ? guest_host_ptr(cpu, a[1], len, PROT_READ) : a[1]);
}

/* ---------------- capabilities ---------------- */

_Static_assert(sizeof(struct __user_cap_header_struct) == 8, "cap header");
_Static_assert(sizeof(struct __user_cap_data_struct) == 12, "cap data");

/* How many data structs the header's version takes; 0 for a version the
 * kernel does not know (it then writes its preferred version into the header
 * and fails with EINVAL, without touching data). -EFAULT if the header is
 * not readable, or not writable when the kernel would write it. */
static long cap_words(struct cpu *cpu, uint64_t hdr)
{
    uint32_t version;
    if (guest_copy_in(cpu, &version, hdr, sizeof version))
        return -EFAULT;
    switch (version) {
    case _LINUX_CAPABILITY_VERSION_1:
        return _LINUX_CAPABILITY_U32S_1;
    case _LINUX_CAPABILITY_VERSION_2:
    case _LINUX_CAPABILITY_VERSION_3:
        return _LINUX_CAPABILITY_U32S_3;
    default:
        if (!guest_access_ok(cpu, hdr, sizeof version, PROT_WRITE))
            return -EFAULT;
        return 0;
    }
}

static long capcall(struct cpu *cpu, uint64_t a[6], long nr, int data_prot)
{
    long n = cap_words(cpu, a[0]);
    if (n < 0)
        return n;
    /* the header's pid is read too */
    uint64_t hdr = guest_host_ptr(cpu, a[0], sizeof(struct __user_cap_header_struct), PROT_READ);
    uint64_t data = guest_host_ptr(cpu, a[1], (uint64_t)n * sizeof(struct __user_cap_data_struct),
                             data_prot);
    return HSYS(nr, hdr, data);
}

long sc_capget(struct cpu *cpu, uint64_t a[6]) { return capcall(cpu, a, SYS_capget, PROT_WRITE); }
long sc_capset(struct cpu *cpu, uint64_t a[6]) { return capcall(cpu, a, SYS_capset, PROT_READ); }

/* ---------------- prctl ---------------- */

#ifndef PR_GET_AUXV
#define PR_GET_AUXV 0x41555856
#endif

/* How an option uses its arguments. */
enum pr_use {
    PR_VALUES,       /* plain values only: passes through */
    PR_OUT_INT,      /* arg2: int * the kernel writes */
    PR_NAME_IN,      /* arg2: task name to read (at most 15 chars + NUL) */
    PR_NAME_OUT,     /* arg2: 16-byte buffer for the task name */
    PR_TID_ADDR,     /* arg2: int ** to write the guest's clear_child_tid into */
    PR_VMA,          /* PR_SET_VMA: a guest range and an optional name */
    PR_SPEC_AARCH64, /* speculation control: arm64 has it, riscv does not */
    PR_AUXV,         /* PR_GET_AUXV: the guest's auxv, as the loader wrote it */
};

/* Options tern passes on (or answers from its own records).
 * Columns: option, name (for the log), how its arguments are used. */
static const struct pr_option {
    int option;
    const char *name;
    enum pr_use use;
} pr_options[] = {
    /* option                        name                           use */
    { PR_SET_PDEATHSIG,             "PR_SET_PDEATHSIG",             PR_VALUES },
    { PR_GET_PDEATHSIG,             "PR_GET_PDEATHSIG",             PR_OUT_INT },
    { PR_GET_DUMPABLE,              "PR_GET_DUMPABLE",              PR_VALUES },
    { PR_SET_DUMPABLE,              "PR_SET_DUMPABLE",              PR_VALUES },
    { PR_GET_KEEPCAPS,              "PR_GET_KEEPCAPS",              PR_VALUES },
    { PR_SET_KEEPCAPS,              "PR_SET_KEEPCAPS",              PR_VALUES },
    { PR_GET_TIMING,                "PR_GET_TIMING",                PR_VALUES },
    { PR_SET_TIMING,                "PR_SET_TIMING",                PR_VALUES },
    { PR_SET_NAME,                  "PR_SET_NAME",                  PR_NAME_IN },
    { PR_GET_NAME,                  "PR_GET_NAME",                  PR_NAME_OUT },
    { PR_CAPBSET_READ,              "PR_CAPBSET_READ",              PR_VALUES },
    { PR_CAPBSET_DROP,              "PR_CAPBSET_DROP",              PR_VALUES },
    { PR_GET_SECUREBITS,            "PR_GET_SECUREBITS",            PR_VALUES },
    { PR_SET_SECUREBITS,            "PR_SET_SECUREBITS",            PR_VALUES },
    { PR_SET_TIMERSLACK,            "PR_SET_TIMERSLACK",            PR_VALUES },
    { PR_GET_TIMERSLACK,            "PR_GET_TIMERSLACK",            PR_VALUES },
    { PR_TASK_PERF_EVENTS_DISABLE,  "PR_TASK_PERF_EVENTS_DISABLE",  PR_VALUES },
    { PR_TASK_PERF_EVENTS_ENABLE,   "PR_TASK_PERF_EVENTS_ENABLE",   PR_VALUES },
    { PR_MCE_KILL,                  "PR_MCE_KILL",                  PR_VALUES },
    { PR_MCE_KILL_GET,              "PR_MCE_KILL_GET",              PR_VALUES },
    { PR_SET_CHILD_SUBREAPER,       "PR_SET_CHILD_SUBREAPER",       PR_VALUES },
    { PR_GET_CHILD_SUBREAPER,       "PR_GET_CHILD_SUBREAPER",       PR_OUT_INT },
    { PR_SET_NO_NEW_PRIVS,          "PR_SET_NO_NEW_PRIVS",          PR_VALUES },
    { PR_GET_NO_NEW_PRIVS,          "PR_GET_NO_NEW_PRIVS",          PR_VALUES },
    { PR_GET_TID_ADDRESS,           "PR_GET_TID_ADDRESS",           PR_TID_ADDR },
    { PR_SET_THP_DISABLE,           "PR_SET_THP_DISABLE",           PR_VALUES },
    { PR_GET_THP_DISABLE,           "PR_GET_THP_DISABLE",           PR_VALUES },
    { PR_CAP_AMBIENT,               "PR_CAP_AMBIENT",               PR_VALUES },
    { PR_GET_SPECULATION_CTRL,      "PR_GET_SPECULATION_CTRL",      PR_SPEC_AARCH64 },
    { PR_SET_SPECULATION_CTRL,      "PR_SET_SPECULATION_CTRL",      PR_SPEC_AARCH64 },
    { PR_SET_IO_FLUSHER,            "PR_SET_IO_FLUSHER",            PR_VALUES },
    { PR_GET_IO_FLUSHER,            "PR_GET_IO_FLUSHER",            PR_VALUES },
    { 67 /* PR_SET_MEMORY_MERGE */, "PR_SET_MEMORY_MERGE",          PR_VALUES },
    { 68 /* PR_GET_MEMORY_MERGE */, "PR_GET_MEMORY_MERGE",          PR_VALUES },
    { PR_SET_PTRACER,               "PR_SET_PTRACER",               PR_VALUES },
    { PR_SET_VMA,                   "PR_SET_VMA",                   PR_VMA },
    { PR_GET_AUXV,                  "PR_GET_AUXV",                  PR_AUXV },
};

/* Options refused with EINVAL, with the reason for the log. Columns: option,
 * name, why. Any option in neither table is refused the same way (the
 * kernel's answer to options it does not know). */
static const struct pr_refused {
    int option;
    const char *name, *why;
} pr_refused[] = {
    { PR_GET_UNALIGN,        "PR_GET_UNALIGN",        "not on these architectures" },
    { PR_SET_UNALIGN,        "PR_SET_UNALIGN",        "not on these architectures" },
    { PR_GET_FPEMU,          "PR_GET_FPEMU",          "ia64 only" },
    { PR_SET_FPEMU,          "PR_SET_FPEMU",          "ia64 only" },
    { PR_GET_FPEXC,          "PR_GET_FPEXC",          "powerpc only" },
    { PR_SET_FPEXC,          "PR_SET_FPEXC",          "powerpc only" },
    { PR_GET_ENDIAN,         "PR_GET_ENDIAN",         "powerpc only" },
    { PR_SET_ENDIAN,         "PR_SET_ENDIAN",         "powerpc only" },
    { PR_GET_SECCOMP,        "PR_GET_SECCOMP",        "no seccomp: a filter would see tern's host syscalls" },
    { PR_SET_SECCOMP,        "PR_SET_SECCOMP",        "no seccomp: a filter would see tern's host syscalls" },
    { PR_GET_TSC,            "PR_GET_TSC",            "x86 only" },
    { PR_SET_TSC,            "PR_SET_TSC",            "x86 only" },
    { PR_SET_MM,             "PR_SET_MM",             "would rewrite tern's own mm fields" },
    { PR_SET_FP_MODE,        "PR_SET_FP_MODE",        "mips only" },
    { PR_GET_FP_MODE,        "PR_GET_FP_MODE",        "mips only" },
    { PR_SVE_SET_VL,         "PR_SVE_SET_VL",         "no SVE" },
    { PR_SVE_GET_VL,         "PR_SVE_GET_VL",         "no SVE" },
    { PR_PAC_RESET_KEYS,     "PR_PAC_RESET_KEYS",     "no pointer authentication" },
    { PR_SET_TAGGED_ADDR_CTRL, "PR_SET_TAGGED_ADDR_CTRL", "no tagged addresses" },
    { PR_GET_TAGGED_ADDR_CTRL, "PR_GET_TAGGED_ADDR_CTRL", "no tagged addresses" },
    { PR_SET_SYSCALL_USER_DISPATCH, "PR_SET_SYSCALL_USER_DISPATCH",
                                                      "would trap tern's own syscalls" },
    { PR_PAC_SET_ENABLED_KEYS, "PR_PAC_SET_ENABLED_KEYS", "no pointer authentication" },
    { PR_PAC_GET_ENABLED_KEYS, "PR_PAC_GET_ENABLED_KEYS", "no pointer authentication" },
    { PR_SCHED_CORE,         "PR_SCHED_CORE",         "no core scheduling" },
    { 63,                    "PR_SME_SET_VL",         "no SME" },
    { 64,                    "PR_SME_GET_VL",         "no SME" },
    { 65,                    "PR_SET_MDWE",           "would forbid tern's code cache" },
    { 66,                    "PR_GET_MDWE",           "no memory-deny-write-execute" },
    { 69,                    "PR_RISCV_V_SET_CONTROL", "no RISC-V vector state control" },
    { 70,                    "PR_RISCV_V_GET_CONTROL", "no RISC-V vector state control" },
    { 71,                    "PR_RISCV_SET_ICACHE_FLUSH_CTX", "no RISC-V icache flush context" },
    { 74,                    "PR_GET_SHADOW_STACK_STATUS", "no guarded control stack" },
    { 75,                    "PR_SET_SHADOW_STACK_STATUS", "no guarded control stack" },
    { 76,                    "PR_LOCK_SHADOW_STACK_STATUS", "no guarded control stack" },
};

#define TASK_COMM_LEN 16
#define ANON_VMA_NAME_MAX 80   /* longest name PR_SET_VMA takes, with its NUL */

static long pr_refuse(int option)
{
    if (log_enabled(LOG_unimp)) {
        const char *name = NULL, *why = "unknown option";
        for (size_t i = 0; i < sizeof pr_refused / sizeof pr_refused[0]; i++)
            if (pr_refused[i].option == option) {
                name = pr_refused[i].name;
                why = pr_refused[i].why;
            }
        if (name)
            log_printf("prctl %s refused (%s)\n", name, why);
        else
            log_printf("prctl option %d refused (%s)\n", option, why);
    }
    return -EINVAL;
}

/* PR_SET_VMA_ANON_NAME. The kernel checks the name before the range, and a
 * kernel without anonymous vma names refuses everything with EINVAL; so the
 * name reaches the host as it is (a readable guest string: the host reads
 * at most ANON_VMA_NAME_MAX bytes of it) or as the fault address, and a range
 * that is not all guest memory (a hole for the guest; tern's own memory must
 * not be named) is first put to the host with length 0, which checks all the
 * rest and changes nothing. */
static long pr_set_vma(struct cpu *cpu, uint64_t a[6])
{
    uint64_t name = a[4];
    if (name) {
        long n = guest_strlen(cpu, name, ANON_VMA_NAME_MAX);
        if (n < 0 && n != -ENAMETOOLONG)
            name = guest_fault_ptr(cpu, name, 1);
    }
    uint64_t start = a[2], len = PAGE_UP(a[3]);   /* 0 also when it wraps */
    bool walks_vmas = a[1] == PR_SET_VMA_ANON_NAME && len && start + len > start;
    if (walks_vmas && !guest_access_ok(cpu, start, len, 0)) {
        long r = HSYS(SYS_prctl, PR_SET_VMA, a[1], start, 0, name);
        return r < 0 ? r : -ENOMEM;
    }
    return HSYS(SYS_prctl, PR_SET_VMA, a[1], start, a[3], name);
}

long sc_prctl(struct cpu *cpu, uint64_t a[6])
{
    int option = (int)a[0];
    const struct pr_option *o = NULL;
    for (size_t i = 0; i < sizeof pr_options / sizeof pr_options[0]; i++)
        if (pr_options[i].option == option)
            o = &pr_options[i];
    if (!o)
        return pr_refuse(option);

    switch (o->use) {
    case PR_VALUES:
        break;
    case PR_SPEC_AARCH64:
        if (strcmp(cpu->proc->arch->name, "aarch64") != 0)
            return pr_refuse(option);
        /* arm64 controls store bypass and indirect branches only; the x86
         * host's other kinds (L1D flush) are not the guest's */
        if (a[1] != PR_SPEC_STORE_BYPASS && a[1] != PR_SPEC_INDIRECT_BRANCH)
            return -ENODEV;
        break;
    case PR_OUT_INT:
        return HSYS(SYS_prctl, option, guest_host_ptr(cpu, a[1], sizeof(int), PROT_WRITE),
                    a[2], a[3], a[4]);
    case PR_NAME_IN: {
        /* the kernel reads up to the NUL or 15 bytes, whichever is first */
        char name[TASK_COMM_LEN] = { 0 };
        uint64_t n = guest_access_len(cpu, a[1], TASK_COMM_LEN - 1, PROT_READ);
        memcpy(name, (const void *)(uintptr_t)a[1], n);
        if (n < TASK_COMM_LEN - 1 && !memchr(name, 0, n))
            return -EFAULT;
        return HSYS(SYS_prctl, option, name, a[2], a[3], a[4]);
    }
    case PR_NAME_OUT:
        return HSYS(SYS_prctl, option, guest_host_ptr(cpu, a[1], TASK_COMM_LEN, PROT_WRITE),
                    a[2], a[3], a[4]);
    case PR_TID_ADDR: {
        /* the host thread's clear_child_tid is tern's business; the guest's is
         * the one set_tid_address recorded */
        uint64_t tid_address = cpu->tid_address;
        return guest_copy_out(cpu, a[1], &tid_address, sizeof tid_address);
    }
    case PR_VMA:
        return pr_set_vma(cpu, a);
    case PR_AUXV: {
        /* the host's would be tern's own; the kernel copies its whole saved
         * vector (zeros after AT_NULL) up to len bytes and returns its size */
        if (a[3] || a[4])
            return -EINVAL;
        const struct guest_layout *l = &cpu->proc->layout;
        uint64_t v[sizeof l->auxv / 8] = { 0 };
        memcpy(v, l->auxv, (size_t)l->auxv_words * 8);
        uint64_t n = a[2] < sizeof v ? a[2] : sizeof v;
        if (n && guest_copy_out(cpu, a[1], v, n))
            return -EFAULT;
        return (long)sizeof v;
    }
    }
    return HSYS(SYS_prctl, option, a[1], a[2], a[3], a[4]);
}

/* ---------------- personality ---------------- */

/* The persona is the host process's (it survives exec into tern again, so
 * setarch -R and friends work). Refused, with EINVAL:
 *  - PER_LINUX32: tern runs no 32-bit code; arm64 on hardware without AArch32
 *    refuses it the same way;
 *  - READ_IMPLIES_EXEC: tern takes executability from the guest's mapping
 *    protections, which this flag would silently widen.
 * Other flags (ADDR_NO_RANDOMIZE, UNAME26, STICKY_TIMEOUTS...) are the host
 * kernel's to honour, and it does. */
long sc_personality(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    unsigned p = (unsigned)a[0];
    if (p != 0xffffffffu && ((p & PER_MASK) == PER_LINUX32 || (p & READ_IMPLIES_EXEC))) {
        if (log_enabled(LOG_unimp))
            log_printf("personality 0x%x refused (32-bit or READ_IMPLIES_EXEC)\n", p);
        return -EINVAL;
    }
    return HSYS(SYS_personality, p);
}

/* ---------------- resource limits ---------------- */

/* struct rlimit is two unsigned longs everywhere; RLIMIT_* numbers are
 * asm-generic/resource.h's for the guests and for x86-64 */
_Static_assert(sizeof(struct rlimit) == 16, "struct rlimit");

long sc_getrlimit(struct cpu *cpu, uint64_t a[6])
{
    return HSYS(SYS_getrlimit, (unsigned)a[0],
                guest_host_ptr(cpu, a[1], sizeof(struct rlimit), PROT_WRITE));
}

long sc_setrlimit(struct cpu *cpu, uint64_t a[6])
{
    return HSYS(SYS_setrlimit, (unsigned)a[0],
                guest_host_ptr(cpu, a[1], sizeof(struct rlimit), PROT_READ));
}

/* ---------------- scheduling ---------------- */

/* The kernel reads at most its own cpumask size of the guest's len bytes;
 * tern requires all len to be guest memory (a guest that passes a longer
 * length than its buffer gets EFAULT where the kernel might not notice). */
long sc_sched_setaffinity(struct cpu *cpu, uint64_t a[6])
{
    return HSYS(SYS_sched_setaffinity, (int)a[0], a[1],
                guest_host_ptr(cpu, a[2], a[1], PROT_READ));
}

_Static_assert(sizeof(struct sched_param) == 4, "struct sched_param");

long sc_sched_getparam(struct cpu *cpu, uint64_t a[6])
{
    return HSYS(SYS_sched_getparam, (int)a[0],
                guest_host_ptr(cpu, a[1], sizeof(struct sched_param), PROT_WRITE));
}

long sc_sched_setparam(struct cpu *cpu, uint64_t a[6])
{
    return HSYS(SYS_sched_setparam, (int)a[0],
                guest_host_ptr(cpu, a[1], sizeof(struct sched_param), PROT_READ));
}

long sc_sched_getscheduler(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_sched_getscheduler, (int)a[0]);
}

long sc_sched_setscheduler(struct cpu *cpu, uint64_t a[6])
{
    return HSYS(SYS_sched_setscheduler, (int)a[0], (int)a[1],
                guest_host_ptr(cpu, a[2], sizeof(struct sched_param), PROT_READ));
}

long sc_sched_get_priority_max(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_sched_get_priority_max, (int)a[0]);
}

long sc_sched_get_priority_min(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_sched_get_priority_min, (int)a[0]);
}

long sc_sched_rr_get_interval(struct cpu *cpu, uint64_t a[6])
{
    return HSYS(SYS_sched_rr_get_interval, (int)a[0],
                guest_host_ptr(cpu, a[1], 16 /* struct __kernel_timespec */, PROT_WRITE));
}

/* struct sched_attr grows by version; the guest says how big its copy is */
#define SCHED_ATTR_SIZE_VER0 48
#define SCHED_ATTR_MAX 4096   /* the kernel's limit: PAGE_SIZE */

long sc_sched_getattr(struct cpu *cpu, uint64_t a[6])
{
    /* the kernel writes at most size bytes (its own struct's if smaller) */
    uint64_t size = (unsigned)a[2];
    return HSYS(SYS_sched_getattr, (int)a[0],
                guest_host_ptr(cpu, a[1], size <= SCHED_ATTR_MAX ? size : 0, PROT_WRITE),
                (unsigned)a[2], (unsigned)a[3]);
}

long sc_sched_setattr(struct cpu *cpu, uint64_t a[6])
{
    /* the kernel reads the size field, then that many bytes (0 meaning
     * VER0); a size out of range it answers with E2BIG after writing its own
     * size into the field */
    uint32_t size;
    uint64_t attr = a[1];
    if (attr && guest_copy_in(cpu, &size, attr, sizeof size) == 0) {
        uint64_t n = size ? size : SCHED_ATTR_SIZE_VER0;
        if (n >= SCHED_ATTR_SIZE_VER0 && n <= SCHED_ATTR_MAX)
            attr = guest_host_ptr(cpu, attr, n, PROT_READ);
        else
            attr = guest_host_ptr(cpu, attr, sizeof size, PROT_READ | PROT_WRITE);
    } else if (attr) {
        attr = guest_fault_ptr(cpu, attr, sizeof size);
    }
    return HSYS(SYS_sched_setattr, (int)a[0], attr, (unsigned)a[2]);
}

/* the raw getpriority answers 20 - nice (1..40), never negative; libc
 * converts */
long sc_getpriority(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_getpriority, (int)a[0], (unsigned)a[1]);
}

long sc_setpriority(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_setpriority, (int)a[0], (unsigned)a[1], (int)a[2]);
}

/* I/O priorities: values only (IOPRIO_WHO_* and the class/level encoding
 * are generic); the guest's tids and pids are the host's */
long sc_ioprio_get(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_ioprio_get, (int)a[0], (int)a[1]);
}

long sc_ioprio_set(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_ioprio_set, (int)a[0], (int)a[1], (int)a[2]);
}

/* cpu and node are the host's, as sched_getaffinity's mask is; the third
 * argument (a cache) is unused since Linux 2.6.24 */
long sc_getcpu(struct cpu *cpu, uint64_t a[6])
{
    return HSYS(SYS_getcpu, guest_host_ptr(cpu, a[0], sizeof(unsigned), PROT_WRITE),
                guest_host_ptr(cpu, a[1], sizeof(unsigned), PROT_WRITE), 0);
}

/* none of this file's calls sleeps */
int ident_sc_class(long (*fn)(struct cpu *, uint64_t *))
{
    (void)fn;
    return SIG_SC_PLAIN;
}
