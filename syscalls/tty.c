/* tty.c — ioctl: every request tern knows (termios, window size, job control, ptys, FIONREAD/FIONBIO...), checked against guest memory; unknown requests -ENOTTY, logged under -d unimp.
 *
 * Handler rows: syscalls/handlers_tty.def. tty_sc_class tells the signal code
 * how each handler of this file ends when a signal interrupts it.
 *
 * Invariants: no state of its own; guest pointers are checked against the
 * guest mm before the host kernel sees them (syscalls/guestmem.c).
 */
#include <sys/ioctl.h>
#include <sys/mman.h>

#include "runner/log.h"
#include "runner/signal.h"
#include "syscalls/sc.h"

/* ioctls passed through. Columns: guest request (asm-generic/ioctls.h, which
 * x86-64 uses too: the request numbers, struct termios (NCCS 19, 36 bytes) and
 * struct winsize are the same), host request, name, direction of the argument
 * struct, its size (0: the argument is a plain value). */
enum io_dir { IO_VAL, IO_IN, IO_OUT };
static const struct ioctl_cmd {
    uint32_t guest, host;
    const char *name;
    enum io_dir dir;
    unsigned size;
} ioctl_cmds[] = {
    /* guest   host        name          dir     size */
    { 0x5401, TCGETS,     "TCGETS",     IO_OUT, 36 },
    { 0x5402, TCSETS,     "TCSETS",     IO_IN,  36 },
    { 0x5403, TCSETSW,    "TCSETSW",    IO_IN,  36 },
    { 0x5404, TCSETSF,    "TCSETSF",    IO_IN,  36 },
    { 0x5409, TCSBRK,     "TCSBRK",     IO_VAL, 0 },
    { 0x540A, TCXONC,     "TCXONC",     IO_VAL, 0 },
    { 0x540B, TCFLSH,     "TCFLSH",     IO_VAL, 0 },
    { 0x540F, TIOCGPGRP,  "TIOCGPGRP",  IO_OUT, 4 },
    { 0x5410, TIOCSPGRP,  "TIOCSPGRP",  IO_IN,  4 },
    { 0x5413, TIOCGWINSZ, "TIOCGWINSZ", IO_OUT, 8 },
    { 0x5414, TIOCSWINSZ, "TIOCSWINSZ", IO_IN,  8 },
    { 0x541B, FIONREAD,   "FIONREAD",   IO_OUT, 4 },
    { 0x5421, FIONBIO,    "FIONBIO",    IO_IN,  4 },
    { 0x5450, FIONCLEX,   "FIONCLEX",   IO_VAL, 0 },
    { 0x5451, FIOCLEX,    "FIOCLEX",    IO_VAL, 0 },
};
_Static_assert(sizeof(struct winsize) == 8, "struct winsize");

long sc_ioctl(struct cpu *cpu, uint64_t a[6])
{
    uint32_t req = (uint32_t)a[1];
    for (size_t i = 0; i < sizeof ioctl_cmds / sizeof ioctl_cmds[0]; i++) {
        const struct ioctl_cmd *c = &ioctl_cmds[i];
        if (c->guest != req)
            continue;
        if (c->dir != IO_VAL &&
            !guest_access_ok(cpu, a[2], c->size, c->dir == IO_IN ? PROT_READ : PROT_WRITE))
            return -EFAULT;
        return HSYS(SYS_ioctl, (int)a[0], (unsigned long)c->host, a[2]);
    }
    if (log_enabled(LOG_unimp))
        log_printf("unimplemented ioctl 0x%x (fd %d)\n", req, (int)a[0]);
    return -ENOTTY;
}

/* TCSETSW/TCSETSF/TCSBRK wait for output to drain; the kernel's tty code
 * returns -ERESTARTSYS when a signal interrupts the wait */
int tty_sc_class(long (*fn)(struct cpu *, uint64_t *))
{
    return fn == sc_ioctl ? SIG_SC_RESTARTSYS : SIG_SC_PLAIN;
}
