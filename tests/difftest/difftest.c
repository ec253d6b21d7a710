/* difftest.c — differential tester: random (or enumerated) instruction
 * sequences run under tern and under qemu-user (the oracle), final states
 * compared. One driver for every guest arch (struct arch, difftest.h).
 *
 *   difftest [options]
 *     --arch A[,B]  riscv64 (default) and/or aarch64; several run one after
 *                   the other, each with its own summary, then the total
 *     -n N          sequences to run (default 2000; with -E: the whole
 *                   enumeration)
 *     -s SEED       seed (default 1); sequence i of a seed is always the same
 *     --start I     first sequence index (default 0)
 *     --only I      run sequence I alone, verbosely (implies -n 1 --start I)
 *     -b N          sequences per test program (default 200)
 *     -j N          worker processes (default: online CPUs)
 *     -x a,b,...    leave these instruction classes out (--classes lists them)
 *     -a a,b,...    add classes that are off by default (riscv64, known tern
 *                   gaps: fmarmm (FMA in RMM), badfrm (dynamic rm with a
 *                   reserved frm must be illegal), amomisalign (misaligned
 *                   AMO must raise SIGBUS); aarch64: rawenc (random
 *                   encodings; needs CPU models with the same features:
 *                   --tern "build/tern -cpu cortex-a53"
 *                   --qemu "qemu-aarch64-static -cpu cortex-a57"))
 *     -o a,b,...    only these classes (switches like rmm count as classes)
 *     -E NAME       exhaustive: enumerate NAME's encodings instead of random
 *                   sequences (--classes lists the enumerations)
 *     -m N          minimise at most N mismatches (default 20); the others
 *                   are listed with their differing registers only
 *     --tern CMD    default build/tern (a private copy is run, so rebuilding
 *                   during a campaign is safe)
 *     --qemu CMD    default: the arch's (riscv64: "qemu-riscv64-static -cpu
 *                   rv64,zbc=false", tern's max model; aarch64:
 *                   "qemu-aarch64-static")
 *     --keep DIR    keep the generated programs in DIR
 *     -q            print only mismatches and the summary
 *   Tools: <ARCH>_AS, <ARCH>_LD, <ARCH>_OBJDUMP (RISCV64_AS, AARCH64_AS, ...)
 *   override the binutils.
 *
 * How a sequence is judged: each program holds many sequences (the arch's
 * generator makes them, its writer turns them into assembler); every
 * sequence writes one record (registers, flags, FP status, the 512-byte
 * scratch memory) per run, and a quarter of them run their body twice from
 * two states. The records of tern and qemu must be equal. A sequence that
 * stops both programs with the same signal (SIGILL from a reserved encoding,
 * SIGTRAP) agrees; a program that stops early makes the sequences after that
 * point run again in a new program. A failure is minimised by dropping item
 * groups while it persists, then printed with its initial state, the
 * differences and the encoding. An instruction tern cannot decode (it exits
 * 132 and names the pc) is reported with its disassembly, unminimised, as
 * family "illegal:<mnemonic>"; one in the program's own prologue or epilogue
 * stops the worker (nothing after it could run).
 *
 * The last line is "N passed, N failed"; the exit status is 1 if anything
 * failed (a mismatch, a crash, or a program that would not assemble).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/difftest/difftest.h"

static struct {
    const struct arch *arch;     /* the one being run */
    uint64_t n, seed, start;
    bool only, n_given;
    int batch, jobs, max_min;
    struct genopt gen;
    const char *tern, *qemu, *as, *ld, *objdump;
    char *dir;
    bool keep, quiet;
} opt = {
    .n = 2000, .seed = 1, .batch = 200, .jobs = 0, .max_min = 20,
    .tern = "build/tern",
};

static int worker_id;
static int min_budget;
static bool harness_broken;   /* this worker saw tern fail in the harness code */

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "difftest: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(2);
}

