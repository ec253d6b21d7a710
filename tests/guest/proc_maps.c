/* proc_maps.c — /proc/self/maps and /proc/self/smaps show the program's own
 * mappings in the kernel's format: the mapping holding main (r-xp, the
 * program), a stack variable ([stack]), a brk page ([heap]), the vDSO, fresh
 * anonymous and file mappings (offset, device, inode, name), mprotect and
 * munmap splitting them; the same text under /proc/<pid>, /proc/thread-self,
 * /proc/self/task/<tid>, relative to a /proc/self directory fd and cwd; and
 * nothing of an emulator's own (no mapping of a file called tern).
 * Prints only what is the same on every architecture.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define BUFSZ (1 << 20)
static char text[BUFSZ], text2[BUFSZ];

struct line {
    unsigned long start, end, off, ino;
    unsigned maj, min;
    char perms[5];
    const char *name;     /* into text, "" if none */
    int name_col;         /* column the name starts at */
};
static struct line lines[4096];
static int nlines;

static long read_all(const char *path, int dirfd, char *buf)
{
    int fd = openat(dirfd, path, O_RDONLY);
    if (fd < 0)
        return -errno;
    long n = 0, r;
    while ((r = read(fd, buf + n, BUFSZ - 1 - n)) > 0)
        n += r;
    close(fd);
    buf[n] = '\0';
    return n;
}

/* parse text into lines[]; names are NUL-terminated in place */
static int parse(char *t)
{
    nlines = 0;
    for (char *l = t; *l && nlines < 4096;) {
        char *nl = strchr(l, '\n');
        if (nl)
            *nl = '\0';
        struct line *x = &lines[nlines];
        int used = 0;
        if (sscanf(l, "%lx-%lx %4s %lx %x:%x %lu %n", &x->start, &x->end, x->perms, &x->off,
                   &x->maj, &x->min, &x->ino, &used) < 7)
            return -1;
        x->name = l + used;
        x->name_col = *x->name ? used : 0;
        nlines++;
        l = nl ? nl + 1 : l + strlen(l);
    }
    return nlines;
}

static const struct line *find(const void *p)
{
    unsigned long a = (unsigned long)(uintptr_t)p;
    for (int i = 0; i < nlines; i++)
        if (lines[i].start <= a && a < lines[i].end)
            return &lines[i];
    return NULL;
}

static const char *base(const char *s)
{
    const char *b = strrchr(s, '/');
    return b ? b + 1 : s;
}

static void show(const char *what, const void *p, const char *prog)
{
    const struct line *l = find(p);
    if (!l) {
        printf("%s: not listed\n", what);
        return;
    }
    const char *name = l->name;
    if (prog && strcmp(base(name), prog) == 0)
        name = "<program>";
    printf("%s: %s name=%s\n", what, l->perms, *name == '/' ? base(name) : name);
}

static int reread(void)
{
    if (read_all("/proc/self/maps", AT_FDCWD, text) < 0)
        return -1;
    return parse(text);
}

