/* test_mm.c — the guest memory map: split/merge bookkeeping against a simple
 * page-array model, free-space search against the real host address space,
 * guest_fetch's executable-page rule, mm_dump, and concurrent use.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "runner/mm.h"

#define PG GUEST_PAGE_SIZE
#define TASK 0x4000000000ull     /* a riscv64 Sv39-sized guest space */
#define MMAP_BASE 0x1000000000ull

/* sorted, page-aligned, non-overlapping, and neighbours always merged */
static void check_invariants(struct guest_mm *mm)
{
    for (size_t i = 0; i < mm->nvmas; i++) {
        const struct guest_vma *v = &mm->vmas[i];
        assert_true(v->start < v->end);
        assert_int_equal(v->start % PG, 0);
        assert_int_equal(v->end % PG, 0);
        if (i > 0) {
            const struct guest_vma *u = &mm->vmas[i - 1];
            assert_true(u->end <= v->start);
            assert_false(u->end == v->start && u->prot == v->prot && u->flags == v->flags);
        }
    }
}

static void free_mm(struct guest_mm *mm)
{
    free(mm->vmas);
    pthread_mutex_destroy(&mm->lock);
}

static void test_add_merge_split(void **state)
{
    (void)state;
    struct guest_mm mm;
    mm_init(&mm, TASK, MMAP_BASE);
    mm_add(&mm, 0x10000, 0x2000, PROT_READ, MAP_PRIVATE);
    mm_add(&mm, 0x12000, 0x2000, PROT_READ, MAP_PRIVATE);
    assert_int_equal(mm.nvmas, 1);
    assert_int_equal(mm.vmas[0].end, 0x14000);
    mm_add(&mm, 0x14000, 0x1000, PROT_READ | PROT_WRITE, MAP_PRIVATE);
    assert_int_equal(mm.nvmas, 2);
    /* replacing the middle of a mapping splits it in three */
    mm_add(&mm, 0x20000, 0x10000, PROT_READ | PROT_WRITE, MAP_PRIVATE);
    mm_add(&mm, 0x24000, 0x2000, PROT_READ | PROT_EXEC, MAP_PRIVATE);
    check_invariants(&mm);
    assert_int_equal(mm_prot_at(&mm, 0x23fff), PROT_READ | PROT_WRITE);
    assert_int_equal(mm_prot_at(&mm, 0x24000), PROT_READ | PROT_EXEC);
    assert_int_equal(mm_prot_at(&mm, 0x26000), PROT_READ | PROT_WRITE);
    assert_int_equal(mm_prot_at(&mm, 0x30000), -1);
    /* unaligned requests cover whole pages */
    mm_add(&mm, 0x40001, 0x10, PROT_READ, MAP_PRIVATE);
    assert_int_equal(mm_prot_at(&mm, 0x40000), PROT_READ);
    assert_int_equal(mm_prot_at(&mm, 0x40fff), PROT_READ);
    assert_int_equal(mm_prot_at(&mm, 0x41000), -1);
    /* remove a hole, then across several mappings */
    mm_remove(&mm, 0x22000, 0x1000);
    assert_int_equal(mm_prot_at(&mm, 0x22000), -1);
    assert_int_equal(mm_prot_at(&mm, 0x21000), PROT_READ | PROT_WRITE);
    mm_remove(&mm, 0x11000, 0x20000);
    check_invariants(&mm);
    assert_int_equal(mm_prot_at(&mm, 0x10000), PROT_READ);
    assert_int_equal(mm_prot_at(&mm, 0x11000), -1);
    assert_int_equal(mm_prot_at(&mm, 0x31000), -1);
    assert_int_equal(mm_prot_at(&mm, 0x40000), PROT_READ);
    /* protect back and forth: one mapping again */
    mm_add(&mm, 0x50000, 0x10000, PROT_READ | PROT_WRITE, MAP_PRIVATE);
    size_t n = mm.nvmas;
    mm_protect(&mm, 0x53000, 0x2000, PROT_READ);
    assert_int_equal(mm.nvmas, n + 2);
    mm_protect(&mm, 0x53000, 0x2000, PROT_READ | PROT_WRITE);
    assert_int_equal(mm.nvmas, n);
    /* protect leaves holes unmapped */
    mm_protect(&mm, 0x48000, 0x10000, PROT_NONE);
    assert_int_equal(mm_prot_at(&mm, 0x49000), -1);
    assert_int_equal(mm_prot_at(&mm, 0x50000), PROT_NONE);
    assert_int_equal(mm_prot_at(&mm, 0x58000), PROT_READ | PROT_WRITE);
    check_invariants(&mm);
    /* zero length and wrapping ranges are ignored, not corrupted */
    mm_add(&mm, 0x90000, 0, PROT_READ, 0);
    assert_int_equal(mm_prot_at(&mm, 0x90000), -1);
    mm_remove(&mm, 0xfffffffffffff000ull, 0x10000);
    check_invariants(&mm);
    free_mm(&mm);
}

