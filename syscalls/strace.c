/* strace.c — `-strace` / `-d strace` lines, qemu style:
 *
 *   PID name(arg,arg,...) = result
 *   PID openat(AT_FDCWD,"/etc/passwd",O_RDONLY|O_CLOEXEC) = -1 errno=2 (No such file or directory)
 *
 * Arguments are decoded with the format chars of syscall.h; flag names and
 * values come from the guest's generated ABI tables. Guest memory (strings,
 * buffers) is read only after the guest mm says it is readable, so a bad
 * pointer prints as a number instead of crashing tern.
 *
 * Invariants: formats into a caller's buffer; no state; output is truncated
 * (never overflowed) when the buffer is full.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "syscalls/sc.h"

#define STR_MAX 64   /* bytes of a path/string shown */
#define BUF_MAX 32   /* bytes of a data buffer shown */

struct sbuf {
    char *p;
    size_t n, len;
};

static void sb_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
    if (b->len >= b->n)
        return;
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(b->p + b->len, b->n - b->len, fmt, ap);
    va_end(ap);
    if (r > 0)
        b->len = b->len + (size_t)r < b->n ? b->len + (size_t)r : b->n - 1;
}

const char *sc_errno_name(int err)
{
    return strerrorname_np(err);
}

/* ---- memory ---- */

/* quoted, escaped bytes; `more` adds "..." after the closing quote */
static void put_bytes(struct sbuf *b, const unsigned char *s, size_t n, bool more)
{
    sb_printf(b, "\"");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        switch (c) {
        case '\n': sb_printf(b, "\\n"); break;
        case '\t': sb_printf(b, "\\t"); break;
        case '\r': sb_printf(b, "\\r"); break;
        case '"':  sb_printf(b, "\\\""); break;
        case '\\': sb_printf(b, "\\\\"); break;
        default:
            if (c >= 0x20 && c < 0x7f)
                sb_printf(b, "%c", c);
            else
                sb_printf(b, "\\%o", c);
        }
    }
    sb_printf(b, "\"%s", more ? "..." : "");
}

static void put_string(struct cpu *cpu, struct sbuf *b, uint64_t addr)
{
    if (!addr) {
        sb_printf(b, "NULL");
        return;
    }
    long len = guest_strlen(cpu, addr, STR_MAX + 1);
    if (len == -EFAULT) {
        sb_printf(b, "0x%llx", (unsigned long long)addr);
        return;
    }
    bool more = len < 0 || len > STR_MAX;
    put_bytes(b, (const unsigned char *)(uintptr_t)addr, more ? STR_MAX : (size_t)len, more);
}

static void put_buffer(struct cpu *cpu, struct sbuf *b, uint64_t addr, uint64_t len)
{
    size_t n = len > BUF_MAX ? BUF_MAX : (size_t)len;
    if (!guest_access_ok(cpu, addr, n, PROT_READ) || (!addr && n)) {
        sb_printf(b, "0x%llx", (unsigned long long)addr);
        return;
    }
    put_bytes(b, (const unsigned char *)(uintptr_t)addr, n, len > n);
}

/* ---- flags ---- */

/* names of the rows set in v; returns the bits no row named */
static uint32_t put_rows(struct sbuf *b, const struct flag_family *f, uint32_t v, bool *first)
{
    for (int i = 0; i < f->nrows; i++) {
        if (f->rows[i].guest && (v & f->rows[i].guest) == f->rows[i].guest) {
            sb_printf(b, "%s%s", *first ? "" : "|", f->rows[i].name);
            *first = false;
            v &= ~f->rows[i].guest;
        }
    }
    return v;
}

static void put_rest(struct sbuf *b, uint32_t rest, bool first)
{
    if (rest || first)
        sb_printf(b, "%s0x%x", first ? "" : "|", rest);
}

static void put_open_flags(struct cpu *cpu, struct sbuf *b, uint32_t v)
{
    static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
    sb_printf(b, "%s", acc[v & 3]);     /* O_ACCMODE is 3 on every Linux */
    bool first = false;
    uint32_t rest = put_rows(b, &sc_abi(cpu)->open_flags, v & ~3u, &first);
    if (rest)
        put_rest(b, rest, false);
}

static void put_prot(struct cpu *cpu, struct sbuf *b, uint32_t v)
{
    if (v == 0) {
        sb_printf(b, "PROT_NONE");
        return;
    }
    bool first = true;
    uint32_t rest = put_rows(b, &sc_abi(cpu)->prot_flags, v, &first);
    put_rest(b, rest, first);
}

