/* options.c — tern's qemu-user compatible command line and environment.
 *
 * Order of precedence, lowest first: QEMU_X, TERN_X (a set TERN_X hides QEMU_X
 * entirely, lists included), then the command line. For -E/-U the last word on
 * a variable wins: setting a name removes it from the unset list and the other
 * way round, so the two lists can be applied in any order.
 *
 * Parsing stops at the first argument that is not an option (the guest
 * program) or after "--"; everything from there on belongs to the guest.
 * The result is built once, single-threaded, and never freed.
 *
 * binfmt_misc hand-off (docs/binfmt.md): the kernel starts tern as
 * [interpreter, binary, argv0 (P flag), args...]. It is recognised by
 * AT_FLAGS bit 0 (P), by AT_EXECFD (O/C), or, with neither, by AT_EXECFN
 * naming argv[1] (the kernel's exec name is the binary's, where a tern
 * started by name sees its own). Then no word of argv is an option: a
 * program whose name starts with '-' is still the program. Under AT_SECURE
 * (the C flag on a setuid or file-capability program) no QEMU_* / TERN_*
 * variable is read: every one of them changes what runs (-L, -E/-U, -cpu,
 * -vdso, -0) or writes where the caller says (-d/-strace/-D), with the
 * program's privileges; the caller's own environment still reaches the
 * guest, whose libc applies its own secure-mode rules.
 */
#include "runner/options.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

#include "frontends/frontend.h"
#include "runner/log.h"
#include "runner/tern.h"

/* ---- small growable NULL-terminated string lists ---- */

struct strlist {
    char **v;
    size_t n, cap;
};

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fprintf(stderr, "tern: out of memory\n");
        exit(1);
    }
    return p;
}

static char *xstrndup(const char *s, size_t n)
{
    char *d = strndup(s, n);
    if (!d) {
        fprintf(stderr, "tern: out of memory\n");
        exit(1);
    }
    return d;
}

/* length of the variable name in "NAME=value" or "NAME" */
static size_t name_len(const char *s)
{
    const char *eq = strchr(s, '=');
    return eq ? (size_t)(eq - s) : strlen(s);
}

static bool same_name(const char *a, const char *b)
{
    size_t la = name_len(a), lb = name_len(b);
    return la == lb && memcmp(a, b, la) == 0;
}

static void sl_remove_name(struct strlist *l, const char *name)
{
    size_t j = 0;
    for (size_t i = 0; i < l->n; i++)
        if (!same_name(l->v[i], name))
            l->v[j++] = l->v[i];
    l->n = j;
    if (l->v)
        l->v[l->n] = NULL;
}

static void sl_push(struct strlist *l, char *s)
{
    if (l->n + 2 > l->cap) {
        l->cap = l->cap ? 2 * l->cap : 8;
        l->v = xrealloc(l->v, l->cap * sizeof(char *));
    }
    l->v[l->n++] = s;
    l->v[l->n] = NULL;
}

static char **sl_finish(struct strlist *l)
{
    if (!l->v) {
        l->v = xrealloc(NULL, sizeof(char *));
        l->v[0] = NULL;
    }
    return l->v;
}

/* ---- diagnostics ---- */

static void usage_line(FILE *f)
{
    fprintf(f, "usage: tern [options] program [arguments...]\n");
}

static void __attribute__((noreturn)) bad_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "tern: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\ntry 'tern -h' for more information\n");
    exit(1);
}

static void print_help(void)
{
    usage_line(stdout);
    printf("Runs a Linux program built for another CPU on this x86-64 host.\n"
           "Options (one or two dashes), their environment variables (QEMU_X or TERN_X;\n"
           "TERN_X wins, the command line wins over both), and what they do:\n"
           "  -h, -help                       print this help and exit\n"
           "  -version                        print the version and exit\n"
           "  -L path       QEMU_LD_PREFIX    look for the ELF interpreter and libraries under path\n"
           "  -E var=value  QEMU_SET_ENV      set a variable in the guest environment (comma list; repeatable)\n"
           "  -U var        QEMU_UNSET_ENV    remove a variable from the guest environment (comma list; repeatable)\n"
           "  -0 argv0      QEMU_ARGV0        argv[0] the guest program sees\n"
           "  -cpu model    QEMU_CPU          guest CPU model ('-cpu help' lists them)\n"
           "  -strace       QEMU_STRACE       log every system call (same as -d strace)\n"
           "  -d items      QEMU_LOG          enable log items, comma separated ('-d help' lists them)\n"
           "  -D logfile    QEMU_LOG_FILENAME write the log to logfile instead of stderr\n"
           "  -vdso on|off  QEMU_VDSO         give the guest a vDSO (fast clock_gettime...; default on)\n"
           "  --                              end of options\n"
           "Invoked as tern-<arch> (a link to tern), the guest architecture is forced to <arch>.\n");
}

