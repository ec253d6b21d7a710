/* test_loader.c — the ELF loader and initial stack, on synthetic ELF files
 * written to a temporary directory (no cross toolchain needed).
 *
 * Every test builds its own tern_proc for the riscv64 guest, loads into the
 * test process itself (guest address == host address) and unmaps everything
 * the loader recorded afterwards, so tests are independent. Addresses come
 * from mm_find_free, never hard-coded, so they cannot hit the test's own
 * mappings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader/loader.h"
#include "runner/mm.h"
#include "runner/tern.h"

#define PG GUEST_PAGE_SIZE

static char tmpdir[64];

/* ---- fixtures ---- */

static struct tern_proc *new_proc(void)
{
    struct tern_proc *p = calloc(1, sizeof(*p));
    assert_non_null(p);
    p->arch = arch_by_machine(EM_RISCV);
    assert_non_null(p->arch);
    p->model = &p->arch->models[0];
    mm_init(&p->mm, p->arch->task_size, p->arch->mmap_base);
    return p;
}

static void free_proc(struct tern_proc *p)
{
    for (size_t i = 0; i < p->mm.nvmas; i++)
        munmap((void *)(uintptr_t)p->mm.vmas[i].start, p->mm.vmas[i].end - p->mm.vmas[i].start);
    if (p->mm.brk_end_reserved > p->mm.brk_start)
        munmap((void *)(uintptr_t)p->mm.brk_start, p->mm.brk_end_reserved - p->mm.brk_start);
    free(p->mm.vmas);
    free(p);
}

/* ---- synthetic ELF files ---- */

struct tseg {
    uint32_t type, flags;
    uint64_t offset, vaddr, filesz, memsz, align;
};

static uint8_t pattern(uint64_t off)
{
    return (uint8_t)(off * 7 + 3) | 1;     /* never zero: bss checks stay meaningful */
}

/* writes an ELF whose bytes past the headers follow pattern(); returns a
 * malloc'd path */
static char *write_elf_ex(const char *name, uint16_t type, uint16_t machine, uint64_t entry,
                          const struct tseg *ph, int nph, uint64_t filelen)
{
    uint8_t *buf = malloc(filelen);
    assert_non_null(buf);
    for (uint64_t i = 0; i < filelen; i++)
        buf[i] = pattern(i);
    Elf64_Ehdr eh = { 0 };
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = type;
    eh.e_machine = machine;
    eh.e_version = EV_CURRENT;
    eh.e_entry = entry;
    eh.e_phoff = sizeof(eh);
    eh.e_ehsize = sizeof(eh);
    eh.e_phentsize = sizeof(Elf64_Phdr);
    eh.e_phnum = (uint16_t)nph;
    assert_true(filelen >= sizeof(eh) + (uint64_t)nph * sizeof(Elf64_Phdr));
    memcpy(buf, &eh, sizeof(eh));
    for (int i = 0; i < nph; i++) {
        Elf64_Phdr p = { .p_type = ph[i].type, .p_flags = ph[i].flags, .p_offset = ph[i].offset,
                         .p_vaddr = ph[i].vaddr, .p_paddr = ph[i].vaddr,
                         .p_filesz = ph[i].filesz, .p_memsz = ph[i].memsz,
                         .p_align = ph[i].align ? ph[i].align : PG };
        memcpy(buf + sizeof(eh) + (size_t)i * sizeof(p), &p, sizeof(p));
    }
    char *path = malloc(strlen(tmpdir) + strlen(name) + 2);
    sprintf(path, "%s/%s", tmpdir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, buf, filelen), (ssize_t)filelen);
    close(fd);
    free(buf);
    return path;
}

static char *write_elf(const char *name, uint16_t type, uint64_t entry, const struct tseg *ph,
                       int nph, uint64_t filelen)
{
    return write_elf_ex(name, type, EM_RISCV, entry, ph, nph, filelen);
}

/* somewhere free for a test image of len bytes */
static uint64_t free_base(struct tern_proc *p, uint64_t len)
{
    uint64_t a = mm_find_free(&p->mm, 0x100000000ull, len + (1 << 20));
    assert_true(a != 0);
    return PAGE_UP(a + PG);
}

/* the guest must see the file's bytes for [0, filesz) of a segment and zero
 * after */
