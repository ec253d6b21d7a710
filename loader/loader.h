/* loader.h — maps a foreign ELF into the guest address space and builds the
 * initial stack.
 *
 * Invariants: the loader never maps over the runner (it checks with
 * MAP_FIXED_NOREPLACE) and records every mapping in proc->mm. All errors come
 * back as a status (126, or 127 for a missing file) plus a one-line reason; the
 * caller prints "tern: <path>: <reason>".
 */
#ifndef TERN_LOADER_H
#define TERN_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tern_proc;

struct guest_image {
    uint16_t e_machine;
    uint64_t entry;        /* where execution starts (interpreter's entry if any) */
    uint64_t prog_entry;   /* AT_ENTRY: the program's own entry */
    uint64_t phdr;         /* AT_PHDR (guest address of the program headers) */
    uint64_t phent, phnum;
    uint64_t load_bias;    /* 0 for ET_EXEC */
    uint64_t interp_base;  /* AT_BASE (0 without PT_INTERP) */
    uint64_t lo, hi;       /* lowest/highest address of the program's segments */
    /* as the kernel's mm->start_code etc. (/proc/self/stat): executable
     * segments' [lowest start, highest file end); highest segment start and
     * highest file end of any segment */
    uint64_t start_code, end_code, start_data, end_data;
    uint64_t brk_start;
    bool exec_stack;       /* PT_GNU_STACK with PF_X */
};

/* Read just the header: fills *e_machine. Returns 0 or the exit status with
 * err set. */
int loader_probe(const char *path, uint16_t *e_machine, char *err, size_t errlen);
/* Map the program (and its interpreter, when there is one; found under
 * p->opts.sysroot first, then as given). p->mm should be mm_init'ed; if it is
 * not (task_size 0), it is initialised from the program's arch. If p->arch is
 * NULL it is set from e_machine; if set, a different e_machine is an error.
 * Also reserves the brk area (PROT_NONE, MAP_NORESERVE host mapping) and sets
 * p->mm.brk_start/brk_cur/brk_end_reserved. */
int loader_load(struct tern_proc *p, const char *path, struct guest_image *img,
                char *err, size_t errlen);
/* The same two for a program already open as fd (binfmt_misc's AT_EXECFD,
 * which tern may be unable to open itself: an execute-only or setuid file);
 * path names it in messages and /proc/self/exe when /proc cannot. The
 * descriptor stays open (the caller's). */
int loader_probe_fd(int fd, const char *path, uint16_t *e_machine, char *err, size_t errlen);
int loader_load_fd(struct tern_proc *p, int fd, const char *path, struct guest_image *img,
                   char *err, size_t errlen);
/* Map the stack (8 MiB below p->arch->stack_top, recorded in p->mm with
 * MAP_GROWSDOWN) and write argv, envp and auxv; returns the initial guest sp
 * (16-byte aligned, pointing at argc). Records the layout and a copy of the
 * auxv in p->layout, and names the task after execfn's last component, as the
 * kernel's exec does (comm: /proc/self/stat, ps). Failure here is fatal
 * (tern_die). */
uint64_t loader_setup_stack(struct tern_proc *p, const struct guest_image *img,
                            int argc, char **argv, char **envp, const char *execfn);

#endif