static void test_range_has(void **state)
{
    (void)state;
    struct guest_mm mm;
    mm_init(&mm, TASK, MMAP_BASE);
    mm_add(&mm, 0x10000, 0x2000, PROT_READ | PROT_EXEC, MAP_PRIVATE);
    mm_add(&mm, 0x12000, 0x2000, PROT_READ | PROT_WRITE, MAP_PRIVATE);
    mm_add(&mm, 0x15000, 0x1000, PROT_READ, MAP_PRIVATE);
    assert_true(mm_range_has(&mm, 0x10000, 0x4000, PROT_READ));
    assert_false(mm_range_has(&mm, 0x10000, 0x4000, PROT_WRITE));
    assert_true(mm_range_has(&mm, 0x11ff0, 0x20, PROT_READ));
    assert_false(mm_range_has(&mm, 0x13000, 0x3000, PROT_READ));   /* hole at 0x14000 */
    assert_false(mm_range_has(&mm, 0xf000, 0x2000, PROT_READ));
    assert_true(mm_range_has(&mm, 0x99999, 0, PROT_READ));
    assert_false(mm_range_has(&mm, 0xfffffffffffff000ull, 0x2000, PROT_NONE));
    free_mm(&mm);
}

/* random operations against a page array: the map must answer exactly as the
 * model does, and keep its invariants, after every step */
static void test_model(void **state)
{
    (void)state;
    enum { NP = 96 };
    const uint64_t base = 0x100000;
    int model[NP];
    for (int i = 0; i < NP; i++)
        model[i] = -1;
    struct guest_mm mm;
    mm_init(&mm, TASK, MMAP_BASE);
    uint64_t s = 12345;
    for (int step = 0; step < 20000; step++) {
        s ^= s << 13; s ^= s >> 7; s ^= s << 17;
        int a = (int)(s % NP), len = 1 + (int)((s >> 12) % 12), op = (int)((s >> 24) % 3);
        int prot = (int)((s >> 32) % 8);
        if (a + len > NP)
            len = NP - a;
        uint64_t start = base + (uint64_t)a * PG, bytes = (uint64_t)len * PG;
        if (op == 0) {
            mm_add(&mm, start, bytes, prot, MAP_PRIVATE);
            for (int i = a; i < a + len; i++)
                model[i] = prot;
        } else if (op == 1) {
            mm_remove(&mm, start, bytes);
            for (int i = a; i < a + len; i++)
                model[i] = -1;
        } else {
            mm_protect(&mm, start, bytes, prot);
            for (int i = a; i < a + len; i++)
                if (model[i] >= 0)
                    model[i] = prot;
        }
        check_invariants(&mm);
        for (int i = 0; i < NP; i++)
            if (mm_prot_at(&mm, base + (uint64_t)i * PG + (s >> 40) % PG) != model[i])
                fail_msg("step %d: page %d has %d, model %d", step, i,
                         mm_prot_at(&mm, base + (uint64_t)i * PG), model[i]);
    }
    free_mm(&mm);
}

