/* main.c — tern-binfmt: registers tern with the kernel's binfmt_misc so that
 * aarch64 and riscv64 programs run when executed directly, also inside
 * chroots and containers that have no tern (docs/binfmt.md).
 *
 *   tern-binfmt install [--arch LIST|all] [--persistent] [--preserve-argv0]
 *                       [--credential] [--path FILE] [--replace]
 *   tern-binfmt uninstall [--arch LIST]
 *   tern-binfmt status
 *   tern-binfmt export [--arch LIST] (--systemd DIR | --debian DIR) [install's flags]
 *   tern-binfmt doctor [--root DIR] [FILE]
 *
 * Entries are "tern-<arch>", always with F (the kernel opens tern when the
 * entry is registered, so the entry works in any root), P with
 * --preserve-argv0, C (which implies O) with --credential. The interpreter
 * must be an absolute path to a static x86-64 program: a dynamic one could
 * not start inside a foreign root. Another entry taking the same programs
 * (qemu's) is named and left alone; install refuses unless --replace, which
 * disables it and remembers that (BF_STATE_FILE) so uninstall enables it
 * again. Checks run for every architecture before anything is written.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <elf.h>

#include "binfmt/binfmt.h"

struct opts {
    bool arches[8];                    /* indexed like bf_guests */
    bool persistent, preserve_argv0, credential, replace;
    const char *path, *systemd_dir, *debian_dir, *root;
    const char *file;                  /* doctor's FILE */
};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: tern-binfmt COMMAND [options]\n"
            "Registers tern with binfmt_misc so foreign programs run when executed.\n"
            "  install [--arch LIST|all] [--persistent] [--preserve-argv0] [--credential]\n"
            "          [--path FILE] [--replace]\n"
            "      register tern-<arch> entries (flags: F always; P with --preserve-argv0;\n"
            "      C and O with --credential); --persistent also writes %s/tern-<arch>.conf\n"
            "      for systemd-binfmt; --replace disables other entries (qemu's) that take\n"
            "      the same programs; --path names the tern to register (default: the tern\n"
            "      beside tern-binfmt, else build/tern)\n"
            "  uninstall [--arch LIST]    remove the entries and their binfmt.d files\n"
            "  status                     tern's entries and other handlers of the same programs\n"
            "  export [--arch LIST] --systemd DIR | --debian DIR  [install's flags]\n"
            "      write binfmt.d files or update-binfmts format files into DIR\n"
            "  doctor [--root DIR] [FILE] explain why FILE (a foreign program) does not run\n"
            "      (--root: as if run inside the chroot DIR)\n"
            "LIST: comma separated, of aarch64 (arm64), riscv64; or all (the default).\n",
            BF_SYSTEMD_DIR);
}

static void __attribute__((noreturn)) die(const char *fmt, const char *arg)
{
    fprintf(stderr, "tern-binfmt: ");
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    exit(1);
}

static void parse_arches(const char *list, struct opts *o)
{
    memset(o->arches, 0, sizeof o->arches);
    if (!strcmp(list, "all")) {
        for (size_t i = 0; i < bf_nguests; i++)
            o->arches[i] = true;
        return;
    }
    char *copy = strdup(list), *save = NULL;
    if (!copy)
        die("%s", "out of memory");
    for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
        const struct bf_guest *g = bf_guest_by_name(w);
        if (!g)
            die("unknown architecture '%s' (aarch64, riscv64 or all)", w);
        o->arches[g - bf_guests] = true;
    }
    free(copy);
}

static void parse(int argc, char **argv, struct opts *o)
{
    memset(o, 0, sizeof *o);
    parse_arches("all", o);
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
#define ARG() (next ? (i++, next) : (die("option '%s' needs an argument", a), NULL))
        if (!strcmp(a, "--arch"))
            parse_arches(ARG(), o);
        else if (!strcmp(a, "--persistent"))
            o->persistent = true;
        else if (!strcmp(a, "--preserve-argv0"))
            o->preserve_argv0 = true;
        else if (!strcmp(a, "--credential"))
            o->credential = true;
        else if (!strcmp(a, "--replace"))
            o->replace = true;
        else if (!strcmp(a, "--path"))
            o->path = ARG();
        else if (!strcmp(a, "--systemd"))
            o->systemd_dir = ARG();
        else if (!strcmp(a, "--debian"))
            o->debian_dir = ARG();
        else if (!strcmp(a, "--root"))
            o->root = ARG();
        else if (a[0] == '-')
            die("unknown option '%s' (tern-binfmt --help)", a);
        else if (!o->file)
            o->file = a;
        else
            die("unexpected argument '%s'", a);
#undef ARG
    }
}