static void print_version(void)
{
    printf("tern " TERN_VERSION "\n");
    printf("a user-mode binary translator: runs Linux programs for");
    for (size_t i = 0; guest_arches[i]; i++)
        printf("%s %s", i ? "," : "", guest_arches[i]->name);
    printf(" on x86-64 Linux hosts\n");
}

/* ---- environment ---- */

static const char *env_lookup(char **envp, const char *name)
{
    size_t n = strlen(name);
    for (char **e = envp; e && *e; e++)
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
            return *e + n + 1;
    return NULL;
}

/* TERN_<suffix> if set, else QEMU_<suffix>; the name used goes to which */
static const char *tern_or_qemu(char **envp, const char *suffix, char which[64])
{
    static const char *const prefixes[2] = { "TERN_", "QEMU_" };
    char name[64];
    for (int i = 0; i < 2; i++) {
        snprintf(name, sizeof(name), "%s%s", prefixes[i], suffix);
        const char *v = env_lookup(envp, name);
        if (v) {
            if (which)
                memcpy(which, name, sizeof(name));
            return v;
        }
    }
    return NULL;
}

/* split a comma list of -E entries into the set list */
static void add_set_list(struct strlist *set, struct strlist *unset, const char *list,
                         const char *from)
{
    const char *s = list;
    for (;;) {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len > 0) {
            char *item = xstrndup(s, len);
            if (!strchr(item, '=') || item[0] == '=')
                bad_usage("%s needs var=value entries", from);
            sl_remove_name(set, item);
            sl_remove_name(unset, item);
            sl_push(set, item);
        }
        if (!e)
            break;
        s = e + 1;
    }
}

static void add_unset_list(struct strlist *set, struct strlist *unset, const char *list,
                           const char *from)
{
    const char *s = list;
    for (;;) {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len > 0) {
            char *item = xstrndup(s, len);
            if (strchr(item, '='))
                bad_usage("%s takes variable names, not var=value", from);
            sl_remove_name(set, item);
            sl_remove_name(unset, item);
            sl_push(unset, item);
        }
        if (!e)
            break;
        s = e + 1;
    }
}

static bool list_has_item(const char *list, const char *item)
{
    size_t n = strlen(item);
    const char *s = list;
    for (;;) {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len == n && memcmp(s, item, n) == 0)
            return true;
        if (!e)
            return false;
        s = e + 1;
    }
}

static unsigned parse_log_items(const char *list, const char *from)
{
    unsigned m;
    const char *bad = NULL;
    if (list_has_item(list, "help")) {
        log_print_help(stdout);
        exit(0);
    }
    if (log_parse_mask(list, &m, &bad) < 0) {
        fprintf(stderr, "tern: %s: unknown log item '%s'\n", from, bad);
        fprintf(stderr, "try 'tern -d help' for the list\n");
        exit(1);
    }
    return m;
}

/* ---- the parser ---- */

enum opt_id { OPT_HELP, OPT_VERSION, OPT_L, OPT_E, OPT_U, OPT_0, OPT_CPU, OPT_STRACE,
              OPT_D_ITEMS, OPT_D_FILE, OPT_VDSO };

static const struct {
    const char *name;
    enum opt_id id;
    bool has_arg;
} opt_table[] = {
    { "h", OPT_HELP, false },       { "help", OPT_HELP, false },
    { "version", OPT_VERSION, false },
    { "L", OPT_L, true },           { "E", OPT_E, true },
    { "U", OPT_U, true },           { "0", OPT_0, true },
    { "cpu", OPT_CPU, true },       { "strace", OPT_STRACE, false },
    { "d", OPT_D_ITEMS, true },     { "D", OPT_D_FILE, true },
    { "vdso", OPT_VDSO, true },
};

