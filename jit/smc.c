/* smc.c — self-modifying code: the guest pages translated code came from,
 * write-protected in the host while translations of them exist, so a write
 * to one is seen (docs/jit.md "Self-modifying code").
 *
 * Translating a block notes its guest pages (smc_note_code, under the cache
 * lock). A page the guest may write keeps its guest protection in the guest
 * mm but loses PROT_WRITE in the host. A page of a shared file mapping is
 * looked up in /proc/self/maps, and every other mapping of the same file
 * bytes (a memfd mapped RW at one address and RX at another) that the guest
 * may write is write-protected the same way. A host write fault on such a
 * page (runner/fault.c asks smc_write_fault first) gives the page its guest
 * protection back, marks the translations stale and lets the store run
 * again. A host syscall about to write guest memory for the guest (read
 * into a buffer on such a page) does the same first (smc_before_host_write,
 * from syscalls/guestmem.c's checks for PROT_WRITE): the host kernel's copy
 * would fail with EFAULT, not fault. Stale translations are dropped by the
 * next whole-cache flush, which
 * the dispatcher makes at its safe point when jit_smc_take_pending says so
 * (a flush restores every page this file protected). A change of the guest's
 * mappings over noted pages (munmap, mprotect, mmap or mremap over them, seen
 * through the guest mm's on_change hook) marks them stale too, and so does
 * any new shared mapping while code from a shared mapping is cached (it may
 * alias it).
 *
 * Invariants: a page is write-protected by this file only while it is in
 * the table with SMC_PROT; nprot counts those and [prot_lo, prot_hi) holds
 * them (both written under s->lock, read without it: a page protected
 * after a syscall's check is seen by the next one); the table only grows
 * between flushes, except
 * where the guest's own mapping calls replaced what it recorded; all of it
 * is under s->lock (the fault path only tries it: a fault is never taken
 * while this file holds it, as nothing here touches guest memory).
 * Guest code a thread changes while another runs its old translation is
 * seen by that thread at its next dispatcher visit at the latest, as on
 * hardware without cache maintenance, which both guests require anyway
 * (IC IVAU, fence.i: a whole flush in tern).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "jit/jit.h"
#include "runner/mm.h"
#include "runner/tern.h"
#include "syscalls/sc.h"

#define SMC_CODE 1   /* translated code came from this page */
#define SMC_PROT 2   /* tern took PROT_WRITE away from it in the host */

struct smc_page {
    uint64_t page;
    int flags;
};

struct smc {
    pthread_mutex_t lock;
    struct guest_mm *mm;
    struct smc_page *pages;    /* sorted by page */
    size_t n, cap;
    bool any_shared;           /* code from a shared mapping is cached */
    int pending;               /* translations are stale: flush */
    /* pages with SMC_PROT, and bounds holding them all (maybe loosely): read
     * without the lock by smc_before_host_write's fast check */
    int nprot;
    uint64_t prot_lo, prot_hi;
};

static void lock(struct smc *s)
{
    /* the fault path may come here on any thread: try, yielding */
    while (pthread_mutex_trylock(&s->lock) != 0)
        sched_yield();
}

static size_t find(const struct smc *s, uint64_t page)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->pages[mid].page < page)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static struct smc_page *get(struct smc *s, uint64_t page, bool add)
{
    size_t i = find(s, page);
    if (i < s->n && s->pages[i].page == page)
        return &s->pages[i];
    if (!add)
        return NULL;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        struct smc_page *p = realloc(s->pages, sizeof(*p) * cap);
        if (!p)
            return NULL;
        s->pages = p;
        s->cap = cap;
    }
    memmove(&s->pages[i + 1], &s->pages[i], sizeof(*s->pages) * (s->n - i));
    s->n++;
    s->pages[i] = (struct smc_page){page, 0};
    return &s->pages[i];
}