/* one write(2) per report, so the workers' reports never interleave */
static void out_str(const char *s)
{
    size_t len = strlen(s);
    while (len) {
        ssize_t w = write(1, s, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        s += w;
        len -= (size_t)w;
    }
}

/* ---- running commands ---- */

/* Runs argv (through sh -c if argv[1] is NULL and argv[0] has a space) with
 * stdout/stderr to the given files. Returns the wait status, or -1. */
static int run(char *const argv[], const char *out, const char *err, int timeout)
{
    pid_t pid = fork();
    if (pid < 0)
        die("fork: %s", strerror(errno));
    if (pid == 0) {
        int fd = open(out ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int fe = open(err ? err : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || fe < 0)
            _exit(126);
        dup2(fd, 1);
        dup2(fe, 2);
        close(fd);
        close(fe);
        if (timeout > 0) {
            struct rlimit rl = { (rlim_t)timeout, (rlim_t)timeout + 1 };
            setrlimit(RLIMIT_CPU, &rl);
            alarm((unsigned)timeout * 3);   /* survives exec: a wall-clock limit */
        }
        execvp(argv[0], argv);
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    return st;
}

/* an emulator command line may carry options: split it on spaces. `start`
 * extra arguments make a program whose arch has start_by_argc begin at
 * that variant. */
static int run_emu(const char *cmd, const char *prog, int start, const char *out, const char *err)
{
    char *copy = xstrdup(cmd);
    char **argv = malloc(sizeof(char *) * (size_t)(34 + start));
    if (!argv)
        die("out of memory");
    int n = 0;
    for (char *t = strtok(copy, " "); t && n < 30; t = strtok(NULL, " "))
        argv[n++] = t;
    argv[n++] = (char *)prog;
    for (int i = 0; i < start; i++)
        argv[n++] = "-";
    argv[n] = NULL;
    int st = run(argv, out, err, 20);
    free(copy);
    free(argv);
    return st;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *len = 0;
        return xstrdup("");
    }
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n + 65536 + 1 > cap) {
            cap = (n + 65536 + 1) * 2;
            buf = realloc(buf, cap);
            if (!buf)
                die("out of memory");
        }
        size_t got = fread(buf + n, 1, 65536, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

static void status_str(int st, char *buf, size_t len)
{
    if (st < 0)
        snprintf(buf, len, "not run");
    else if (WIFEXITED(st))
        snprintf(buf, len, "exit %d", WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        snprintf(buf, len, "signal %d (%s)", WTERMSIG(st), strsignal(WTERMSIG(st)));
    else
        snprintf(buf, len, "status 0x%x", st);
}

/* ---- building and running one program ---- */

struct result {
    char *out[2];       /* 0 = tern, 1 = qemu */
    size_t len[2];
    int status[2];
    char *err[2];
    bool built;
    char *build_err;
    char elf[512];      /* the program that ran */
};

static void free_result(struct result *r)
{
    for (int i = 0; i < 2; i++) {
        free(r->out[i]);
        free(r->err[i]);
    }
    free(r->build_err);
    memset(r, 0, sizeof(*r));
}

static void path(char *buf, size_t len, const char *name)
{
    snprintf(buf, len, "%s/w%d_%s", opt.dir, worker_id, name);
}

/* writes, builds and runs the variants; `name` distinguishes kept programs */
static void run_variants(const struct variant *v, int n, const char *name, struct result *r)
{
    char src[512], obj[512], elf[512], out[512], err[512], berr[512];
    memset(r, 0, sizeof(*r));
    char base[128];
    snprintf(base, sizeof(base), "%s.s", name);
    path(src, sizeof(src), base);
    snprintf(base, sizeof(base), "%s.o", name);
    path(obj, sizeof(obj), base);
    path(elf, sizeof(elf), name);
    snprintf(r->elf, sizeof(r->elf), "%s", elf);
    path(berr, sizeof(berr), "build.err");
    FILE *f = fopen(src, "w");
    if (!f)
        die("%s: %s", src, strerror(errno));
    opt.arch->write_program(f, v, n);
    fclose(f);

    char *as_argv[12];
    int na = 0;
    as_argv[na++] = (char *)opt.as;
    for (int i = 0; opt.arch->as_flags[i]; i++)
        as_argv[na++] = (char *)opt.arch->as_flags[i];
    as_argv[na++] = "-o";
    as_argv[na++] = obj;
    as_argv[na++] = src;
    as_argv[na] = NULL;
    int st = run(as_argv, NULL, berr, 60);
    if (st == 0) {
        char *ld_argv[] = { (char *)opt.ld, "-static", "-o", elf, obj, NULL };
        st = run(ld_argv, NULL, berr, 60);
    }
    if (st != 0) {
        size_t l;
        r->build_err = read_file(berr, &l);
        return;
    }
    r->built = true;
    for (int i = 0; i < 2; i++) {
        snprintf(base, sizeof(base), "%s.out%d", name, i);
        path(out, sizeof(out), base);
        snprintf(base, sizeof(base), "%s.err%d", name, i);
        path(err, sizeof(err), base);
        r->status[i] = run_emu(i == 0 ? opt.tern : opt.qemu, elf, 0, out, err);
        r->out[i] = read_file(out, &r->len[i]);
        size_t l;
        r->err[i] = read_file(err, &l);
    }
}

/* runs side i (0 = tern, 1 = qemu) of a built program again from variant
 * `start` (arches with start_by_argc), replacing that side's results */
static void rerun_side(struct result *r, int i, int start)
{
    char out[512], err[512], base[64];
    snprintf(base, sizeof(base), "rerun.out%d", i);
    path(out, sizeof(out), base);
    snprintf(base, sizeof(base), "rerun.err%d", i);
    path(err, sizeof(err), base);
    free(r->out[i]);
    free(r->err[i]);
    r->status[i] = run_emu(i == 0 ? opt.tern : opt.qemu, r->elf, start, out, err);
    r->out[i] = read_file(out, &r->len[i]);
    size_t l;
    r->err[i] = read_file(err, &l);
}

/* the record with this tag from side i, or NULL when the program stopped
 * before writing it */
static const uint8_t *record(const struct result *r, int i, uint64_t tag)
{
    size_t rec = opt.arch->record;
    for (size_t off = 0; off + rec <= r->len[i]; off += rec) {
        const uint8_t *p = (const uint8_t *)r->out[i] + off;
        uint64_t t;
        memcpy(&t, p, 8);
        if (t == tag)
            return p;
    }
    return NULL;
}

static uint64_t pass_tag(const struct variant *v, int pass)
{
    return v->tag | (pass ? TAG_RERUN : 0);
}

enum verdict { V_PASS, V_DIFF, V_CRASH, V_BOTH_CRASH, V_SAME_SIGNAL };

/* the signal a process died of (an exit status 128+n counts as signal n) */
static int death_signal(int st)
{
    if (st < 0)
        return -1;
    if (WIFSIGNALED(st))
        return WTERMSIG(st);
    if (WIFEXITED(st) && WEXITSTATUS(st) > 128)
        return WEXITSTATUS(st) - 128;
    return -1;
}

/* compares variant v (both of its runs). Both programs dying of the same
 * signal before its record (an illegal or faulting encoding) is agreement;
 * a timeout is not. */
static enum verdict judge(const struct result *r, const struct variant *v)
{
    for (int pass = 0; pass < (v->q->rerun ? 2 : 1); pass++) {
        const uint8_t *a = record(r, 0, pass_tag(v, pass)), *b = record(r, 1, pass_tag(v, pass));
        if (a && b) {
            if (memcmp(a, b, opt.arch->record))
                return V_DIFF;
            continue;
        }
        if (a || b)
            return V_CRASH;
        int s0 = death_signal(r->status[0]), s1 = death_signal(r->status[1]);
        if (s0 > 0 && s0 == s1 && s0 != SIGXCPU && s0 != SIGALRM && s0 != SIGKILL)
            return V_SAME_SIGNAL;
        if (s0 != s1)
            return V_CRASH;    /* they stopped differently */
        return V_BOTH_CRASH;
    }
    return V_PASS;
}

/* the first differing pair of records of v (pass set), or false */
static bool differing(const struct result *r, const struct variant *v, const uint8_t **a,
                      const uint8_t **b, int *pass)
{
    for (int p = 0; p < (v->q->rerun ? 2 : 1); p++) {
        *a = record(r, 0, pass_tag(v, p));
        *b = record(r, 1, pass_tag(v, p));
        *pass = p;
        if (!*a || !*b || memcmp(*a, *b, opt.arch->record))
            return *a && *b;
    }
    return false;
}

/* ---- reporting ---- */

/* family signature: the distinct mnemonics of the minimised body */
static void signature(char *buf, size_t len, const char *body, const char *kind)
{
    char names[64][24];
    int n = 0;
    for (const char *p = body; *p;) {
        while (*p == ' ')
            p++;
        const char *s = p;
        while (*p && *p != ' ' && *p != '\n')
            p++;
        size_t l = (size_t)(p - s);
        bool label = l && s[l - 1] == ':';
        if (l && l < 24 && !label && strncmp(s, "li", l) && strncmp(s, "la", l) && n < 64) {
            bool dup = false;
            for (int i = 0; i < n; i++)
                if (strlen(names[i]) == l && !strncmp(names[i], s, l))
                    dup = true;
            if (!dup) {
                memcpy(names[n], s, l);
                names[n++][l] = 0;
            }
        }
        while (*p && *p != '\n')
            p++;
        if (*p)
            p++;
    }
    /* sort for a stable signature */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char t[24];
            memcpy(t, names[j], 24);
            memcpy(names[j], names[j - 1], 24);
            memcpy(names[j - 1], t, 24);
        }
    size_t o = (size_t)snprintf(buf, len, "%s:", kind);
    for (int i = 0; i < n && o < len; i++)
        o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? "," : "", names[i]);
}

/* ---- families (per worker; merged by the parent) ---- */

struct family {
    char sig[256];
    uint64_t count, first;
};
static struct family *fams;
static int nfams;

static int family_count(const char *sig)
{
    for (int i = 0; i < nfams; i++)
        if (!strcmp(fams[i].sig, sig))
            return (int)fams[i].count;
    return 0;
}

static void add_family(const char *sig, uint64_t idx)
{
    for (int i = 0; i < nfams; i++)
        if (!strcmp(fams[i].sig, sig)) {
            fams[i].count++;
            return;
        }
    fams = realloc(fams, (size_t)(nfams + 1) * sizeof(*fams));
    if (!fams)
        die("out of memory");
    snprintf(fams[nfams].sig, sizeof(fams[nfams].sig), "%s", sig);
    fams[nfams].count = 1;
    fams[nfams].first = idx;
    nfams++;
}

/* ---- minimisation ---- */

/* whether variant v of r is still a failure of the same broad kind */
static bool still_fails(const struct result *r, const struct variant *vr, enum verdict want)
{
    enum verdict v = judge(r, vr);
    if (want == V_DIFF)
        return v == V_DIFF;
    return v == V_CRASH;
}

/* Drops groups of items while the failure persists. Each round builds one
 * program holding, for chunk sizes n/2, n/4, ..., 1, every variant that drops
 * one chunk of the kept groups, and takes the biggest drop that still fails.
 * A crash ends a program, so variants after the first crash are not judged. */
static void minimise(const struct seq *q, bool *keep, enum verdict want)
{
    int *groups = malloc(sizeof(int) * (size_t)(q->nitems + 1));
    struct variant *vs = malloc(sizeof(*vs) * (size_t)(4 * q->nitems + 4));
    bool **keeps = malloc(sizeof(bool *) * (size_t)(4 * q->nitems + 4));
    int *dropped = malloc(sizeof(int) * (size_t)(4 * q->nitems + 4));
    if (!groups || !vs || !keeps || !dropped)
        die("out of memory");
    for (int round = 0; round < 200; round++) {
        int ng = 0;
        for (int i = 0; i < q->nitems; i++) {
            if (q->items[i].is_label || !keep[i])
                continue;
            bool seen = false;
            for (int j = 0; j < ng; j++)
                if (groups[j] == q->items[i].group)
                    seen = true;
            if (!seen)
                groups[ng++] = q->items[i].group;
        }
        if (ng == 0)
            break;
        int nv = 0;
        for (int chunk = ng / 2 > 0 ? ng / 2 : 1;; chunk /= 2) {
            for (int s = 0; s < ng && nv < 4 * q->nitems + 4; s += chunk) {
                bool *k = malloc((size_t)q->nitems);
                if (!k)
                    die("out of memory");
                memcpy(k, keep, (size_t)q->nitems);
                for (int i = 0; i < q->nitems; i++)
                    for (int j = s; j < s + chunk && j < ng; j++)
                        if (q->items[i].group == groups[j])
                            k[i] = false;
                keeps[nv] = k;
                dropped[nv] = (s + chunk < ng ? chunk : ng - s);
                vs[nv].q = q;
                vs[nv].keep = k;
                vs[nv].tag = 0x5a5a000000000000ull + (uint64_t)nv;
                nv++;
            }
            if (chunk == 1)
                break;
        }
        /* a variant that stops its program (trap, crash) ends the judging
         * of that program: the rest run again in a new one */
        int best = -1;
        for (int from = 0; from < nv;) {
            struct result r;
            run_variants(vs + from, nv - from, "min", &r);
            int next = nv;
            if (r.built) {
                for (int k = from; k < nv; k++) {
                    enum verdict v = judge(&r, &vs[k]);
                    if (still_fails(&r, &vs[k], want) &&
                        (best < 0 || dropped[k] > dropped[best]))
                        best = k;
                    if (v == V_CRASH || v == V_BOTH_CRASH || v == V_SAME_SIGNAL) {
                        next = k + 1;
                        break;
                    }
                }
            }
            free_result(&r);
            /* the biggest drop that fails is found: stop early */
            if (best >= 0 && dropped[best] >= dropped[next < nv ? next : nv - 1])
                break;
            from = next;
        }
        if (best >= 0)
            memcpy(keep, keeps[best], (size_t)q->nitems);
        for (int k = 0; k < nv; k++)
            free(keeps[k]);
        if (best < 0)
            break;
    }
    free(groups);
    free(vs);
    free(keeps);
    free(dropped);
}

static char *objdump_body(const char *elf)
{
    char out[512], sym[32];
    path(out, sizeof(out), "objdump.txt");
    snprintf(sym, sizeof(sym), "--disassemble=body_0");
    char *argv[] = { (char *)opt.objdump, "-d", sym, (char *)elf, NULL };
    run(argv, out, NULL, 60);
    size_t l;
    char *txt = read_file(out, &l);
    /* keep the instruction lines only */
    struct strbuf s = { 0 };
    for (char *p = txt; *p;) {
        char *e = strchr(p, '\n');
        if (e)
            *e = 0;
        if (strchr(p, '\t') && p[0] == ' ')
            sb_printf(&s, "    %s\n", p);
        p = e ? e + 1 : p + strlen(p);
    }
    free(txt);
    return s.p ? s.p : xstrdup("    (objdump gave nothing)\n");
}

/* what tern said it could not decode: "illegal instruction at pc 0x..." on
 * its stderr, looked up in the program (symbol, bytes, disassembly) */
struct illegal {
    bool found, in_body;
    char where[128];    /* <body_3+0x1c> */
    char text[160];     /* bytes and disassembly */
    char mnem[32];
};

static struct illegal find_illegal(const struct result *r)
{
    struct illegal il = { 0 };
    const char *p = r->err[0] ? strstr(r->err[0], "illegal instruction at pc 0x") : NULL;
    if (!p || !r->built)
        return il;
    unsigned long long pc = strtoull(p + strlen("illegal instruction at pc "), NULL, 0);
    char a1[64], a2[64], out[512];
    snprintf(a1, sizeof(a1), "--start-address=0x%llx", pc);
    snprintf(a2, sizeof(a2), "--stop-address=0x%llx", pc + 4);
    path(out, sizeof(out), "illegal.txt");
    char *argv[] = { (char *)opt.objdump, "-d", a1, a2, (char *)r->elf, NULL };
    run(argv, out, NULL, 60);
    size_t l;
    char *txt = read_file(out, &l);
    il.found = true;
    snprintf(il.where, sizeof(il.where), "pc 0x%llx", pc);
    snprintf(il.text, sizeof(il.text), "?");
    snprintf(il.mnem, sizeof(il.mnem), "?");
    for (char *s = txt; *s;) {
        char *e = strchr(s, '\n');
        if (e)
            *e = 0;
        char *lt = strchr(s, '<');
        if (lt && strstr(s, ">:")) {
            snprintf(il.where, sizeof(il.where), "%.*s", (int)(strstr(s, ">:") + 1 - lt), lt);
            il.in_body = !strncmp(lt, "<body_", 6);
        } else if (strchr(s, '\t') && s[0] == ' ') {
            /* "  400abc:\td503201f \tnop" */
            char *t = strchr(s, '\t') + 1;
            snprintf(il.text, sizeof(il.text), "%s", t);
            for (char *c = il.text; *c; c++)
                if (*c == '\t')
                    *c = ' ';
            char *m = strchr(t, '\t');
            if (m) {
                m++;
                size_t n = strcspn(m, " \t");
                snprintf(il.mnem, sizeof(il.mnem), "%.*s", (int)n, m);
            }
        }
        s = e ? e + 1 : s + strlen(s);
    }
    free(txt);
    return il;
}

static void add_family(const char *sig, uint64_t idx);

/* an instruction tern does not decode: reported as it is, unminimised */
static int family_count(const char *sig);

static void report_illegal(const struct seq *q, const struct illegal *il, const struct result *r)
{
    char sig[96];
    snprintf(sig, sizeof(sig), "illegal:%s", il->mnem);
    /* the first few of each mnemonic in full; the summary counts the rest */
    if (family_count(sig) >= 3) {
        add_family(sig, q->idx);
        return;
    }
    struct strbuf s = { 0 };
    char sq[64];
    status_str(r->status[1], sq, sizeof(sq));
    sb_printf(&s, "\n=== ILLEGAL under tern: sequence %llu (seed %llu)\n"
                  "    %s: %s\n    qemu: %s%s\n",
              (unsigned long long)q->idx, (unsigned long long)opt.seed, il->where, il->text, sq,
              death_signal(r->status[1]) > 0 ? "" : " (ran it)");
    sb_printf(&s, "--- family %s\n--- rerun: difftest --arch %s -s %llu --only %llu\n", sig,
              opt.arch->name, (unsigned long long)opt.seed, (unsigned long long)q->idx);
    add_family(sig, q->idx);
    out_str(s.p);
    free(s.p);
}

static void report(const struct seq *q, enum verdict v, const struct result *orig)
{
    struct strbuf s = { 0 };
    bool *keep = malloc((size_t)q->nitems + 1);
    if (!keep)
        die("out of memory");
    memset(keep, 1, (size_t)q->nitems + 1);
    bool minimised = false;
    if (min_budget > 0 && v != V_BOTH_CRASH) {
        min_budget--;
        minimise(q, keep, v);
        minimised = true;
    }
    int kept = 0, total = 0;
    for (int i = 0; i < q->nitems; i++)
        if (!q->items[i].is_label) {
            total++;
            kept += keep[i];
        }
    struct variant var = { q, keep, q->idx };
    struct result r;
    const struct result *use = orig;
    if (minimised) {
        run_variants(&var, 1, "final", &r);
        use = &r;
    }
    char *body = variant_body(&var);
    const char *what = v == V_DIFF ? "MISMATCH" : v == V_CRASH ? "CRASH" : "BOTH CRASHED (generator bug?)";
    sb_printf(&s, "\n=== %s: sequence %llu (seed %llu)%s\n", what, (unsigned long long)q->idx,
              (unsigned long long)opt.seed, q->li_mode ? ", registers set by li" : "");
    if (!minimised) {
        /* short form: which registers differ */
        const uint8_t *a, *b;
        int pass;
        if (differing(orig, &var, &a, &b, &pass)) {
            if (pass)
                sb_printf(&s, "    (second run, from the second state)\n");
            opt.arch->describe_diff(&s, a, b, &q->st[pass]);
        } else {
            char sa[64], sb[64];
            status_str(orig->status[0], sa, sizeof(sa));
            status_str(orig->status[1], sb, sizeof(sb));
            sb_printf(&s, "    tern: %s%s  qemu: %s%s\n", sa, a ? "" : " (no record)", sb, b ? "" : " (no record)");
        }
        sb_printf(&s, "    (not minimised) rerun: difftest --arch %s -s %llu --only %llu\n",
                  opt.arch->name, (unsigned long long)opt.seed, (unsigned long long)q->idx);
        out_str(s.p);
        free(s.p);
        free(body);
        free(keep);
        return;
    }
    sb_printf(&s, "--- sequence (%d of %d items kept):\n%s", kept, total, body);
    const uint8_t *a = NULL, *b = NULL;
    int pass = 0;
    bool diff = use->built && differing(use, &var, &a, &b, &pass);
    for (int p = 0; p < (q->rerun ? 2 : 1); p++) {
        sb_printf(&s, "--- initial state of the registers it names%s:\n",
                  !q->rerun ? "" : p ? " (second run)" : " (first run; the body runs twice)");
        opt.arch->describe_state(&s, body, &q->st[p]);
    }
    const char *kind = "crash";
    if (diff) {
        sb_printf(&s, "--- differences%s (qemu is the reference):\n", pass ? " in the second run" : "");
        kind = opt.arch->describe_diff(&s, a, b, &q->st[pass]);
    } else {
        char sa[64], sb[64];
        status_str(use->status[0], sa, sizeof(sa));
        status_str(use->status[1], sb, sizeof(sb));
        sb_printf(&s, "--- tern: %s%s; qemu: %s%s\n", sa, a ? "" : " (no record)", sb, b ? "" : " (no record)");
        if (use->err[0] && *use->err[0])
            sb_printf(&s, "    tern stderr: %.400s\n", use->err[0]);
    }
    if (minimised && kept > 0) {
        char elf[512];
        path(elf, sizeof(elf), "final");
        char *d = objdump_body(elf);
        sb_printf(&s, "--- encoding:\n%s", d);
        free(d);
    }
    char sig[256];
    signature(sig, sizeof(sig), body, kind);
    sb_printf(&s, "--- family %s\n--- rerun: difftest --arch %s -s %llu --only %llu\n", sig,
              opt.arch->name, (unsigned long long)opt.seed, (unsigned long long)q->idx);
    add_family(sig, q->idx);
    out_str(s.p);
    free(s.p);
    free(body);
    free(keep);
    if (minimised)
        free_result(&r);
}

/* ---- the batch loop ---- */

static uint64_t passed, failed;

static void run_batch(uint64_t first, int count)
{
    struct seq *qs = calloc((size_t)count, sizeof(*qs));
    struct variant *vs = calloc((size_t)count, sizeof(*vs));
    if (!qs || !vs)
        die("out of memory");
    for (int k = 0; k < count; k++)
        opt.arch->gen_seq(&qs[k], opt.seed, first + (uint64_t)k, &opt.gen);
    /* sequences that may trap go last: a trap ends the program, and the
     * sequences after it run again in a new one */
    int nv = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < count; k++)
            if (qs[k].may_trap == (pass == 1)) {
                vs[nv].q = &qs[k];
                vs[nv].tag = qs[k].idx;
                nv++;
            }
    /* a program that stops early (a crash, an illegal instruction) goes on
     * after the stopping sequence: with start_by_argc the same program runs
     * again from there (only tern when qemu ran to the end), otherwise a new
     * program holds the rest */
    int from = 0, built_from = 0;
    struct result r;
    bool have = false;
    while (from < count) {
        bool stopped = false;
        if (!have) {
            run_variants(vs + from, count - from, "batch", &r);
            built_from = from;
            have = true;
        }
        for (int i = 0; i < 2 && r.built; i++)
            if (WIFEXITED(r.status[i]) && WEXITSTATUS(r.status[i]) == 127)
                die("cannot run %s (exit 127): %.300s", i ? opt.qemu : opt.tern, r.err[i] ? r.err[i] : "");
        if (!r.built) {
            char msg[4200];
            snprintf(msg, sizeof(msg), "\n=== BUILD FAILED for sequences %llu..%llu:\n%.4000s\n",
                     (unsigned long long)(first + (uint64_t)from), (unsigned long long)(first + (uint64_t)count - 1),
                     r.build_err ? r.build_err : "");
            out_str(msg);
            failed += (uint64_t)(count - from);
            break;
        }
        int next = count;
        for (int k = from; k < count; k++) {
            enum verdict v = judge(&r, &vs[k]);
            if (v == V_PASS) {
                passed++;
                continue;
            }
            if (v == V_SAME_SIGNAL) {
                passed++;
                next = k + 1;   /* both stopped here, the same way */
                stopped = true;
                break;
            }
            failed++;
            struct illegal il = { 0 };
            if (v == V_CRASH)
                il = find_illegal(&r);
            if (il.found && !il.in_body) {
                /* the harness itself: no sequence after this can run */
                char msg[512];
                snprintf(msg, sizeof(msg), "\n=== HARNESS: tern stopped in the test program's own code "
                         "(sequence %llu): %s: %s\n    (the sequences of this worker count as failed)\n",
                         (unsigned long long)vs[k].q->idx, il.where, il.text);
                out_str(msg);
                char sig[96];
                snprintf(sig, sizeof(sig), "harness-illegal:%s", il.mnem);
                add_family(sig, vs[k].q->idx);
                failed += (uint64_t)(count - k - 1);
                harness_broken = true;
                next = count;
                stopped = true;
                break;
            }
            if (il.found)
                report_illegal(vs[k].q, &il, &r);
            else
                report(vs[k].q, v, &r);
            if (v != V_DIFF) {
                next = k + 1;   /* the program stopped here: go on after it */
                stopped = true;
                break;
            }
        }
        /* both sides exited early without a crash verdict: should not happen */
        if (!stopped && (r.status[0] != 0 || r.status[1] != 0)) {
            char sa[64], sb[64], msg[256];
            status_str(r.status[0], sa, sizeof(sa));
            status_str(r.status[1], sb, sizeof(sb));
            snprintf(msg, sizeof(msg), "\n=== odd exit for batch at %llu: tern %s, qemu %s\n",
                     (unsigned long long)first, sa, sb);
            out_str(msg);
        }
        from = next;
        if (from >= count)
            break;
        if (opt.arch->start_by_argc) {
            bool qemu_done = r.status[1] == 0;
            rerun_side(&r, 0, from - built_from);
            if (!qemu_done)
                rerun_side(&r, 1, from - built_from);
        } else {
            free_result(&r);
            have = false;
        }
    }
    if (have)
        free_result(&r);
    for (int k = 0; k < count; k++)
        free_seq(&qs[k]);
    free(qs);
    free(vs);
}

/* Runs a private copy of the tern binary: a rebuild during a long campaign
 * must not swap it under running workers (or catch it half written). */
static void snapshot_tern(void)
{
    char *cmd = xstrdup(opt.tern);
    char *sp = strchr(cmd, ' ');
    if (sp)
        *sp = 0;
    struct stat st;
    if (stat(cmd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (strchr(cmd, '/'))
            die("tern is not there: %s (build it first)", cmd);
        free(cmd);
        return;   /* a command on PATH: run it as given */
    }
    char dst[600];
    snprintf(dst, sizeof(dst), "%s/tern", opt.dir);
    char *argv[] = { "cp", cmd, dst, NULL };
    if (run(argv, NULL, NULL, 60) != 0)
        die("cannot copy %s to %s", cmd, dst);
    size_t len = strlen(dst) + (sp ? strlen(opt.tern + (sp - cmd)) : 0) + 1;
    char *nt = malloc(len);
    if (!nt)
        die("out of memory");
    snprintf(nt, len, "%s%s", dst, sp ? opt.tern + (sp - cmd) : "");
    opt.tern = nt;
    free(cmd);
}

/* the classes a comma list names; a name this arch does not know is an
 * error when it is the only arch, and ignored when several run (the name
 * may be another arch's) */
static uint64_t parse_classes(const char *list, bool strict, bool *ok)
{
    uint64_t m = 0;
    char *copy = xstrdup(list);
    for (char *t = strtok(copy, ","); t; t = strtok(NULL, ",")) {
        int i = opt.arch->class_index(t);
        if (i < 0) {
            if (strict) {
                fprintf(stderr, "difftest: unknown %s class '%s'\n", opt.arch->name, t);
                *ok = false;
            }
        } else {
            m |= 1ull << i;
        }
    }
    free(copy);
    return m;
}

static void usage(void)
{
    fprintf(stderr, "usage: difftest [--arch riscv64,aarch64] [-n N] [-s SEED] [--start I] [--only I] [-b N]\n"
                    "                [-j N] [-x classes] [-a classes] [-o classes] [-E enumeration] [-m N]\n"
                    "                [--tern CMD] [--qemu CMD] [--keep DIR] [-q] [--classes]\n");
    exit(2);
}

static const struct arch *const arches[] = { &arch_riscv64, &arch_aarch64 };

static const struct arch *find_arch(const char *name)
{
    for (size_t i = 0; i < NELEM(arches); i++)
        if (!strcmp(arches[i]->name, name))
            return arches[i];
    return NULL;
}

/* one arch's run: workers, their reports merged; adds to *tp, *tf */
static void campaign(uint64_t *tp_out, uint64_t *tf_out)
{
    uint64_t nbatches = (opt.n + (uint64_t)opt.batch - 1) / (uint64_t)opt.batch;
    int jobs = opt.jobs;
    if ((uint64_t)jobs > nbatches)
        jobs = nbatches ? (int)nbatches : 1;
    if (!opt.quiet)
        printf("difftest: %s, %llu sequences from %llu, seed %llu%s%s, %d per program, %d jobs, tern '%s', qemu '%s'\n",
               opt.arch->name, (unsigned long long)opt.n, (unsigned long long)opt.start,
               (unsigned long long)opt.seed, opt.gen.exhaustive >= 0 ? ", enumeration " : "",
               opt.gen.exhaustive >= 0 ? opt.arch->ex_names[opt.gen.exhaustive] : "",
               opt.batch, jobs, opt.tern, opt.qemu);
    fflush(stdout);
    time_t t0 = time(NULL);

    int (*pipes)[2] = calloc((size_t)jobs, sizeof(*pipes));
    pid_t *pids = calloc((size_t)jobs, sizeof(*pids));
    if (!pipes || !pids)
        die("out of memory");
    nfams = 0;
    for (int w = 0; w < jobs; w++) {
        if (pipe(pipes[w]) < 0)
            die("pipe: %s", strerror(errno));
        pids[w] = fork();
        if (pids[w] < 0)
            die("fork: %s", strerror(errno));
        if (pids[w] == 0) {
            close(pipes[w][0]);
            worker_id = w;
            min_budget = (opt.max_min + jobs - 1 - w) / jobs;
            for (uint64_t b = (uint64_t)w; b < nbatches; b += (uint64_t)jobs) {
                uint64_t first = opt.start + b * (uint64_t)opt.batch;
                uint64_t left = opt.start + opt.n - first;
                int count = (int)(left < (uint64_t)opt.batch ? left : (uint64_t)opt.batch);
                if (harness_broken) {
                    failed += (uint64_t)count;
                    continue;
                }
                run_batch(first, count);
                if (!opt.quiet && w == 0 && nbatches > 4) {
                    char msg[160];
                    snprintf(msg, sizeof(msg), "difftest: ~%llu/%llu sequences done (%lds)\n",
                             (unsigned long long)((b + 1) * (uint64_t)opt.batch),
                             (unsigned long long)opt.n, (long)(time(NULL) - t0));
                    out_str(msg);
                }
            }
            FILE *f = fdopen(pipes[w][1], "w");
            fprintf(f, "R %llu %llu\n", (unsigned long long)passed, (unsigned long long)failed);
            for (int i = 0; i < nfams; i++)
                fprintf(f, "F %llu %llu %s\n", (unsigned long long)fams[i].count,
                        (unsigned long long)fams[i].first, fams[i].sig);
            fclose(f);
            _exit(0);
        }
        close(pipes[w][1]);
    }
    uint64_t tp = 0, tf = 0;
    for (int w = 0; w < jobs; w++) {
        FILE *f = fdopen(pipes[w][0], "r");
        char line[512];
        bool got = false;
        while (f && fgets(line, sizeof(line), f)) {
            unsigned long long a, b;
            int pos = 0;
            if (sscanf(line, "R %llu %llu", &a, &b) == 2) {
                tp += a;
                tf += b;
                got = true;
            } else if (sscanf(line, "F %llu %llu %n", &a, &b, &pos) == 2 && pos) {
                line[strcspn(line, "\n")] = 0;
                uint64_t before = (uint64_t)nfams;
                add_family(line + pos, b);
                if ((uint64_t)nfams == before) {
                    for (int i = 0; i < nfams; i++)
                        if (!strcmp(fams[i].sig, line + pos))
                            fams[i].count += a - 1;
                } else {
                    fams[nfams - 1].count = a;
                }
            }
        }
        if (f)
            fclose(f);
        int st;
        waitpid(pids[w], &st, 0);
        if (!got) {
            fprintf(stdout, "difftest: worker %d died (status 0x%x)\n", w, st);
            tf++;
        }
    }
    free(pipes);
    free(pids);
    if (nfams) {
        printf("\n%s mismatch families (minimised ones, and instructions tern did not decode):\n",
               opt.arch->name);
        for (int i = 0; i < nfams; i++)
            printf("  %6llu x  %s  (first: --only %llu)\n", (unsigned long long)fams[i].count,
                   fams[i].sig, (unsigned long long)fams[i].first);
    }
    if (!opt.quiet)
        printf("difftest: %s %lds\n", opt.arch->name, (long)(time(NULL) - t0));
    *tp_out += tp;
    *tf_out += tf;
    fflush(stdout);
}

int main(int argc, char **argv)
{
    const char *arch_list = "riscv64", *enumeration = NULL;
    /* class options apply in order, per arch */
    struct { char op; const char *list; } copts[64];
    int ncopts = 0;
    bool list_classes = false;
    const char *qemu = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDVAL do { if (!val) usage(); i++; } while (0)
        if (!strcmp(a, "-n")) { NEEDVAL; opt.n = strtoull(val, NULL, 0); opt.n_given = true; }
        else if (!strcmp(a, "-s")) { NEEDVAL; opt.seed = strtoull(val, NULL, 0); }
        else if (!strcmp(a, "--start")) { NEEDVAL; opt.start = strtoull(val, NULL, 0); }
        else if (!strcmp(a, "--only")) {
            NEEDVAL;
            opt.start = strtoull(val, NULL, 0);
            opt.n = 1;
            opt.n_given = opt.only = true;
        }
        else if (!strcmp(a, "-b")) { NEEDVAL; opt.batch = atoi(val); }
        else if (!strcmp(a, "-j")) { NEEDVAL; opt.jobs = atoi(val); }
        else if (!strcmp(a, "-m")) { NEEDVAL; opt.max_min = atoi(val); }
        else if ((!strcmp(a, "-x") || !strcmp(a, "-a") || !strcmp(a, "-o")) && ncopts < 64) {
            NEEDVAL;
            copts[ncopts].op = a[1];
            copts[ncopts++].list = val;
        }
        else if (!strcmp(a, "-E")) { NEEDVAL; enumeration = val; }
        else if (!strcmp(a, "--arch")) { NEEDVAL; arch_list = val; }
        else if (!strcmp(a, "--tern")) { NEEDVAL; opt.tern = val; }
        else if (!strcmp(a, "--qemu")) { NEEDVAL; qemu = val; }
        else if (!strcmp(a, "--keep")) { NEEDVAL; opt.dir = (char *)val; opt.keep = true; }
        else if (!strcmp(a, "-q")) { opt.quiet = true; }
        else if (!strcmp(a, "--classes")) { list_classes = true; }
        else usage();
    }
    const struct arch *run_arches[NELEM(arches)];
    int narch = 0;
    {
        char *copy = xstrdup(arch_list);
        for (char *t = strtok(copy, ", "); t; t = strtok(NULL, ", ")) {
            const struct arch *ar = find_arch(t);
            if (!ar)
                die("unknown arch '%s' (riscv64, aarch64)", t);
            if (narch < (int)NELEM(arches))
                run_arches[narch++] = ar;
        }
        free(copy);
    }
    if (narch == 0)
        usage();
    if (list_classes) {
        for (int k = 0; k < narch; k++) {
            const struct arch *ar = run_arches[k];
            printf("%s classes:", ar->name);
            uint64_t def = ar->all_classes();
            for (int c = 0; ar->class_name(c); c++)
                printf(" %s%s", ar->class_name(c), def >> c & 1 ? "" : "(off)");
            printf("\n%s enumerations (-E):", ar->name);
            for (int e = 0; ar->ex_names[e]; e++)
                printf(" %s(%llu)", ar->ex_names[e], (unsigned long long)ar->ex_count(e));
            printf("\n");
        }
        return 0;
    }
    if (opt.batch < 1)
        opt.batch = 1;
    if (opt.jobs < 1) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        opt.jobs = n > 0 ? (int)n : 1;
    }
    if (opt.only)
        opt.jobs = 1;
    if (opt.keep) {
        mkdir(opt.dir, 0755);
    } else {
        const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
        char tmpl[512];
        snprintf(tmpl, sizeof(tmpl), "%s/difftest.XXXXXX", tmp);
        char *d = mkdtemp(tmpl);
        if (!d)
            die("mkdtemp: %s", strerror(errno));
        opt.dir = xstrdup(d);
    }

    snapshot_tern();

    uint64_t tp = 0, tf = 0, n_arg = opt.n;
    int status = 0;
    for (int k = 0; k < narch && !status; k++) {
        const struct arch *ar = run_arches[k];
        opt.arch = ar;
        char env[64];
        snprintf(env, sizeof(env), "%s_AS", ar->env);
        opt.as = getenv(env) ? getenv(env) : ar->as;
        snprintf(env, sizeof(env), "%s_LD", ar->env);
        opt.ld = getenv(env) ? getenv(env) : ar->ld;
        snprintf(env, sizeof(env), "%s_OBJDUMP", ar->env);
        opt.objdump = getenv(env) ? getenv(env) : ar->objdump;
        opt.qemu = qemu ? qemu : ar->qemu;
        opt.gen.classes = ar->all_classes();
        opt.gen.exhaustive = -1;
        bool ok = true;
        for (int c = 0; c < ncopts; c++) {
            uint64_t m = parse_classes(copts[c].list, narch == 1, &ok);
            if (copts[c].op == 'x')
                opt.gen.classes &= ~m;
            else if (copts[c].op == 'a')
                opt.gen.classes |= m;
            else
                opt.gen.classes = m;
        }
        if (!ok) {
            status = 2;
            break;
        }
        opt.n = n_arg;
        if (enumeration) {
            for (int e = 0; ar->ex_names[e]; e++)
                if (!strcmp(ar->ex_names[e], enumeration))
                    opt.gen.exhaustive = e;
            if (opt.gen.exhaustive < 0) {
                if (narch == 1) {
                    fprintf(stderr, "difftest: %s has no enumeration '%s' (see --classes)\n", ar->name,
                            enumeration);
                    status = 2;
                }
                continue;
            }
            if (!opt.n_given)
                opt.n = ar->ex_count(opt.gen.exhaustive);
        }
        uint64_t p0 = tp, f0 = tf;
        campaign(&tp, &tf);
        if (narch > 1)
            printf("%s: %llu passed, %llu failed\n", ar->name, (unsigned long long)(tp - p0),
                   (unsigned long long)(tf - f0));
    }
    if (!opt.keep) {
        char cmd[600];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", opt.dir);
        if (system(cmd) != 0)
            fprintf(stderr, "difftest: could not remove %s\n", opt.dir);
    }
    if (status)
        return status;
    printf("%llu passed, %llu failed\n", (unsigned long long)tp, (unsigned long long)tf);
    return tf ? 1 : 0;
}
