/* procfs.h — the /proc files that describe the guest rather than tern
 * (syscalls/procfs.c), as seen from the path-taking handlers (fs.c, stat.c).
 *
 * Names covered: /proc/self, /proc/thread-self, /proc/<own pid> and
 * /proc/<own pid or self>/task/<own tid>, each followed by exe, cmdline,
 * environ, auxv, maps, smaps, stat or status; and /proc/cpuinfo. Everything else under
 * /proc (other pids, fd/, cwd, sys/...) is the host's, untouched.
 *
 * Invariants: no state of its own; an emulated file is generated whole when
 * it is opened (a snapshot, like a kernel seq_file read in one go).
 */
#ifndef TERN_PROCFS_H
#define TERN_PROCFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cpu;

/* true for "/proc" and every name under it: those are never looked up under
 * the -L sysroot (a root file system's /proc is an empty mount point) */
bool procfs_is_proc(const char *path);

/* Lookups of an absolute path that follow a final symlink (open, stat,
 * access): /proc/.../exe of this process names the guest program, written
 * into buf (PATH_MAX bytes). Returns 1 when *out was set to buf, 0 when the
 * path is not such a name (then *out is untouched), or -errno. */
long procfs_lookup(struct cpu *cpu, const char *path, char *buf, const char **out);

/* true when the absolute path is this process's exe link (any of its names) */
bool procfs_names_exe(const char *path);

/* openat: when (dirfd, path) names an emulated file, true with *ret the new
 * fd or -errno; false when the host should open it. hflags are host O_*. */
bool procfs_open(struct cpu *cpu, int dirfd, const char *path, uint32_t hflags,
                 unsigned mode, long *ret);

/* readlinkat: when (dirfd, path) is this process's exe link, true with *ret
 * the length written to the guest buffer gbuf (n bytes, already checked
 * writable) or -errno. */
bool procfs_readlink(struct cpu *cpu, int dirfd, const char *path, uint64_t gbuf,
                     uint64_t n, long *ret);

#endif
