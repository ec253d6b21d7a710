/* procfs.c — /proc as the guest should see it: the files that describe the
 * process describe the guest program, not tern, and /proc/cpuinfo describes
 * the guest cpu (the -cpu model) as Linux prints it on that architecture.
 *
 * Emulated (for /proc/self, /proc/thread-self, /proc/<own pid> and
 * /proc/.../task/<own tid>):
 *   exe      readlink: the guest program (the name of the file the loader
 *            opened, proc->layout.exe);
 *            open/stat follow it there (fs.c/stat.c through procfs_lookup),
 *            lstat is the host's link itself (a symlink, as the kernel shows)
 *   cmdline  the guest's argv strings, read from guest memory as the kernel
 *            does (so a guest rewriting its argv area changes it)
 *   environ  the initial environment strings, from guest memory likewise
 *            (the guest's, which -E/-U may have made differ from tern's)
 *   auxv     the auxv loader/stack.c built (proc->layout)
 *   maps     the guest mm's mappings only; the file identity (name, offset,
 *   smaps    device, inode) of each piece comes from the host's own listing of
 *            the same addresses (guest address == host address), so file,
 *            memfd, shared-anonymous and deleted-file names are the kernel's;
 *            [heap] is the brk area, [stack] the mapping holding the initial
 *            sp, [vdso] the guest vDSO (loader/vdso.c; no [vvar]). Names are the host's (with -L, the sysroot prefix stays:
 *            the same names /proc/self/exe gives, and the guest can open
 *            them). smaps counters are the host's for those pages (scaled where
 *            a host mapping is only partly a guest line); VmFlags has the
 *            guest's rd/wr/ex, gd for the stack, the rest the host's.
 *   stat     the host's line with the fields that would describe tern
 *            replaced: vsize (guest mappings), startcode, endcode, startstack,
 *            blocked/sigignore/sigcatch (the guest's; blocked is the
 *            calling thread's mask), start_data .. env_end.
 *            Passed through: pid, comm (tern names the task after the guest
 *            program at start-up), state, ppid, pgrp, session, tty, flags,
 *            fault counts, times, priority, nice, threads, starttime, rss
 *            and rsslim (tern's pages, including its code cache), pending
 *            signals, wchan, exit_signal, processor, policy, delay, gtime,
 *            exit_code.
 *   status   likewise: VmPeak/VmSize/VmData/VmStk/VmExe/VmLib from the guest
 *            mappings (VmPeak = VmSize: no peak is tracked), SigBlk/SigIgn/
 *            SigCgt from the guest; x86-only lines (x86_*) dropped; the rest
 *            (Name, ids, VmRSS and Rss*, VmHWM, threads, capabilities...) is
 *            the host's.
 * and /proc/cpuinfo, one block per online host cpu, per guest architecture
 * (cpuinfo_writers[]). Everything else under /proc is the host's.
 *
 * An emulated file is generated when opened, into a memfd that is reopened
 * read-only (writes fail with EBADF; the kernel's proc files refuse them
 * too). The host path is opened first with the guest's flags, so permission
 * and flag errors are the host kernel's.
 *
 * Invariants: no state; guest memory is read only after guest_access_len says
 * the guest may read it; the maps listing never shows an address the guest
 * mm does not record (tern's code, heap and code cache stay invisible).
 */
#include <elf.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "frontends/aarch64/a64_internal.h"
#include "frontends/riscv64/riscv64.h"
#include "runner/signal.h"
#include "syscalls/procfs.h"
#include "syscalls/sc.h"

/* ---------------- a growing text buffer ---------------- */

struct pbuf {
    char *p;
    size_t len, cap;
    bool oom;
};