/* -vdso / QEMU_VDSO: true for "off" */
static bool parse_no_vdso(const char *v, const char *from)
{
    if (!strcmp(v, "on"))
        return false;
    if (!strcmp(v, "off"))
        return true;
    bad_usage("%s takes 'on' or 'off'", from);
}

void options_read_startup(struct tern_startup *s)
{
    memset(s, 0, sizeof(*s));
    s->at_flags = getauxval(AT_FLAGS);
    /* getauxval says "absent" only through errno (0 is a valid fd) */
    errno = 0;
    unsigned long fd = getauxval(AT_EXECFD);
    s->exec_fd = (errno == ENOENT || fd > INT_MAX) ? -1 : (int)fd;
    s->secure = getauxval(AT_SECURE) != 0;
    s->execfn = (const char *)getauxval(AT_EXECFN);
}

void options_parse(int argc, char **argv, char **envp, struct tern_options *o)
{
    struct tern_startup s;
    options_read_startup(&s);
    options_parse_startup(argc, argv, envp, &s, o);
}

/* binfmt_misc started tern (see the head comment) */
static bool started_by_binfmt(int argc, char **argv, const struct tern_startup *s)
{
    if (argc < 2 || !argv[1])
        return false;                   /* the kernel always names the binary */
    if ((s->at_flags & TERN_AT_FLAGS_PRESERVE_ARGV0) || s->exec_fd >= 0)
        return true;
    return s->execfn && strcmp(s->execfn, argv[1]) == 0 &&
           (!argv[0] || strcmp(s->execfn, argv[0]) != 0);
}

/* argv as binfmt_misc hands it over: [interpreter, binary, argv0 (P), args...] */
static void parse_handoff(int argc, char **argv, const struct tern_startup *s,
                          struct tern_options *o)
{
    o->prog = argv[1];
    int first = 2;                      /* the guest's argv[1] */
    const char *argv0 = o->argv0 ? o->argv0 : o->prog;
    if ((s->at_flags & TERN_AT_FLAGS_PRESERVE_ARGV0) && argc >= 3) {
        argv0 = argv[2];                /* the name the program was invoked by */
        first = 3;
    }
    o->guest_argc = argc - first + 1;
    o->guest_argv = xrealloc(NULL, ((size_t)o->guest_argc + 1) * sizeof(char *));
    o->guest_argv[0] = (char *)argv0;
    for (int j = 1; j < o->guest_argc; j++)
        o->guest_argv[j] = argv[first + j - 1];
    o->guest_argv[o->guest_argc] = NULL;
}

void options_parse_startup(int argc, char **argv, char **envp, const struct tern_startup *s,
                           struct tern_options *o)
{
    struct strlist set = { 0 }, unset = { 0 };
    char which[64], log_from[64] = "-d";
    const char *v;
    bool strace = false;
    const char *log_items = NULL;

    memset(o, 0, sizeof(*o));
    o->exec_fd = -1;
    o->secure = s->secure;
    o->binfmt = started_by_binfmt(argc, argv, s);
    if (o->binfmt)
        o->exec_fd = s->exec_fd;

    if (argc > 0 && argv[0]) {
        const char *base = strrchr(argv[0], '/');
        base = base ? base + 1 : argv[0];
        if (strncmp(base, "tern-", 5) == 0 && base[5])
            o->forced_arch = base + 5;
    }

    /* environment first, so the command line can override it */
    if (o->secure)
        envp = NULL;
    o->sysroot = tern_or_qemu(envp, "LD_PREFIX", NULL);
    o->argv0 = tern_or_qemu(envp, "ARGV0", NULL);
    o->cpu_model = tern_or_qemu(envp, "CPU", NULL);
    o->log_file = tern_or_qemu(envp, "LOG_FILENAME", NULL);
    if (tern_or_qemu(envp, "STRACE", NULL))
        strace = true;
    if ((v = tern_or_qemu(envp, "LOG", which))) {
        log_items = v;
        memcpy(log_from, which, sizeof(log_from));
    }
    if ((v = tern_or_qemu(envp, "VDSO", which)))
        o->no_vdso = parse_no_vdso(v, which);
    if ((v = tern_or_qemu(envp, "SET_ENV", which)))
        add_set_list(&set, &unset, v, which);
    if ((v = tern_or_qemu(envp, "UNSET_ENV", which)))
        add_unset_list(&set, &unset, v, which);

