/* riscv64.c — the riscv64-only syscalls: riscv_hwprobe and riscv_flush_icache
 * (rows in handlers_riscv64.def).
 *
 * riscv_hwprobe follows the kernel ABI of Linux 6.4
 * (arch/riscv/include/uapi/asm/hwprobe.h; Debian 12's headers predate it):
 *   struct riscv_hwprobe { __s64 key; __u64 value; };
 *   long riscv_hwprobe(struct riscv_hwprobe *pairs, size_t pair_count,
 *                      size_t cpusetsize, cpu_set_t *cpus, unsigned int flags);
 * flags must be 0; cpus == NULL with cpusetsize 0 means all online cpus, else
 * the set must name at least one online cpu. Each pair's key is read and the
 * value filled in; a key the kernel does not know gets key = -1, value = 0.
 * The answers describe the -cpu model (cpu->proc->model), identical on every
 * cpu.
 *
 * Invariants: no state; the icache flush drops every translation (jit_flush).
 */
#include <string.h>
#include <sys/mman.h>

#include "frontends/riscv64/riscv64.h"
#include "jit/jit.h"
#include "syscalls/sc.h"

/* keys and values (uapi/asm/hwprobe.h) */
#define RISCV_HWPROBE_KEY_MVENDORID          0
#define RISCV_HWPROBE_KEY_MARCHID            1
#define RISCV_HWPROBE_KEY_MIMPID             2
#define RISCV_HWPROBE_KEY_BASE_BEHAVIOR      3
#define   RISCV_HWPROBE_BASE_BEHAVIOR_IMA    (1ull << 0)
#define RISCV_HWPROBE_KEY_IMA_EXT_0          4
#define   RISCV_HWPROBE_IMA_FD               (1ull << 0)
#define   RISCV_HWPROBE_IMA_C                (1ull << 1)
#define   RISCV_HWPROBE_IMA_V                (1ull << 2)
#define   RISCV_HWPROBE_EXT_ZBA              (1ull << 3)
#define   RISCV_HWPROBE_EXT_ZBB              (1ull << 4)
#define   RISCV_HWPROBE_EXT_ZBS              (1ull << 5)
#define RISCV_HWPROBE_KEY_CPUPERF_0          5
#define   RISCV_HWPROBE_MISALIGNED_UNKNOWN   (0ull << 0)
#define   RISCV_HWPROBE_MISALIGNED_EMULATED  (1ull << 0)
#define   RISCV_HWPROBE_MISALIGNED_SLOW      (2ull << 0)
#define   RISCV_HWPROBE_MISALIGNED_FAST      (3ull << 0)

#define CPUMASK_MAX_BYTES 128   /* host cpus considered: 1024 */

/* value for one key; false if the key is unknown */
bool riscv_hwprobe_value(uint64_t features, int64_t key, uint64_t *value)
{
    switch (key) {
    case RISCV_HWPROBE_KEY_MVENDORID:
    case RISCV_HWPROBE_KEY_MARCHID:
    case RISCV_HWPROBE_KEY_MIMPID:
        *value = 0;                 /* no vendor: a tern cpu */
        return true;
    case RISCV_HWPROBE_KEY_BASE_BEHAVIOR:
        *value = RISCV_HWPROBE_BASE_BEHAVIOR_IMA;
        return true;
    case RISCV_HWPROBE_KEY_IMA_EXT_0: {
        uint64_t v = 0;
        if (features & RV_F_FD)  v |= RISCV_HWPROBE_IMA_FD;
        if (features & RV_F_C)   v |= RISCV_HWPROBE_IMA_C;
        if (features & RV_F_ZBA) v |= RISCV_HWPROBE_EXT_ZBA;
        if (features & RV_F_ZBB) v |= RISCV_HWPROBE_EXT_ZBB;
        if (features & RV_F_ZBS) v |= RISCV_HWPROBE_EXT_ZBS;
        *value = v;
        return true;
    }
    case RISCV_HWPROBE_KEY_CPUPERF_0:
        /* what the kernel says when it has not measured: misaligned accesses
         * do work (x86-64 does them in hardware) but promise nothing */
        *value = RISCV_HWPROBE_MISALIGNED_UNKNOWN;
        return true;
    default:
        return false;
    }
}

long sc_riscv_hwprobe(struct cpu *cpu, uint64_t a[6])
{
    uint64_t pairs = a[0], count = a[1], setsize = a[2], cpus = a[3];
    if ((unsigned)a[4] != 0)
        return -EINVAL;
    if (setsize || cpus) {
        uint8_t want[CPUMASK_MAX_BYTES] = { 0 }, online[CPUMASK_MAX_BYTES] = { 0 };
        if (setsize > CPUMASK_MAX_BYTES)
            setsize = CPUMASK_MAX_BYTES;
        if (guest_copy_in(cpu, want, cpus, setsize))
            return -EFAULT;
        long n = HSYS(SYS_sched_getaffinity, 0, sizeof online, online);
        bool any = false;
        for (long i = 0; i < n && i < (long)setsize; i++)
            any |= (want[i] & online[i]) != 0;
        if (!any)
            return -EINVAL;
    }
    uint64_t features = cpu->proc->model ? cpu->proc->model->features : 0;
    for (uint64_t i = 0; i < count; i++) {
        uint64_t at = pairs + 16 * i;
        int64_t pair[2];
        if (at < pairs || guest_copy_in(cpu, &pair[0], at, 8))
            return -EFAULT;
        uint64_t value = 0;
        if (!riscv_hwprobe_value(features, pair[0], &value))
            pair[0] = -1;
        pair[1] = (int64_t)value;
        if (guest_copy_out(cpu, at, pair, sizeof pair))
            return -EFAULT;
    }
    return 0;
}

#define SYS_RISCV_FLUSH_ICACHE_LOCAL 1ul
#define SYS_RISCV_FLUSH_ICACHE_ALL   SYS_RISCV_FLUSH_ICACHE_LOCAL

long sc_riscv_flush_icache(struct cpu *cpu, uint64_t a[6])
{
    if (a[2] & ~SYS_RISCV_FLUSH_ICACHE_ALL)
        return -EINVAL;
    jit_flush(cpu->proc, cpu);
    return 0;
}