static void pb_add(struct pbuf *b, const void *d, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *np = realloc(b->p, cap);
        if (!np) {
            b->oom = true;
            return;
        }
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->len, d, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void pb_str(struct pbuf *b, const char *s)
{
    pb_add(b, s, strlen(s));
}

__attribute__((format(printf, 2, 3)))
static void pb_printf(struct pbuf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        pb_add(b, tmp, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        b->oom = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    pb_add(b, big, (size_t)n);
    free(big);
}

/* the whole host file at path; 0 or -errno */
static long host_read_file(const char *path, struct pbuf *b)
{
    long fd = HSYS(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0);
    if (fd < 0)
        return fd;
    char tmp[8192];
    long r;
    while ((r = HSYS(SYS_read, (int)fd, tmp, sizeof tmp)) > 0)
        pb_add(b, tmp, (size_t)r);
    (void)HSYS(SYS_close, (int)fd);
    if (r < 0)
        return r;
    if (!b->p)
        pb_add(b, "", 0);
    return b->oom ? -ENOMEM : 0;
}

/* ---------------- names ---------------- */

enum pf_kind { PF_NONE, PF_EXE, PF_CMDLINE, PF_ENVIRON, PF_AUXV, PF_MAPS, PF_SMAPS,
               PF_STAT, PF_STATUS, PF_CPUINFO };

/* entries of a process directory that describe the guest */
static const struct {
    const char *name;
    enum pf_kind kind;
} pf_entries[] = {
    /* name       kind */
    { "exe",      PF_EXE },
    { "cmdline",  PF_CMDLINE },
    { "environ",  PF_ENVIRON },
    { "auxv",     PF_AUXV },
    { "maps",     PF_MAPS },
    { "smaps",    PF_SMAPS },
    { "stat",     PF_STAT },
    { "status",   PF_STATUS },
};

static enum pf_kind entry_kind(const char *name)
{
    for (size_t i = 0; i < sizeof pf_entries / sizeof pf_entries[0]; i++)
        if (strcmp(pf_entries[i].name, name) == 0)
            return pf_entries[i].kind;
    return PF_NONE;
}

bool procfs_is_proc(const char *path)
{
    return strncmp(path, "/proc", 5) == 0 && (path[5] == '\0' || path[5] == '/');
}

/* a decimal component of p (up to '/'), or -1 */
static long number_at(const char *p, const char **end)
{
    long v = 0;
    const char *q = p;
    while (*q >= '0' && *q <= '9' && v < 1000000000)
        v = v * 10 + (*q++ - '0');
    if (q == p || *q != '/')
        return -1;
    *end = q + 1;
    return v;
}

/* What an absolute path names: one of ours, or PF_NONE. The name is first
 * normalised into norm (PATH_MAX): repeated slashes, "." and ".." components
 * go, as the kernel's lookup resolves them; norm is then a valid host name
 * for it. */
static enum pf_kind classify(const char *path, char *norm)
{
    size_t plen = strlen(path);
    /* "maps/" is ENOTDIR on the kernel: the host says so */
    if (!procfs_is_proc(path) || path[plen - 1] == '/')
        return PF_NONE;
    size_t n = 0;
    for (const char *s = path; *s;) {
        if (*s == '/') {
            while (*s == '/')
                s++;
            if (s[0] == '.' && (s[1] == '/' || s[1] == '\0')) {
                s++;
                continue;
            }
            if (s[0] == '.' && s[1] == '.' && (s[2] == '/' || s[2] == '\0')) {
                /* lexically: no name under /proc that we emulate passes
                 * through a symlink other than self and thread-self, whose
                 * parent is /proc either way */
                while (n > 0 && norm[n - 1] != '/')
                    n--;
                if (n > 0)
                    n--;
                s += 2;
                continue;
            }
            if (n + 1 >= PATH_MAX)
                return PF_NONE;
            norm[n++] = '/';
            continue;
        }
        if (n + 1 >= PATH_MAX)
            return PF_NONE;
        norm[n++] = *s++;
    }
    norm[n] = '\0';
    const char *p = norm + 6;     /* after "/proc/" */
    if (n < 6)
        return PF_NONE;
    if (strcmp(p, "cpuinfo") == 0)
        return PF_CPUINFO;
    const char *rest;
    if (strncmp(p, "self/", 5) == 0) {
        rest = p + 5;
    } else if (strncmp(p, "thread-self/", 12) == 0) {
        rest = p + 12;
    } else {
        long pid = number_at(p, &rest);
        if (pid < 0)
            return PF_NONE;
        if (pid != (long)getpid()) {
            /* /proc/<tid> of one of our threads is ours too (not listed,
             * but the kernel finds it); any other pid is the host's */
            char dir[48];
            if (entry_kind(rest) == PF_NONE && strncmp(rest, "task/", 5) != 0)
                return PF_NONE;
            snprintf(dir, sizeof dir, "/proc/self/task/%ld", pid);
            if (HSYS(SYS_faccessat, AT_FDCWD, dir, F_OK) < 0)
                return PF_NONE;
        }
    }
    if (strncmp(rest, "task/", 5) == 0) {
        const char *after;
        if (number_at(rest + 5, &after) < 0)
            return PF_NONE;
        enum pf_kind k = entry_kind(after);
        if (k == PF_NONE)
            return PF_NONE;
        /* only our own threads: another process's tid is not there */
        char dir[PATH_MAX];
        size_t dl = (size_t)(after - 1 - norm);
        memcpy(dir, norm, dl);
        dir[dl] = '\0';
        if (HSYS(SYS_faccessat, AT_FDCWD, dir, F_OK) < 0)
            return PF_NONE;
        return k;
    }
    return entry_kind(rest);
}

/* The absolute name (dirfd, path) stands for, into buf (PATH_MAX), when it
 * could be one of ours: relative names are resolved only when their last
 * component is an emulated entry name (one readlink or getcwd then), so
 * ordinary relative lookups cost nothing. NULL when it cannot be ours. */
static const char *absolute_name(int dirfd, const char *path, char *buf)
{
    if (path[0] == '/')
        return path;
    const char *last = strrchr(path, '/');
    last = last ? last + 1 : path;
    if (entry_kind(last) == PF_NONE && strcmp(last, "cpuinfo") != 0)
        return NULL;
    char dir[PATH_MAX];
    long r;
    if (dirfd == AT_FDCWD) {
        r = HSYS(SYS_getcwd, dir, sizeof dir);
        if (r <= 0)
            return NULL;
        r = (long)strlen(dir);
    } else {
        char link[40];
        snprintf(link, sizeof link, "/proc/self/fd/%d", dirfd);
        r = HSYS(SYS_readlinkat, AT_FDCWD, link, dir, sizeof dir - 1);
        if (r <= 0)
            return NULL;
        dir[r] = '\0';
    }
    if (!procfs_is_proc(dir))
        return NULL;
    if (snprintf(buf, PATH_MAX, "%s/%s", dir, path) >= PATH_MAX)
        return NULL;
    return buf;
}

/* absolute path of the guest program into buf; length or -errno */
static long exe_path(struct cpu *cpu, char *buf)
{
    const char *known = cpu->proc->layout.exe;
    if (known && strlen(known) < PATH_MAX) {
        strcpy(buf, known);
        return (long)strlen(buf);
    }
    const char *exe = cpu->proc->exe_path;
    if (!exe)
        return -ENOENT;
    if (!realpath(exe, buf))
        return -errno;
    return (long)strlen(buf);
}

long procfs_lookup(struct cpu *cpu, const char *path, char *buf, const char **out)
{
    char norm[PATH_MAX];
    if (path[0] != '/' || classify(path, norm) != PF_EXE)
        return 0;
    long r = exe_path(cpu, buf);
    if (r < 0)
        return r;
    *out = buf;
    return 1;
}

bool procfs_names_exe(const char *path)
{
    char norm[PATH_MAX];
    return path[0] == '/' && classify(path, norm) == PF_EXE;
}

bool procfs_readlink(struct cpu *cpu, int dirfd, const char *path, uint64_t gbuf,
                     uint64_t n, long *ret)
{
    char abuf[PATH_MAX], norm[PATH_MAX], target[PATH_MAX];
    const char *abs = absolute_name(dirfd, path, abuf);
    if (!abs || classify(abs, norm) != PF_EXE)
        return false;
    long r = exe_path(cpu, target);
    if (r >= 0) {
        if ((uint64_t)r > n)
            r = (long)n;
        memcpy((void *)(uintptr_t)gbuf, target, (size_t)r);
    }
    *ret = r;
    return true;
}

/* ---------------- the guest's mappings ---------------- */

/* a copy of the guest mm's vmas; count, or -ENOMEM */
static long snapshot_vmas(struct cpu *cpu, struct guest_vma **out)
{
    struct guest_mm *mm = &cpu->proc->mm;
    size_t cap = 64;
    for (;;) {
        struct guest_vma *v = malloc(cap * sizeof *v);
        if (!v)
            return -ENOMEM;
        size_t n = guest_vmas_in(mm, 0, UINT64_MAX, v, cap);
        if (n <= cap) {
            *out = v;
            return (long)n;
        }
        free(v);
        cap = n + 16;     /* another thread may be mapping: retry larger */
    }
}

/* one line of the host's maps (and, for smaps, the counter lines after it) */
struct host_map {
    uint64_t start, end, off, ino;
    unsigned maj, min;
    bool shared;
    const char *name;         /* NULL: anonymous */
    size_t name_len;
    const char *body;         /* smaps lines after the header */
    size_t body_len;
};

/* parse the host's maps or smaps text in place; count or -ENOMEM */
static long parse_host_maps(char *text, struct host_map **out)
{
    size_t cap = 64, n = 0;
    struct host_map *h = malloc(cap * sizeof *h);
    if (!h)
        return -ENOMEM;
    for (char *line = text; *line;) {
        char *nl = strchr(line, '\n');
        char *next = nl ? nl + 1 : line + strlen(line);
        bool header = (*line >= '0' && *line <= '9') || (*line >= 'a' && *line <= 'f');
        if (!header) {
            if (n)
                h[n - 1].body_len = (size_t)(next - h[n - 1].body);
            line = next;
            continue;
        }
        if (n == cap) {
            struct host_map *nh = realloc(h, 2 * cap * sizeof *h);
            if (!nh) {
                free(h);
                return -ENOMEM;
            }
            h = nh;
            cap *= 2;
        }
        struct host_map *m = &h[n];
        memset(m, 0, sizeof *m);
        char perms[8] = "";
        unsigned long long s, e, off, ino;
        int used = 0;
        if (sscanf(line, "%llx-%llx %7s %llx %x:%x %llu %n", &s, &e, perms, &off,
                   &m->maj, &m->min, &ino, &used) < 7) {
            line = next;
            continue;
        }
        m->start = s;
        m->end = e;
        m->off = off;
        m->ino = ino;
        m->shared = perms[3] == 's';
        const char *name = line + used;
        const char *end = nl ? nl : next;
        /* bracketed names ([heap], [stack]...) are the host's labels for
         * tern's own memory, except the names a guest gave its anonymous
         * memory (prctl PR_SET_VMA_ANON_NAME: [anon:...], [anon_shmem:...]) */
        if (name < end && (*name != '[' || strncmp(name, "[anon", 5) == 0)) {
            m->name = name;
            m->name_len = (size_t)(end - name);
        }
        m->body = next;
        n++;
        line = next;
    }
    *out = h;
    return (long)n;
}

/* one output line of maps/smaps */
struct piece {
    uint64_t start, end, off, ino;
    unsigned maj, min;
    int prot;
    bool shared, file;
    const char *name;         /* file name (not NUL-terminated) or label */
    size_t name_len;
    size_t host_first, host_last;  /* host lines it covers (smaps counters) */
};

static bool can_join(const struct piece *a, const struct piece *b)
{
    return a->end == b->start && a->prot == b->prot && a->shared == b->shared &&
           a->file == b->file && a->maj == b->maj && a->min == b->min && a->ino == b->ino &&
           a->name_len == b->name_len &&
           (a->name_len == 0 || memcmp(a->name, b->name, a->name_len) == 0) &&
           (!a->file || a->off + (a->end - a->start) == b->off);
}

struct maps_ctx {
    struct cpu *cpu;
    struct pbuf *out;
    bool smaps;
    const struct host_map *host;
    size_t nhost;
    struct piece cur;
    bool have;
};

static void emit_piece(struct maps_ctx *c, const struct piece *p);

static void add_piece(struct maps_ctx *c, const struct piece *p)
{
    if (c->have && can_join(&c->cur, p)) {
        c->cur.end = p->end;
        if (p->host_last > c->cur.host_last)
            c->cur.host_last = p->host_last;
        return;
    }
    if (c->have)
        emit_piece(c, &c->cur);
    c->cur = *p;
    c->have = true;
}

/* the pieces of guest range [s, e) with prot and label (NULL: the host's
 * file name, if any) */
static void add_range(struct maps_ctx *c, size_t *hi, uint64_t s, uint64_t e, int prot,
                      bool guest_shared, const char *label)
{
    const struct host_map *h = c->host;
    size_t k = *hi;
    while (k < c->nhost && h[k].end <= s)
        k++;
    *hi = k;
    uint64_t cur = s;
    while (cur < e) {
        struct piece p = { .start = cur, .prot = prot, .shared = guest_shared,
                           .host_first = k, .host_last = k };
        if (k < c->nhost && h[k].start <= cur) {
            p.end = h[k].end < e ? h[k].end : e;
            p.shared = h[k].shared;
            if (h[k].name || h[k].ino) {
                p.file = true;
                p.off = h[k].off + (cur - h[k].start);
                p.maj = h[k].maj;
                p.min = h[k].min;
                p.ino = h[k].ino;
                p.name = h[k].name;
                p.name_len = h[k].name_len;
            }
        } else {
            /* not in the host listing (it changed under us): anonymous */
            p.end = (k < c->nhost && h[k].start < e) ? h[k].start : e;
            p.host_first = p.host_last = SIZE_MAX;
        }
        if (label) {
            p.name = label;
            p.name_len = strlen(label);
        }
        add_piece(c, &p);
        cur = p.end;
        if (k < c->nhost && h[k].end <= cur)
            k++;
    }
}

/* ---- smaps counters ---- */

#define SMAPS_KEYS 40

/* the VmFlags mnemonics the kernel prints first, in its (bit) order; the
 * guest decides rd/wr/ex and gd, the host the others */
static const char *const vmflags_head[] = { "rd", "wr", "ex", "sh", "mr", "mw", "me", "ms", "gd" };

static bool has_token(const char *list, size_t len, const char *tok)
{
    size_t tl = strlen(tok);
    for (size_t i = 0; i + tl <= len; i++)
        if ((i == 0 || list[i - 1] == ' ') && memcmp(list + i, tok, tl) == 0 &&
            (i + tl == len || list[i + tl] == ' ' || list[i + tl] == '\n'))
            return true;
    return false;
}

static void emit_smaps_body(struct maps_ctx *c, const struct piece *p, bool stack)
{
    char keys[SMAPS_KEYS][24];      /* keys are shorter than 23 (checked) */
    uint64_t vals[SMAPS_KEYS];
    bool sum[SMAPS_KEYS];
    int nk = 0;
    const char *vmflags = NULL;
    size_t vmflags_len = 0;
    if (p->host_first != SIZE_MAX) {
        for (size_t k = p->host_first; k <= p->host_last && k < c->nhost; k++) {
            const struct host_map *h = &c->host[k];
            uint64_t s = h->start > p->start ? h->start : p->start;
            uint64_t e = h->end < p->end ? h->end : p->end;
            if (e <= s)
                continue;
            uint64_t part = e - s, whole = h->end - h->start;
            for (const char *l = h->body; l < h->body + h->body_len;) {
                const char *nl = memchr(l, '\n', (size_t)(h->body + h->body_len - l));
                const char *le = nl ? nl : h->body + h->body_len;
                const char *colon = memchr(l, ':', (size_t)(le - l));
                if (!colon || colon - l >= 23) {
                    l = nl ? nl + 1 : le;
                    continue;
                }
                size_t kl = (size_t)(colon - l);
                if (kl == 7 && memcmp(l, "VmFlags", 7) == 0) {
                    if (!vmflags) {
                        vmflags = colon + 1;
                        vmflags_len = (size_t)(le - vmflags);
                    }
                } else if (!(kl == 13 && memcmp(l, "ProtectionKey", 13) == 0)) {
                    /* ProtectionKey is x86's (pkeys); Size is the guest's */
                    int i;
                    for (i = 0; i < nk; i++)
                        if (strlen(keys[i]) == kl && memcmp(keys[i], l, kl) == 0)
                            break;
                    if (i == nk && nk < SMAPS_KEYS) {
                        memcpy(keys[nk], l, kl);
                        keys[nk][kl] = '\0';
                        vals[nk] = 0;
                        /* page sizes and flags are not amounts */
                        sum[nk] = strstr(keys[nk], "PageSize") == NULL &&
                                  strcmp(keys[nk], "THPeligible") != 0;
                        nk++;
                    }
                    if (i < nk) {
                        uint64_t v = strtoull(colon + 1, NULL, 10);
                        if (!sum[i])
                            vals[i] = v;
                        else if (part == whole)
                            vals[i] += v;
                        else    /* a host mapping only partly this line */
                            vals[i] += (uint64_t)((unsigned __int128)v * part / whole) & ~3ull;
                    }
                }
                l = nl ? nl + 1 : le;
            }
        }
    }
    if (nk == 0) {
        /* nothing from the host: the sizes at least */
        strcpy(keys[0], "Size");
        strcpy(keys[1], "KernelPageSize");
        strcpy(keys[2], "MMUPageSize");
        vals[1] = vals[2] = 4;
        sum[0] = true;
        sum[1] = sum[2] = false;
        nk = 3;
    }
    for (int i = 0; i < nk; i++) {
        char label[32];
        size_t kl = strnlen(keys[i], 23);
        memcpy(label, keys[i], kl);
        label[kl] = ':';
        label[kl + 1] = '\0';
        if (strcmp(keys[i], "Size") == 0)
            vals[i] = (p->end - p->start) >> 10;
        if (strcmp(keys[i], "THPeligible") == 0)
            pb_printf(c->out, "%-16s%8" PRIu64 "\n", label, vals[i]);
        else
            pb_printf(c->out, "%-16s%8" PRIu64 " kB\n", label, vals[i]);
    }
    pb_str(c->out, "VmFlags: ");
    bool want[9] = {
        p->prot & PROT_READ, p->prot & PROT_WRITE, p->prot & PROT_EXEC, false,
        false, false, false, false, stack,
    };
    for (int i = 3; i < 8; i++)
        want[i] = vmflags ? has_token(vmflags, vmflags_len, vmflags_head[i]) : false;
    if (!vmflags) {
        want[3] = want[7] = p->shared;
        want[4] = want[5] = want[6] = true;
    }
    for (int i = 0; i < 9; i++)
        if (want[i])
            pb_printf(c->out, "%s ", vmflags_head[i]);
    for (size_t i = 0; vmflags && i < vmflags_len;) {
        while (i < vmflags_len && (vmflags[i] == ' ' || vmflags[i] == '\n'))
            i++;
        size_t j = i;
        while (j < vmflags_len && vmflags[j] != ' ' && vmflags[j] != '\n')
            j++;
        if (j > i) {
            bool head = false;
            for (int t = 0; t < 9; t++)
                head |= strlen(vmflags_head[t]) == j - i &&
                        memcmp(vmflags_head[t], vmflags + i, j - i) == 0;
            if (!head) {
                pb_add(c->out, vmflags + i, j - i);
                pb_str(c->out, " ");
            }
        }
        i = j;
    }
    pb_str(c->out, "\n");
}

/* the kernel's line: fixed fields, then the name from column 73 */
static void emit_piece(struct maps_ctx *c, const struct piece *p)
{
    char line[160];
    int n = snprintf(line, sizeof line,
                     "%08" PRIx64 "-%08" PRIx64 " %c%c%c%c %08" PRIx64 " %02x:%02x %" PRIu64 " ",
                     p->start, p->end,
                     (p->prot & PROT_READ) ? 'r' : '-', (p->prot & PROT_WRITE) ? 'w' : '-',
                     (p->prot & PROT_EXEC) ? 'x' : '-', p->shared ? 's' : 'p',
                     p->file ? p->off : 0, p->maj, p->min, p->ino);
    pb_add(c->out, line, (size_t)n);
    if (p->name_len) {
        static const char spaces[] = "                                                                        ";
        if (n < 72)
            pb_add(c->out, spaces, (size_t)(72 - n));
        pb_str(c->out, " ");
        pb_add(c->out, p->name, p->name_len);
    }
    pb_str(c->out, "\n");
    if (c->smaps) {
        bool stack = p->name_len == 7 && memcmp(p->name, "[stack]", 7) == 0;
        emit_smaps_body(c, p, stack);
    }
}

static long gen_maps(struct cpu *cpu, struct pbuf *out, bool smaps)
{
    struct pbuf host = { 0 };
    long r = host_read_file(smaps ? "/proc/self/smaps" : "/proc/self/maps", &host);
    if (r < 0) {
        free(host.p);
        return r;
    }
    struct host_map *hm = NULL;
    long nh = parse_host_maps(host.p, &hm);
    struct guest_vma *v = NULL;
    long nv = nh < 0 ? nh : snapshot_vmas(cpu, &v);
    if (nh < 0 || nv < 0) {
        free(host.p);
        free(hm);
        return nh < 0 ? nh : nv;
    }
    struct guest_mm *mm = &cpu->proc->mm;
    pthread_mutex_lock(&mm->lock);
    uint64_t brk_lo = mm->brk_start, brk_hi = mm->brk_end_reserved;
    pthread_mutex_unlock(&mm->lock);
    uint64_t sp0 = cpu->proc->layout.start_stack;
    uint64_t vdso_lo = cpu->proc->vdso_base, vdso_hi = vdso_lo + cpu->proc->vdso_size;

    struct maps_ctx c = { .cpu = cpu, .out = out, .smaps = smaps, .host = hm,
                          .nhost = (size_t)nh };
    size_t hi = 0;
    for (long i = 0; i < nv; i++) {
        uint64_t s = v[i].start, e = v[i].end;
        bool shared = (v[i].flags & MAP_TYPE) != MAP_PRIVATE;
        bool stack = sp0 ? (s <= sp0 && sp0 <= e) : (v[i].flags & MAP_GROWSDOWN) != 0;
        /* split at the brk area ([heap]) and the vDSO ([vdso]) */
        uint64_t cuts[6] = { s, e };
        int nc = 2;
        const uint64_t marks[4] = { brk_lo, brk_hi, vdso_lo, vdso_hi };
        for (int k = 0; k < 4; k++)
            if (marks[k] > s && marks[k] < e)
                cuts[nc++] = marks[k];
        for (int x = 1; x < nc; x++)        /* sort the few cut points */
            for (int y = x; y > 0 && cuts[y] < cuts[y - 1]; y--) {
                uint64_t t = cuts[y];
                cuts[y] = cuts[y - 1];
                cuts[y - 1] = t;
            }
        for (int k = 0; k + 1 < nc; k++) {
            uint64_t a0 = cuts[k], a1 = cuts[k + 1];
            if (a1 <= a0)
                continue;
            const char *label = stack ? "[stack]" : NULL;
            if (brk_hi > brk_lo && a0 >= brk_lo && a1 <= brk_hi)
                label = "[heap]";
            if (vdso_hi > vdso_lo && a0 >= vdso_lo && a1 <= vdso_hi)
                label = "[vdso]";
            add_range(&c, &hi, a0, a1, v[i].prot, shared, label);
        }
    }
    if (c.have)
        emit_piece(&c, &c.cur);
    free(v);
    free(hm);
    free(host.p);
    return out->oom ? -ENOMEM : 0;
}

/* ---------------- stat and status ---------------- */

struct vm_totals {
    uint64_t size, data, stack, exec;   /* bytes */
};

static long vm_totals(struct cpu *cpu, struct vm_totals *t)
{
    struct guest_vma *v;
    long n = snapshot_vmas(cpu, &v);
    if (n < 0)
        return n;
    memset(t, 0, sizeof *t);
    uint64_t sp0 = cpu->proc->layout.start_stack;
    for (long i = 0; i < n; i++) {
        uint64_t len = v[i].end - v[i].start;
        bool stack = sp0 ? (v[i].start <= sp0 && sp0 <= v[i].end)
                         : (v[i].flags & MAP_GROWSDOWN) != 0;
        bool shared = (v[i].flags & MAP_TYPE) != MAP_PRIVATE;
        t->size += len;
        /* the kernel's stack_vm, data_vm and exec_vm */
        if (stack)
            t->stack += len;
        else if ((v[i].prot & PROT_WRITE) && !shared)
            t->data += len;
        else if ((v[i].prot & PROT_EXEC) && !(v[i].prot & PROT_WRITE))
            t->exec += len;
    }
    free(v);
    return 0;
}

/* signals the guest ignores / catches, as sigsets (bit s-1 for signal s) */
static void guest_sig_sets(struct cpu *cpu, uint64_t *ign, uint64_t *cgt)
{
    *ign = *cgt = 0;
    for (int s = 1; s <= 64; s++) {
        uint64_t h = cpu->proc->sigact[s].handler;
        if (h == GSIG_IGN)
            *ign |= 1ull << (s - 1);
        else if (h != GSIG_DFL)
            *cgt |= 1ull << (s - 1);
    }
}

static long gen_stat(struct cpu *cpu, const char *host_path, struct pbuf *out)
{
    struct pbuf host = { 0 };
    long r = host_read_file(host_path, &host);
    struct vm_totals t;
    if (r == 0)
        r = vm_totals(cpu, &t);
    if (r < 0) {
        free(host.p);
        return r;
    }
    char *paren = strrchr(host.p, ')');
    if (!paren) {
        free(host.p);
        return -EIO;
    }
    const struct guest_layout *l = &cpu->proc->layout;
    uint64_t ign, cgt, brk;
    guest_sig_sets(cpu, &ign, &cgt);
    pthread_mutex_lock(&cpu->proc->mm.lock);
    brk = cpu->proc->mm.brk_start;
    pthread_mutex_unlock(&cpu->proc->mm.lock);
    /* fields by number (man 5 proc), the first after the comm is 3 */
    struct { int field; uint64_t value; } repl[] = {
        /* field value */
        { 23, t.size },
        { 26, l->start_code },
        { 27, l->end_code },
        { 28, l->start_stack },
        { 32, cpu->sigmask },
        { 33, ign },
        { 34, cgt },
        { 45, l->start_data },
        { 46, l->end_data },
        { 47, brk },
        { 48, l->arg_start },
        { 49, l->arg_end },
        { 50, l->env_start },
        { 51, l->env_end },
    };
    pb_add(out, host.p, (size_t)(paren + 1 - host.p));
    int field = 3;
    for (char *s = paren + 1; *s && *s != '\n';) {
        while (*s == ' ')
            pb_add(out, s++, 1);
        char *e = s;
        while (*e && *e != ' ' && *e != '\n')
            e++;
        if (e == s)
            break;
        bool done = false;
        for (size_t i = 0; i < sizeof repl / sizeof repl[0]; i++)
            if (repl[i].field == field) {
                pb_printf(out, "%" PRIu64, repl[i].value);
                done = true;
            }
        if (!done)
            pb_add(out, s, (size_t)(e - s));
        field++;
        s = e;
    }
    pb_str(out, "\n");
    free(host.p);
    return out->oom ? -ENOMEM : 0;
}

static long gen_status(struct cpu *cpu, const char *host_path, struct pbuf *out)
{
    struct pbuf host = { 0 };
    long r = host_read_file(host_path, &host);
    struct vm_totals t;
    if (r == 0)
        r = vm_totals(cpu, &t);
    if (r < 0) {
        free(host.p);
        return r;
    }
    const struct guest_layout *l = &cpu->proc->layout;
    uint64_t ign, cgt;
    guest_sig_sets(cpu, &ign, &cgt);
    uint64_t exe = l->end_code > l->start_code
        ? PAGE_UP(l->end_code) - PAGE_DOWN(l->start_code) : 0;
    uint64_t lib = t.exec > exe ? t.exec - exe : 0;
    /* Columns: key, value in kB (vm) or as a sigset (sig) */
    struct { const char *key; uint64_t value; bool sig; } repl[] = {
        /* key       value                  sig */
        { "VmPeak",  t.size >> 10,          false },
        { "VmSize",  t.size >> 10,          false },
        { "VmData",  t.data >> 10,          false },
        { "VmStk",   t.stack >> 10,         false },
        { "VmExe",   exe >> 10,             false },
        { "VmLib",   lib >> 10,             false },
        { "SigBlk",  cpu->sigmask,          true },
        { "SigIgn",  ign,                   true },
        { "SigCgt",  cgt,                   true },
    };
    for (char *line = host.p; *line;) {
        char *nl = strchr(line, '\n');
        char *next = nl ? nl + 1 : line + strlen(line);
        char *colon = strchr(line, ':');
        bool done = false;
        if (strncmp(line, "x86_", 4) == 0)
            done = true;      /* an arm64 or riscv kernel has no such lines */
        for (size_t i = 0; !done && colon && colon < next && i < sizeof repl / sizeof repl[0]; i++) {
            size_t kl = strlen(repl[i].key);
            if ((size_t)(colon - line) != kl || strncmp(line, repl[i].key, kl) != 0)
                continue;
            if (repl[i].sig)
                pb_printf(out, "%s:\t%016" PRIx64 "\n", repl[i].key, repl[i].value);
            else
                pb_printf(out, "%s:\t%8" PRIu64 " kB\n", repl[i].key, repl[i].value);
            done = true;
        }
        if (!done)
            pb_add(out, line, (size_t)(next - line));
        line = next;
    }
    free(host.p);
    return out->oom ? -ENOMEM : 0;
}

/* ---------------- cmdline and auxv ---------------- */

static long gen_cmdline(struct cpu *cpu, struct pbuf *out)
{
    const struct guest_layout *l = &cpu->proc->layout;
    if (l->arg_end <= l->arg_start) {
        /* no recorded layout: the argv tern was given */
        const struct tern_options *o = &cpu->proc->opts;
        for (int i = 0; i < o->guest_argc; i++)
            pb_add(out, o->guest_argv[i], strlen(o->guest_argv[i]) + 1);
        return out->oom ? -ENOMEM : 0;
    }
    uint64_t len = l->arg_end - l->arg_start;
    uint64_t ok = guest_access_len(cpu, l->arg_start, len, PROT_READ);
    const char *a = (const char *)(uintptr_t)l->arg_start;
    if (ok == len && a[len - 1] != '\0') {
        /* the guest overwrote the NUL that ends its args (setproctitle): the
         * kernel then shows one string, up to a NUL within the first page */
        uint64_t max = GUEST_PAGE_SIZE - (l->arg_start & (GUEST_PAGE_SIZE - 1));
        uint64_t n = guest_access_len(cpu, l->arg_start, max, PROT_READ);
        pb_add(out, a, strnlen(a, (size_t)n));
    } else {
        pb_add(out, a, (size_t)ok);
    }
    if (!out->p)
        pb_add(out, "", 0);
    return out->oom ? -ENOMEM : 0;
}

/* the initial environment strings, read from guest memory like cmdline */
static long gen_environ(struct cpu *cpu, struct pbuf *out)
{
    const struct guest_layout *l = &cpu->proc->layout;
    if (l->env_end > l->env_start) {
        uint64_t n = guest_access_len(cpu, l->env_start, l->env_end - l->env_start, PROT_READ);
        pb_add(out, (const void *)(uintptr_t)l->env_start, (size_t)n);
    }
    if (!out->p)
        pb_add(out, "", 0);
    return out->oom ? -ENOMEM : 0;
}

static long gen_auxv(struct cpu *cpu, struct pbuf *out)
{
    const struct guest_layout *l = &cpu->proc->layout;
    pb_add(out, l->auxv, (size_t)l->auxv_words * 8);
    return out->oom ? -ENOMEM : 0;
}

/* ---------------- cpuinfo ---------------- */

/* aarch64 Features names by AT_HWCAP bit, then AT_HWCAP2 bit
 * (asm/hwcap.h order, the kernel's spelling) */
static const char *const a64_hwcap_names[32] = {
    "fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32",
    "atomics", "fphp", "asimdhp", "cpuid", "asimdrdm", "jscvt", "fcma", "lrcpc",
    "dcpop", "sha3", "sm3", "sm4", "asimddp", "sha512", "sve", "asimdfhm",
    "dit", "uscat", "ilrcpc", "flagm", "ssbs", "sb", "paca", "pacg",
};
static const char *const a64_hwcap2_names[34] = {
    "dcpodp", "sve2", "sveaes", "svepmull", "svebitperm", "svesha3", "svesm4", "flagm2",
    "frint", "svei8mm", "svef32mm", "svef64mm", "svebf16", "i8mm", "bf16", "dgh",
    "rng", "bti", "mte", "ecv", "afp", "rpres", "mte3", "sme",
    "smei16i64", "smef64f64", "smei8i32", "smef16f32", "smeb16f32", "smef32f32", "smefa64",
    "wfxt", "ebf16", "sveebf16",
};

static void cpuinfo_aarch64(struct pbuf *b, const struct cpu_model *m, long id)
{
    uint64_t midr = 0, cntfrq = 0;
    a64_sysreg_const(m->features, A64_SR_MIDR_EL1, &midr);
    a64_sysreg_const(m->features, A64_SR_CNTFRQ_EL0, &cntfrq);
    /* BogoMIPS: the kernel's loops_per_jiffy comes from the timer: 2 * freq */
    uint64_t bogo100 = cntfrq / 5000;
    pb_printf(b, "processor\t: %ld\n", id);
    pb_printf(b, "BogoMIPS\t: %" PRIu64 ".%02" PRIu64 "\n", bogo100 / 100, bogo100 % 100);
    pb_str(b, "Features\t:");
    for (int i = 0; i < 32; i++)
        if (m->hwcap & (1ull << i))
            pb_printf(b, " %s", a64_hwcap_names[i]);
    for (int i = 0; i < 34; i++)
        if (m->hwcap2 & (1ull << i))
            pb_printf(b, " %s", a64_hwcap2_names[i]);
    pb_str(b, "\n");
    pb_printf(b, "CPU implementer\t: 0x%02x\n", (unsigned)(midr >> 24) & 0xff);
    pb_str(b, "CPU architecture: 8\n");
    pb_printf(b, "CPU variant\t: 0x%x\n", (unsigned)(midr >> 20) & 0xf);
    pb_printf(b, "CPU part\t: 0x%03x\n", (unsigned)(midr >> 4) & 0xfff);
    pb_printf(b, "CPU revision\t: %u\n\n", (unsigned)midr & 0xf);
}

/* the kernel's ISA string: base letters in its order, then the multi-letter
 * extensions in its table order, each after '_' */
static void riscv_isa(struct pbuf *b, const struct cpu_model *m)
{
    static const char letters[] = "imafdqcvh";
    pb_str(b, "rv64");
    for (const char *c = letters; *c; c++)
        if (m->hwcap & (1ull << (*c - 'a')))
            pb_add(b, c, 1);
    /* Columns: extension, model feature bits that must all be present
     * (0: every model; tern reads cycle/time/instret everywhere) */
    static const struct { const char *name; uint64_t need; } exts[] = {
        /* name       need */
        { "zicntr",   0 },
        { "zicsr",    RV_F_ZICSR },
        { "zifencei", RV_F_ZIFENCEI },
        { "zca",      RV_F_C },
        { "zcd",      RV_F_C | RV_F_FD },
        { "zba",      RV_F_ZBA },
        { "zbb",      RV_F_ZBB },
        { "zbs",      RV_F_ZBS },
    };
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if ((m->features & exts[i].need) == exts[i].need)
            pb_printf(b, "_%s", exts[i].name);
    pb_str(b, "\n");
}

static void cpuinfo_riscv64(struct pbuf *b, const struct cpu_model *m, long id)
{
    uint64_t vendor = 0, arch = 0, imp = 0;
    riscv_hwprobe_value(m->features, 0, &vendor);   /* MVENDORID */
    riscv_hwprobe_value(m->features, 1, &arch);     /* MARCHID */
    riscv_hwprobe_value(m->features, 2, &imp);      /* MIMPID */
    pb_printf(b, "processor\t: %ld\n", id);
    pb_printf(b, "hart\t\t: %ld\n", id);
    pb_str(b, "isa\t\t: ");
    riscv_isa(b, m);
    pb_str(b, "mmu\t\t: sv39\n");      /* the guest layout follows Sv39 */
    pb_printf(b, "mvendorid\t: 0x%" PRIx64 "\n", vendor);
    pb_printf(b, "marchid\t\t: 0x%" PRIx64 "\n", arch);
    pb_printf(b, "mimpid\t\t: 0x%" PRIx64 "\n", imp);
    pb_str(b, "hart isa\t: ");
    riscv_isa(b, m);
    pb_str(b, "\n");
}

/* Columns: guest machine, block writer for one cpu */
static const struct {
    uint16_t e_machine;
    void (*write)(struct pbuf *b, const struct cpu_model *m, long id);
} cpuinfo_writers[] = {
    /* machine     writer */
    { EM_AARCH64,  cpuinfo_aarch64 },
    { EM_RISCV,    cpuinfo_riscv64 },
};

static long gen_cpuinfo(struct cpu *cpu, struct pbuf *out)
{
    const struct tern_proc *p = cpu->proc;
    const struct cpu_model *m = p->model ? p->model : &p->arch->models[0];
    void (*write)(struct pbuf *, const struct cpu_model *, long) = NULL;
    for (size_t i = 0; i < sizeof cpuinfo_writers / sizeof cpuinfo_writers[0]; i++)
        if (cpuinfo_writers[i].e_machine == p->arch->e_machine)
            write = cpuinfo_writers[i].write;
    if (!write)
        return -ENOENT;
    /* the online cpus are the host's: take their numbers from its listing */
    struct pbuf host = { 0 };
    long r = host_read_file("/proc/cpuinfo", &host);
    if (r < 0) {
        free(host.p);
        return r;
    }
    for (char *line = host.p; line && *line;) {
        long id;
        if (sscanf(line, "processor : %ld", &id) == 1 ||
            sscanf(line, "processor\t: %ld", &id) == 1)
            write(out, m, id);
        char *nl = strchr(line, '\n');
        line = nl ? nl + 1 : NULL;
    }
    free(host.p);
    return out->oom ? -ENOMEM : 0;
}

/* ---------------- open ---------------- */

/* a read-only fd holding data; fd or -errno */
static long memfile(const char *name, const struct pbuf *b, uint32_t hflags)
{
    long fd = HSYS(SYS_memfd_create, name, MFD_CLOEXEC);
    if (fd < 0)
        return fd;
    for (size_t done = 0; done < b->len;) {
        long w = HSYS(SYS_write, (int)fd, b->p + done, b->len - done);
        if (w <= 0) {
            (void)HSYS(SYS_close, (int)fd);
            return w < 0 ? w : -EIO;
        }
        done += (size_t)w;
    }
    /* reopened read-only, with the guest's descriptor flags */
    char self[40];
    snprintf(self, sizeof self, "/proc/self/fd/%ld", fd);
    long ro = HSYS(SYS_openat, AT_FDCWD, self,
                   O_RDONLY | (hflags & (O_CLOEXEC | O_NONBLOCK | O_LARGEFILE)), 0);
    (void)HSYS(SYS_close, (int)fd);
    return ro;
}

bool procfs_open(struct cpu *cpu, int dirfd, const char *path, uint32_t hflags,
                 unsigned mode, long *ret)
{
    char abuf[PATH_MAX], norm[PATH_MAX];
    if (hflags & O_PATH)
        return false;             /* nothing is read through it */
    const char *abs = absolute_name(dirfd, path, abuf);
    if (!abs)
        return false;
    enum pf_kind k = classify(abs, norm);
    if (k == PF_NONE || k == PF_EXE)
        return false;             /* exe: fs.c opens the guest program */
    /* the host's answer to these flags on the real file (EACCES for writing,
     * ENOTDIR for O_DIRECTORY...) is the kernel's */
    long probe = HSYS(SYS_openat, AT_FDCWD, norm, hflags | O_CLOEXEC, mode);
    if (probe < 0) {
        *ret = probe;
        return true;
    }
    (void)HSYS(SYS_close, (int)probe);
    struct pbuf b = { 0 };
    long r;
    switch (k) {
    case PF_CMDLINE: r = gen_cmdline(cpu, &b); break;
    case PF_ENVIRON: r = gen_environ(cpu, &b); break;
    case PF_AUXV:    r = gen_auxv(cpu, &b); break;
    case PF_MAPS:    r = gen_maps(cpu, &b, false); break;
    case PF_SMAPS:   r = gen_maps(cpu, &b, true); break;
    case PF_STAT:    r = gen_stat(cpu, norm, &b); break;
    case PF_STATUS:  r = gen_status(cpu, norm, &b); break;
    case PF_CPUINFO: r = gen_cpuinfo(cpu, &b); break;
    default:         r = -ENOENT; break;
    }
    if (r == 0) {
        const char *base = strrchr(norm, '/');
        r = memfile(base ? base + 1 : norm, &b, hflags);
    }
    free(b.p);
    *ret = r;
    return true;
}