/* the kernel's flag letters for the options */
static void entry_flags(const struct opts *o, char *out)
{
    strcpy(out, "F");
    if (o->preserve_argv0)
        strcat(out, "P");
    if (o->credential)
        strcat(out, "OC");
}

/* The tern to register: absolute, an x86-64 program, static. */
static void resolve_tern(const struct opts *o, char *out)
{
    char cand[PATH_MAX + 8];
    const char *src = o->path;
    if (!src) {
        char self[PATH_MAX];
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        src = "build/tern";
        if (n > 0) {
            self[n] = 0;
            char *slash = strrchr(self, '/');
            if (slash) {
                *slash = 0;
                snprintf(cand, sizeof cand, "%s/tern", self);
                if (access(cand, X_OK) == 0)
                    src = cand;
            }
        }
    }
    if (!realpath(src, out)) {
        fprintf(stderr, "tern-binfmt: %s: %s%s\n", src, strerror(errno),
                o->path ? "" : " (no tern beside tern-binfmt; name one with --path FILE)");
        exit(1);
    }
    struct bf_elf e;
    if (bf_read_elf(out, &e) != 0)
        die("%s: cannot read it", out);
    if (!e.elf64_le || e.machine != EM_X86_64)
        die("%s is not an x86-64 program: give tern itself with --path", out);
    if (e.has_interp) {
        fprintf(stderr,
                "tern-binfmt: %s is dynamically linked (it needs %s and shared libraries).\n"
                "With the F flag the kernel starts it inside any chroot or container, where\n"
                "those x86-64 files do not exist, so foreign programs there would fail.\n"
                "Register a static tern (the Makefile links build/tern static).\n",
                out, e.interp[0] ? e.interp : "a dynamic loader");
        exit(1);
    }
    if (access(out, X_OK) != 0)
        die("%s is not executable", out);
}

