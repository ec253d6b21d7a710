/* elf_file.h — private to loader/: one opened and validated ELF file.
 *
 * Invariants: after ef_open succeeds, the header is a little-endian ELF64
 * ET_EXEC/ET_DYN for a known guest, and (when phdrs were asked for) every
 * program header has been read and every PT_LOAD checked against the file size
 * and the guest address space limits, so the mapping code can trust them.
 */
#ifndef TERN_LOADER_ELF_FILE_H
#define TERN_LOADER_ELF_FILE_H

#include <gelf.h>
#include <libelf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontends/frontend.h"

/* kernel's limit: all program headers together fit in 64 KiB */
#define ELF_MAX_PHDR_BYTES 65536u

/* one PT_LOAD, unbiased */
struct elf_seg {
    uint64_t vaddr, memsz, filesz, offset;
    int prot;           /* PROT_* from p_flags */
    unsigned idx;       /* program header index (for messages) */
};

struct elf_file {
    const char *path;
    int fd;
    uint64_t size;              /* file size */
    Elf *elf;
    GElf_Ehdr eh;
    const struct guest_arch *arch;
    GElf_Phdr *ph;              /* all program headers */
    size_t phnum;
    struct elf_seg *segs;       /* PT_LOADs with memsz > 0, sorted by vaddr */
    size_t nsegs;
    uint64_t lo, hi;            /* unbiased [lowest vaddr, highest end) of segs */
    uint64_t align;             /* largest power-of-two p_align (>= page size) */
};

/* Opens and validates path. With phdrs, also reads and checks the program
 * headers; ET_EXEC segments must end below task_size (0: the arch's). Returns
 * 0 or an exit status with err set; call ef_close either way. */
int ef_open(struct elf_file *ef, const char *path, bool phdrs, uint64_t task_size,
            char *err, size_t errlen);
/* The same for a file already open as fd (binfmt_misc's AT_EXECFD: the file
 * may be execute-only for us); fd stays the caller's, path is for messages. */
int ef_open_fd(struct elf_file *ef, int fd, const char *path, bool phdrs, uint64_t task_size,
               char *err, size_t errlen);
void ef_close(struct elf_file *ef);

/* printf into err; returns status (so "return fail(...)" reads naturally) */
int ef_fail(char *err, size_t errlen, int status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* "x86-64" etc. for messages; NULL if we have no name */
const char *elf_machine_name(uint16_t m);

#endif
