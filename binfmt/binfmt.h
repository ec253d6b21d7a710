/* binfmt.h — tern-binfmt: registering tern with the kernel's binfmt_misc
 * (docs/binfmt.md). Shared by main.c (install, uninstall, status, export),
 * misc.c (the binfmt_misc file system, entries, ELF facts) and doctor.c.
 *
 * Invariants: nothing here writes to binfmt_misc except bf_register and
 * bf_entry_write; every entry tern-binfmt owns is named "tern-<arch>".
 */
#ifndef TERN_BINFMT_H
#define TERN_BINFMT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BF_DIR "/proc/sys/fs/binfmt_misc"
#define BF_SYSTEMD_DIR "/etc/binfmt.d"
/* entries --replace disabled, one "<arch> <entry>" a line, so uninstall can
 * enable them again */
#define BF_STATE_FILE "/run/tern-binfmt.replaced"
#define BF_MAGIC_LEN 20                /* e_ident, e_type, e_machine */
#define BF_MAX_MAGIC 128               /* the kernel's limit on magic length */
#define BF_HEAD 256                    /* bytes of a file the kernel matches against */

/* a guest tern runs and the ELF machine that selects it */
struct bf_guest {
    const char *arch;                  /* entry "tern-<arch>" */
    const char *alias;                 /* Debian's name, also accepted by --arch */
    uint16_t machine;                  /* e_machine */
};
extern const struct bf_guest bf_guests[];
extern const size_t bf_nguests;

/* one binfmt_misc entry as /proc/sys/fs/binfmt_misc/<name> shows it */
struct bf_entry {
    char name[NAME_MAX + 1];
    bool enabled;
    char interp[PATH_MAX];
    char flags[8];                     /* the kernel's letters: P O C F */
    bool by_magic;                     /* M; else E (extension) */
    unsigned offset;
    uint8_t magic[BF_MAX_MAGIC], mask[BF_MAX_MAGIC];
    size_t len;
    char ext[NAME_MAX + 1];
};

/* facts about an ELF file tern-binfmt needs */
struct bf_elf {
    bool is_elf, elf64_le;
    uint16_t type, machine;
    bool has_interp;                   /* PT_INTERP: dynamically linked */
    char interp[PATH_MAX];
};

const struct bf_guest *bf_guest_by_name(const char *name);
const struct bf_guest *bf_guest_by_machine(uint16_t machine);
/* the magic and mask tern registers: ELF64 LE, ET_EXEC or ET_DYN (the low
 * bit of e_type masked), any OS/ABI byte, the guest's e_machine */
void bf_guest_magic(const struct bf_guest *g, uint8_t magic[BF_MAGIC_LEN],
                    uint8_t mask[BF_MAGIC_LEN]);
void bf_entry_name(const struct bf_guest *g, char *out, size_t n);
/* the registration line ":name:M::magic:mask:interp:flags" (no newline);
 * -1 if interp cannot be written in one (a newline, no free delimiter) */
int bf_format_line(const struct bf_guest *g, const char *interp, const char *flags, char *out,
                   size_t n);

/* the binfmt_misc file system */
bool bf_mounted(void);
/* mounts it if needed; 0, or -1 with why filled in */
int bf_ensure_mounted(char *why, size_t n);
/* 1 enabled, 0 disabled, -1 unreadable */
int bf_global_enabled(void);
int bf_read_entry(const char *name, struct bf_entry *e);
/* all entries, malloc'ed; -1 if the directory cannot be read */
int bf_list(struct bf_entry **out, size_t *n);
int bf_register(const char *line);                 /* 0 or -errno */
int bf_entry_write(const char *name, const char *what);   /* "0", "1", "-1"; 0 or -errno */
/* does e take a file whose first bytes are head[0..len) and whose name is name */
bool bf_entry_matches(const struct bf_entry *e, const uint8_t *head, size_t len,
                      const char *name);
/* does e take programs of guest g (ET_EXEC or ET_DYN) */
bool bf_entry_handles(const struct bf_entry *e, const struct bf_guest *g);
/* "fix-binary, preserve-argv0, ..." for the kernel's letters */
void bf_flags_words(const char *flags, char *out, size_t n);

/* ELF facts of path (relative names against dirfd AT_FDCWD); 0 or -errno */
int bf_read_elf(const char *path, struct bf_elf *e);
/* first bytes of path; length or -errno */
long bf_read_head(const char *path, uint8_t *buf, size_t n);

/* running inside a chroot: "/" is not the root of the mount namespace */
bool bf_in_chroot(void);

int bf_doctor(const char *file, const char *root);

#endif