int main(int argc, char **argv)
{
    (void)argc;
    const char *prog = base(argv[0]);
    int local = 1;
    char *block = malloc(64);
    block[0] = 1;
    long pg = sysconf(_SC_PAGESIZE);

    /* a page of brk of our own: [heap] whatever the libc's malloc does */
    char *brk_page = (char *)syscall(SYS_brk, 0);
    if ((char *)syscall(SYS_brk, brk_page + pg) != brk_page + pg)
        return 1;
    brk_page[0] = 1;

    char *anon = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    anon[0] = anon[pg] = 1;

    char path[64];
    snprintf(path, sizeof path, "/tmp/proc_maps.%d", (int)getpid());
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    static char page[65536];
    for (int i = 0; i < 3; i++)
        if (write(fd, page, (size_t)pg) != pg)
            return 1;
    struct stat st;
    fstat(fd, &st);
    char *fmap = mmap(NULL, 2 * pg, PROT_READ, MAP_PRIVATE, fd, pg);
    char *smap = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    smap[0] = 1;
    if (anon == MAP_FAILED || fmap == MAP_FAILED || smap == MAP_FAILED)
        return 1;

    if (reread() <= 0) {
        printf("maps unreadable\n");
        return 1;
    }
    show("main", (void *)(uintptr_t)&main, prog);
    show("stack", &local, prog);
    /* musl's malloc takes small blocks from mmap, glibc's from brk */
    const struct line *ml = find(block);
    printf("malloc: %s heap-or-anonymous=%d\n", ml ? ml->perms : "-",
           ml && (strcmp(ml->name, "[heap]") == 0 || ml->name[0] == '\0'));
    show("brk page", brk_page, prog);
    show("anon", anon, prog);
    show("vdso", (void *)(uintptr_t)getauxval(AT_SYSINFO_EHDR), prog);

    const struct line *l = find(anon);
    printf("anon: whole=%d off=%lx dev=%02x:%02x ino=%lu trailing-space=%d\n",
           l && l->start <= (unsigned long)(uintptr_t)anon &&
               l->end >= (unsigned long)(uintptr_t)anon + 3 * pg,
           l ? l->off : 1ul, l ? l->maj : 1, l ? l->min : 1, l ? l->ino : 1ul,
           l ? l->name[-1] == ' ' && l->name[0] == '\0' : 0);

    l = find(fmap);
    printf("file: %s off=%lx pages=%lu dev-ok=%d ino-ok=%d name-ok=%d col=%d\n",
           l ? l->perms : "-", l ? l->off : 0ul, l ? (l->end - l->start) / (unsigned long)pg : 0ul,
           l && l->maj == major(st.st_dev) && l->min == minor(st.st_dev),
           l && l->ino == (unsigned long)st.st_ino, l && strcmp(l->name, path) == 0,
           l ? l->name_col : -1);
    l = find(smap);
    printf("shared file: %s off=%lx name-ok=%d\n", l ? l->perms : "-", l ? l->off : 1ul,
           l && strcmp(l->name, path) == 0);

    /* mprotect the middle page: three lines */
    mprotect(anon + pg, pg, PROT_READ);
    reread();
    const struct line *a = find(anon), *b = find(anon + pg), *c = find(anon + 2 * pg);
    printf("split: %s %s %s, middle is one page: %d\n", a ? a->perms : "-", b ? b->perms : "-",
           c ? c->perms : "-",
           b && b->start == (unsigned long)(uintptr_t)(anon + pg) &&
               b->end == (unsigned long)(uintptr_t)(anon + 2 * pg));
    munmap(anon + pg, pg);
    reread();
    printf("after munmap: middle listed %d, first %s, last %s\n", find(anon + pg) != NULL,
           find(anon) ? find(anon)->perms : "-", find(anon + 2 * pg) ? find(anon + 2 * pg)->perms : "-");

    /* well-formed: sorted, not overlapping, nothing named tern */
    int sorted = 1, tern = 0;
    for (int i = 0; i < nlines; i++) {
        if (i && lines[i].start < lines[i - 1].end)
            sorted = 0;
        if (lines[i].start >= lines[i].end)
            sorted = 0;
        const char *bn = base(lines[i].name);
        if (strcmp(bn, "tern") == 0 || strncmp(bn, "tern-", 5) == 0)
            tern = 1;
    }
    printf("sorted=%d tern-mapped=%d\n", sorted, tern);

    /* the same text through every name of this process (read twice into
     * fixed buffers: nothing allocates in between) */
    long n1 = read_all("/proc/self/maps", AT_FDCWD, text);
    char name[96];
    snprintf(name, sizeof name, "/proc/%d/maps", (int)getpid());
    long n2 = read_all(name, AT_FDCWD, text2);
    printf("pid maps same: %d\n", n1 > 0 && n1 == n2 && memcmp(text, text2, (size_t)n1) == 0);
    n2 = read_all("/proc/thread-self/maps", AT_FDCWD, text2);
    printf("thread-self maps same: %d\n", n1 == n2 && memcmp(text, text2, (size_t)n1) == 0);
    snprintf(name, sizeof name, "/proc/self/task/%ld/maps", (long)syscall(SYS_gettid));
    n2 = read_all(name, AT_FDCWD, text2);
    printf("task maps same: %d\n", n1 == n2 && memcmp(text, text2, (size_t)n1) == 0);
    n2 = read_all("/proc/self/../self//./maps", AT_FDCWD, text2);
    printf("dotted name maps same: %d\n", n1 == n2 && memcmp(text, text2, (size_t)n1) == 0);
    int dfd = open("/proc/self", O_RDONLY | O_DIRECTORY);
    n2 = read_all("maps", dfd, text2);
    printf("dirfd maps same: %d\n", n1 == n2 && memcmp(text, text2, (size_t)n1) == 0);
    char cwd[512];
    if (!getcwd(cwd, sizeof cwd) || fchdir(dfd) != 0)
        return 1;
    n2 = read_all("maps", AT_FDCWD, text2);
    printf("cwd maps same: %d\n", n1 == n2 && memcmp(text, text2, (size_t)n1) == 0);
    if (chdir(cwd) != 0)
        return 1;
    n2 = read_all("./maps//", dfd, text2);
    printf("maps/ : %s\n", n2 == -ENOTDIR ? "ENOTDIR" : "other");
    close(dfd);

    /* smaps: the same headers, with the kernel's counters */
    long ns = read_all("/proc/self/smaps", AT_FDCWD, text2);
    parse(text);
    int headers = 0, match = 1;
    const char *want = NULL;
    for (char *s = text2; ns > 0 && *s;) {
        char *nl = strchr(s, '\n');
        if (nl)
            *nl = '\0';
        if ((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')) {
            unsigned long st0 = strtoul(s, NULL, 16);
            if (headers < nlines && lines[headers].start != st0)
                match = 0;
            headers++;
        } else if (strncmp(s, "Size:", 5) == 0 && headers && headers <= nlines) {
            const struct line *h = &lines[headers - 1];
            unsigned long kb = strtoul(s + 5, NULL, 10);
            if (kb != (h->end - h->start) / 1024 || strlen(s) != 27)
                match = 0;
        } else if (strncmp(s, "VmFlags:", 8) == 0 && headers && headers <= nlines) {
            const struct line *h = &lines[headers - 1];
            char rd = strstr(s, " rd ") ? 'r' : '-', wr = strstr(s, " wr ") ? 'w' : '-';
            char ex = strstr(s, " ex ") ? 'x' : '-';
            if (rd != h->perms[0] || wr != h->perms[1] || ex != h->perms[2])
                match = 0;
            if ((uintptr_t)&local >= h->start && (uintptr_t)&local < h->end)
                want = strstr(s, " gd ") ? "stack has gd" : "stack lacks gd";
        }
        s = nl ? nl + 1 : s + strlen(s);
    }
    printf("smaps: headers=%s sizes/flags agree=%d %s\n", headers == nlines ? "all" : "differ",
           match, want ? want : "no stack");

    /* errors */
    errno = 0;
    printf("O_DIRECTORY: %s\n", open("/proc/self/maps", O_RDONLY | O_DIRECTORY) < 0 &&
           errno == ENOTDIR ? "ENOTDIR" : "other");
    int mfd = open("/proc/self/maps", O_RDONLY);
    errno = 0;
    printf("write: %s\n", write(mfd, "x", 1) < 0 && errno == EBADF ? "EBADF" : "other");
    char c4[4];
    printf("pread at 0: %ld\n", (long)pread(mfd, c4, 4, 0));
    printf("lseek: %ld\n", (long)lseek(mfd, 0, SEEK_SET));
    close(mfd);
    errno = 0;
    char *volatile bad = (char *)8;
    printf("bad path: %s\n", open(bad, O_RDONLY) < 0 && errno == EFAULT ? "EFAULT" : "other");
    unlink(path);
    return 0;
}
