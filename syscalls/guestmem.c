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
 * Invariants: no state; the mm lock is taken inside mm_* calls only.
 * Known gap: a page unmapped by another guest thread between the check and
 * the copy, or a file mapping past EOF (SIGBUS), still faults in tern; the
 * signal work will turn such host faults into -EFAULT.
 */
#include <limits.h>
#include <string.h>
#include <sys/mman.h>

#include "syscalls/sc.h"

bool guest_access_ok(struct cpu *cpu, uint64_t addr, uint64_t len, int prot)
{
    if (len == 0)
        return true;
    uint64_t end = addr + len;
    if (end < addr || end > cpu->proc->arch->task_size)
        return false;
    return mm_range_has(&cpu->proc->mm, addr, len, prot);
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
    return (p > end ? end : p) - addr;
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
