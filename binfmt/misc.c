/* misc.c — tern-binfmt's view of binfmt_misc: the guests and the magic tern
 * registers for them, reading and writing entries under
 * /proc/sys/fs/binfmt_misc, matching an entry against a file as the kernel
 * does, and the ELF facts (machine, static or not) the checks need.
 *
 * Entry files are the kernel's text: "enabled|disabled", "interpreter P",
 * "flags: XYZ", then "offset N" / "magic HEX" / "mask HEX" (M entries) or
 * "extension .E" (E entries). A mask absent from the file means all ones.
 * Matching follows the kernel: the entry's magic is compared under its mask
 * at its offset within the first 256 bytes of the file.
 */
#include "binfmt/binfmt.h"

#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#define BINFMTFS_MAGIC 0x42494e4d

/* guests tern runs; arch   Debian name  e_machine */
const struct bf_guest bf_guests[] = {
    { "aarch64", "arm64",   EM_AARCH64 },
    { "riscv64", "riscv64", EM_RISCV },
};
const size_t bf_nguests = sizeof bf_guests / sizeof bf_guests[0];

const struct bf_guest *bf_guest_by_name(const char *name)
{
    for (size_t i = 0; i < bf_nguests; i++)
        if (!strcmp(name, bf_guests[i].arch) || !strcmp(name, bf_guests[i].alias))
            return &bf_guests[i];
    return NULL;
}

const struct bf_guest *bf_guest_by_machine(uint16_t machine)
{
    for (size_t i = 0; i < bf_nguests; i++)
        if (bf_guests[i].machine == machine)
            return &bf_guests[i];
    return NULL;
}

void bf_guest_magic(const struct bf_guest *g, uint8_t magic[BF_MAGIC_LEN],
                    uint8_t mask[BF_MAGIC_LEN])
{
    memset(magic, 0, BF_MAGIC_LEN);
    memset(mask, 0xff, BF_MAGIC_LEN);
    memcpy(magic, ELFMAG, SELFMAG);
    magic[EI_CLASS] = ELFCLASS64;
    magic[EI_DATA] = ELFDATA2LSB;
    magic[EI_VERSION] = EV_CURRENT;
    mask[EI_OSABI] = 0;                /* Linux, GNU, SYSV (0): all run alike */
    magic[16] = ET_EXEC;               /* e_type 2 or 3: the low bit is free */
    mask[16] = 0xfe;
    magic[18] = (uint8_t)g->machine;
    magic[19] = (uint8_t)(g->machine >> 8);
}

void bf_entry_name(const struct bf_guest *g, char *out, size_t n)
{
    snprintf(out, n, "tern-%s", g->arch);
}

static void hex_escape(const uint8_t *b, size_t len, char *out)
{
    for (size_t i = 0; i < len; i++)
        sprintf(out + 4 * i, "\\x%02x", b[i]);
}

int bf_format_line(const struct bf_guest *g, const char *interp, const char *flags, char *out,
                   size_t n)
{
    /* the first character is the field delimiter: one the path lacks */
    static const char delims[] = ":;|,#@";
    char d = 0;
    for (const char *c = delims; *c && !d; c++)
        if (!strchr(interp, *c))
            d = *c;
    if (!d || strchr(interp, '\n'))
        return -1;
    uint8_t magic[BF_MAGIC_LEN], mask[BF_MAGIC_LEN];
    bf_guest_magic(g, magic, mask);
    char name[64], hm[4 * BF_MAGIC_LEN + 1], hk[4 * BF_MAGIC_LEN + 1];
    bf_entry_name(g, name, sizeof name);
    hex_escape(magic, BF_MAGIC_LEN, hm);
    hex_escape(mask, BF_MAGIC_LEN, hk);
    int r = snprintf(out, n, "%c%s%cM%c%c%s%c%s%c%s%c%s", d, name, d, d, d, hm, d, hk, d,
                     interp, d, flags);
    return r < 0 || (size_t)r >= n ? -1 : 0;
}

/* ---------------- the file system ---------------- */

bool bf_mounted(void)
{
    struct statfs sf;
    return statfs(BF_DIR, &sf) == 0 && sf.f_type == BINFMTFS_MAGIC;
}