/* the host protection of a guest page (syscalls/mem.c: exec implies read) */
static int host_prot(int prot)
{
    return (prot & PROT_EXEC) ? prot | PROT_READ : prot;
}

static void write_protect(struct smc *s, uint64_t page, int flags)
{
    int prot = mm_prot_at(s->mm, page);
    struct smc_page *p = get(s, page, true);
    if (!p)
        return;
    p->flags |= flags;
    if (prot < 0 || !(prot & PROT_WRITE) || (p->flags & SMC_PROT))
        return;
    if (syscall(SYS_mprotect, (long)page, (long)GUEST_PAGE_SIZE,
                (long)(host_prot(prot) & ~PROT_WRITE)) == 0) {
        p->flags |= SMC_PROT;
        if (!s->nprot || page < s->prot_lo)
            __atomic_store_n(&s->prot_lo, page, __ATOMIC_SEQ_CST);
        if (!s->nprot || page + GUEST_PAGE_SIZE > s->prot_hi)
            __atomic_store_n(&s->prot_hi, page + GUEST_PAGE_SIZE, __ATOMIC_SEQ_CST);
        __atomic_store_n(&s->nprot, s->nprot + 1, __ATOMIC_SEQ_CST);
    }
}

/* p (SMC_PROT) gets its guest protection back; its translations are stale */
static void unprotect(struct smc *s, struct smc_page *p)
{
    int prot = mm_prot_at(s->mm, p->page);
    if (prot >= 0)
        syscall(SYS_mprotect, (long)p->page, (long)GUEST_PAGE_SIZE, (long)host_prot(prot));
    p->flags &= ~SMC_PROT;
    __atomic_store_n(&s->nprot, s->nprot - 1, __ATOMIC_SEQ_CST);
    __atomic_store_n(&s->pending, 1, __ATOMIC_SEQ_CST);
}

/* ---- aliases of a shared file mapping, from /proc/self/maps ---- */

struct map_line {
    uint64_t start, end, off, ino;
    unsigned dmaj, dmin;
};

