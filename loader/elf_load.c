/* elf_load.c — maps a validated guest ELF (and its PT_INTERP interpreter)
 * into the guest address space, which is the host's (guest address == host
 * address).
 *
 * Invariants:
 *  - The whole image span is first claimed with one MAP_FIXED_NOREPLACE
 *    reservation, so nothing of the runner's can be clobbered; only inside
 *    that reservation do we use MAP_FIXED. Page gaps between segments are
 *    given back afterwards, so the host and p->mm agree on what is mapped.
 *  - Host protection = the guest's read/write, plus read where the guest has
 *    exec (the translator reads guest code; the host never executes it).
 *    p->mm records the guest's own protection.
 *  - Segments may share a boundary page (never bytes: overlapping segments
 *    are rejected). Such a page is filled by copying and gets the union of
 *    both protections, as the kernel's result would be.
 *  - ET_DYN images go at a bias chosen in guest space: 2/3 of the arch's
 *    task_size (the Linux ELF_ET_DYN_BASE rule; 0x2aaaaaa000 for riscv64 with
 *    Sv39), else the lowest free gap from mmap_base. The interpreter goes at
 *    the lowest free gap from mmap_base.
 *  - On failure everything this call mapped is unmapped again.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "loader/elf_file.h"
#include "loader/loader.h"
#include "runner/mm.h"
#include "runner/tern.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

/* brk reservation: generous but not greedy; glibc falls back to mmap when
 * brk cannot grow, so a smaller reservation only costs a little speed */
#define BRK_RESERVE (1ull << 30)
#define BRK_RESERVE_MIN (1ull << 20)

static int host_prot(int guest_prot)
{
    int p = guest_prot & (PROT_READ | PROT_WRITE);
    if (guest_prot & PROT_EXEC)
        p |= PROT_READ;
    return p;
}

static void *addr_of(uint64_t a)
{
    return (void *)(uintptr_t)a;
}

static ssize_t pread_full(int fd, void *buf, size_t n, uint64_t off)
{
    size_t done = 0;
    while (done < n) {
        ssize_t r = pread(fd, (char *)buf + done, n - done, (off_t)(off + done));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return r < 0 ? -1 : (ssize_t)done;
        done += (size_t)r;
    }
    return (ssize_t)done;
}

struct mapped {
    uint64_t lo, hi;      /* page-aligned span that was claimed */
};

/* Map ef's segments at bias. On success the span is recorded in p->mm. */
static int map_segments(struct tern_proc *p, struct elf_file *ef, uint64_t bias,
                        struct mapped *m, char *err, size_t errlen)
{
    uint64_t lo = PAGE_DOWN(ef->lo + bias), hi = PAGE_UP(ef->hi + bias);
    if (hi <= lo || hi > p->mm.task_size)
        return ef_fail(err, errlen, 126, "segments (0x%llx-0x%llx) are outside the guest address space",
                       (unsigned long long)(ef->lo + bias), (unsigned long long)(ef->hi + bias));