static void check_segment_bytes(const char *path, const struct tseg *s, uint64_t bias)
{
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    uint8_t *file = malloc(s->filesz + 1);
    assert_int_equal(pread(fd, file, s->filesz, (off_t)s->offset), (ssize_t)s->filesz);
    close(fd);
    const uint8_t *m = (const uint8_t *)(uintptr_t)(s->vaddr + bias);
    for (uint64_t i = 0; i < s->memsz; i++) {
        uint8_t want = i < s->filesz ? file[i] : 0;
        if (m[i] != want)
            fail_msg("segment at 0x%llx: byte %llu is %u, want %u",
                     (unsigned long long)s->vaddr, (unsigned long long)i, m[i], want);
    }
    free(file);
}

/* host protection of addr from /proc/self/maps ("r-xp"), or "" */
static void host_perms(uint64_t addr, char out[5])
{
    FILE *f = fopen("/proc/self/maps", "r");
    assert_non_null(f);
    char line[512];
    out[0] = '\0';
    while (fgets(line, sizeof(line), f)) {
        unsigned long long s, e;
        char perms[5];
        if (sscanf(line, "%llx-%llx %4s", &s, &e, perms) == 3 && s <= addr && addr < e) {
            memcpy(out, perms, 5);
            break;
        }
    }
    fclose(f);
}

/* ---- tests ---- */

static void test_exec_two_segments(void **state)
{
    (void)state;
    struct tern_proc *p = new_proc();
    uint64_t A = free_base(p, 0x10000);
    /* text with the headers in it; data whose bss starts mid-page, so the rest
     * of that page must be zeroed although the file has bytes there */
    struct tseg ph[3] = {
        { PT_LOAD, PF_R | PF_X, 0, A, 0x2345, 0x2345, PG },
        { PT_LOAD, PF_R | PF_W, 0x3100, A + 0x5100, 0x800, 0x3000, PG },
        { PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 16 },
    };
    char *path = write_elf("two", ET_EXEC, A + 0x120, ph, 3, 0x5000);
    struct guest_image img;
    char err[256] = "";
    int st = loader_load(p, path, &img, err, sizeof(err));
    assert_int_equal(st, 0);
    assert_int_equal(img.e_machine, EM_RISCV);
    assert_int_equal(img.entry, A + 0x120);
    assert_int_equal(img.prog_entry, A + 0x120);
    assert_int_equal(img.load_bias, 0);
    assert_int_equal(img.interp_base, 0);
    assert_int_equal(img.phdr, A + sizeof(Elf64_Ehdr));   /* no PT_PHDR: from the PT_LOAD */
    assert_int_equal(img.phnum, 3);
    assert_int_equal(img.phent, sizeof(Elf64_Phdr));
    assert_int_equal(img.lo, A);
    assert_int_equal(img.hi, A + 0x8100);
    assert_false(img.exec_stack);
    check_segment_bytes(path, &ph[0], 0);
    check_segment_bytes(path, &ph[1], 0);
    /* zeroed tail of the last file page and the anonymous pages after it */
    assert_int_equal(*(uint8_t *)(uintptr_t)(A + 0x5100 + 0x800), 0);
    assert_int_equal(*(uint8_t *)(uintptr_t)(A + 0x6fff), 0);

    assert_int_equal(mm_prot_at(&p->mm, A), PROT_READ | PROT_EXEC);
    assert_int_equal(mm_prot_at(&p->mm, A + 0x2fff), PROT_READ | PROT_EXEC);
    assert_int_equal(mm_prot_at(&p->mm, A + 0x3000), -1);       /* the hole is not mapped */
    assert_int_equal(mm_prot_at(&p->mm, A + 0x5000), PROT_READ | PROT_WRITE);
    assert_int_equal(mm_prot_at(&p->mm, A + 0x8000), PROT_READ | PROT_WRITE);
    assert_int_equal(mm_prot_at(&p->mm, A + 0x9000), -1);
    char perms[5];
    host_perms(A, perms);
    assert_string_equal(perms, "r--p");     /* guest exec = host read, never host exec */
    host_perms(A + 0x3000, perms);
    assert_string_equal(perms, "");         /* the hole went back to the host */
    host_perms(A + 0x6000, perms);
    assert_string_equal(perms, "rw-p");

    /* brk: right after the image, page-aligned, reserved in the host */
    assert_int_equal(img.brk_start, A + 0x9000);
    assert_int_equal(p->mm.brk_start, A + 0x9000);
    assert_int_equal(p->mm.brk_cur, A + 0x9000);
    assert_true(p->mm.brk_end_reserved > p->mm.brk_start);
    host_perms(p->mm.brk_start, perms);
    assert_string_equal(perms, "---p");
    /* and guest mmap searches step over it */
    uint64_t f = mm_find_free(&p->mm, p->mm.brk_start, PG);
    assert_true(f >= p->mm.brk_end_reserved);

    free(path);
    free_proc(p);
}

