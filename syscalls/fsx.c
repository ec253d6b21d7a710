/* fsx.c — file calls beyond the basics: extended attributes, fallocate, flock, splice/tee/sendfile/copy_file_range, memfd_create, mknodat, chroot, mount/umount2, sync variants, fadvise, close_range.
 *
 * Handler rows: syscalls/handlers_fsx.def. fsx_sc_class tells the signal code
 * how each handler of this file ends when a signal interrupts it.
 *
 * Invariants: no state of its own; guest pointers are checked against the
 * guest mm before the host kernel sees them (syscalls/guestmem.c).
 */
#include "runner/signal.h"
#include "syscalls/sc.h"

int fsx_sc_class(long (*fn)(struct cpu *, uint64_t *))
{
    (void)fn;
    return SIG_SC_PLAIN;
}
