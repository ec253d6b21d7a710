/* guestmem.c — checked access to guest pointers for the syscall layer.
 *
 * Guest address == host address, so a syscall can hand a guest pointer
 * straight to the host kernel, which faults-checks it with EFAULT. What the
 * host kernel cannot know is which host pages are the guest's: without a check
 * a guest read(fd, <tern's heap>, n) would overwrite the runner. So every
 * pointer a handler uses or passes on is first checked against the guest mm
 * (proc->mm, which records every guest mapping with the guest's protection);
 * a range the guest does not own gives -EFAULT, as unmapped memory would on
 * the real kernel.
 *
 * Pointers a handler cannot refuse up front. The kernel checks a call's
 * other arguments (the descriptor, flags, lengths), and may block or find
 * nothing to transfer, before it copies from or to a buffer; refusing a bad
 * pointer first would put EFAULT ahead of all that. So a handler hands the
 * host, in place of a range the guest does not own, an address on which the
 * host's copy fails the way the guest kernel's would (guest_fault_ptr):
 *  - a range inside the guest's address space becomes GUEST_FAULT_LOW, an
 *    address in page 0. That is below vm.mmap_min_addr, and tern never maps
 *    the low 64 KiB, so nothing is there: the host's access_ok accepts it as
 *    the guest kernel's accepts an unmapped user address, and the copy faults
 *    when the call gets to it.
 *  - a range reaching past the guest's task size becomes GUEST_FAULT_HIGH, in
 *    the kernel half: the host's access_ok refuses it as the guest kernel's
 *    refuses the original (some calls check that first: getdents64,
 *    epoll_wait, import_iovec, vfs_read after the fd).
 * A guest that mapped memory in the low 64 KiB itself (root, with
 * mmap_min_addr lowered) gets GUEST_FAULT_HIGH for both, so the host never
 * writes the guest's low pages for a pointer that was elsewhere. The host
 * accesses such a range from its start (copies run forwards, and struct
 * fields the kernel writes one by one lie within a page or two), so its first
 * access faults.
 *
 * Writable ranges. A range checked with PROT_WRITE is about to be written,
 * by the host kernel or by tern's copies. Where jit/smc.c took PROT_WRITE
 * away in the host (code was translated from the page), the host kernel's
 * copy would fail with EFAULT where the guest kernel's succeeds; so the
 * checks that pass with PROT_WRITE (guest_access_ok, guest_access_len, and
 * through them guest_host_ptr, guest_host_buf, guest_iov_import and
 * guest_copy_out) first give such pages back (smc_before_host_write), as a
 * guest store would. A check whose write then does not happen (a bad
 * descriptor, nothing to read) costs a needless flush.
 *
 * Invariants: no state; the mm lock is taken inside mm_* calls only.
 * Known gap: a page unmapped by another guest thread between the check and
 * the copy, or a file mapping past EOF (SIGBUS), still faults in tern; the
 * signal work will turn such host faults into -EFAULT.
 */
#include <limits.h>
#include <string.h>
#include <sys/mman.h>

#include "syscalls/sc.h"

#define GUEST_FAULT_LOW  16ull                   /* page 0, not NULL */
#define GUEST_FAULT_HIGH 0xffff800000000000ull   /* kernel half (x86-64 guard hole) */
#define GUEST_LOW_GUARD  0x10000ull              /* guest memory below: page 0 is out */

bool guest_access_ok(struct cpu *cpu, uint64_t addr, uint64_t len, int prot)
{
    if (len == 0)
        return true;
    uint64_t end = addr + len;
    if (end < addr || end > cpu->proc->arch->task_size)
        return false;
    if (!mm_range_has(&cpu->proc->mm, addr, len, prot))
        return false;
    if (prot & PROT_WRITE)
        smc_before_host_write(cpu, addr, len);
    return true;
}

long guest_copy_in(struct cpu *cpu, void *dst, uint64_t src, size_t len)
{
    if (!guest_access_ok(cpu, src, len, PROT_READ))
        return -EFAULT;
    if (len)
        memcpy(dst, (const void *)(uintptr_t)src, len);
    return 0;
}

long guest_copy_out(struct cpu *cpu, uint64_t dst, const void *src, size_t len)
{
    if (!guest_access_ok(cpu, dst, len, PROT_WRITE))
        return -EFAULT;
    if (len)
        memcpy((void *)(uintptr_t)dst, src, len);
    return 0;
}

long guest_strlen(struct cpu *cpu, uint64_t addr, size_t max)
{
    size_t n = 0;
    while (n < max) {
        uint64_t p = addr + n;
        if (p < addr)
            return -EFAULT;
        uint64_t chunk = PAGE_DOWN(p) + GUEST_PAGE_SIZE - p;
        if (chunk > max - n)
            chunk = max - n;
        if (!guest_access_ok(cpu, p, chunk, PROT_READ))
            return -EFAULT;
        const char *z = memchr((const void *)(uintptr_t)p, 0, chunk);
        if (z)
            return (long)(n + (size_t)(z - (const char *)(uintptr_t)p));
        n += chunk;
    }
    return -ENAMETOOLONG;
}

long guest_path_ok(struct cpu *cpu, uint64_t addr)
{
    long r = guest_strlen(cpu, addr, PATH_MAX);
    return r < 0 ? r : 0;
}

/* index of the first vma with end > addr (vmas sorted, non-overlapping);
 * caller holds mm->lock */
