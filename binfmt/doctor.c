/* doctor.c — tern-binfmt doctor [--root DIR] [FILE]: says why a foreign
 * program does not run when executed. Each cause the kernel can hit gets a
 * "problem:" line naming it and what fixes it:
 *   binfmt_misc not mounted; binfmt_misc disabled as a whole; no entry takes
 *   the file; the entry that would is disabled; an entry without F used
 *   inside a chroot (the kernel looks for the interpreter inside the root);
 *   an interpreter that is missing, not executable, or dynamically linked
 *   where its loader does not exist; the file on a noexec mount or without
 *   execute permission; the program's own dynamic loader missing.
 * "warning:" lines are conditions that work here but fail elsewhere (a
 * dynamic interpreter outside a chroot); "ok:" lines what was checked.
 *
 * The root checked is the current one, or DIR with --root (paths without F
 * and the program's loader are then looked up under DIR, as the kernel would
 * for a process chrooted there). A chroot is recognised by bf_in_chroot.
 * Exit status: 0 when no problem was found, 1 otherwise.
 */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "binfmt/binfmt.h"

struct doc {
    const char *root;        /* --root DIR or NULL */
    bool chrooted;           /* --root, or running in a chroot */
    int problems;
};

static void say(struct doc *d, const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void say(struct doc *d, const char *kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("%s: ", kind);
    vprintf(fmt, ap);
    putchar('\n');
    va_end(ap);
    if (!strcmp(kind, "problem"))
        d->problems++;
}

/* path as a process in the checked root names it */
static const char *rooted(const struct doc *d, const char *path, char *buf)
{
    if (!d->root || path[0] != '/')
        return path;
    snprintf(buf, PATH_MAX, "%s%s", d->root, path);
    return buf;
}

/* the mount point holding path (longest prefix in mountinfo) */
static void mount_point_of(const char *path, char *out, size_t n)
{
    char real[PATH_MAX];
    snprintf(out, n, "?");
    if (!realpath(path, real))
        return;
    FILE *f = fopen("/proc/self/mountinfo", "re");
    if (!f)
        return;
    char line[4096];
    size_t best = 0;
    while (fgets(line, sizeof line, f)) {
        char mp[PATH_MAX];
        if (sscanf(line, "%*s %*s %*s %*s %4095s", mp) != 1)
            continue;
        size_t l = strlen(mp);
        bool under = !strcmp(mp, "/") ||
                     (!strncmp(real, mp, l) && (real[l] == '/' || real[l] == 0));
        if (under && l >= best) {
            best = l;
            snprintf(out, n, "%s", mp);
        }
    }
    fclose(f);
}

/* the interpreter of an enabled entry, as the kernel will use it here */
static void check_interp(struct doc *d, const struct bf_entry *e)
{
    bool fix = strchr(e->flags, 'F') != NULL;
    char buf[PATH_MAX];
    /* with F the kernel opened the file at registration, outside any root;
     * without it, it opens the path at each exec in the caller's root */
    const char *p = fix ? e->interp : rooted(d, e->interp, buf);
    if (access(p, F_OK) != 0) {
        if (fix)
            say(d, "ok", "%s has the F flag: the kernel runs the interpreter file it opened "
                "at registration (%s, not visible here)", e->name, e->interp);
        else if (d->chrooted)
            say(d, "problem", "%s has no F flag, so the kernel looks for its interpreter %s "
                "inside this chroot at each exec, and it is not there. Register the entry "
                "with F (tern-binfmt install does), or copy a static interpreter into the root",
                e->name, e->interp);
        else
            say(d, "problem", "the interpreter %s of %s is missing (%s): reinstall it, or "
                "register tern again with tern-binfmt install", e->interp, e->name,
                strerror(errno));
        return;
    }
    if (access(p, X_OK) != 0) {
        say(d, "problem", "the interpreter %s of %s is not executable", p, e->name);
        return;
    }
    struct bf_elf el;
    if (bf_read_elf(p, &el) != 0 || !el.is_elf) {
        say(d, "ok", "interpreter %s of %s (not an ELF program: not checked further)",
            e->interp, e->name);
        return;
    }
    if (!el.has_interp) {
        say(d, "ok", "interpreter %s of %s is static%s", e->interp, e->name,
            fix ? ", flags include F" : "");
        if (!fix && !d->chrooted)
            say(d, "warning", "%s has no F flag: inside a chroot or container the kernel "
                "looks for %s there (tern-binfmt install registers with F)", e->name, e->interp);
        return;
    }
    /* a dynamic interpreter starts in the caller's root: its loader must
     * be there */
    char lbuf[PATH_MAX];
    const char *loader = rooted(d, el.interp, lbuf);
    if (d->chrooted && access(loader, F_OK) != 0)
        say(d, "problem", "the interpreter %s of %s is not static: it needs %s and its "
            "libraries, which this root lacks, so it cannot start here. Register a static "
            "interpreter (tern is static: tern-binfmt install)", e->interp, e->name, el.interp);
    else if (d->chrooted)
        say(d, "warning", "the interpreter %s of %s is dynamically linked; its loader %s "
            "exists in this root, but its libraries must match too", e->interp, e->name,
            el.interp);
    else
        say(d, "warning", "the interpreter %s of %s is dynamically linked (%s): it works "
            "here but not in chroots or containers without that loader", e->interp, e->name,
            el.interp);
}

/* binfmt_misc itself; false when nothing more can be checked */
static bool check_fs(struct doc *d)
{
    if (!bf_mounted()) {
        if (d->chrooted && !d->root)
            say(d, "problem", "binfmt_misc is not mounted at %s in this chroot, so its "
                "entries cannot be read here (the host's entries still apply to programs "
                "run here). Mount it: mount -t binfmt_misc binfmt_misc %s", BF_DIR, BF_DIR);
        else
            say(d, "problem", "binfmt_misc is not mounted at %s: the kernel has no entries "
                "to hand foreign programs to tern. tern-binfmt install mounts it and registers "
                "tern (or: mount -t binfmt_misc binfmt_misc %s)", BF_DIR, BF_DIR);
        return false;
    }
    say(d, "ok", "binfmt_misc is mounted at %s", BF_DIR);
    if (bf_global_enabled() == 0) {
        say(d, "problem", "binfmt_misc is disabled as a whole: echo 1 > %s/status", BF_DIR);
        return true;
    }
    return true;
}

static int doctor_general(struct doc *d)
{
    if (!check_fs(d))
        return 1;
    struct bf_entry *all;
    size_t n;
    if (bf_list(&all, &n)) {
        say(d, "problem", "cannot read %s", BF_DIR);
        return 1;
    }
    for (size_t gi = 0; gi < bf_nguests; gi++) {
        const struct bf_guest *g = &bf_guests[gi];
        bool any = false;
        for (size_t k = 0; k < n; k++) {
            if (!bf_entry_handles(&all[k], g))
                continue;
            any = true;
            if (!all[k].enabled) {
                say(d, "warning", "%s (%s programs) is disabled", all[k].name, g->arch);
                continue;
            }
            say(d, "ok", "%s runs %s programs", all[k].name, g->arch);
            check_interp(d, &all[k]);
        }
        if (!any)
            say(d, "problem", "no binfmt_misc entry runs %s programs: tern-binfmt install "
                "--arch %s", g->arch, g->arch);
    }
    free(all);
    return d->problems ? 1 : 0;
}

int bf_doctor(const char *file, const char *root)
{
    struct doc d = { .root = root, .chrooted = root || bf_in_chroot(), .problems = 0 };
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (d.chrooted)
        say(&d, "ok", "checking %s", root ? root : "inside a chroot");
    int status;
    if (!file) {
        status = doctor_general(&d);
        goto done;
    }

    char fbuf[PATH_MAX];
    const char *path = rooted(&d, file, fbuf);
    struct stat st;
    if (stat(path, &st) != 0) {
        say(&d, "problem", "%s: %s", path, strerror(errno));
        goto out;
    }
    if (!S_ISREG(st.st_mode)) {
        say(&d, "problem", "%s is not a regular file", path);
        goto out;
    }
    struct bf_elf el;
    if (bf_read_elf(path, &el) != 0) {
        say(&d, "problem", "%s cannot be read: %s", path, strerror(errno));
        goto out;
    }
    const struct bf_guest *g = NULL;
    if (!el.is_elf) {
        say(&d, "warning", "%s is not an ELF program: only a #! line or an entry for its "
            "format can run it", path);
    } else if (!el.elf64_le) {
        say(&d, "problem", "%s is not a 64-bit little-endian ELF program: tern runs aarch64 "
            "and riscv64 programs", path);
        goto out;
    } else if (el.machine == EM_X86_64) {
        say(&d, "ok", "%s is a native x86-64 program: the kernel runs it itself", path);
        goto out;
    } else if (!(g = bf_guest_by_machine(el.machine))) {
        say(&d, "problem", "%s is for ELF machine %u, which tern does not run", path,
            el.machine);
        goto out;
    } else if (el.type != ET_EXEC && el.type != ET_DYN) {
        say(&d, "problem", "%s is not an executable (ELF type %u)", path, el.type);
        goto out;
    } else {
        say(&d, "ok", "%s is a program for %s", path, g->arch);
    }

    if (access(path, X_OK) != 0)
        say(&d, "problem", "%s is not executable for you (%s): chmod +x", path, strerror(errno));
    struct statvfs sv;
    if (statvfs(path, &sv) == 0 && (sv.f_flag & ST_NOEXEC)) {
        char mp[PATH_MAX];
        mount_point_of(path, mp, sizeof mp);
        say(&d, "problem", "%s is on a file system mounted noexec (%s): the kernel refuses "
            "to execute anything there before binfmt_misc is asked. Remount it without "
            "noexec, or copy the program elsewhere", path, mp);
    }
    if (el.has_interp) {
        char lbuf[PATH_MAX];
        const char *loader = rooted(&d, el.interp, lbuf);
        if (access(loader, F_OK) != 0)
            say(&d, "problem", "%s is dynamically linked and its loader %s does not exist%s: "
                "run it inside its own root (chroot), or name that root in QEMU_LD_PREFIX",
                path, loader, d.chrooted ? " in this root" : "");
    }

    if (!check_fs(&d))
        goto out;
    uint8_t head[BF_HEAD];
    long len = bf_read_head(path, head, sizeof head);
    if (len < 0) {
        say(&d, "problem", "%s cannot be read: %s", path, strerror((int)-len));
        goto out;
    }
    struct bf_entry *all;
    size_t n;
    if (bf_list(&all, &n)) {
        say(&d, "problem", "cannot read %s", BF_DIR);
        goto out;
    }
    size_t matched = 0, enabled = 0;
    for (size_t k = 0; k < n; k++)
        if (all[k].enabled && bf_entry_matches(&all[k], head, (size_t)len, path))
            enabled++;
    bool any_enabled = enabled > 0;
    enabled = 0;
    char names[1024] = "";
    for (size_t k = 0; k < n; k++) {
        if (!bf_entry_matches(&all[k], head, (size_t)len, path))
            continue;
        matched++;
        if (!all[k].enabled) {
            /* a failure cause only when no enabled entry takes the file */
            if (any_enabled)
                say(&d, "ok", "%s also matches %s but is disabled (not used)", all[k].name, path);
            else
                say(&d, "problem", "%s would run %s but is disabled: echo 1 > %s/%s (or "
                    "tern-binfmt install)", all[k].name, path, BF_DIR, all[k].name);
            continue;
        }
        enabled++;
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
                 names[0] ? ", " : "", all[k].name);
        say(&d, "ok", "%s takes %s (interpreter %s, flags %s)", all[k].name, path,
            all[k].interp, all[k].flags[0] ? all[k].flags : "-");
        check_interp(&d, &all[k]);
    }
    if (!matched && g)
        say(&d, "problem", "no binfmt_misc entry takes %s (a program for %s): tern-binfmt install "
            "--arch %s registers tern for it", path, g->arch, g->arch);
    else if (!matched)
        say(&d, "problem", "no binfmt_misc entry takes %s", path);
    if (enabled > 1)
        say(&d, "warning", "several enabled entries take %s (%s): the kernel uses the one "
            "registered last", path, names);
    free(all);
out:
    status = d.problems ? 1 : 0;
done:
    if (!d.problems)
        printf("doctor: no problem found\n");
    else
        printf("doctor: %d problem%s found\n", d.problems, d.problems > 1 ? "s" : "");
    return status;
}
