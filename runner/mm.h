/* mm.h — the guest's view of its address space.
 *
 * Guest address == host address. The runner records every guest mapping here
 * (loader segments, stack, brk, guest mmap) with the guest's protection, so it
 * can answer mprotect/munmap/brk, refuse to translate from non-executable
 * pages, and keep guest mappings away from the runner's own.
 *
 * Invariants: intervals are page-aligned, sorted and non-overlapping; all
 * access goes through the mutex (guest threads run concurrently).
 */
#ifndef TERN_MM_H
#define TERN_MM_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GUEST_PAGE_SIZE 4096ull
#define PAGE_DOWN(a) ((a) & ~(GUEST_PAGE_SIZE - 1))
#define PAGE_UP(a)   (((a) + GUEST_PAGE_SIZE - 1) & ~(GUEST_PAGE_SIZE - 1))

struct guest_vma {
    uint64_t start, end;   /* [start, end) */
    int prot;              /* PROT_* as the guest asked */
    int flags;             /* MAP_* as the guest asked (informational) */
};

struct guest_mm {
    pthread_mutex_t lock;
    struct guest_vma *vmas;
    size_t nvmas, cap;
    uint64_t task_size;    /* guest addresses stay below this */
    uint64_t mmap_base;    /* where searches for free space start */
    uint64_t brk_start, brk_cur, brk_end_reserved; /* brk area [brk_start, brk_end_reserved) */
    size_t fetch_hint;     /* guest_fetch's last vma: checked before use, may be stale */
    /* told after every change (outside the lock): [start, end) was mapped
     * with flags (MAP_*), or unmapped or reprotected (flags -1); the code
     * cache's self-modifying-code tracking (jit/smc.c) */
    void (*on_change)(void *ctx, uint64_t start, uint64_t end, int flags);
    void *on_change_ctx;
};

void mm_init(struct guest_mm *mm, uint64_t task_size, uint64_t mmap_base);
/* record a mapping (replaces whatever was recorded in the range) */
void mm_add(struct guest_mm *mm, uint64_t start, uint64_t len, int prot, int flags);
void mm_remove(struct guest_mm *mm, uint64_t start, uint64_t len);
void mm_protect(struct guest_mm *mm, uint64_t start, uint64_t len, int prot);
/* prot of the page holding addr, or -1 if unmapped */
int mm_prot_at(struct guest_mm *mm, uint64_t addr);
/* MAP_* flags of the mapping holding addr, or -1 if unmapped */
int mm_flags_at(struct guest_mm *mm, uint64_t addr);
/* true if [addr, addr+len) is entirely mapped with at least `prot` */
bool mm_range_has(struct guest_mm *mm, uint64_t addr, uint64_t len, int prot);
/* lowest free gap of len bytes at or above hint (page-aligned), below task_size,
 * also free in the host; 0 if none. hint 0 means mmap_base. The brk area
 * [brk_start, brk_end_reserved) never counts as free. Nothing is reserved:
 * claim the answer with MAP_FIXED_NOREPLACE (another thread may get there
 * first) */
uint64_t mm_find_free(struct guest_mm *mm, uint64_t hint, uint64_t len);
/* copy up to n bytes of guest code at pc from executable pages; returns the
 * number of bytes copied (stops at the first non-executable page) */
size_t guest_fetch(struct guest_mm *mm, uint64_t pc, void *buf, size_t n);
/* /proc/self/maps-style listing, one call of out per mapping, each line without
 * a trailing newline (for -d page and later /proc emulation). Works on a
 * snapshot, so out may call mm functions. Names: MAP_GROWSDOWN in a vma's
 * flags shows as [stack], vmas inside the brk area as [heap]. */
void mm_dump(struct guest_mm *mm, void (*out)(void *ctx, const char *line), void *ctx);

#endif
