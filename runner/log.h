/* log.h — `-d` debug categories and the log sink (-D file, else stderr).
 *
 * The mask and sink are set once at start-up, before any guest code runs, and
 * are read-only afterwards; writers lock the FILE so threads can share it.
 */
#ifndef TERN_LOG_H
#define TERN_LOG_H

#include <stdarg.h>
#include <stdio.h>

/* -d categories: name, bit, help. One row each. */
#define LOG_CATEGORIES(X) \
    X(in_asm,  0x001, "guest instructions of each translated block") \
    X(op,      0x002, "IR as the frontend built it") \
    X(op_opt,  0x004, "IR after the optimisation passes") \
    X(out_asm, 0x008, "generated x86-64 code (via capstone)") \
    X(exec,    0x010, "each block as it is entered from the dispatcher") \
    X(unimp,   0x020, "unimplemented syscalls, ioctls and features") \
    X(strace,  0x040, "every syscall with arguments and result (-strace)") \
    X(page,    0x080, "guest memory mappings")

enum {
#define X(name, bit, help) LOG_##name = bit,
    LOG_CATEGORIES(X)
#undef X
};

struct tern_log {
    unsigned mask;
    FILE *out;
};

/* the process-wide sink; written only by log_init before guest code runs */
extern struct tern_log tern_log;

void log_init(unsigned mask, const char *file);
static inline int log_enabled(unsigned cat) { return (tern_log.mask & cat) != 0; }
void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_vprintf(const char *fmt, va_list ap);
/* parse a -d list ("in_asm,op"); returns -1 and names the bad item in *bad */
int log_parse_mask(const char *list, unsigned *mask, const char **bad);
void log_print_help(FILE *f);
/* flush the sink (tern_die does; call before _exit-style exits) */
void log_flush(void);

#endif