static bool host_overlaps(uint64_t a, uint64_t len)
{
    FILE *f = fopen("/proc/self/maps", "r");
    assert_non_null(f);
    char line[512];
    bool hit = false;
    while (fgets(line, sizeof(line), f)) {
        unsigned long long s, e;
        if (sscanf(line, "%llx-%llx", &s, &e) == 2 && s < a + len && e > a)
            hit = true;
    }
    fclose(f);
    return hit;
}

static void test_find_free(void **state)
{
    (void)state;
    struct guest_mm mm;
    mm_init(&mm, TASK, MMAP_BASE);
    uint64_t a = mm_find_free(&mm, 0, 0x10000);
    assert_true(a >= MMAP_BASE);
    assert_int_equal(a % PG, 0);
    assert_false(host_overlaps(a, 0x10000));

    /* guest mappings are skipped */
    mm_add(&mm, a, 0x8000, PROT_READ, MAP_PRIVATE);
    uint64_t b = mm_find_free(&mm, a, 0x10000);
    assert_true(b >= a + 0x8000);

    /* so is the brk reservation, mapped or not */
    mm.brk_start = mm.brk_cur = b;
    mm.brk_end_reserved = b + 0x100000;
    uint64_t c = mm_find_free(&mm, b - 0x1000, 0x2000);
    assert_true(c >= mm.brk_end_reserved);

    /* and a host mapping the guest map does not know about (the runner's) */
    uint64_t want = c + 0x40000;
    void *h = mmap((void *)(uintptr_t)want, 0x30000, PROT_READ,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    assert_ptr_equal(h, (void *)(uintptr_t)want);
    uint64_t d = mm_find_free(&mm, want - 0x1000, 0x4000);
    assert_true(d >= want + 0x30000);
    assert_false(host_overlaps(d, 0x4000));
    munmap(h, 0x30000);

    /* limits */
    assert_int_equal(mm_find_free(&mm, TASK - 0x1000, 0x2000), 0);
    assert_int_equal(mm_find_free(&mm, 0, TASK + 1), 0);
    assert_int_equal(mm_find_free(&mm, TASK, 0x1000), 0);
    uint64_t e = mm_find_free(&mm, TASK - 0x2000, 0x2000);
    assert_true(e == 0 || e == TASK - 0x2000);
    free_mm(&mm);
}

/* with the guest space spanning the whole user range, every answer must still
 * avoid the runner (here: the test binary, its libraries, heap and stack) */
static void test_find_free_never_hits_host(void **state)
{
    (void)state;
    struct guest_mm mm;
    mm_init(&mm, 0x800000000000ull, MMAP_BASE);
    /* start from each host mapping: the search must step past it */
    FILE *f = fopen("/proc/self/maps", "r");
    assert_non_null(f);
    char line[512];
    uint64_t starts[256];
    int n = 0;
    while (n < 256 && fgets(line, sizeof(line), f)) {
        unsigned long long s, e;
        if (sscanf(line, "%llx-%llx", &s, &e) == 2 && e <= 0x800000000000ull)
            starts[n++] = s;
    }
    fclose(f);
    assert_true(n > 0);
    for (int i = 0; i < n; i++) {
        uint64_t a = mm_find_free(&mm, starts[i], 0x20000);
        if (a)
            assert_false(host_overlaps(a, 0x20000));
    }
    free_mm(&mm);
}

static void test_guest_fetch(void **state)
{
    (void)state;
    struct guest_mm mm;
    mm_init(&mm, TASK, MMAP_BASE);
    uint64_t a = mm_find_free(&mm, 0, 3 * PG);
    uint8_t *m = mmap((void *)(uintptr_t)a, 3 * PG, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    assert_ptr_equal(m, (void *)(uintptr_t)a);
    for (size_t i = 0; i < 3 * PG; i++)
        m[i] = (uint8_t)i;
    mm_add(&mm, a, 2 * PG, PROT_READ | PROT_EXEC, MAP_PRIVATE);
    mm_add(&mm, a + 2 * PG, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE);
    uint8_t buf[64];
    /* across two exec pages: everything */
    assert_int_equal(guest_fetch(&mm, a + PG - 8, buf, 16), 16);
    assert_memory_equal(buf, m + PG - 8, 16);
    /* into a non-exec page: stops at its start */
    assert_int_equal(guest_fetch(&mm, a + 2 * PG - 6, buf, 16), 6);
    assert_memory_equal(buf, m + 2 * PG - 6, 6);
    assert_int_equal(guest_fetch(&mm, a + 2 * PG, buf, 4), 0);
    /* exec-only in the guest still fetches (the host page is readable) */
    mm_protect(&mm, a, PG, PROT_EXEC);
    assert_int_equal(guest_fetch(&mm, a, buf, 4), 4);
    /* unmapped */
    mm_remove(&mm, a, PG);
    assert_int_equal(guest_fetch(&mm, a + 4, buf, 4), 0);
    munmap(m, 3 * PG);
    free_mm(&mm);
}

struct lines {
    char text[8][160];
    int n;
};

static void collect(void *ctx, const char *line)
{
    struct lines *l = ctx;
    if (l->n < 8)
        snprintf(l->text[l->n++], sizeof(l->text[0]), "%s", line);
}

static void test_dump(void **state)
{
    (void)state;
    struct guest_mm mm;
    mm_init(&mm, TASK, MMAP_BASE);
    mm_add(&mm, 0x10000, 0x61000, PROT_READ | PROT_EXEC, MAP_PRIVATE);
    mm_add(&mm, 0x71000, 0x7000, PROT_READ | PROT_WRITE, MAP_PRIVATE);
    mm.brk_start = 0x80000;
    mm.brk_end_reserved = 0x40080000;
    mm_add(&mm, 0x80000, 0x21000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
    mm_add(&mm, 0x3fff800000ull, 0x800000, PROT_READ | PROT_WRITE,
           MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN);
    struct lines l = { .n = 0 };
    mm_dump(&mm, collect, &l);
    assert_int_equal(l.n, 4);
    assert_string_equal(l.text[0], "00010000-00071000 r-xp 00000000 00:00 0");
    assert_string_equal(l.text[1], "00071000-00078000 rw-p 00000000 00:00 0");
    assert_non_null(strstr(l.text[2], "00080000-000a1000 rw-p 00000000 00:00 0"));
    assert_non_null(strstr(l.text[2], "[heap]"));
    assert_non_null(strstr(l.text[3], "3fff800000-4000000000 rw-p"));
    assert_non_null(strstr(l.text[3], "[stack]"));
    free_mm(&mm);
}

struct thread_arg {
    struct guest_mm *mm;
    int id;
};

static void *hammer(void *p)
{
    struct thread_arg *t = p;
    uint64_t s = 0x1234567ull * (uint64_t)(t->id + 1);
    for (int i = 0; i < 20000; i++) {
        s ^= s << 13; s ^= s >> 7; s ^= s << 17;
        uint64_t a = 0x100000 + (s % 512) * PG, len = (1 + (s >> 16) % 8) * PG;
        switch ((s >> 32) % 5) {
        case 0: mm_add(t->mm, a, len, (int)((s >> 40) % 8), MAP_PRIVATE); break;
        case 1: mm_remove(t->mm, a, len); break;
        case 2: mm_protect(t->mm, a, len, (int)((s >> 40) % 8)); break;
        case 3: (void)mm_prot_at(t->mm, a); break;
        case 4: (void)mm_range_has(t->mm, a, len, PROT_READ); break;
        }
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    struct guest_mm mm;
    mm_init(&mm, TASK, MMAP_BASE);
    pthread_t th[4];
    struct thread_arg args[4];
    for (int i = 0; i < 4; i++) {
        args[i] = (struct thread_arg){ &mm, i };
        assert_int_equal(pthread_create(&th[i], NULL, hammer, &args[i]), 0);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    check_invariants(&mm);
    free_mm(&mm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_merge_split),
        cmocka_unit_test(test_range_has),
        cmocka_unit_test(test_model),
        cmocka_unit_test(test_find_free),
        cmocka_unit_test(test_find_free_never_hits_host),
        cmocka_unit_test(test_guest_fetch),
        cmocka_unit_test(test_dump),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