static int write_whole(const char *path, const char *text)
{
    char tmp[PATH_MAX + 8];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "we");
    if (!f)
        return -1;
    fputs(text, f);
    if (fclose(f) != 0 || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

static int systemd_file(const char *dir, const struct bf_guest *g, const char *line,
                        char *path, size_t n)
{
    char text[8192];
    snprintf(path, n, "%s/tern-%s.conf", dir, g->arch);
    int r = snprintf(text, sizeof text,
                     "# tern runs %s programs: written by tern-binfmt (docs/binfmt.md);\n"
                     "# systemd-binfmt registers it at boot\n%s\n", g->arch, line);
    if (r < 0 || (size_t)r >= sizeof text) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return write_whole(path, text);
}

static void hex(const uint8_t *b, char *out)
{
    for (int i = 0; i < BF_MAGIC_LEN; i++)
        sprintf(out + 4 * i, "\\x%02x", b[i]);
}

static int debian_file(const char *dir, const struct bf_guest *g, const char *interp,
                       const struct opts *o, char *path, size_t n)
{
    uint8_t magic[BF_MAGIC_LEN], mask[BF_MAGIC_LEN];
    char hm[4 * BF_MAGIC_LEN + 1], hk[4 * BF_MAGIC_LEN + 1], text[8192];
    bf_guest_magic(g, magic, mask);
    hex(magic, hm);
    hex(mask, hk);
    snprintf(path, n, "%s/tern-%s", dir, g->arch);
    int r = snprintf(text, sizeof text,
                     "package tern\ninterpreter %s\nmagic %s\noffset 0\nmask %s\n"
                     "credentials %s\npreserve %s\nfix_binary yes\n", interp, hm, hk,
                     o->credential ? "yes" : "no", o->preserve_argv0 ? "yes" : "no");
    if (r < 0 || (size_t)r >= sizeof text) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return write_whole(path, text);
}

static void need_root(const char *cmd)
{
    if (geteuid() == 0)
        return;
    fprintf(stderr,
            "tern-binfmt %s needs root: it writes %s/register (mounting binfmt_misc\n"
            "first if needed) and, with --persistent, %s. Run it as root, e.g.\n"
            "sudo tern-binfmt %s ...\n", cmd, BF_DIR, BF_SYSTEMD_DIR, cmd);
    exit(1);
}

/* ---------------- replaced entries ---------------- */

static void state_add(const struct bf_guest *g, const char *name)
{
    FILE *f = fopen(BF_STATE_FILE, "ae");
    if (!f) {
        fprintf(stderr, "tern-binfmt: cannot record %s in %s: %s (enable it again with: "
                "echo 1 > %s/%s)\n", name, BF_STATE_FILE, strerror(errno), BF_DIR, name);
        return;
    }
    fprintf(f, "%s %s\n", g->arch, name);
    fclose(f);
}

/* enables the entries install --replace disabled for the selected guests */
static void state_restore(const struct opts *o)
{
    FILE *f = fopen(BF_STATE_FILE, "re");
    if (!f)
        return;
    char line[512], keep[8192] = "";
    while (fgets(line, sizeof line, f)) {
        char arch[64], name[NAME_MAX + 1];
        if (sscanf(line, "%63s %255s", arch, name) != 2)
            continue;
        const struct bf_guest *g = bf_guest_by_name(arch);
        if (!g || !o->arches[g - bf_guests]) {
            strncat(keep, line, sizeof keep - strlen(keep) - 1);
            continue;
        }
        struct bf_entry e;
        if (bf_read_entry(name, &e) == 0 && !e.enabled) {
            int r = bf_entry_write(name, "1");
            if (r)
                fprintf(stderr, "tern-binfmt: cannot enable %s again: %s\n", name, strerror(-r));
            else
                printf("%s: enabled again (install --replace had disabled it)\n", name);
        }
    }
    fclose(f);
    if (keep[0])
        write_whole(BF_STATE_FILE, keep);
    else
        unlink(BF_STATE_FILE);
}

static bool state_has(const char *name)
{
    FILE *f = fopen(BF_STATE_FILE, "re");
    if (!f)
        return false;
    char line[512];
    bool found = false;
    while (!found && fgets(line, sizeof line, f)) {
        char arch[64], n[NAME_MAX + 1];
        found = sscanf(line, "%63s %255s", arch, n) == 2 && !strcmp(n, name);
    }
    fclose(f);
    return found;
}

/* ---------------- commands ---------------- */

static int cmd_install(const struct opts *o)
{
    need_root("install");
    char interp[PATH_MAX], why[512], flags[8];
    resolve_tern(o, interp);
    entry_flags(o, flags);
    if (bf_ensure_mounted(why, sizeof why))
        die("%s", why);
    struct bf_entry *all;
    size_t n;
    if (bf_list(&all, &n))
        die("cannot read %s", BF_DIR);

    /* first every check, then the writes */
    bool refused = false;
    char lines[8][2048];
    for (size_t gi = 0; gi < bf_nguests; gi++) {
        if (!o->arches[gi])
            continue;
        const struct bf_guest *g = &bf_guests[gi];
        char own[64];
        bf_entry_name(g, own, sizeof own);
        if (bf_format_line(g, interp, flags, lines[gi], sizeof lines[gi]))
            die("%s: this path cannot be written in a registration line", interp);
        for (size_t k = 0; k < n && !o->replace; k++) {
            if (strcmp(all[k].name, own) && all[k].enabled && bf_entry_handles(&all[k], g)) {
                fprintf(stderr,
                        "tern-binfmt: %s (interpreter %s) already runs %s programs; it is "
                        "left as it is.\n", all[k].name, all[k].interp, g->arch);
                refused = true;
            }
        }
    }
    if (refused) {
        fprintf(stderr, "tern-binfmt: nothing installed. To have tern run them instead, "
                "add --replace\n(the other entries are disabled, not removed; uninstall "
                "enables them again).\n");
        free(all);
        return 1;
    }

    int status = 0;
    for (size_t gi = 0; gi < bf_nguests; gi++) {
        if (!o->arches[gi])
            continue;
        const struct bf_guest *g = &bf_guests[gi];
        char own[64];
        bf_entry_name(g, own, sizeof own);
        struct bf_entry old;
        if (bf_read_entry(own, &old) == 0) {
            int r = bf_entry_write(own, "-1");
            if (r) {
                fprintf(stderr, "tern-binfmt: cannot remove the old %s: %s\n", own, strerror(-r));
                status = 1;
                continue;
            }
        }
        for (size_t k = 0; k < n && o->replace; k++) {
            if (strcmp(all[k].name, own) && all[k].enabled && bf_entry_handles(&all[k], g)) {
                int r = bf_entry_write(all[k].name, "0");
                if (r) {
                    fprintf(stderr, "tern-binfmt: cannot disable %s: %s\n", all[k].name,
                            strerror(-r));
                    status = 1;
                    continue;
                }
                state_add(g, all[k].name);
                printf("%s: disabled (--replace); uninstall enables it again\n", all[k].name);
            }
        }
        int r = bf_register(lines[gi]);
        if (r) {
            fprintf(stderr, "tern-binfmt: the kernel refused %s: %s\n  line: %s\n", own,
                    strerror(-r), lines[gi]);
            status = 1;
            continue;
        }
        char words[128];
        bf_flags_words(flags, words, sizeof words);
        printf("%s: registered: interpreter %s, flags %s (%s)\n", own, interp, flags, words);
        if (!o->persistent) {
            char path[PATH_MAX];
            snprintf(path, sizeof path, "%s/%s.conf", BF_SYSTEMD_DIR, own);
            if (access(path, F_OK) == 0)
                printf("%s: note: %s still holds an earlier registration for boot: add "
                       "--persistent to update it, or uninstall to remove it\n", own, path);
        } else {
            char path[PATH_MAX];
            mkdir(BF_SYSTEMD_DIR, 0755);
            if (systemd_file(BF_SYSTEMD_DIR, g, lines[gi], path, sizeof path)) {
                fprintf(stderr, "tern-binfmt: cannot write %s: %s\n", path, strerror(errno));
                status = 1;
            } else {
                printf("%s: persistent: %s\n", own, path);
            }
        }
    }
    free(all);
    return status;
}

static int cmd_uninstall(const struct opts *o)
{
    need_root("uninstall");
    bool mounted = bf_mounted();
    if (!mounted)
        printf("binfmt_misc is not mounted at %s: no entry to remove\n", BF_DIR);
    int status = 0;
    for (size_t gi = 0; gi < bf_nguests; gi++) {
        if (!o->arches[gi])
            continue;
        const struct bf_guest *g = &bf_guests[gi];
        char own[64], path[PATH_MAX];
        bf_entry_name(g, own, sizeof own);
        struct bf_entry e;
        if (mounted) {
            if (bf_read_entry(own, &e) == 0) {
                int r = bf_entry_write(own, "-1");
                if (r) {
                    fprintf(stderr, "tern-binfmt: cannot remove %s: %s\n", own, strerror(-r));
                    status = 1;
                } else {
                    printf("%s: removed\n", own);
                }
            } else {
                printf("%s: not registered\n", own);
            }
        }
        snprintf(path, sizeof path, "%s/%s.conf", BF_SYSTEMD_DIR, own);
        if (unlink(path) == 0)
            printf("%s: removed %s\n", own, path);
        else if (errno != ENOENT) {
            fprintf(stderr, "tern-binfmt: cannot remove %s: %s\n", path, strerror(errno));
            status = 1;
        }
    }
    if (mounted)
        state_restore(o);
    return status;
}

static const char *interp_state(const char *path)
{
    struct bf_elf e;
    if (access(path, F_OK) != 0)
        return "missing";
    if (bf_read_elf(path, &e) != 0)
        return "unreadable";
    if (!e.is_elf)
        return "not an ELF program";
    return e.has_interp ? "dynamically linked" : "static";
}

static int cmd_status(void)
{
    if (!bf_mounted()) {
        printf("binfmt_misc: not mounted at %s (tern-binfmt install mounts it)\n", BF_DIR);
        return 0;
    }
    int en = bf_global_enabled();
    printf("binfmt_misc: mounted at %s, %s\n", BF_DIR,
           en == 1 ? "enabled" : en == 0 ? "disabled as a whole" : "status unreadable");
    struct bf_entry *all;
    size_t n;
    if (bf_list(&all, &n))
        die("cannot read %s", BF_DIR);
    for (size_t gi = 0; gi < bf_nguests; gi++) {
        const struct bf_guest *g = &bf_guests[gi];
        char own[64], conf[PATH_MAX], words[128];
        bf_entry_name(g, own, sizeof own);
        snprintf(conf, sizeof conf, "%s/%s.conf", BF_SYSTEMD_DIR, own);
        struct bf_entry e;
        if (bf_read_entry(own, &e) == 0) {
            bf_flags_words(e.flags, words, sizeof words);
            printf("%s: %s\n", own, e.enabled ? "enabled" : "disabled");
            const char *st = interp_state(e.interp);
            printf("  interpreter %s (%s%s)\n", e.interp, st,
                   !strcmp(st, "missing") && strchr(e.flags, 'F')
                       ? "; the kernel keeps the file it opened at registration" : "");
            printf("  flags %s (%s)\n", e.flags[0] ? e.flags : "-", words);
            if (!bf_entry_handles(&e, g))
                printf("  its magic does not take %s programs\n", g->arch);
        } else {
            printf("%s: not registered\n", own);
        }
        printf("  persistent: %s\n", access(conf, F_OK) == 0 ? conf : "no");
        for (size_t k = 0; k < n; k++) {
            if (!strcmp(all[k].name, own) || !bf_entry_handles(&all[k], g))
                continue;
            bf_flags_words(all[k].flags, words, sizeof words);
            printf("  also runs %s programs: %s (%s, interpreter %s, flags %s)%s\n", g->arch,
                   all[k].name, all[k].enabled ? "enabled" : "disabled", all[k].interp,
                   all[k].flags[0] ? all[k].flags : "-",
                   state_has(all[k].name) ? " [disabled by install --replace]" : "");
        }
    }
    free(all);
    return 0;
}

static int cmd_export(const struct opts *o)
{
    if (!o->systemd_dir && !o->debian_dir)
        die("%s", "export needs --systemd DIR or --debian DIR");
    char interp[PATH_MAX], flags[8], line[2048], path[PATH_MAX];
    resolve_tern(o, interp);
    entry_flags(o, flags);
    int status = 0;
    for (size_t gi = 0; gi < bf_nguests; gi++) {
        if (!o->arches[gi])
            continue;
        const struct bf_guest *g = &bf_guests[gi];
        if (bf_format_line(g, interp, flags, line, sizeof line))
            die("%s: this path cannot be written in a registration line", interp);
        if (o->systemd_dir) {
            if (systemd_file(o->systemd_dir, g, line, path, sizeof path)) {
                fprintf(stderr, "tern-binfmt: cannot write %s: %s\n", path, strerror(errno));
                status = 1;
            } else {
                printf("%s\n", path);
            }
        }
        if (o->debian_dir) {
            if (debian_file(o->debian_dir, g, interp, o, path, sizeof path)) {
                fprintf(stderr, "tern-binfmt: cannot write %s: %s\n", path, strerror(errno));
                status = 1;
            } else {
                printf("%s\n", path);
            }
        }
    }
    return status;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 1;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        usage(stdout);
        return 0;
    }
    struct opts o;
    parse(argc, argv, &o);
    if (o.file && strcmp(cmd, "doctor"))
        die("unexpected argument '%s'", o.file);
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (!strcmp(cmd, "install"))
        return cmd_install(&o);
    if (!strcmp(cmd, "uninstall"))
        return cmd_uninstall(&o);
    if (!strcmp(cmd, "status"))
        return cmd_status();
    if (!strcmp(cmd, "export"))
        return cmd_export(&o);
    if (!strcmp(cmd, "doctor"))
        return bf_doctor(o.file, o.root);
    fprintf(stderr, "tern-binfmt: unknown command '%s'\n", cmd);
    usage(stderr);
    return 1;
}
