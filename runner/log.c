/* log.c — the `-d` log sink (stderr or the -D file), the category table and
 * tern_die.
 *
 * Invariants: tern_log is written only by log_init, before any guest thread
 * exists, so readers need no lock. Every write formats the whole message first
 * and hands it to stdio in one call under flockfile, so lines from different
 * guest threads never interleave mid-line even on unbuffered stderr.
 */
#include "runner/log.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "runner/tern.h"

struct tern_log tern_log = { 0, NULL };

static const struct {
    const char *name;
    unsigned bit;
    const char *help;
} categories[] = {
#define X(name, bit, help) { #name, bit, help },
    LOG_CATEGORIES(X)
#undef X
};

#define NCATEGORIES (sizeof(categories) / sizeof(categories[0]))

void log_init(unsigned mask, const char *file)
{
    tern_log.mask = mask;
    if (!file) {
        tern_log.out = stderr;
        return;
    }
    FILE *f = fopen(file, "w");
    if (!f) {
        fprintf(stderr, "tern: cannot open log file %s: %s\n", file, strerror(errno));
        exit(1);
    }
    /* line-buffered: a guest that dies on a signal or leaves through a raw
     * exit_group must not take the last lines of its log with it */
    setvbuf(f, NULL, _IOLBF, 0);
    tern_log.out = f;
}

static FILE *log_out(void)
{
    return tern_log.out ? tern_log.out : stderr;
}

void log_vprintf(const char *fmt, va_list ap)
{
    char small[512];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof(small), fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return;
    char *buf = small;
    if ((size_t)n >= sizeof(small)) {
        buf = malloc((size_t)n + 1);
        if (!buf) {
            /* out of memory: fall back to stdio formatting, unbatched */
            FILE *f = log_out();
            flockfile(f);
            vfprintf(f, fmt, ap);
            funlockfile(f);
            return;
        }
        vsnprintf(buf, (size_t)n + 1, fmt, ap);
    }
    FILE *f = log_out();
    flockfile(f);
    fwrite_unlocked(buf, 1, (size_t)n, f);
    funlockfile(f);
    if (buf != small)
        free(buf);
}

void log_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_vprintf(fmt, ap);
    va_end(ap);
}

void log_flush(void)
{
    fflush(log_out());
}

int log_parse_mask(const char *list, unsigned *mask, const char **bad)
{
    /* the bad item is copied out because the caller's string continues past
     * it ("in_asm,bogus,op"); parsing happens once, single-threaded */
    static char badbuf[64];
    unsigned m = 0;
    const char *s = list ? list : "";

    while (*s) {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len > 0) {
            size_t i;
            for (i = 0; i < NCATEGORIES; i++) {
                if (strlen(categories[i].name) == len &&
                    memcmp(categories[i].name, s, len) == 0)
                    break;
            }
            if (i == NCATEGORIES) {
                if (len >= sizeof(badbuf))
                    len = sizeof(badbuf) - 1;
                memcpy(badbuf, s, len);
                badbuf[len] = '\0';
                if (bad)
                    *bad = badbuf;
                return -1;
            }
            m |= categories[i].bit;
        }
        if (!e)
            break;
        s = e + 1;
    }
    *mask = m;
    return 0;
}

void log_print_help(FILE *f)
{
    fprintf(f, "Log items (comma separated, for -d or QEMU_LOG):\n");
    for (size_t i = 0; i < NCATEGORIES; i++)
        fprintf(f, "%-10s %s\n", categories[i].name, categories[i].help);
}

void tern_die(int status, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (tern_log.out && tern_log.out != stderr)
        fflush(tern_log.out);
    fprintf(stderr, "tern: %s\n", msg);
    fflush(stderr);
    exit(status);
}