static void test_shared_boundary_page(void **state)
{
    (void)state;
    struct tern_proc *p = new_proc();
    uint64_t A = free_base(p, 0x10000);
    /* data starts on the page where text ends (as old linkers do) */
    struct tseg ph[2] = {
        { PT_LOAD, PF_R | PF_X, 0, A, 0x1800, 0x1800, PG },
        { PT_LOAD, PF_R | PF_W, 0x1900, A + 0x1900, 0x400, 0x2000, PG },
    };
    char *path = write_elf("shared", ET_EXEC, A + 0x100, ph, 2, 0x3000);
    struct guest_image img;
    char err[256] = "";
    assert_int_equal(loader_load(p, path, &img, err, sizeof(err)), 0);
    check_segment_bytes(path, &ph[0], 0);
    check_segment_bytes(path, &ph[1], 0);
    assert_int_equal(mm_prot_at(&p->mm, A), PROT_READ | PROT_EXEC);
    assert_int_equal(mm_prot_at(&p->mm, A + 0x1000), PROT_READ | PROT_WRITE | PROT_EXEC);
    assert_int_equal(mm_prot_at(&p->mm, A + 0x2000), PROT_READ | PROT_WRITE);
    assert_int_equal(mm_prot_at(&p->mm, A + 0x3000), PROT_READ | PROT_WRITE);
    assert_int_equal(mm_prot_at(&p->mm, A + 0x4000), -1);
    free(path);
    free_proc(p);
}

static void test_readonly_bss_tail(void **state)
{
    (void)state;
    struct tern_proc *p = new_proc();
    uint64_t A = free_base(p, 0x10000);
    /* a read-only segment with memsz > filesz: zeroing needs a brief write */
    struct tseg ph[1] = { { PT_LOAD, PF_R, 0, A, 0x1234, 0x2800, PG } };
    char *path = write_elf("robss", ET_EXEC, A, ph, 1, 0x3000);
    struct guest_image img;
    char err[256] = "";
    assert_int_equal(loader_load(p, path, &img, err, sizeof(err)), 0);
    check_segment_bytes(path, &ph[0], 0);
    char perms[5];
    host_perms(A, perms);
    assert_string_equal(perms, "r--p");
    host_perms(A + 0x2000, perms);
    assert_string_equal(perms, "r--p");
    free(path);
    free_proc(p);
}

static void test_static_pie(void **state)
{
    (void)state;
    struct tern_proc *p = new_proc();
    struct tseg ph[4] = {
        { PT_PHDR, PF_R, 64, 64, 4 * 56, 4 * 56, 8 },
        { PT_LOAD, PF_R | PF_X, 0, 0, 0x1500, 0x1500, PG },
        { PT_LOAD, PF_R | PF_W, 0x1600, 0x2600, 0x100, 0x200, PG },
        { PT_GNU_STACK, PF_R | PF_W | PF_X, 0, 0, 0, 0, 16 },
    };
    char *path = write_elf("pie", ET_DYN, 0x400, ph, 4, 0x2000);
    struct guest_image img;
    char err[256] = "";
    assert_int_equal(loader_load(p, path, &img, err, sizeof(err)), 0);
    uint64_t bias = img.load_bias;
    assert_true(bias != 0);
    assert_int_equal(bias % PG, 0);
    assert_true(bias + 0x2800 <= p->mm.task_size);
    assert_int_equal(img.entry, bias + 0x400);
    assert_int_equal(img.prog_entry, bias + 0x400);
    assert_int_equal(img.phdr, bias + 64);
    assert_int_equal(img.lo, bias);
    assert_true(img.exec_stack);
    check_segment_bytes(path, &ph[1], bias);
    check_segment_bytes(path, &ph[2], bias);
    assert_int_equal(mm_prot_at(&p->mm, bias), PROT_READ | PROT_EXEC);
    assert_int_equal(mm_prot_at(&p->mm, bias + 0x2000), PROT_READ | PROT_WRITE);
    free(path);
    free_proc(p);
}

