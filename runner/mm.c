/* mm.c — the guest memory map: a sorted array of page-aligned, non-overlapping
 * intervals with the protection the guest asked for.
 *
 * Invariants: vmas[] is sorted by start, intervals never overlap, and two
 * neighbours that touch with equal prot and flags are always merged (so the
 * representation of a given map is unique, which keeps tests and
 * /proc/self/maps output stable). Every public function takes mm->lock and
 * calls no other public function while holding it. Callers that mprotect or
 * munmap host memory update the map in the same critical section of their own
 * logic; guest_fetch copies under the lock so a concurrent munmap recorded here
 * cannot pull pages out from under it.
 *
 * mm_find_free must never hand out memory the runner uses: guest gaps are
 * checked against the host with a MAP_FIXED_NOREPLACE probe (two syscalls, no
 * file parsing on the common path); only when the probe hits something is
 * /proc/self/maps read, to jump past the host mapping in the way.
 */
#include "runner/mm.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

/* never search below this: the host refuses low pages (vm.mmap_min_addr) and
 * a guest NULL dereference should keep faulting */
#define MM_LOWEST 0x10000ull

void mm_init(struct guest_mm *mm, uint64_t task_size, uint64_t mmap_base)
{
    memset(mm, 0, sizeof(*mm));
    pthread_mutex_init(&mm->lock, NULL);
    mm->task_size = task_size;
    mm->mmap_base = mmap_base;
}

/* ---- unlocked helpers ---- */

