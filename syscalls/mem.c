/* mem.c — the guest address space: mmap, munmap, mprotect, mremap, madvise, brk.
 *
 * Guest address == host address, and the guest shares the host address space
 * with tern itself. The guest mm (proc->mm) records every guest mapping with
 * the guest's protection; these handlers keep it in step with the host.
 *
 * Invariants:
 *  - The guest stays below arch->task_size and never maps over or unmaps
 *    anything that is not its own: new space is found with mm_find_free and
 *    claimed with MAP_FIXED_NOREPLACE (which fails rather than replace); a guest
 *    MAP_FIXED / MREMAP_FIXED is honoured only where every page is either
 *    guest-owned or free, and the free gaps are claimed (NOREPLACE) before the
 *    replacing call, so a concurrent host mapping is never clobbered; munmap
 *    and friends touch only the recorded guest pieces of the range.
 *  - Guest PROT_EXEC pages are also readable in the host (the JIT reads guest
 *    code); the mm records the guest's own prot.
 *  - The brk area [brk_start, brk_end_reserved) is reserved by the loader;
 *    brk grows with MAP_FIXED inside it, and released pages inside it are
 *    re-reserved (PROT_NONE) instead of unmapped, so nothing else lands there.
 *  - mm prot/flags are in host PROT_* / MAP_* numbering (identical to the
 *    guest's for every asm-generic guest; translated through the tables anyway).
 */
#include <sys/mman.h>
#include <linux/mman.h>

#include "runner/log.h"
#include "syscalls/sc.h"

/* anonymous mappings at least this large are offered transparent huge pages */
#define HUGE_HINT_MIN (4ull << 20)

#define PAGE_MASK_ (GUEST_PAGE_SIZE - 1)
#define MMAP_MIN_ADDR 0x10000ull  /* the kernel's usual vm.mmap_min_addr */
#define GUEST_PROT_BITS (PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM)

static int host_prot(int prot)
{
    prot &= GUEST_PROT_BITS;
    return (prot & PROT_EXEC) ? prot | PROT_READ : prot;
}

static void page_log(const char *what, uint64_t start, uint64_t len, int prot)
{
    if (log_enabled(LOG_page))
        log_printf("guest %s %016llx-%016llx %c%c%c\n", what,
                   (unsigned long long)start, (unsigned long long)(start + len),
                   prot & PROT_READ ? 'r' : '-', prot & PROT_WRITE ? 'w' : '-',
                   prot & PROT_EXEC ? 'x' : '-');
}

/* host mmap at exactly addr without replacing anything: addr or -errno
 * (-EEXIST when something is there) */
static long host_map_noreplace(uint64_t addr, uint64_t len, int prot, int flags,
                               int fd, uint64_t off)
{
    long r = HSYS(SYS_mmap, addr, len, prot, flags | MAP_FIXED_NOREPLACE, fd, off);
    if (r >= 0 && (uint64_t)r != addr) {
        /* a kernel without MAP_FIXED_NOREPLACE (< 4.17) took it as a hint */
        (void)HSYS(SYS_munmap, r, len);
        return -EEXIST;
    }
    return r;
}

static uint64_t search_base(struct cpu *cpu)
{
    uint64_t b = cpu->proc->mm.mmap_base;
    return b ? b : cpu->proc->arch->mmap_base;
}

/* free guest address space for len bytes: near hint when given, else from the
 * mmap base, else anywhere above MMAP_MIN_ADDR; 0 if none */
static uint64_t find_space(struct cpu *cpu, uint64_t hint, uint64_t len)
{
    struct guest_mm *mm = &cpu->proc->mm;
    uint64_t top = cpu->proc->arch->task_size;
    uint64_t a = 0;
    hint = PAGE_UP(hint);
    if (hint >= MMAP_MIN_ADDR && hint < top && len <= top - hint)
        a = mm_find_free(mm, hint, len);
    if (!a)
        a = mm_find_free(mm, search_base(cpu), len);
    if (!a)
        a = mm_find_free(mm, MMAP_MIN_ADDR, len);
    return a;
}