    int i = o->binfmt ? argc : 1;      /* a hand-off has no options */
    while (i < argc) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] == '\0')
            break;                      /* the program ("-" alone is a file name) */
        i++;
        const char *name = a + 1;
        if (name[0] == '-') {
            name++;
            if (name[0] == '\0')
                break;                  /* "--" */
        }
        size_t k;
        for (k = 0; k < sizeof(opt_table) / sizeof(opt_table[0]); k++)
            if (strcmp(opt_table[k].name, name) == 0)
                break;
        if (k == sizeof(opt_table) / sizeof(opt_table[0]))
            bad_usage("unknown option '%s'", a);
        const char *arg = NULL;
        if (opt_table[k].has_arg) {
            if (i >= argc)
                bad_usage("option '%s' needs an argument", a);
            arg = argv[i++];
        }
        switch (opt_table[k].id) {
        case OPT_HELP:
            print_help();
            exit(0);
        case OPT_VERSION:
            print_version();
            exit(0);
        case OPT_L:
            o->sysroot = arg;
            break;
        case OPT_E:
            add_set_list(&set, &unset, arg, "-E");
            break;
        case OPT_U:
            add_unset_list(&set, &unset, arg, "-U");
            break;
        case OPT_0:
            o->argv0 = arg;
            break;
        case OPT_CPU:
            if (strcmp(arg, "help") == 0 || strcmp(arg, "?") == 0)
                o->cpu_help = true;
            else
                o->cpu_model = arg;
            break;
        case OPT_STRACE:
            strace = true;
            break;
        case OPT_D_ITEMS:
            log_items = arg;
            strcpy(log_from, "-d");
            break;
        case OPT_D_FILE:
            o->log_file = arg;
            break;
        case OPT_VDSO:
            o->no_vdso = parse_no_vdso(arg, "-vdso");
            break;
        }
    }

    if (log_items)
        o->log_mask = parse_log_items(log_items, log_from);
    if (strace)
        o->log_mask |= LOG_strace;
    o->set_env = sl_finish(&set);
    o->unset_env = sl_finish(&unset);

    if (o->binfmt) {
        parse_handoff(argc, argv, s, o);
        return;
    }
    if (i >= argc) {
        /* -cpu help needs no program: the caller lists the models and exits */
        if (o->cpu_help) {
            o->guest_argv = xrealloc(NULL, sizeof(char *));
            o->guest_argv[0] = NULL;
            return;
        }
        usage_line(stderr);
        fprintf(stderr, "try 'tern -h' for more information\n");
        exit(1);
    }

    o->prog = argv[i];
    o->guest_argc = argc - i;
    o->guest_argv = xrealloc(NULL, ((size_t)o->guest_argc + 1) * sizeof(char *));
    o->guest_argv[0] = (char *)(o->argv0 ? o->argv0 : o->prog);
    for (int j = 1; j < o->guest_argc; j++)
        o->guest_argv[j] = argv[i + j];
    o->guest_argv[o->guest_argc] = NULL;
}

char **options_guest_envp(const struct tern_options *o, char **envp)
{
    size_t n = 0, nset = 0;
    for (char **e = envp; e && *e; e++)
        n++;
    for (char **s = o->set_env; s && *s; s++)
        nset++;
    char **out = xrealloc(NULL, (n + nset + 1) * sizeof(char *));
    bool *used = xrealloc(NULL, (nset + 1) * sizeof(bool));
    memset(used, 0, (nset + 1) * sizeof(bool));
    size_t k = 0;
    for (char **e = envp; e && *e; e++) {
        bool drop = false;
        for (char **u = o->unset_env; u && *u && !drop; u++)
            drop = same_name(*e, *u);
        if (drop)
            continue;
        /* a variable that -E sets keeps its place; later duplicates go */
        size_t j;
        for (j = 0; j < nset; j++)
            if (same_name(*e, o->set_env[j]))
                break;
        if (j < nset) {
            if (!used[j])
                out[k++] = o->set_env[j];
            used[j] = true;
            continue;
        }
        out[k++] = *e;
    }
    for (size_t j = 0; j < nset; j++)
        if (!used[j])
            out[k++] = o->set_env[j];
    out[k] = NULL;
    free(used);
    return out;
}