static void test_interpreter(void **state)
{
    (void)state;
    struct tern_proc *p = new_proc();
    /* a sysroot holding the interpreter at /lib/ld-test.so */
    char sysroot[128], libdir[160];
    snprintf(sysroot, sizeof(sysroot), "%s/sysroot", tmpdir);
    snprintf(libdir, sizeof(libdir), "%s/lib", sysroot);
    mkdir(sysroot, 0755);
    mkdir(libdir, 0755);
    struct tseg iph[1] = { { PT_LOAD, PF_R | PF_X, 0, 0, 0x1200, 0x1200, PG } };
    char *ipath = write_elf("sysroot/lib/ld-test.so", ET_DYN, 0x180, iph, 1, 0x1200);

    uint64_t A = free_base(p, 0x10000);
    const char interp[] = "/lib/ld-test.so";
    struct tseg ph[2] = {
        { PT_INTERP, PF_R, 0x800, 0, sizeof(interp), sizeof(interp), 1 },
        { PT_LOAD, PF_R | PF_X, 0, A, 0x1000, 0x1000, PG },
    };
    char *path = write_elf("dyn", ET_EXEC, A + 0x200, ph, 2, 0x1000);
    int fd = open(path, O_WRONLY);
    assert_int_equal(pwrite(fd, interp, sizeof(interp), 0x800), (ssize_t)sizeof(interp));
    close(fd);

    struct guest_image img;
    char err[512] = "";
    /* without -L the interpreter is not found: status 127 */
    int st = loader_load(p, path, &img, err, sizeof(err));
    assert_int_equal(st, 127);
    assert_string_equal(err, "interpreter /lib/ld-test.so: No such file or directory");
    assert_int_equal(p->mm.nvmas, 0);      /* the program was unmapped again */

    p->opts.sysroot = sysroot;
    st = loader_load(p, path, &img, err, sizeof(err));
    assert_int_equal(st, 0);
    assert_int_equal(img.prog_entry, A + 0x200);
    assert_true(img.interp_base != 0);
    assert_int_equal(img.entry, img.interp_base + 0x180);
    check_segment_bytes(ipath, &iph[0], img.interp_base);
    assert_int_equal(mm_prot_at(&p->mm, img.interp_base), PROT_READ | PROT_EXEC);
    free(path);
    free(ipath);
    free_proc(p);
}