static void put_mmap_flags(struct cpu *cpu, struct sbuf *b, uint32_t v)
{
    static const char *const type[] = { "0", "MAP_SHARED", "MAP_PRIVATE", "MAP_SHARED_VALIDATE" };
    uint32_t t = v & 0xf;                /* MAP_TYPE, the same on every Linux */
    if (t < 4)
        sb_printf(b, "%s", type[t]);
    else
        sb_printf(b, "0x%x", t);
    bool first = false;
    uint32_t rest = put_rows(b, &sc_abi(cpu)->mmap_flags, v & ~0xfu, &first);
    if (rest)
        put_rest(b, rest, false);
}

/* ---- the line ---- */

static void put_arg(struct cpu *cpu, struct sbuf *b, char f, const uint64_t a[6], int i,
                    long ret, bool ret_known)
{
    uint64_t v = a[i];
    switch (f) {
    case 'd': sb_printf(b, "%lld", (long long)v); break;
    case 'u': sb_printf(b, "%llu", (unsigned long long)v); break;
    case 'o': sb_printf(b, "0%llo", (unsigned long long)v); break;
    case 'p':
        if (v)
            sb_printf(b, "0x%llx", (unsigned long long)v);
        else
            sb_printf(b, "NULL");
        break;
    case 'f':
        if ((int)v == -100)
            sb_printf(b, "AT_FDCWD");
        else
            sb_printf(b, "%d", (int)v);
        break;
    case 's': put_string(cpu, b, v); break;
    case 'O': put_open_flags(cpu, b, (uint32_t)v); break;
    case 'P': put_prot(cpu, b, (uint32_t)v); break;
    case 'M': put_mmap_flags(cpu, b, (uint32_t)v); break;
    case 'b': put_buffer(cpu, b, v, i < 5 ? a[i + 1] : 0); break;
    case 'B':
        if (ret_known && ret >= 0)
            put_buffer(cpu, b, v, (uint64_t)ret);
        else if (v)
            sb_printf(b, "0x%llx", (unsigned long long)v);
        else
            sb_printf(b, "NULL");
        break;
    case 'x':
    default:  sb_printf(b, "0x%llx", (unsigned long long)v); break;
    }
}

void strace_format_result(char *buf, size_t n, long ret, char retfmt)
{
    struct sbuf b = { buf, n, 0 };
    if (n)
        buf[0] = 0;
    if (ret < 0 && ret >= -4095) {
        int e = (int)-ret;
        const char *desc = strerrordesc_np(e);
        sb_printf(&b, " = -1 errno=%d (%s)", e, desc ? desc : "Unknown error");
        return;
    }
    switch (retfmt) {
    case 'p':
    case 'x': sb_printf(&b, " = 0x%llx", (unsigned long long)ret); break;
    case 'o': sb_printf(&b, " = 0%lo", (unsigned long)ret); break;
    case 'u': sb_printf(&b, " = %lu", (unsigned long)ret); break;
    default:  sb_printf(&b, " = %ld", ret); break;
    }
}

void strace_format_call(struct cpu *cpu, const struct syscall_def *d, uint64_t nr,
                        const uint64_t a[6], long ret, bool ret_known,
                        char *buf, size_t n)
{
    struct sbuf b = { buf, n, 0 };
    if (n)
        buf[0] = 0;
    sb_printf(&b, "%ld ", (long)getpid());
    if (d && d->name)
        sb_printf(&b, "%s(", d->name);
    else
        sb_printf(&b, "syscall_%llu(", (unsigned long long)nr);
    char retfmt = 'd';
    if (d && d->args) {
        int i = 0;
        for (const char *f = d->args; *f; f++) {
            if (*f == '=') {
                if (f[1])
                    retfmt = f[1];
                break;
            }
            if (*f != '-' && i < 6) {
                if (b.len && buf[b.len - 1] != '(')
                    sb_printf(&b, ",");
                put_arg(cpu, &b, *f, a, i, ret, ret_known);
            }
            i++;
        }
    } else {
        for (int i = 0; i < 6; i++)
            sb_printf(&b, "%s0x%llx", i ? "," : "", (unsigned long long)a[i]);
    }
    sb_printf(&b, ")");
    if (ret_known && b.len < b.n)
        strace_format_result(b.p + b.len, b.n - b.len, ret, retfmt);
}
