/* futex.c — futex, get_robust_list and membarrier for guest threads.
 *
 * Guest address == host address and a guest thread is a host thread whose
 * tid is the guest's tid, so every futex operation (and the PI ones, whose
 * lock words hold tids) is the host kernel's own once tern has checked what
 * the kernel would touch: the futex word, a second word (requeue, wake-op,
 * PI requeue), a timeout. The op numbers, FUTEX_PRIVATE_FLAG,
 * FUTEX_CLOCK_REALTIME, the wake-op encoding, FUTEX_WAITERS/OWNER_DIED and
 * struct timespec are the same on both guests and x86-64.
 *
 * Checks in the kernel's order (sys_futex, do_futex, get_futex_key): an
 * unreadable timeout is EFAULT; FUTEX_CLOCK_REALTIME with an op other than
 * WAIT_BITSET, WAIT_REQUEUE_PI or LOCK_PI2, or an unknown op, is ENOSYS; a
 * word not 4-byte aligned is EINVAL; then a word outside guest memory is
 * EFAULT. A word the kernel reads or writes must be guest memory with that
 * access. A word that is only a key (the wake ops, REQUEUE's target) must be
 * mapped guest memory: otherwise a private wake wakes nobody (0: no one can
 * wait on a word it cannot read) and anything else is EFAULT, so a guest can
 * never reach tern's own futexes. The rest (bitset 0, wake-op encoding, PI
 * ownership, timeout values) is the host's to refuse.
 *
 * Restart classes (runner/signal.h), the kernel's: FUTEX_WAIT and
 * WAIT_BITSET without a timeout -ERESTARTSYS, with one
 * -ERESTART_RESTARTBLOCK (tern restarts a relative timeout from its whole
 * length: no restart block); LOCK_PI, LOCK_PI2 and WAIT_REQUEUE_PI
 * -ERESTARTNOINTR (the host kernel restarts those itself, so a guest signal
 * waits for the lock); the others do not sleep.
 *
 * Invariants: no state; the guest's futex words are touched by the host
 * kernel only, never by tern.
 */
#include <linux/futex.h>
#include <sys/mman.h>
#include <time.h>

#include "runner/signal.h"
#include "runner/thread.h"
#include "syscalls/sc.h"

#ifndef FUTEX_LOCK_PI2
#define FUTEX_LOCK_PI2 13
#endif

/* what an op touches. Columns: known op, word access (0: key only), timeout
 * argument, second word access (-1: none, 0: key only), restart class when
 * interrupted (SIG_SC_PLAIN: it does not sleep) */
struct futex_op {
    bool known;
    int word;
    bool timeout;
    int word2;
    int cls;
};

#define RW (PROT_READ | PROT_WRITE)
static const struct futex_op futex_ops[] = {
    [FUTEX_WAIT]            = { 1, PROT_READ, true,  -1, SIG_SC_RESTARTSYS },
    [FUTEX_WAKE]            = { 1, 0,         false, -1, SIG_SC_PLAIN },
    [FUTEX_REQUEUE]         = { 1, 0,         false, 0,  SIG_SC_PLAIN },
    [FUTEX_CMP_REQUEUE]     = { 1, PROT_READ, false, 0,  SIG_SC_PLAIN },
    [FUTEX_WAKE_OP]         = { 1, 0,         false, RW, SIG_SC_PLAIN },
    [FUTEX_LOCK_PI]         = { 1, RW,        true,  -1, SIG_SC_NOINTR },
    [FUTEX_UNLOCK_PI]       = { 1, RW,        false, -1, SIG_SC_PLAIN },
    [FUTEX_TRYLOCK_PI]      = { 1, RW,        false, -1, SIG_SC_PLAIN },
    [FUTEX_WAIT_BITSET]     = { 1, PROT_READ, true,  -1, SIG_SC_RESTARTSYS },
    [FUTEX_WAKE_BITSET]     = { 1, 0,         false, -1, SIG_SC_PLAIN },
    [FUTEX_WAIT_REQUEUE_PI] = { 1, PROT_READ, true,  RW, SIG_SC_NOINTR },
    [FUTEX_CMP_REQUEUE_PI]  = { 1, PROT_READ, false, RW, SIG_SC_PLAIN },
    [FUTEX_LOCK_PI2]        = { 1, RW,        true,  -1, SIG_SC_NOINTR },
};
#define NOPS ((int)(sizeof futex_ops / sizeof futex_ops[0]))

/* 0, or the error for a word the op uses with access `prot` (0: key only) */
static long check_word(struct cpu *cpu, uint64_t addr, int prot, bool private_op)
{
    if (addr & 3)
        return -EINVAL;
    if (guest_access_ok(cpu, addr, 4, prot))
        return 0;
    return prot == 0 && private_op ? 1 : -EFAULT;
}

long sc_futex(struct cpu *cpu, uint64_t a[6])
{
    uint64_t uaddr = a[0], timeout = a[3], uaddr2 = a[4];
    int op = (int)a[1];
    int cmd = op & FUTEX_CMD_MASK;
    bool private_op = op & FUTEX_PRIVATE_FLAG;
    if (cmd < 0 || cmd >= NOPS || !futex_ops[cmd].known)
        return -ENOSYS;   /* FUTEX_FD (gone since 2.6.26) and unknown ops */
    const struct futex_op *o = &futex_ops[cmd];

    if (o->timeout && timeout && !guest_access_ok(cpu, timeout, sizeof(struct timespec), PROT_READ))
        return -EFAULT;
    if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET &&
        cmd != FUTEX_WAIT_REQUEUE_PI && cmd != FUTEX_LOCK_PI2)
        return -ENOSYS;
    long r = check_word(cpu, uaddr, o->word, private_op);
    if (r < 0)
        return r;
    bool dead_key = r > 0;
    if (o->word2 >= 0) {
        long r2 = check_word(cpu, uaddr2, o->word2, false);
        if (r2)
            return r2 < 0 ? r2 : -EFAULT;
    }
    if (dead_key)
        return 0;   /* a private wake of a word no one can be waiting on */

    int cls = o->cls;
    if (cls == SIG_SC_RESTARTSYS && timeout)
        cls = SIG_SC_RESTARTBLOCK;
    cpu->sig_sc_cls = cls;
    return HSYS(SYS_futex, uaddr, op, (uint32_t)a[2], timeout, uaddr2, (uint32_t)a[5]);
}

/* ---------------- robust lists ---------------- */

long sc_get_robust_list(struct cpu *cpu, uint64_t a[6])
{
    uint64_t head, len;
    long r = thread_robust_of(cpu, (int)a[0], &head, &len);
    if (r < 0)
        return r;
    if (guest_copy_out(cpu, a[1], &head, sizeof head) ||
        guest_copy_out(cpu, a[2], &len, sizeof len))
        return -EFAULT;
    return 0;
}

/* ---------------- membarrier ---------------- */

/* The host's barriers order the guest's memory accesses too (guest threads
 * are host threads, guest loads and stores host ones); the commands and
 * flags are the same numbers everywhere. */
long sc_membarrier(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_membarrier, (int)a[0], (unsigned)a[1], (int)a[2]);
}

/* ---------------- restart classes ---------------- */

/* futex's depends on its op: the row here arms it (a blocking host call
 * that a guest signal may cut short), sc_futex refines it */
int futex_sc_class(long (*fn)(struct cpu *, uint64_t *))
{
    return fn == sc_futex ? SIG_SC_RESTARTSYS : SIG_SC_PLAIN;
}