static void test_never_clobbers_runner(void **state)
{
    (void)state;
    struct tern_proc *p = new_proc();
    uint64_t A = free_base(p, 0x10000);
    /* a page of "runner" memory the guest map knows nothing about */
    uint8_t *mine = mmap((void *)(uintptr_t)(A + 0x2000), PG, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    assert_ptr_equal(mine, (void *)(uintptr_t)(A + 0x2000));
    memset(mine, 0x5a, PG);
    struct tseg ph[1] = { { PT_LOAD, PF_R | PF_X, 0, A, 0x4000, 0x4000, PG } };
    char *path = write_elf("clobber", ET_EXEC, A, ph, 1, 0x4000);
    struct guest_image img;
    char err[256] = "";
    int st = loader_load(p, path, &img, err, sizeof(err));
    assert_int_equal(st, 126);
    assert_non_null(strstr(err, "would overlap memory in use by tern"));
    for (size_t i = 0; i < PG; i++)
        assert_int_equal(mine[i], 0x5a);
    assert_int_equal(p->mm.nvmas, 0);
    munmap(mine, PG);
    free(path);
    free_proc(p);
}

static void test_errors(void **state)
{
    (void)state;
    struct tern_proc *p = new_proc();
    struct guest_image img;
    char err[256];
    char missing[128];
    snprintf(missing, sizeof(missing), "%s/does-not-exist", tmpdir);
    assert_int_equal(loader_load(p, missing, &img, err, sizeof(err)), 127);
    assert_string_equal(err, "No such file or directory");
    uint16_t m = 0;
    assert_int_equal(loader_probe(missing, &m, err, sizeof(err)), 127);

    uint64_t ts = p->mm.task_size;
    struct tseg high[1] = { { PT_LOAD, PF_R, 0, ts - PG, 0x100, 2 * PG, PG } };
    char *path = write_elf("high", ET_EXEC, ts - PG, high, 1, 0x1000);
    assert_int_equal(loader_load(p, path, &img, err, sizeof(err)), 126);
    assert_non_null(strstr(err, "is outside the guest address space"));
    free(path);

    struct tseg x86[1] = { { PT_LOAD, PF_R, 0, 0x400000, 0x100, 0x100, PG } };
    path = write_elf_ex("x86", ET_EXEC, EM_X86_64, 0x400000, x86, 1, 0x1000);
    assert_int_equal(loader_probe(path, &m, err, sizeof(err)), 126);
    assert_string_equal(err, "unsupported machine 62 (x86-64)");
    free(path);

    struct tseg ok[1] = { { PT_LOAD, PF_R | PF_X, 0, 0x10000, 0x100, 0x100, PG } };
    path = write_elf("probe", ET_EXEC, 0x10000, ok, 1, 0x1000);
    m = 0;
    assert_int_equal(loader_probe(path, &m, err, sizeof(err)), 0);
    assert_int_equal(m, EM_RISCV);
    free(path);

    struct tseg over[2] = {
        { PT_LOAD, PF_R | PF_X, 0, 0x10000, 0x2000, 0x2000, PG },
        { PT_LOAD, PF_R | PF_W, 0x1000, 0x11000, 0x100, 0x100, PG },
    };
    path = write_elf("over", ET_EXEC, 0x10000, over, 2, 0x3000);
    assert_int_equal(loader_load(p, path, &img, err, sizeof(err)), 126);
    assert_string_equal(err, "segments 0 and 1 overlap");
    free(path);
    assert_int_equal(p->mm.nvmas, 0);
    free_proc(p);
}

static uint64_t auxv_get(const uint64_t *auxv, uint64_t type)
{
    for (; auxv[0] != AT_NULL; auxv += 2)
        if (auxv[0] == type)
            return auxv[1];
    return (uint64_t)-1;
}

static void test_stack(void **state)
{
    (void)state;
    struct tern_proc *p = new_proc();
    struct guest_image img = {
        .e_machine = EM_RISCV, .entry = 0x10100, .prog_entry = 0x10100, .phdr = 0x10040,
        .phent = 56, .phnum = 5, .exec_stack = false,
    };
    char *argv[] = { "prog", "one", "", "three", NULL };
    char *envp[] = { "A=1", "PATH=/bin", NULL };
    uint64_t sp = loader_setup_stack(p, &img, 4, argv, envp, "/path/to/prog");
    assert_int_equal(sp % 16, 0);
    uint64_t top = p->arch->stack_top;
    assert_true(sp < top && sp > top - (8 << 20));
    assert_int_equal(mm_prot_at(&p->mm, top - 1), PROT_READ | PROT_WRITE);
    assert_int_equal(mm_prot_at(&p->mm, top - (8 << 20)), PROT_READ | PROT_WRITE);
    assert_int_equal(mm_prot_at(&p->mm, top - (8 << 20) - 1), -1);

    const uint64_t *w = (const uint64_t *)(uintptr_t)sp;
    assert_int_equal(w[0], 4);
    for (int i = 0; i < 4; i++)
        assert_string_equal((const char *)(uintptr_t)w[1 + i], argv[i]);
    assert_int_equal(w[5], 0);
    assert_string_equal((const char *)(uintptr_t)w[6], "A=1");
    assert_string_equal((const char *)(uintptr_t)w[7], "PATH=/bin");
    assert_int_equal(w[8], 0);
    const uint64_t *auxv = &w[9];
    assert_int_equal(auxv_get(auxv, AT_PHDR), 0x10040);
    assert_int_equal(auxv_get(auxv, AT_PHENT), 56);
    assert_int_equal(auxv_get(auxv, AT_PHNUM), 5);
    assert_int_equal(auxv_get(auxv, AT_PAGESZ), 4096);
    assert_int_equal(auxv_get(auxv, AT_BASE), 0);
    assert_int_equal(auxv_get(auxv, AT_FLAGS), 0);
    assert_int_equal(auxv_get(auxv, AT_ENTRY), 0x10100);
    assert_int_equal(auxv_get(auxv, AT_UID), getuid());
    assert_int_equal(auxv_get(auxv, AT_EUID), geteuid());
    assert_int_equal(auxv_get(auxv, AT_GID), getgid());
    assert_int_equal(auxv_get(auxv, AT_EGID), getegid());
    assert_int_equal(auxv_get(auxv, AT_SECURE), getauxval(AT_SECURE));
    assert_int_equal(auxv_get(auxv, AT_HWCAP), p->model->hwcap);
    if (p->model->hwcap2)
        assert_int_equal(auxv_get(auxv, AT_HWCAP2), p->model->hwcap2);
    else
        assert_int_equal(auxv_get(auxv, AT_HWCAP2), (uint64_t)-1);
    assert_int_equal(auxv_get(auxv, AT_CLKTCK), sysconf(_SC_CLK_TCK));
    uint64_t rnd = auxv_get(auxv, AT_RANDOM);
    assert_true(rnd > sp && rnd + 16 <= top);
    if (p->arch->platform)
        assert_string_equal((const char *)(uintptr_t)auxv_get(auxv, AT_PLATFORM),
                            p->arch->platform);
    uint64_t fn = auxv_get(auxv, AT_EXECFN);
    assert_string_equal((const char *)(uintptr_t)fn, "/path/to/prog");
    assert_true(fn > sp && fn < top);
    free_proc(p);
}

static void test_exec_stack_prot(void **state)
{
    (void)state;
    struct tern_proc *p = new_proc();
    struct guest_image img = { .e_machine = EM_RISCV, .exec_stack = true };
    char *argv[] = { "x", NULL };
    char *envp[] = { NULL };
    uint64_t sp = loader_setup_stack(p, &img, 1, argv, envp, NULL);
    assert_int_equal(mm_prot_at(&p->mm, sp), PROT_READ | PROT_WRITE | PROT_EXEC);
    free_proc(p);
}

/* random damage to a valid image must give a clean error or a clean load */
static void test_hostile_mutations(void **state)
{
    (void)state;
    struct tern_proc *p0 = new_proc();
    uint64_t A = free_base(p0, 0x100000);
    free_proc(p0);
    struct tseg ph[4] = {
        { PT_PHDR, PF_R, 64, A + 64, 4 * 56, 4 * 56, 8 },
        { PT_LOAD, PF_R | PF_X, 0, A, 0x1800, 0x1800, PG },
        { PT_LOAD, PF_R | PF_W, 0x1900, A + 0x2900, 0x300, 0x1000, PG },
        { PT_NOTE, PF_R, 0x1000, 0, 16, 16, 4 },     /* one bit from PT_INTERP */
    };
    char *path = write_elf("fuzz-base", ET_EXEC, A + 0x100, ph, 4, 0x2400);
    int fd = open(path, O_RDONLY);
    uint8_t base[0x2400];
    assert_int_equal(read(fd, base, sizeof(base)), (ssize_t)sizeof(base));
    close(fd);
    char mpath[128];
    snprintf(mpath, sizeof(mpath), "%s/fuzz", tmpdir);

    uint64_t seed = 0x9e3779b97f4a7c15ull;
    int loaded = 0;
    for (int iter = 0; iter < 3000; iter++) {
        uint8_t buf[0x2400];
        memcpy(buf, base, sizeof(buf));
        size_t len = sizeof(buf);
        int nmut = 1 + iter % 4;
        for (int k = 0; k < nmut; k++) {
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
            /* mostly the headers, where the loader's decisions come from */
            size_t off = (seed >> 8) % (64 + 4 * 56);
            switch ((seed >> 40) % 4) {
            case 0: buf[off] = (uint8_t)(seed >> 32); break;
            case 1: buf[off] ^= (uint8_t)(1u << ((seed >> 20) % 8)); break;
            case 2: memset(buf + off, 0xff, 8 < sizeof(buf) - off ? 8 : sizeof(buf) - off); break;
            case 3: len = (seed >> 16) % sizeof(buf); break;
            }
        }
        fd = open(mpath, O_WRONLY | O_CREAT | O_TRUNC, 0755);
        assert_int_equal(write(fd, buf, len), (ssize_t)len);
        close(fd);
        struct tern_proc *p = new_proc();
        struct guest_image img;
        char err[512] = "";
        int st = loader_load(p, mpath, &img, err, sizeof(err));
        if (st == 0)
            loaded++;
        else
            assert_true((st == 126 || st == 127) && err[0] != '\0' && !strchr(err, '\n'));
        free_proc(p);
    }
    (void)loaded;
    free(path);
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/tern-test-loader-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exec_two_segments),
        cmocka_unit_test(test_shared_boundary_page),
        cmocka_unit_test(test_readonly_bss_tail),
        cmocka_unit_test(test_static_pie),
        cmocka_unit_test(test_interpreter),
        cmocka_unit_test(test_never_clobbers_runner),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_stack),
        cmocka_unit_test(test_exec_stack_prot),
        cmocka_unit_test(test_hostile_mutations),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