/* ---- brk reservation ---- */

static void brk_reservation(struct cpu *cpu, uint64_t *lo, uint64_t *hi)
{
    struct guest_mm *mm = &cpu->proc->mm;
    pthread_mutex_lock(&mm->lock);
    *lo = PAGE_UP(mm->brk_start);
    *hi = mm->brk_end_reserved;
    pthread_mutex_unlock(&mm->lock);
    if (*hi < *lo)
        *hi = *lo;
}

static long host_reserve(uint64_t start, uint64_t len)
{
    return HSYS(SYS_mmap, start, len, PROT_NONE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
}

/* Give guest pages [start, start+len) back: unmapped in the host, except inside
 * the brk reservation, where they become the PROT_NONE reservation again. */
static long host_release(struct cpu *cpu, uint64_t start, uint64_t len)
{
    uint64_t lo, hi, end = start + len;
    brk_reservation(cpu, &lo, &hi);
    uint64_t rs = start > lo ? start : lo, re = end < hi ? end : hi;
    long r;
    if (rs >= re)
        return HSYS(SYS_munmap, start, len);
    if (start < rs && (r = HSYS(SYS_munmap, start, rs - start)) < 0)
        return r;
    if ((r = host_reserve(rs, re - rs)) < 0)
        return r;
    if (re < end && (r = HSYS(SYS_munmap, re, end - re)) < 0)
        return r;
    return 0;
}

/* after the host kernel itself unmapped guest pages (mremap moving away):
 * put back the parts of the brk reservation */
static void brk_rereserve(struct cpu *cpu, uint64_t start, uint64_t len)
{
    uint64_t lo, hi, end = start + len;
    brk_reservation(cpu, &lo, &hi);
    uint64_t rs = start > lo ? start : lo, re = end < hi ? end : hi;
    if (rs < re)
        host_reserve(rs, re - rs);
}

/* ---- claiming a fixed range ---- */

#define MAX_CLAIMS 64

struct claim {
    size_t n;
    uint64_t range[MAX_CLAIMS][2];   /* start, len */
};

static void claim_undo(struct claim *c)
{
    for (size_t i = 0; i < c->n; i++)
        (void)HSYS(SYS_munmap, c->range[i][0], c->range[i][1]);
    c->n = 0;
}

/* Make [start, start+len) safe to replace with MAP_FIXED / MREMAP_FIXED: every
 * page must be guest-owned or free; the free gaps are claimed now with
 * PROT_NONE NOREPLACE mappings (listed in *c for claim_undo). 0 or -ENOMEM. */
static long claim_fixed(struct cpu *cpu, uint64_t start, uint64_t len, struct claim *c)
{
    struct guest_mm *mm = &cpu->proc->mm;
    uint64_t end = start + len, p = start;
    c->n = 0;
    while (p < end) {
        struct guest_vma v;
        size_t n = guest_vmas_in(mm, p, end, &v, 1);  /* first one in [p, end) */
        uint64_t gap_end = n ? (v.start > p ? v.start : p) : end;
        if (gap_end > p) {
            long r = c->n < MAX_CLAIMS
                ? host_map_noreplace(p, gap_end - p, PROT_NONE,
                                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
                : -ENOMEM;
            if (r < 0) {
                claim_undo(c);
                return -ENOMEM;
            }
            c->range[c->n][0] = p;
            c->range[c->n][1] = gap_end - p;
            c->n++;
        }
        if (!n)
            break;
        p = v.end;
    }
    return 0;
}

/* ---- mmap ---- */

long sc_mmap(struct cpu *cpu, uint64_t a[6])
{
    struct tern_proc *p = cpu->proc;
    const struct syscall_abi *abi = sc_abi(cpu);
    uint64_t addr = a[0], len = a[1], off = a[5];
    uint32_t gflags = (uint32_t)a[3];
    int fd = (int)a[4];
    uint64_t top = p->arch->task_size;

    int prot = (int)flags_to_host(&abi->prot_flags, (uint32_t)a[2]) & GUEST_PROT_BITS;
    uint32_t hflags = flags_to_host(&abi->mmap_flags, gflags);
    uint32_t type = hflags & MAP_TYPE;
    if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
        return -EINVAL;
    if (type == MAP_SHARED_VALIDATE && flags_to_guest(&abi->mmap_flags, hflags) != gflags)
        return -EOPNOTSUPP;           /* a flag this guest ABI does not know */
    if (off & PAGE_MASK_ || len == 0)
        return -EINVAL;
    uint64_t glen = PAGE_UP(len);
    if (glen < len || glen > top)
        return -ENOMEM;
    if (hflags & MAP_ANONYMOUS)
        fd = -1;                      /* the kernel ignores it; so must the claim */

    bool noreplace = hflags & MAP_FIXED_NOREPLACE;
    bool fixed = (hflags & MAP_FIXED) || noreplace;
    hflags &= ~(uint32_t)(MAP_FIXED | MAP_FIXED_NOREPLACE);
    long r;
    if (fixed) {
        if (addr & PAGE_MASK_)
            return -EINVAL;
        if (addr + glen < addr || addr + glen > top)
            return -ENOMEM;
        if (noreplace) {
            r = host_map_noreplace(addr, glen, host_prot(prot), (int)hflags, fd, off);
        } else {
            struct claim c;
            r = claim_fixed(cpu, addr, glen, &c);
            if (r < 0)
                return r;
            r = HSYS(SYS_mmap, addr, glen, host_prot(prot), hflags | MAP_FIXED, fd, off);
            if (r < 0)
                claim_undo(&c);
        }
    } else {
        uint64_t hint = addr;
        r = -ENOMEM;
        for (int tries = 0; tries < 8; tries++) {
            uint64_t at = find_space(cpu, hint, glen);
            if (!at)
                return -ENOMEM;
            r = host_map_noreplace(at, glen, host_prot(prot), (int)hflags, fd, off);
            if (r != -EEXIST)
                break;
            hint = at + GUEST_PAGE_SIZE;   /* the host had something there: look further */
        }
    }
    if (r < 0)
        return r;
    /* Large private anonymous memory (big malloc arenas, buffers) gets
     * transparent huge pages where the host offers them on request: guest
     * loads and stores are host loads and stores, so fewer TLB misses speed up
     * the guest directly. Small mappings keep 4 KiB pages (no memory bloat). */
    if ((hflags & MAP_ANONYMOUS) && type == MAP_PRIVATE && glen >= HUGE_HINT_MIN)
        HSYS(SYS_madvise, r, glen, MADV_HUGEPAGE);
    mm_add(&p->mm, (uint64_t)r, glen, prot, (int)gflags);
    page_log("mmap", (uint64_t)r, glen, prot);
    return r;
}

/* ---- munmap ---- */

long sc_munmap(struct cpu *cpu, uint64_t a[6])
{
    uint64_t addr = a[0], len = a[1], top = cpu->proc->arch->task_size;
    if (addr & PAGE_MASK_ || len == 0)
        return -EINVAL;
    uint64_t glen = PAGE_UP(len);
    if (glen < len || glen > top || addr > top - glen)
        return -EINVAL;
    uint64_t p = addr, end = addr + glen;
    while (p < end) {
        struct guest_vma v;
        if (guest_vmas_in(&cpu->proc->mm, p, end, &v, 1) == 0)
            break;
        uint64_t s = v.start > p ? v.start : p;
        uint64_t e = v.end < end ? v.end : end;
        long r = host_release(cpu, s, e - s);
        if (r < 0)
            return r;
        mm_remove(&cpu->proc->mm, s, e - s);
        p = e;
    }
    page_log("munmap", addr, glen, 0);
    return 0;
}

/* ---- mprotect ---- */

long sc_mprotect(struct cpu *cpu, uint64_t a[6])
{
    const struct syscall_abi *abi = sc_abi(cpu);
    uint64_t addr = a[0], len = a[1], top = cpu->proc->arch->task_size;
    uint32_t gprot = (uint32_t)a[2];
    uint32_t hp = flags_to_host(&abi->prot_flags, gprot);
    if (flags_to_guest(&abi->prot_flags, hp) != gprot)
        return -EINVAL;                             /* unknown bits */
    if ((hp & PROT_GROWSDOWN) && (hp & PROT_GROWSUP))
        return -EINVAL;
    if (addr & PAGE_MASK_)
        return -EINVAL;
    if (len == 0)
        return 0;
    uint64_t glen = PAGE_UP(len);
    if (glen < len || addr + glen <= addr || addr + glen > top)
        return -ENOMEM;
    /* PROT_GROWSDOWN/UP (extend to the start/end of a stack vma) apply to the
     * given range only: the guest mm has no grows-down mappings */
    int prot = (int)hp & GUEST_PROT_BITS;
    if (!mm_range_has(&cpu->proc->mm, addr, glen, 0))
        return -ENOMEM;
    long r = HSYS(SYS_mprotect, addr, glen, host_prot(prot));
    if (r < 0)
        return r;
    mm_protect(&cpu->proc->mm, addr, glen, prot);
    page_log("mprotect", addr, glen, prot);
    return 0;
}

/* ---- madvise ---- */

long sc_madvise(struct cpu *cpu, uint64_t a[6])
{
    uint64_t addr = a[0], len = a[1], top = cpu->proc->arch->task_size;
    if (addr & PAGE_MASK_)
        return -EINVAL;
    uint64_t glen = PAGE_UP(len);
    if (len && glen < len)
        return -EINVAL;
    if (glen == 0)
        return 0;
    if (addr + glen < addr || addr + glen > top)
        return -ENOMEM;
    if (!mm_range_has(&cpu->proc->mm, addr, glen, 0))
        return -ENOMEM;
    /* MADV_* values are asm-generic's on both sides */
    return HSYS(SYS_madvise, addr, glen, (int)a[2]);
}

/* ---- msync, mlock family, mincore ----
 * Ranges the guest does not have are ENOMEM, as the kernel says for
 * unmapped memory; tern's own mappings are never named to the host. MS_*,
 * MCL_* and MLOCK_* are asm-generic's everywhere. */

/* 0 when [addr, addr+len) rounded to pages is wholly guest memory, else the
 * kernel's errno; *glen gets the rounded length */
static long guest_range(struct cpu *cpu, uint64_t addr, uint64_t len, bool aligned,
                        uint64_t *glen)
{
    uint64_t top = cpu->proc->arch->task_size;
    if (aligned && (addr & PAGE_MASK_))
        return -EINVAL;
    uint64_t start = addr & ~(uint64_t)PAGE_MASK_;
    uint64_t end = PAGE_UP(addr + len);
    if (addr + len < addr || (len && end < addr + len))
        return -ENOMEM;
    *glen = end - start;
    if (*glen == 0)
        return 0;
    if (end > top || !mm_range_has(&cpu->proc->mm, start, *glen, 0))
        return -ENOMEM;
    return 0;
}

long sc_msync(struct cpu *cpu, uint64_t a[6])
{
    int flags = (int)a[2];
    if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
        return -EINVAL;
    if ((flags & MS_ASYNC) && (flags & MS_SYNC))
        return -EINVAL;
    uint64_t glen;
    long r = guest_range(cpu, a[0], a[1], true, &glen);
    if (r || glen == 0)
        return r;
    return HSYS(SYS_msync, a[0], glen, flags);
}

long sc_mlock(struct cpu *cpu, uint64_t a[6])
{
    uint64_t glen;
    long r = guest_range(cpu, a[0], a[1], false, &glen);
    if (r || glen == 0)
        return r;
    return HSYS(SYS_mlock, a[0] & ~(uint64_t)PAGE_MASK_, glen);
}

long sc_mlock2(struct cpu *cpu, uint64_t a[6])
{
    uint64_t glen;
    if ((unsigned)a[2] & ~1u)     /* MLOCK_ONFAULT */
        return -EINVAL;
    long r = guest_range(cpu, a[0], a[1], false, &glen);
    if (r || glen == 0)
        return r;
    return HSYS(SYS_mlock2, a[0] & ~(uint64_t)PAGE_MASK_, glen, (unsigned)a[2]);
}

long sc_munlock(struct cpu *cpu, uint64_t a[6])
{
    uint64_t glen;
    long r = guest_range(cpu, a[0], a[1], false, &glen);
    if (r || glen == 0)
        return r;
    return HSYS(SYS_munlock, a[0] & ~(uint64_t)PAGE_MASK_, glen);
}

/* the whole process: tern's memory with the guest's, as on the kernel the
 * whole address space is meant */
long sc_mlockall(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_mlockall, (int)a[0]);
}

long sc_munlockall(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu; (void)a;
    return HSYS(SYS_munlockall);
}

long sc_mincore(struct cpu *cpu, uint64_t a[6])
{
    if (a[0] & PAGE_MASK_)
        return -EINVAL;
    uint64_t glen;
    long r = guest_range(cpu, a[0], a[1], true, &glen);
    if (r)
        return r;
    if (glen == 0)
        return 0;
    if (!guest_access_ok(cpu, a[2], glen / GUEST_PAGE_SIZE, PROT_WRITE))
        return -EFAULT;
    return HSYS(SYS_mincore, a[0], glen, a[2]);
}

/* ---- mremap ---- */

long sc_mremap(struct cpu *cpu, uint64_t a[6])
{
    struct guest_mm *mm = &cpu->proc->mm;
    uint64_t old = a[0], oldlen = a[1], newlen = a[2], newaddr = a[4];
    uint32_t flags = (uint32_t)a[3];
    uint64_t top = cpu->proc->arch->task_size;

    /* MREMAP_* are linux/mman.h values, the same on every arch */
    if (flags & ~(uint32_t)(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
        return -EINVAL;
    if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
        return -EINVAL;
    if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || oldlen != newlen))
        return -EINVAL;
    if (old & PAGE_MASK_)
        return -EINVAL;
    uint64_t ol = PAGE_UP(oldlen), nl = PAGE_UP(newlen);
    if (nl == 0 || nl < newlen || ol < oldlen)
        return -EINVAL;
    if (ol == 0) {
        /* duplicating a shared mapping (old_size 0) */
        if (log_enabled(LOG_unimp))
            log_printf("unimplemented: mremap with old_size 0\n");
        return -EINVAL;
    }
    if (old + ol < old || old + ol > top)
        return -EFAULT;
    /* the old range must be guest memory (the kernel wants one vma) */
    struct guest_vma v;
    if (!mm_range_has(mm, old, ol, 0) || guest_vmas_in(mm, old, old + 1, &v, 1) != 1)
        return -EFAULT;
    int prot = v.prot, gflags = v.flags;

    uint64_t dest;
    long r;
    struct claim c = { 0 };
    if (flags & MREMAP_FIXED) {
        if (newaddr & PAGE_MASK_)
            return -EINVAL;
        if (nl > top || newaddr > top - nl)
            return -EINVAL;
        if (newaddr < old + ol && old < newaddr + nl)
            return -EINVAL;                          /* overlapping */
        if ((r = claim_fixed(cpu, newaddr, nl, &c)) < 0)
            return r;
        dest = newaddr;
    } else {
        if (nl <= ol && !(flags & MREMAP_DONTUNMAP)) {
            r = HSYS(SYS_mremap, old, oldlen, newlen, 0, 0);     /* shrink in place */
            if (r < 0)
                return r;
            if (nl < ol) {
                mm_remove(mm, old + nl, ol - nl);
                brk_rereserve(cpu, old + nl, ol - nl);
            }
            return r;
        }
        if (!(flags & MREMAP_DONTUNMAP)) {
            uint64_t tail = old + ol, tl = nl - ol;
            if (tail + tl > tail && tail + tl <= top && mm_find_free(mm, tail, tl) == tail) {
                r = HSYS(SYS_mremap, old, oldlen, newlen, 0, 0);  /* grow in place */
                if (r >= 0) {
                    mm_add(mm, old, nl, prot, gflags);
                    page_log("mremap", old, nl, prot);
                    return r;
                }
                if (!(flags & MREMAP_MAYMOVE))
                    return r;
            } else if (!(flags & MREMAP_MAYMOVE)) {
                return -ENOMEM;
            }
        }
        /* move: claim a free range, then move onto it */
        dest = 0;
        uint64_t hint = 0;
        for (int tries = 0; tries < 8 && !dest; tries++) {
            uint64_t at = find_space(cpu, hint, nl);
            if (!at)
                return -ENOMEM;
            r = host_map_noreplace(at, nl, PROT_NONE,
                                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
            if (r >= 0)
                dest = at;
            else if (r != -EEXIST)
                return r;
            hint = at + GUEST_PAGE_SIZE;
        }
        if (!dest)
            return -ENOMEM;
        c.n = 1;
        c.range[0][0] = dest;
        c.range[0][1] = nl;
    }
    r = HSYS(SYS_mremap, old, oldlen, newlen,
             flags | MREMAP_MAYMOVE | MREMAP_FIXED, dest);
    if (r < 0) {
        claim_undo(&c);
        return r;
    }
    if (!(flags & MREMAP_DONTUNMAP)) {
        mm_remove(mm, old, ol);
        brk_rereserve(cpu, old, ol);
    }
    mm_add(mm, dest, nl, prot, gflags);
    page_log("mremap", dest, nl, prot);
    return r;
}

/* ---- brk ---- */

long sc_brk(struct cpu *cpu, uint64_t a[6])
{
    struct guest_mm *mm = &cpu->proc->mm;
    pthread_mutex_lock(&mm->lock);
    uint64_t start = mm->brk_start, cur = mm->brk_cur, end = mm->brk_end_reserved;
    pthread_mutex_unlock(&mm->lock);

    uint64_t want = a[0];
    if (end == 0 || want < start || want > end)
        return (long)cur;                 /* brk(0), or out of range: unchanged */
    uint64_t oldtop = PAGE_UP(cur), newtop = PAGE_UP(want);
    if (newtop > oldtop) {
        /* refuse to grow over a guest mapping placed in the area (a PROT_NONE
         * record may be the loader's record of the reservation itself) */
        struct guest_vma v[8];
        size_t n = guest_vmas_in(mm, oldtop, newtop, v, 8);
        if (n > 8)
            return (long)cur;
        for (size_t i = 0; i < n; i++)
            if (v[i].prot != PROT_NONE)
                return (long)cur;
        long r = HSYS(SYS_mmap, oldtop, newtop - oldtop, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (r < 0)
            return (long)cur;
        mm_add(mm, oldtop, newtop - oldtop, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
        page_log("brk", oldtop, newtop - oldtop, PROT_READ | PROT_WRITE);
    } else if (newtop < oldtop) {
        if (host_reserve(newtop, oldtop - newtop) < 0)
            return (long)cur;
        mm_remove(mm, newtop, oldtop - newtop);
        page_log("brk shrink", newtop, oldtop - newtop, 0);
    }
    pthread_mutex_lock(&mm->lock);
    mm->brk_cur = want;
    pthread_mutex_unlock(&mm->lock);
    return (long)want;
}
