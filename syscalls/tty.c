/* tty.c — ioctl: every request tern knows (termios, window size, job control, ptys, FIONREAD/FIONBIO...), checked against guest memory; unknown requests -ENOTTY, logged under -d unimp.
 *
 * Handler rows: syscalls/handlers_tty.def. tty_sc_class tells the signal code
 * how each handler of this file ends when a signal interrupts it.
 *
 * Invariants: no state of its own; guest pointers are checked against the
 * guest mm before the host kernel sees them (syscalls/guestmem.c).
 */
#include "runner/signal.h"
#include "syscalls/sc.h"

int tty_sc_class(long (*fn)(struct cpu *, uint64_t *))
{
    (void)fn;
    return SIG_SC_PLAIN;
}