/* index of the first vma with end > addr (nvmas if none) */
static size_t first_ending_after(const struct guest_mm *mm, uint64_t addr)
{
    size_t lo = 0, hi = mm->nvmas;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (mm->vmas[mid].end > addr)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static void reserve(struct guest_mm *mm, size_t extra)
{
    if (mm->nvmas + extra <= mm->cap)
        return;
    size_t cap = mm->cap ? mm->cap * 2 : 64;
    while (cap < mm->nvmas + extra)
        cap *= 2;
    struct guest_vma *v = realloc(mm->vmas, cap * sizeof(*v));
    if (!v) {
        /* losing track of guest memory would let the runner hand out or
         * translate the wrong pages; there is no safe way on */
        fprintf(stderr, "tern: out of memory recording guest mappings\n");
        abort();
    }
    mm->vmas = v;
    mm->cap = cap;
}

static void insert_at(struct guest_mm *mm, size_t i, struct guest_vma v)
{
    reserve(mm, 1);
    memmove(&mm->vmas[i + 1], &mm->vmas[i], (mm->nvmas - i) * sizeof(v));
    mm->vmas[i] = v;
    mm->nvmas++;
}

static void delete_range(struct guest_mm *mm, size_t i, size_t j)
{
    if (j <= i)
        return;
    memmove(&mm->vmas[i], &mm->vmas[j], (mm->nvmas - j) * sizeof(mm->vmas[0]));
    mm->nvmas -= j - i;
}

static bool mergeable(const struct guest_vma *a, const struct guest_vma *b)
{
    return a->end == b->start && a->prot == b->prot && a->flags == b->flags;
}

/* merge around indices [i, j] after a change there */
static void merge_around(struct guest_mm *mm, size_t i, size_t j)
{
    if (mm->nvmas == 0)
        return;
    if (i > 0)
        i--;
    if (j + 1 < mm->nvmas)
        j++;
    if (j >= mm->nvmas)
        j = mm->nvmas - 1;
    size_t k = i;
    while (k < j && k + 1 < mm->nvmas) {
        if (mergeable(&mm->vmas[k], &mm->vmas[k + 1])) {
            mm->vmas[k].end = mm->vmas[k + 1].end;
            delete_range(mm, k + 1, k + 2);
            j--;
        } else {
            k++;
        }
    }
}

/* clamp [start, start+len) to page bounds; false if empty or wrapping */
static bool page_range(uint64_t start, uint64_t len, uint64_t *s, uint64_t *e)
{
    if (len == 0)
        return false;
    uint64_t end = start + len;
    if (end < start)
        end = UINT64_MAX & ~(GUEST_PAGE_SIZE - 1);
    *s = PAGE_DOWN(start);
    *e = end > PAGE_DOWN(UINT64_MAX) ? PAGE_DOWN(UINT64_MAX) : PAGE_UP(end);
    return *s < *e;
}

/* split the vma containing addr (strictly inside) in two */
static void split_at(struct guest_mm *mm, uint64_t addr)
{
    size_t i = first_ending_after(mm, addr);
    if (i < mm->nvmas && mm->vmas[i].start < addr) {
        struct guest_vma hi = mm->vmas[i];
        hi.start = addr;
        mm->vmas[i].end = addr;
        insert_at(mm, i + 1, hi);
    }
}

static void remove_locked(struct guest_mm *mm, uint64_t s, uint64_t e)
{
    split_at(mm, s);
    split_at(mm, e);
    size_t i = first_ending_after(mm, s);
    size_t j = i;
    while (j < mm->nvmas && mm->vmas[j].end <= e)
        j++;
    delete_range(mm, i, j);
}

/* ---- public interface ---- */

static void changed(struct guest_mm *mm, uint64_t start, uint64_t len, int flags);

void mm_add(struct guest_mm *mm, uint64_t start, uint64_t len, int prot, int flags)
{
    uint64_t s, e;
    if (!page_range(start, len, &s, &e))
        return;
    pthread_mutex_lock(&mm->lock);
    remove_locked(mm, s, e);
    size_t i = first_ending_after(mm, s);
    insert_at(mm, i, (struct guest_vma){ .start = s, .end = e, .prot = prot, .flags = flags });
    merge_around(mm, i, i);
    pthread_mutex_unlock(&mm->lock);
    changed(mm, s, e - s, flags);
}

void mm_remove(struct guest_mm *mm, uint64_t start, uint64_t len)
{
    uint64_t s, e;
    if (!page_range(start, len, &s, &e))
        return;
    pthread_mutex_lock(&mm->lock);
    remove_locked(mm, s, e);
    pthread_mutex_unlock(&mm->lock);
    changed(mm, s, e - s, -1);
}

void mm_protect(struct guest_mm *mm, uint64_t start, uint64_t len, int prot)
{
    uint64_t s, e;
    if (!page_range(start, len, &s, &e))
        return;
    pthread_mutex_lock(&mm->lock);
    split_at(mm, s);
    split_at(mm, e);
    size_t i = first_ending_after(mm, s);
    size_t j = i;
    while (j < mm->nvmas && mm->vmas[j].start < e) {
        mm->vmas[j].prot = prot;
        j++;
    }
    if (j > i)
        merge_around(mm, i, j - 1);
    pthread_mutex_unlock(&mm->lock);
    changed(mm, s, e - s, -1);
}

static int prot_at_locked(struct guest_mm *mm, uint64_t addr)
{
    size_t i = first_ending_after(mm, addr);
    if (i < mm->nvmas && mm->vmas[i].start <= addr)
        return mm->vmas[i].prot;
    return -1;
}

int mm_flags_at(struct guest_mm *mm, uint64_t addr)
{
    pthread_mutex_lock(&mm->lock);
    size_t i = first_ending_after(mm, addr);
    int f = i < mm->nvmas && mm->vmas[i].start <= addr ? mm->vmas[i].flags : -1;
    pthread_mutex_unlock(&mm->lock);
    return f;
}

static void changed(struct guest_mm *mm, uint64_t start, uint64_t len, int flags)
{
    if (mm->on_change && len)
        mm->on_change(mm->on_change_ctx, PAGE_DOWN(start), PAGE_UP(start + len), flags);
}

int mm_prot_at(struct guest_mm *mm, uint64_t addr)
{
    pthread_mutex_lock(&mm->lock);
    int p = prot_at_locked(mm, addr);
    pthread_mutex_unlock(&mm->lock);
    return p;
}

bool mm_range_has(struct guest_mm *mm, uint64_t addr, uint64_t len, int prot)
{
    if (len == 0)
        return true;
    uint64_t end = addr + len;
    if (end < addr)
        return false;
    bool ok = true;
    pthread_mutex_lock(&mm->lock);
    size_t i = first_ending_after(mm, addr);
    uint64_t cur = addr;
    while (cur < end) {
        if (i >= mm->nvmas || mm->vmas[i].start > cur ||
            (mm->vmas[i].prot & prot) != prot) {
            ok = false;
            break;
        }
        cur = mm->vmas[i].end;
        i++;
    }
    pthread_mutex_unlock(&mm->lock);
    return ok;
}

/* ---- free-space search ---- */

struct host_range {
    uint64_t start, end;
};

/* the host's mappings from /proc/self/maps, sorted (the kernel lists them in
 * order); returns the count, or -1 if the file cannot be read */
static long read_host_maps(struct host_range **out)
{
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    if (!buf) {
        close(fd);
        return -1;
    }
    for (;;) {
        if (len + 4096 > cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                close(fd);
                return -1;
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + len, cap - len - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        len += (size_t)r;
    }
    close(fd);
    buf[len] = '\0';

    size_t n = 0, rcap = 64;
    struct host_range *r = malloc(rcap * sizeof(*r));
    if (!r) {
        free(buf);
        return -1;
    }
    for (char *line = buf; line && *line;) {
        char *nl = strchr(line, '\n');
        unsigned long long s, e;
        if (sscanf(line, "%llx-%llx", &s, &e) == 2) {
            if (n == rcap) {
                struct host_range *nr = realloc(r, rcap * 2 * sizeof(*r));
                if (!nr) {
                    free(r);
                    free(buf);
                    return -1;
                }
                r = nr;
                rcap *= 2;
            }
            r[n].start = s;
            r[n].end = e;
            n++;
        }
        line = nl ? nl + 1 : NULL;
    }
    free(buf);
    *out = r;
    return (long)n;
}

/* 0 if [a, a+len) is free in the host; otherwise the address to retry from
 * (the end of the lowest host mapping in the way), or UINT64_MAX to give up */
static uint64_t host_probe(uint64_t a, uint64_t len, struct host_range **maps, long *nmaps)
{
    void *p = mmap((void *)(uintptr_t)a, len, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
    if (p == (void *)(uintptr_t)a) {
        munmap(p, len);
        return 0;
    }
    if (p != MAP_FAILED)            /* a kernel without NOREPLACE took it as a hint */
        munmap(p, len);
    uint64_t best = 0;
    /* the cached listing may predate a mapping another runner thread made:
     * if it shows nothing in the way, read it again once */
    for (int pass = 0; pass < 2 && best == 0; pass++) {
        if (pass == 1 || *nmaps < 0) {
            free(*maps);
            *maps = NULL;
            *nmaps = read_host_maps(maps);
        }
        if (*nmaps < 0)
            return UINT64_MAX;
        for (long k = 0; k < *nmaps; k++) {
            const struct host_range *h = &(*maps)[k];
            if (h->start < a + len && h->end > a) {
                best = h->end;
                break;
            }
        }
    }
    if (best == 0) {
        /* nothing listed in the way: a mapping that came and went, or a range
         * the kernel refuses for another reason; step over one page */
        best = a + GUEST_PAGE_SIZE;
    }
    return PAGE_UP(best);
}

uint64_t mm_find_free(struct guest_mm *mm, uint64_t hint, uint64_t len)
{
    if (len == 0 || len > mm->task_size)
        return 0;
    len = PAGE_UP(len);
    uint64_t a = hint ? PAGE_UP(hint) : mm->mmap_base;
    if (a < MM_LOWEST)
        a = MM_LOWEST;

    struct host_range *maps = NULL;
    long nmaps = -1;
    uint64_t found = 0;

    pthread_mutex_lock(&mm->lock);
    size_t i = first_ending_after(mm, a);
    while (a < mm->task_size && len <= mm->task_size - a) {
        /* the brk reservation is the guest's even where nothing is recorded */
        if (mm->brk_end_reserved > mm->brk_start && a < mm->brk_end_reserved &&
            a + len > mm->brk_start) {
            a = mm->brk_end_reserved;
            i = first_ending_after(mm, a);
            continue;
        }
        if (i < mm->nvmas && mm->vmas[i].start < a + len) {
            /* the guest has something in [a, a+len): continue after it */
            if (mm->vmas[i].end > a)
                a = mm->vmas[i].end;
            i++;
            continue;
        }
        uint64_t next = host_probe(a, len, &maps, &nmaps);
        if (next == 0) {
            found = a;
            break;
        }
        if (next == UINT64_MAX || next <= a)
            break;
        a = next;
        i = first_ending_after(mm, a);
    }
    pthread_mutex_unlock(&mm->lock);
    free(maps);
    return found;
}

size_t guest_fetch(struct guest_mm *mm, uint64_t pc, void *buf, size_t n)
{
    /* the translator's lookahead asks for one word at a time, mostly in the
     * vma it asked about last: try that one before searching */
    size_t done = 0;
    pthread_mutex_lock(&mm->lock);
    size_t i = mm->fetch_hint;
    if (i >= mm->nvmas || mm->vmas[i].start > pc || mm->vmas[i].end <= pc)
        i = first_ending_after(mm, pc);
    while (done < n && i < mm->nvmas) {
        const struct guest_vma *v = &mm->vmas[i];
        uint64_t a = pc + done;
        if (a < pc || v->start > a || !(v->prot & PROT_EXEC))
            break;                      /* wrapped, a hole, or not executable */
        size_t chunk = n - done;
        if (v->end - a < chunk)
            chunk = (size_t)(v->end - a);
        if (chunk == 4) {               /* the lookahead's one word: no library call */
            uint32_t w;
            memcpy(&w, (const void *)(uintptr_t)a, 4);
            memcpy((char *)buf + done, &w, 4);
        } else {
            memcpy((char *)buf + done, (const void *)(uintptr_t)a, chunk);
        }
        done += chunk;
        mm->fetch_hint = i;
        i++;                            /* only read if the copy goes on: the next vma */
    }
    pthread_mutex_unlock(&mm->lock);
    return done;
}

void mm_dump(struct guest_mm *mm, void (*out)(void *ctx, const char *line), void *ctx)
{
    /* snapshot first: `out` may log, allocate or even look at the map */
    pthread_mutex_lock(&mm->lock);
    size_t n = mm->nvmas;
    struct guest_vma *v = n ? malloc(n * sizeof(*v)) : NULL;
    if (v)
        memcpy(v, mm->vmas, n * sizeof(*v));
    else
        n = 0;
    uint64_t brk_start = mm->brk_start, brk_end = mm->brk_end_reserved;
    pthread_mutex_unlock(&mm->lock);

    for (size_t i = 0; i < n; i++) {
        const char *name = "";
        if (v[i].flags & MAP_GROWSDOWN)
            name = "[stack]";
        else if (brk_end > brk_start && v[i].start >= brk_start && v[i].end <= brk_end)
            name = "[heap]";
        char line[160];
        snprintf(line, sizeof(line), "%08" PRIx64 "-%08" PRIx64 " %c%c%c%c 00000000 00:00 0%s%s",
                 v[i].start, v[i].end,
                 (v[i].prot & PROT_READ) ? 'r' : '-',
                 (v[i].prot & PROT_WRITE) ? 'w' : '-',
                 (v[i].prot & PROT_EXEC) ? 'x' : '-',
                 (v[i].flags & MAP_SHARED) ? 's' : 'p',
                 *name ? "                          " : "", name);
        out(ctx, line);
    }
    free(v);
}