static char *read_maps(size_t *len)
{
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        if (n == cap) {
            char *b = realloc(buf, 2 * cap + 1);
            if (!b) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = b;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;   /* a sent fault signal the guest blocks */
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    if (buf)
        buf[n] = 0;
    *len = n;
    return buf;
}

static bool parse_line(const char *l, struct map_line *m)
{
    char perms[8];
    return sscanf(l, "%" SCNx64 "-%" SCNx64 " %7s %" SCNx64 " %x:%x %" SCNu64, &m->start, &m->end,
                  perms, &m->off, &m->dmaj, &m->dmin, &m->ino) == 7 && m->ino != 0;
}

static void protect_aliases(struct smc *s, uint64_t page)
{
    size_t len;
    char *maps = read_maps(&len);
    if (!maps)
        return;
    struct map_line me = {0}, m;
    bool found = false;
    for (char *l = maps; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
        if (parse_line(l, &m) && m.start <= page && page < m.end) {
            me = m;
            found = true;
            break;
        }
    if (found) {
        uint64_t foff = me.off + (page - me.start);
        for (char *l = maps; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
            if (!parse_line(l, &m) || m.ino != me.ino || m.dmaj != me.dmaj || m.dmin != me.dmin)
                continue;
            if (foff < m.off || foff >= m.off + (m.end - m.start))
                continue;
            uint64_t alias = m.start + (foff - m.off);
            if (alias != page)
                write_protect(s, alias, 0);
        }
    }
    free(maps);
}

/* ---- the code cache's side ---- */

struct smc *smc_new(struct guest_mm *mm)
{
    struct smc *s = calloc(1, sizeof(*s));
    if (!s)
        return NULL;
    pthread_mutex_init(&s->lock, NULL);
    s->mm = mm;
    mm->on_change_ctx = s;
    mm->on_change = smc_mm_changed;
    return s;
}

void smc_note_code(struct smc *s, uint64_t start, uint64_t end)
{
    if (!s || end <= start)
        return;
    lock(s);
    for (uint64_t pg = PAGE_DOWN(start); pg < end; pg += GUEST_PAGE_SIZE) {
        struct smc_page *p = get(s, pg, false);
        if (p && (p->flags & SMC_CODE))
            continue;
        write_protect(s, pg, SMC_CODE);
        int fl = mm_flags_at(s->mm, pg);
        if (fl >= 0 && (fl & MAP_SHARED)) {
            s->any_shared = true;
            protect_aliases(s, pg);
        }
    }
    pthread_mutex_unlock(&s->lock);
}

/* every translation is gone (under the cache lock): pages get their guest
 * protection back */
void smc_flushed(struct smc *s)
{
    if (!s)
        return;
    lock(s);
    for (size_t i = 0; i < s->n; i++) {
        if (!(s->pages[i].flags & SMC_PROT))
            continue;
        int prot = mm_prot_at(s->mm, s->pages[i].page);
        if (prot >= 0)
            syscall(SYS_mprotect, (long)s->pages[i].page, (long)GUEST_PAGE_SIZE,
                    (long)host_prot(prot));
    }
    s->n = 0;
    s->any_shared = false;
    __atomic_store_n(&s->nprot, 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&s->pending, 0, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&s->lock);
}

/* ---- the fault path and the guest mm's ---- */

bool smc_write_fault(struct smc *s, uint64_t addr)
{
    if (!s)
        return false;
    uint64_t pg = PAGE_DOWN(addr);
    lock(s);
    struct smc_page *p = get(s, pg, false);
    bool ours = p && (p->flags & SMC_PROT);
    if (ours)
        unprotect(s, p);
    pthread_mutex_unlock(&s->lock);
    return ours;
}

void smc_before_host_write(struct cpu *cpu, uint64_t addr, uint64_t len)
{
    struct smc *s = jit_smc(cpu->proc);
    uint64_t end = addr + len;
    if (!s || !len || !__atomic_load_n(&s->nprot, __ATOMIC_SEQ_CST))
        return;
    if (end < addr)
        end = UINT64_MAX;
    if (end <= __atomic_load_n(&s->prot_lo, __ATOMIC_SEQ_CST) ||
        addr >= __atomic_load_n(&s->prot_hi, __ATOMIC_SEQ_CST))
        return;
    lock(s);
    for (size_t i = find(s, PAGE_DOWN(addr)); i < s->n && s->pages[i].page < end; i++)
        if (s->pages[i].flags & SMC_PROT)
            unprotect(s, &s->pages[i]);
    pthread_mutex_unlock(&s->lock);
}

void smc_mm_changed(void *ctx, uint64_t start, uint64_t end, int flags)
{
    struct smc *s = ctx;
    lock(s);
    bool stale = flags >= 0 && (flags & MAP_SHARED) && s->any_shared;
    /* the guest's call set the host protection itself: what this file
     * recorded there is void */
    size_t i = find(s, start), j = i;
    int unprot = 0;
    while (j < s->n && s->pages[j].page < end) {
        stale |= (s->pages[j].flags & SMC_CODE) != 0;
        unprot += (s->pages[j].flags & SMC_PROT) != 0;
        j++;
    }
    __atomic_store_n(&s->nprot, s->nprot - unprot, __ATOMIC_SEQ_CST);
    if (j > i) {
        memmove(&s->pages[i], &s->pages[j], sizeof(*s->pages) * (s->n - j));
        s->n -= j - i;
    }
    if (stale)
        __atomic_store_n(&s->pending, 1, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&s->lock);
}

bool smc_take_pending(struct smc *s)
{
    return s && __atomic_load_n(&s->pending, __ATOMIC_RELAXED) &&
           __atomic_exchange_n(&s->pending, 0, __ATOMIC_SEQ_CST);
}