    void *r = mmap(addr_of(lo), hi - lo, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
    if (r == MAP_FAILED || r != addr_of(lo)) {
        int e = errno;
        if (r != MAP_FAILED) {
            munmap(r, hi - lo);     /* a kernel that took NOREPLACE as a hint */
            e = EEXIST;
        }
        if (e == EEXIST)
            return ef_fail(err, errlen, 126,
                           "segments (0x%llx-0x%llx) would overlap memory in use by tern",
                           (unsigned long long)lo, (unsigned long long)hi);
        return ef_fail(err, errlen, 126, "cannot map segments at 0x%llx-0x%llx: %s",
                       (unsigned long long)lo, (unsigned long long)hi, strerror(e));
    }
    m->lo = lo;
    m->hi = hi;

    uint64_t populated_end = lo;   /* pages below this hold an earlier segment */
    int last_prot = 0;             /* guest prot of the page just below populated_end */
    for (size_t k = 0; k < ef->nsegs; k++) {
        const struct elf_seg *s = &ef->segs[k];
        uint64_t va = s->vaddr + bias;
        uint64_t ps = PAGE_DOWN(va), pe = PAGE_UP(va + s->memsz);
        uint64_t fend = va + s->filesz;
        uint64_t cur = ps;
        int hp = host_prot(s->prot);

        if (ps > populated_end)    /* a hole between segments: not ours to keep */
            munmap(addr_of(populated_end), ps - populated_end);

        if (ps < populated_end) {
            /* first page shared with the previous segment: copy into it */
            int uprot = last_prot | s->prot;
            uint64_t pend = ps + GUEST_PAGE_SIZE;
            uint64_t mend = va + s->memsz < pend ? va + s->memsz : pend;
            uint64_t cend = fend < mend ? fend : mend;
            if (mprotect(addr_of(ps), GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE) != 0)
                goto map_error;
            if (cend > va &&
                pread_full(ef->fd, addr_of(va), cend - va, s->offset) != (ssize_t)(cend - va))
                goto io_error;
            if (mend > (cend > va ? cend : va))
                memset(addr_of(cend > va ? cend : va), 0, mend - (cend > va ? cend : va));
            if (mprotect(addr_of(ps), GUEST_PAGE_SIZE, host_prot(uprot)) != 0)
                goto map_error;
            mm_add(&p->mm, ps, GUEST_PAGE_SIZE, uprot, MAP_PRIVATE);
            cur = pend;
            last_prot = uprot;
        }

        if (cur < pe && s->filesz > 0 && cur < PAGE_UP(fend)) {
            uint64_t fpe = PAGE_UP(fend);
            bool zero_tail = s->memsz > s->filesz && (fend & (GUEST_PAGE_SIZE - 1));
            uint64_t off = PAGE_DOWN(s->offset) + (cur - ps);
            void *q = mmap(addr_of(cur), fpe - cur, hp | (zero_tail ? PROT_WRITE : 0),
                           MAP_PRIVATE | MAP_FIXED, ef->fd, (off_t)off);
            if (q == MAP_FAILED)
                goto map_error;
            if (zero_tail) {
                /* the file's next bytes share the page; the guest's bss must
                 * read as zero */
                memset(addr_of(fend), 0, fpe - fend);
                if (!(hp & PROT_WRITE) && mprotect(addr_of(cur), fpe - cur, hp) != 0)
                    goto map_error;
            }
            mm_add(&p->mm, cur, fpe - cur, s->prot, MAP_PRIVATE);
            cur = fpe;
            last_prot = s->prot;
        }
        if (cur < pe) {
            void *q = mmap(addr_of(cur), pe - cur, hp, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                           -1, 0);
            if (q == MAP_FAILED)
                goto map_error;
            mm_add(&p->mm, cur, pe - cur, s->prot, MAP_PRIVATE | MAP_ANONYMOUS);
            last_prot = s->prot;
        }
        if (pe > populated_end)
            populated_end = pe;
        continue;

    map_error: {
            int e = errno;
            munmap(addr_of(lo), hi - lo);
            mm_remove(&p->mm, lo, hi - lo);
            m->lo = m->hi = 0;
            return ef_fail(err, errlen, 126, "cannot map segment %u at 0x%llx: %s", s->idx,
                           (unsigned long long)va, strerror(e));
        }
    io_error:
        munmap(addr_of(lo), hi - lo);
        mm_remove(&p->mm, lo, hi - lo);
        m->lo = m->hi = 0;
        return ef_fail(err, errlen, 126, "cannot read segment %u", s->idx);
    }
    return 0;
}

static void unmap(struct tern_proc *p, struct mapped *m)
{
    if (m->hi > m->lo) {
        munmap(addr_of(m->lo), m->hi - m->lo);
        mm_remove(&p->mm, m->lo, m->hi - m->lo);
    }
    m->lo = m->hi = 0;
}

/* a load bias for an ET_DYN image, or UINT64_MAX if there is no room */
static uint64_t choose_bias(struct tern_proc *p, const struct elf_file *ef, uint64_t first_hint)
{
    uint64_t span = PAGE_UP(ef->hi) - PAGE_DOWN(ef->lo);
    uint64_t align = ef->align;
    if (span == 0 || span > p->mm.task_size)
        return UINT64_MAX;
    uint64_t hints[2] = { first_hint, 0 /* = mmap_base */ };
    for (int h = 0; h < 2; h++) {
        if (h == 1 && first_hint == 0)
            break;
        uint64_t want = (hints[h] + align - 1) & ~(align - 1);
        uint64_t a = mm_find_free(&p->mm, want, span + align - GUEST_PAGE_SIZE);
        if (a == 0)
            continue;
        a = (a + align - 1) & ~(align - 1);
        return a - PAGE_DOWN(ef->lo);
    }
    return UINT64_MAX;
}

static uint64_t phdr_addr(const struct elf_file *ef, uint64_t bias)
{
    for (size_t i = 0; i < ef->phnum; i++)
        if (ef->ph[i].p_type == PT_PHDR)
            return ef->ph[i].p_vaddr + bias;
    uint64_t need = (uint64_t)ef->eh.e_phnum * sizeof(Elf64_Phdr);
    for (size_t i = 0; i < ef->phnum; i++) {
        const GElf_Phdr *ph = &ef->ph[i];
        if (ph->p_type == PT_LOAD && ef->eh.e_phoff >= ph->p_offset &&
            ef->eh.e_phoff - ph->p_offset <= ph->p_filesz &&
            need <= ph->p_filesz - (ef->eh.e_phoff - ph->p_offset))
            return ph->p_vaddr + (ef->eh.e_phoff - ph->p_offset) + bias;
    }
    return 0;   /* not mapped: the kernel gives 0 too */
}

/* read PT_INTERP into buf; 0 if absent, 1 if present, or -status with err */
static int read_interp(const struct elf_file *ef, char *buf, size_t buflen, char *err,
                       size_t errlen)
{
    const GElf_Phdr *ip = NULL;
    for (size_t i = 0; i < ef->phnum; i++) {
        if (ef->ph[i].p_type != PT_INTERP)
            continue;
        if (ip)
            return -ef_fail(err, errlen, 126, "more than one PT_INTERP");
        ip = &ef->ph[i];
    }
    if (!ip)
        return 0;
    if (ip->p_filesz < 2 || ip->p_filesz > buflen)
        return -ef_fail(err, errlen, 126, "bad PT_INTERP (size %llu)",
                        (unsigned long long)ip->p_filesz);
    if (ip->p_offset > ef->size || ip->p_filesz > ef->size - ip->p_offset)
        return -ef_fail(err, errlen, 126, "truncated ELF file (interpreter path past end of file)");
    if (pread_full(ef->fd, buf, ip->p_filesz, ip->p_offset) != (ssize_t)ip->p_filesz)
        return -ef_fail(err, errlen, 126, "cannot read PT_INTERP");
    if (buf[ip->p_filesz - 1] != '\0' || strlen(buf) != ip->p_filesz - 1)
        return -ef_fail(err, errlen, 126, "bad PT_INTERP (path not NUL-terminated)");
    return 1;
}

static int load_interp(struct tern_proc *p, const struct elf_file *prog, const char *ipath,
                       struct guest_image *img, struct mapped *m, char *err, size_t errlen)
{
    /* -L: the sysroot's copy first, then the path as it is (qemu's rule) */
    char full[PATH_MAX + 64];
    const char *path = ipath;
    if (p->opts.sysroot && p->opts.sysroot[0] && ipath[0] == '/') {
        snprintf(full, sizeof(full), "%s%s", p->opts.sysroot, ipath);
        if (access(full, F_OK) == 0)
            path = full;
    }
    char e2[256];
    struct elf_file ief;
    int st = ef_open(&ief, path, true, p->mm.task_size, e2, sizeof(e2));
    if (st) {
        ef_close(&ief);
        return ef_fail(err, errlen, st, "interpreter %s: %s", path, e2);
    }
    if (ief.eh.e_machine != prog->eh.e_machine) {
        ef_close(&ief);
        return ef_fail(err, errlen, 126, "interpreter %s: machine %u does not match the program's %u",
                       path, ief.eh.e_machine, prog->eh.e_machine);
    }
    for (size_t i = 0; i < ief.phnum; i++) {
        if (ief.ph[i].p_type == PT_INTERP) {
            ef_close(&ief);
            return ef_fail(err, errlen, 126, "interpreter %s has an interpreter itself", path);
        }
    }
    uint64_t bias = 0;
    if (ief.eh.e_type == ET_DYN) {
        bias = choose_bias(p, &ief, p->mm.mmap_base);
        if (bias == UINT64_MAX) {
            ef_close(&ief);
            return ef_fail(err, errlen, 126, "interpreter %s: no room in the guest address space",
                           path);
        }
    }
    st = map_segments(p, &ief, bias, m, e2, sizeof(e2));
    if (st) {
        ef_close(&ief);
        return ef_fail(err, errlen, st, "interpreter %s: %s", path, e2);
    }
    /* AT_BASE is the interpreter's load bias, as the kernel reports it */
    img->interp_base = ief.eh.e_type == ET_DYN ? bias : 0;
    img->entry = ief.eh.e_entry + bias;
    ef_close(&ief);
    return 0;
}

static void reserve_brk(struct tern_proc *p, uint64_t brk_start)
{
    uint64_t size = BRK_RESERVE;
    if (brk_start >= p->mm.task_size)
        size = 0;
    else if (size > p->mm.task_size - brk_start)
        size = PAGE_DOWN(p->mm.task_size - brk_start);
    while (size >= BRK_RESERVE_MIN) {
        void *r = mmap(addr_of(brk_start), size, PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
        if (r == addr_of(brk_start))
            break;
        if (r != MAP_FAILED)
            munmap(r, size);
        size /= 2;
    }
    if (size < BRK_RESERVE_MIN)
        size = 0;       /* no brk at all: the guest's malloc falls back to mmap */
    pthread_mutex_lock(&p->mm.lock);
    p->mm.brk_start = p->mm.brk_cur = brk_start;
    p->mm.brk_end_reserved = brk_start + size;
    pthread_mutex_unlock(&p->mm.lock);
}

/* path, or fd when it is not -1 (path then only names it) */
static int open_prog(struct elf_file *ef, int fd, const char *path, bool phdrs,
                     uint64_t task_size, char *err, size_t errlen)
{
    return fd >= 0 ? ef_open_fd(ef, fd, path, phdrs, task_size, err, errlen)
                   : ef_open(ef, path, phdrs, task_size, err, errlen);
}

int loader_probe_fd(int fd, const char *path, uint16_t *e_machine, char *err, size_t errlen)
{
    struct elf_file ef;
    int st = open_prog(&ef, fd, path, false, 0, err, errlen);
    if (st == 0)
        *e_machine = ef.eh.e_machine;
    ef_close(&ef);
    return st;
}

int loader_probe(const char *path, uint16_t *e_machine, char *err, size_t errlen)
{
    return loader_probe_fd(-1, path, e_machine, err, errlen);
}

int loader_load(struct tern_proc *p, const char *path, struct guest_image *img,
                char *err, size_t errlen)
{
    return loader_load_fd(p, -1, path, img, err, errlen);
}

int loader_load_fd(struct tern_proc *p, int fd, const char *path, struct guest_image *img,
                   char *err, size_t errlen)
{
    struct elf_file ef;
    struct mapped prog = { 0, 0 }, interp = { 0, 0 };
    char ipath[PATH_MAX];
    int has_interp = 0;
    uint64_t bias = 0;

    memset(img, 0, sizeof(*img));
    int st = open_prog(&ef, fd, path, true, p->mm.task_size, err, errlen);
    if (st)
        goto out;
    if (p->arch && p->arch != ef.arch) {
        const char *name = elf_machine_name(ef.eh.e_machine);
        st = ef_fail(err, errlen, 126, "machine %u (%s) is not the requested guest %s",
                     ef.eh.e_machine, name ? name : "unknown", p->arch->name);
        goto out;
    }
    if (!p->arch)
        p->arch = ef.arch;
    /* the name the kernel shows for /proc/self/exe: the opened file's, so
     * neither a relative name nor a later chdir of the guest matters */
    char fdlink[40], real[PATH_MAX];
    snprintf(fdlink, sizeof fdlink, "/proc/self/fd/%d", ef.fd);
    ssize_t rl = readlink(fdlink, real, sizeof real - 1);
    if (rl > 0) {
        real[rl] = '\0';
        free(p->layout.exe);
        p->layout.exe = strdup(real);
    }
    if (p->mm.task_size == 0)
        mm_init(&p->mm, p->arch->task_size, p->arch->mmap_base);

    has_interp = read_interp(&ef, ipath, sizeof(ipath), err, errlen);
    if (has_interp < 0) {
        st = -has_interp;
        goto out;
    }
    if (ef.eh.e_type == ET_DYN) {
        uint64_t dyn_base = PAGE_DOWN(p->mm.task_size / 3 * 2);
        bias = choose_bias(p, &ef, dyn_base);
        if (bias == UINT64_MAX) {
            st = ef_fail(err, errlen, 126, "no room for the program in the guest address space");
            goto out;
        }
    }
    st = map_segments(p, &ef, bias, &prog, err, errlen);
    if (st)
        goto out;

    img->e_machine = ef.eh.e_machine;
    img->prog_entry = ef.eh.e_entry + bias;
    img->entry = img->prog_entry;
    img->phdr = phdr_addr(&ef, bias);
    img->phent = sizeof(Elf64_Phdr);
    img->phnum = ef.eh.e_phnum;
    img->load_bias = bias;
    img->lo = ef.lo + bias;
    img->hi = ef.hi + bias;
    img->brk_start = PAGE_UP(img->hi);
    img->start_code = UINT64_MAX;
    for (size_t k = 0; k < ef.nsegs; k++) {
        const struct elf_seg *s = &ef.segs[k];
        uint64_t va = s->vaddr + bias, fend = va + s->filesz;
        if ((s->prot & PROT_EXEC) && va < img->start_code)
            img->start_code = va;
        if ((s->prot & PROT_EXEC) && fend > img->end_code)
            img->end_code = fend;
        if (va > img->start_data)
            img->start_data = va;
        if (fend > img->end_data)
            img->end_data = fend;
    }
    if (img->start_code == UINT64_MAX)
        img->start_code = 0;
    img->exec_stack = false;
    for (size_t i = 0; i < ef.phnum; i++)
        if (ef.ph[i].p_type == PT_GNU_STACK)
            img->exec_stack = (ef.ph[i].p_flags & PF_X) != 0;

    /* the brk area is claimed before the interpreter is placed, so that the
     * interpreter cannot land right after the program and leave brk no room */
    reserve_brk(p, img->brk_start);

    if (has_interp) {
        st = load_interp(p, &ef, ipath, img, &interp, err, errlen);
        if (st) {
            unmap(p, &prog);
            if (p->mm.brk_end_reserved > p->mm.brk_start)
                munmap(addr_of(p->mm.brk_start), p->mm.brk_end_reserved - p->mm.brk_start);
            p->mm.brk_start = p->mm.brk_cur = p->mm.brk_end_reserved = 0;
            memset(img, 0, sizeof(*img));
        }
    }
out:
    ef_close(&ef);
    return st;
}