int bf_ensure_mounted(char *why, size_t n)
{
    if (bf_mounted())
        return 0;
    if (mount("binfmt_misc", BF_DIR, "binfmt_misc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) == 0)
        return 0;
    int e = errno;
    if (e == EPERM || e == EACCES)
        snprintf(why, n, "binfmt_misc is not mounted at %s and mounting it needs root "
                 "(CAP_SYS_ADMIN): run tern-binfmt as root", BF_DIR);
    else if (e == ENODEV)
        snprintf(why, n, "this kernel has no binfmt_misc (CONFIG_BINFMT_MISC; try modprobe "
                 "binfmt_misc)");
    else if (e == ENOENT)
        snprintf(why, n, "%s does not exist: is /proc mounted?", BF_DIR);
    else
        snprintf(why, n, "cannot mount binfmt_misc at %s: %s", BF_DIR, strerror(e));
    return -1;
}

static long read_text(const char *path, char *buf, size_t n)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    size_t got = 0;
    while (got + 1 < n) {
        ssize_t r = read(fd, buf + got, n - 1 - got);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            close(fd);
            return -e;
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    buf[got] = 0;
    close(fd);
    return (long)got;
}

int bf_global_enabled(void)
{
    char buf[64];
    if (read_text(BF_DIR "/status", buf, sizeof buf) < 0)
        return -1;
    return strncmp(buf, "enabled", 7) == 0 ? 1 : 0;
}

static size_t parse_hex(const char *s, uint8_t *out, size_t max)
{
    size_t n = 0;
    while (n < max && s[0] && s[1] && s[0] != '\n') {
        unsigned v;
        if (sscanf(s, "%2x", &v) != 1)
            break;
        out[n++] = (uint8_t)v;
        s += 2;
    }
    return n;
}

int bf_read_entry(const char *name, struct bf_entry *e)
{
    char path[PATH_MAX], buf[8192];
    memset(e, 0, sizeof *e);
    snprintf(e->name, sizeof e->name, "%s", name);
    snprintf(path, sizeof path, "%s/%s", BF_DIR, name);
    long r = read_text(path, buf, sizeof buf);
    if (r < 0)
        return (int)r;
    bool have_mask = false;
    for (char *line = buf, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        if (!strcmp(line, "enabled"))
            e->enabled = true;
        else if (!strncmp(line, "interpreter ", 12))
            snprintf(e->interp, sizeof e->interp, "%s", line + 12);
        else if (!strncmp(line, "flags: ", 7))
            snprintf(e->flags, sizeof e->flags, "%s", line + 7);
        else if (!strncmp(line, "offset ", 7)) {
            e->by_magic = true;
            e->offset = (unsigned)strtoul(line + 7, NULL, 10);
        } else if (!strncmp(line, "magic ", 6)) {
            e->by_magic = true;
            e->len = parse_hex(line + 6, e->magic, BF_MAX_MAGIC);
        } else if (!strncmp(line, "mask ", 5)) {
            have_mask = true;
            parse_hex(line + 5, e->mask, BF_MAX_MAGIC);
        } else if (!strncmp(line, "extension .", 11))
            snprintf(e->ext, sizeof e->ext, "%s", line + 11);
    }
    if (!have_mask)
        memset(e->mask, 0xff, sizeof e->mask);
    return 0;
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const struct bf_entry *)a)->name, ((const struct bf_entry *)b)->name);
}

int bf_list(struct bf_entry **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    DIR *d = opendir(BF_DIR);
    if (!d)
        return -1;
    size_t cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.' || !strcmp(de->d_name, "register") ||
            !strcmp(de->d_name, "status"))
            continue;
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            struct bf_entry *v = realloc(*out, cap * sizeof **out);
            if (!v)
                break;
            *out = v;
        }
        if (bf_read_entry(de->d_name, &(*out)[*n]) == 0)
            (*n)++;
    }
    closedir(d);
    if (*n)
        qsort(*out, *n, sizeof **out, cmp_entry);
    return 0;
}

static int write_file(const char *path, const char *what)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    /* one write: the kernel parses each write as a whole */
    ssize_t r = write(fd, what, strlen(what));
    int e = errno;
    close(fd);
    if (r < 0)
        return -e;
    return (size_t)r == strlen(what) ? 0 : -EIO;
}

int bf_register(const char *line)
{
    return write_file(BF_DIR "/register", line);
}

int bf_entry_write(const char *name, const char *what)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", BF_DIR, name);
    return write_file(path, what);
}