static size_t vma_search(const struct guest_mm *mm, uint64_t addr)
{
    size_t lo = 0, hi = mm->nvmas;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (mm->vmas[mid].end <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

uint64_t guest_access_len(struct cpu *cpu, uint64_t addr, uint64_t len, int prot)
{
    if (guest_access_ok(cpu, addr, len, prot))
        return len;
    uint64_t end = addr + len;
    uint64_t top = cpu->proc->arch->task_size;
    if (end < addr || end > top)
        end = top;
    if (addr >= end)
        return 0;
    struct guest_mm *mm = &cpu->proc->mm;
    uint64_t p = addr;
    pthread_mutex_lock(&mm->lock);
    for (size_t i = vma_search(mm, p); i < mm->nvmas && p < end; i++) {
        const struct guest_vma *v = &mm->vmas[i];
        if (v->start > p || (v->prot & prot) != prot)
            break;
        p = v->end;
    }
    pthread_mutex_unlock(&mm->lock);
    uint64_t n = (p > end ? end : p) - addr;
    if (n && (prot & PROT_WRITE))
        smc_before_host_write(cpu, addr, n);
    return n;
}

size_t guest_vmas_in(struct guest_mm *mm, uint64_t start, uint64_t end,
                     struct guest_vma *out, size_t max)
{
    size_t n = 0;
    pthread_mutex_lock(&mm->lock);
    for (size_t i = vma_search(mm, start); i < mm->nvmas && mm->vmas[i].start < end; i++) {
        if (n < max)
            out[n] = mm->vmas[i];
        n++;
    }
    pthread_mutex_unlock(&mm->lock);
    return n;
}

uint64_t guest_fault_ptr(struct cpu *cpu, uint64_t addr, uint64_t len)
{
    uint64_t end = addr + len;
    if (end < addr || end > cpu->proc->arch->task_size)
        return GUEST_FAULT_HIGH;
    if (guest_vmas_in(&cpu->proc->mm, 0, GUEST_LOW_GUARD, NULL, 0))
        return GUEST_FAULT_HIGH;
    return GUEST_FAULT_LOW;
}

uint64_t guest_host_ptr(struct cpu *cpu, uint64_t addr, uint64_t len, int prot)
{
    if (addr == 0 || guest_access_ok(cpu, addr, len, prot))
        return addr;
    return guest_fault_ptr(cpu, addr, len);
}

uint64_t guest_host_buf(struct cpu *cpu, uint64_t addr, uint64_t *len, int prot)
{
    uint64_t n = guest_access_len(cpu, addr, *len, prot);
    if (n == *len)
        return addr;
    uint64_t end = addr + *len;
    if (n == 0 || end < addr || end > cpu->proc->arch->task_size)
        return guest_fault_ptr(cpu, addr, *len);
    *len = n;
    return addr;
}

void guest_iov_import(struct cpu *cpu, uint64_t guest_iov, uint64_t cnt, int prot,
                      struct guest_iovs *io)
{
    io->cnt = (uint32_t)cnt;   /* the kernel's import_iovec takes an unsigned count */
    io->ptr = guest_iov;
    if (io->cnt == 0)
        return;                /* the array is never read */
    uint64_t bytes = io->cnt * sizeof(struct iovec);
    if (io->cnt > GUEST_UIO_MAXIOV || guest_copy_in(cpu, io->v, guest_iov, bytes)) {
        io->ptr = guest_fault_ptr(cpu, guest_iov, bytes);   /* EINVAL or EFAULT */
        return;
    }
    io->ptr = (uint64_t)(uintptr_t)io->v;
    /* import_iovec refuses a negative length (EINVAL) or a buffer past the
     * task size (access_ok: EFAULT) anywhere before any transfer */
    uint64_t top = cpu->proc->arch->task_size;
    bool refused = false;
    for (uint32_t i = 0; i < io->cnt; i++) {
        uint64_t base = (uint64_t)(uintptr_t)io->v[i].iov_base, len = io->v[i].iov_len;
        refused |= (int64_t)len < 0 || base + len < base || base + len > top;
    }
    for (uint32_t i = 0; i < io->cnt; i++) {
        uint64_t base = (uint64_t)(uintptr_t)io->v[i].iov_base;
        uint64_t len = io->v[i].iov_len;
        if (refused) {
            /* the host refuses it the same way: buffers only made harmless */
            bool ok = base + len >= base && base + len <= top &&
                      guest_access_ok(cpu, base, len, prot);
            if (!ok)
                io->v[i].iov_base = (void *)(uintptr_t)guest_fault_ptr(cpu, base, len);
            continue;
        }
        uint64_t n = guest_access_len(cpu, base, len, prot);
        if (n == len)
            continue;
        if (n == 0) {
            io->v[i].iov_base = (void *)(uintptr_t)guest_fault_ptr(cpu, base, len);
        } else if (io->cnt < GUEST_UIO_MAXIOV) {
            /* the owned prefix, then the rest as its own faulting entry */
            memmove(&io->v[i + 2], &io->v[i + 1], (io->cnt - i - 1) * sizeof io->v[0]);
            io->v[i].iov_len = n;
            io->v[i + 1].iov_base = (void *)(uintptr_t)guest_fault_ptr(cpu, base + n, len - n);
            io->v[i + 1].iov_len = len - n;
            io->cnt++;
            i++;
        } else {
            io->v[i].iov_len = n;   /* no room to split: the vector ends there */
            io->cnt = i + 1;
            break;
        }
    }
}
