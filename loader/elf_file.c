/* elf_file.c — opening and validating a guest ELF before anything is mapped.
 *
 * Hostile input is the normal case here: every field that is used later as a
 * size, offset or address is checked first, against the file size (fstat) and
 * the guest address space, with overflow-safe arithmetic. libelf parses the
 * header and program headers; it does not check them against the file size
 * (program headers past the end read back as "none"), so we do that ourselves
 * before asking it.
 *
 * Checks run in a fixed order and the first failure is reported, so each
 * malformed input has exactly one message (tests/elf relies on that).
 */
#include "loader/elf_file.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runner/mm.h"

int ef_fail(char *err, size_t errlen, int status, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return status;
}

const char *elf_machine_name(uint16_t m)
{
    switch (m) {
    case EM_386: return "i386";
    case EM_MIPS: return "MIPS";
    case EM_PPC: return "PowerPC";
    case EM_PPC64: return "PowerPC64";
    case EM_S390: return "s390";
    case EM_ARM: return "ARM";
    case EM_SH: return "SuperH";
    case EM_SPARCV9: return "SPARC v9";
    case EM_IA_64: return "IA-64";
    case EM_X86_64: return "x86-64";
    case EM_AARCH64: return "AArch64";
    case EM_RISCV: return "RISC-V";
#ifdef EM_LOONGARCH
    case EM_LOONGARCH: return "LoongArch";
#endif
    default: return NULL;
    }
}

static pthread_once_t libelf_once = PTHREAD_ONCE_INIT;
static void libelf_init(void)
{
    elf_version(EV_CURRENT);
}

void ef_close(struct elf_file *ef)
{
    if (ef->elf)
        elf_end(ef->elf);
    if (ef->fd >= 0)
        close(ef->fd);
    free(ef->ph);
    free(ef->segs);
    memset(ef, 0, sizeof(*ef));
    ef->fd = -1;
}

static int prot_of(uint32_t pf)
{
    return ((pf & PF_R) ? PROT_READ : 0) | ((pf & PF_W) ? PROT_WRITE : 0) |
           ((pf & PF_X) ? PROT_EXEC : 0);
}

static int cmp_seg(const void *a, const void *b)
{
    const struct elf_seg *x = a, *y = b;
    if (x->vaddr != y->vaddr)
        return x->vaddr < y->vaddr ? -1 : 1;
    return x->idx < y->idx ? -1 : (x->idx > y->idx);
}

static int check_header(struct elf_file *ef, char *err, size_t errlen)
{
    unsigned char id[EI_NIDENT];
    ssize_t n = pread(ef->fd, id, sizeof(id), 0);
    if (n < 0)
        return ef_fail(err, errlen, 126, "%s", strerror(errno));
    if (n < SELFMAG || memcmp(id, ELFMAG, SELFMAG) != 0)
        return ef_fail(err, errlen, 126, "not an ELF file");
    if (n < EI_NIDENT)
        return ef_fail(err, errlen, 126, "truncated ELF file (header)");
    if (id[EI_CLASS] == ELFCLASS32)
        return ef_fail(err, errlen, 126, "wrong ELF class (ELF32; only 64-bit programs are supported)");
    if (id[EI_CLASS] != ELFCLASS64)
        return ef_fail(err, errlen, 126, "invalid ELF class %u", id[EI_CLASS]);
    if (id[EI_DATA] == ELFDATA2MSB)
        return ef_fail(err, errlen, 126,
                       "wrong endianness (big-endian; only little-endian programs are supported)");
    if (id[EI_DATA] != ELFDATA2LSB)
        return ef_fail(err, errlen, 126, "invalid ELF data encoding %u", id[EI_DATA]);
    if (id[EI_VERSION] != EV_CURRENT)
        return ef_fail(err, errlen, 126, "unsupported ELF version %u", id[EI_VERSION]);
    if (ef->size < sizeof(Elf64_Ehdr))
        return ef_fail(err, errlen, 126, "truncated ELF file (header)");

    pthread_once(&libelf_once, libelf_init);
    ef->elf = elf_begin(ef->fd, ELF_C_READ, NULL);
    if (!ef->elf || elf_kind(ef->elf) != ELF_K_ELF || !gelf_getehdr(ef->elf, &ef->eh))
        return ef_fail(err, errlen, 126, "invalid ELF file (%s)", elf_errmsg(-1));

    const GElf_Ehdr *eh = &ef->eh;
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) {
        const char *what = eh->e_type == ET_REL ? ": relocatable object"
                         : eh->e_type == ET_CORE ? ": core dump"
                         : eh->e_type == ET_NONE ? ": no file type" : "";
        return ef_fail(err, errlen, 126, "not an executable (ELF type %u%s)", eh->e_type, what);
    }
    ef->arch = arch_by_machine(eh->e_machine);
    if (!ef->arch) {
        const char *name = elf_machine_name(eh->e_machine);
        if (name)
            return ef_fail(err, errlen, 126, "unsupported machine %u (%s)", eh->e_machine, name);
        return ef_fail(err, errlen, 126, "unsupported machine %u", eh->e_machine);
    }
    if (eh->e_phentsize != sizeof(Elf64_Phdr))
        return ef_fail(err, errlen, 126, "bad program header entry size %u (expected %zu)",
                       eh->e_phentsize, sizeof(Elf64_Phdr));
    /* PN_XNUM (extended numbering) lands here too: the kernel refuses it */
    if ((uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > ELF_MAX_PHDR_BYTES)
        return ef_fail(err, errlen, 126, "too many program headers (%u)", eh->e_phnum);
    if (eh->e_phnum == 0)
        return ef_fail(err, errlen, 126, "no loadable segments");
    uint64_t phbytes = (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr);
    if (eh->e_phoff > ef->size || phbytes > ef->size - eh->e_phoff)
        return ef_fail(err, errlen, 126, "truncated ELF file (program headers past end of file)");
    return 0;
}

