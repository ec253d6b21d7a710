/* ident.c — identity and scheduling: the set*id family, groups, capabilities, prctl, personality, resource limits, scheduler calls, getcpu.
 *
 * Handler rows: syscalls/handlers_ident.def. ident_sc_class tells the signal code
 * how each handler of this file ends when a signal interrupts it.
 *
 * Invariants: no state of its own; guest pointers are checked against the
 * guest mm before the host kernel sees them (syscalls/guestmem.c).
 */
#include "runner/signal.h"
#include "syscalls/sc.h"

int ident_sc_class(long (*fn)(struct cpu *, uint64_t *))
{
    (void)fn;
    return SIG_SC_PLAIN;
}