bool bf_entry_matches(const struct bf_entry *e, const uint8_t *head, size_t len,
                      const char *name)
{
    if (!e->by_magic) {
        const char *base = strrchr(name, '/');
        base = base ? base + 1 : name;
        const char *dot = strrchr(base, '.');
        return dot && e->ext[0] && !strcmp(dot + 1, e->ext);
    }
    if (e->offset > BF_HEAD || e->len > BF_HEAD - e->offset || e->offset + e->len > len)
        return false;
    for (size_t i = 0; i < e->len; i++)
        if ((head[e->offset + i] ^ e->magic[i]) & e->mask[i])
            return false;
    return true;
}

bool bf_entry_handles(const struct bf_entry *e, const struct bf_guest *g)
{
    if (!e->by_magic)
        return false;
    uint8_t head[64], mask[BF_MAGIC_LEN];
    memset(head, 0, sizeof head);
    bf_guest_magic(g, head, mask);
    for (int type = ET_EXEC; type <= ET_DYN; type++) {
        head[16] = (uint8_t)type;
        if (bf_entry_matches(e, head, sizeof head, ""))
            return true;
    }
    return false;
}

void bf_flags_words(const char *flags, char *out, size_t n)
{
    /* letter  word */
    static const struct { char c; const char *w; } words[] = {
        { 'F', "fix-binary" }, { 'P', "preserve-argv0" },
        { 'O', "open-binary" }, { 'C', "credentials" },
    };
    size_t used = 0;
    out[0] = 0;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strchr(flags, words[i].c)) {
            int r = snprintf(out + used, n - used, "%s%s", used ? ", " : "", words[i].w);
            if (r < 0 || (size_t)r >= n - used)
                break;
            used += (size_t)r;
        }
    if (!used)
        snprintf(out, n, "none");
}

/* ---------------- files ---------------- */

long bf_read_head(const char *path, uint8_t *buf, size_t n)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    ssize_t r = pread(fd, buf, n, 0);
    int e = errno;
    close(fd);
    return r < 0 ? -e : r;
}

int bf_read_elf(const char *path, struct bf_elf *e)
{
    memset(e, 0, sizeof *e);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    Elf64_Ehdr eh;
    ssize_t r = pread(fd, &eh, sizeof eh, 0);
    if (r >= SELFMAG && !memcmp(eh.e_ident, ELFMAG, SELFMAG))
        e->is_elf = true;
    if (r == (ssize_t)sizeof eh && e->is_elf && eh.e_ident[EI_CLASS] == ELFCLASS64 &&
        eh.e_ident[EI_DATA] == ELFDATA2LSB) {
        e->elf64_le = true;
        e->type = eh.e_type;
        e->machine = eh.e_machine;
        for (unsigned i = 0; i < eh.e_phnum && eh.e_phentsize == sizeof(Elf64_Phdr); i++) {
            Elf64_Phdr ph;
            if (pread(fd, &ph, sizeof ph, (off_t)(eh.e_phoff + i * sizeof ph)) != sizeof ph)
                break;
            if (ph.p_type != PT_INTERP)
                continue;
            e->has_interp = true;
            size_t len = ph.p_filesz < sizeof e->interp ? ph.p_filesz : sizeof e->interp - 1;
            if (pread(fd, e->interp, len, (off_t)ph.p_offset) != (ssize_t)len)
                len = 0;
            e->interp[len] = 0;
            break;
        }
    }
    close(fd);
    return 0;
}

bool bf_in_chroot(void)
{
    /* the root of pid 1 differs from ours (readable by root outside user
     * namespaces) */
    struct stat a, b;
    if (stat("/", &a) == 0 && stat("/proc/1/root/", &b) == 0)
        return a.st_dev != b.st_dev || a.st_ino != b.st_ino;
    /* else: the kernel lists only mounts reachable from our root, so in a
     * chroot below a mount no line has "/" as its mount point */
    FILE *f = fopen("/proc/self/mountinfo", "re");
    if (!f)
        return false;
    char line[4096];
    bool root_seen = false;
    while (fgets(line, sizeof line, f)) {
        char mp[PATH_MAX];
        if (sscanf(line, "%*s %*s %*s %*s %4095s", mp) == 1 && !strcmp(mp, "/"))
            root_seen = true;
    }
    fclose(f);
    return !root_seen;
}