static int read_phdrs(struct elf_file *ef, uint64_t task_size, char *err, size_t errlen)
{
    size_t phnum = ef->eh.e_phnum;
    ef->ph = calloc(phnum, sizeof(*ef->ph));
    ef->segs = calloc(phnum, sizeof(*ef->segs));
    if (!ef->ph || !ef->segs)
        return ef_fail(err, errlen, 126, "out of memory");
    size_t got = 0;
    if (elf_getphdrnum(ef->elf, &got) != 0 || got != phnum)
        return ef_fail(err, errlen, 126, "invalid program headers (%s)", elf_errmsg(-1));
    for (size_t i = 0; i < phnum; i++)
        if (!gelf_getphdr(ef->elf, (int)i, &ef->ph[i]))
            return ef_fail(err, errlen, 126, "invalid program header %zu (%s)", i, elf_errmsg(-1));
    ef->phnum = phnum;

    ef->align = GUEST_PAGE_SIZE;
    for (size_t i = 0; i < phnum; i++) {
        const GElf_Phdr *ph = &ef->ph[i];
        if (ph->p_type != PT_LOAD)
            continue;
        if (ph->p_filesz > ph->p_memsz)
            return ef_fail(err, errlen, 126, "segment %zu: file size larger than memory size", i);
        if (ph->p_offset > ef->size || ph->p_filesz > ef->size - ph->p_offset)
            return ef_fail(err, errlen, 126,
                           "truncated ELF file (segment %zu data past end of file)", i);
        if (ph->p_memsz == 0)
            continue;
        if ((ph->p_vaddr - ph->p_offset) % GUEST_PAGE_SIZE != 0)
            return ef_fail(err, errlen, 126,
                           "segment %zu: p_offset and p_vaddr differ modulo the page size", i);
        uint64_t end = ph->p_vaddr + ph->p_memsz;
        if (end < ph->p_vaddr || end > PAGE_DOWN(UINT64_MAX) ||
            (task_size && end > task_size))
            return ef_fail(err, errlen, 126,
                           "segment %zu (0x%llx-0x%llx) is outside the guest address space", i,
                           (unsigned long long)ph->p_vaddr, (unsigned long long)end);
        if (ph->p_align > ef->align && (ph->p_align & (ph->p_align - 1)) == 0 &&
            ph->p_align <= (1ull << 30))
            ef->align = ph->p_align;
        ef->segs[ef->nsegs++] = (struct elf_seg){
            .vaddr = ph->p_vaddr, .memsz = ph->p_memsz, .filesz = ph->p_filesz,
            .offset = ph->p_offset, .prot = prot_of(ph->p_flags), .idx = (unsigned)i,
        };
    }
    if (ef->nsegs == 0)
        return ef_fail(err, errlen, 126, "no loadable segments");
    qsort(ef->segs, ef->nsegs, sizeof(ef->segs[0]), cmp_seg);
    for (size_t k = 1; k < ef->nsegs; k++) {
        const struct elf_seg *a = &ef->segs[k - 1], *b = &ef->segs[k];
        if (a->vaddr + a->memsz > b->vaddr) {
            unsigned x = a->idx < b->idx ? a->idx : b->idx;
            unsigned y = a->idx < b->idx ? b->idx : a->idx;
            return ef_fail(err, errlen, 126, "segments %u and %u overlap", x, y);
        }
    }
    ef->lo = ef->segs[0].vaddr;
    ef->hi = 0;
    for (size_t k = 0; k < ef->nsegs; k++)
        if (ef->segs[k].vaddr + ef->segs[k].memsz > ef->hi)
            ef->hi = ef->segs[k].vaddr + ef->segs[k].memsz;
    return 0;
}

static int ef_validate(struct elf_file *ef, bool phdrs, uint64_t task_size, char *err,
                       size_t errlen);

int ef_open(struct elf_file *ef, const char *path, bool phdrs, uint64_t task_size,
            char *err, size_t errlen)
{
    memset(ef, 0, sizeof(*ef));
    ef->fd = -1;
    ef->path = path;
    ef->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (ef->fd < 0)
        return ef_fail(err, errlen, errno == ENOENT ? 127 : 126, "%s", strerror(errno));
    return ef_validate(ef, phdrs, task_size, err, errlen);
}

int ef_open_fd(struct elf_file *ef, int fd, const char *path, bool phdrs, uint64_t task_size,
               char *err, size_t errlen)
{
    memset(ef, 0, sizeof(*ef));
    ef->path = path;
    /* a copy, so ef_close never closes the caller's descriptor; reads are
     * pread (and libelf's), so the shared file offset does not matter */
    ef->fd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    if (ef->fd < 0)
        return ef_fail(err, errlen, 126, "%s", strerror(errno));
    return ef_validate(ef, phdrs, task_size, err, errlen);
}

static int ef_validate(struct elf_file *ef, bool phdrs, uint64_t task_size, char *err,
                       size_t errlen)
{
    struct stat st;
    if (fstat(ef->fd, &st) != 0)
        return ef_fail(err, errlen, 126, "%s", strerror(errno));
    if (!S_ISREG(st.st_mode))
        return ef_fail(err, errlen, 126, "not a regular file");
    ef->size = (uint64_t)st.st_size;
    int r = check_header(ef, err, errlen);
    if (r == 0 && phdrs) {
        if (!task_size)
            task_size = ef->arch->task_size;
        /* ET_DYN moves; its span is checked when a bias is chosen */
        r = read_phdrs(ef, ef->eh.e_type == ET_EXEC ? task_size : 0, err, errlen);
    }
    return r;
}
