/* main.c — tern's entry: parse options, pick the guest architecture from the
 * ELF header (or the tern-<arch> link name), load the program, build the
 * initial stack and CPU state, and enter the cpu loop.
 *
 * Exit statuses before the guest runs: 1 bad usage, 126 unusable program
 * file, 127 missing program file. Afterwards the guest's own status.
 *
 * Started by binfmt_misc with the O or C flag, the program comes already
 * open (AT_EXECFD): it is read through that descriptor, which is closed once
 * the program is mapped so the guest's descriptor numbers are its own
 * (docs/binfmt.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "jit/jit.h"
#include "loader/loader.h"
#include "runner/dispatch.h"
#include "runner/fault.h"
#include "runner/log.h"
#include "runner/tern.h"

static void list_models(const struct guest_arch *only)
{
    for (int i = 0; guest_arches[i]; i++) {
        const struct guest_arch *a = guest_arches[i];
        if (only && only != a)
            continue;
        printf("Available CPUs for %s:\n", a->name);
        for (int m = 0; a->models[m].name; m++)
            printf("  %-12s %s\n", a->models[m].name, a->models[m].desc);
    }
}

static const struct cpu_model *find_model(const struct guest_arch *a, const char *name)
{
    if (!name)
        return &a->models[0];
    for (int m = 0; a->models[m].name; m++)
        if (!strcmp(a->models[m].name, name))
            return &a->models[m];
    return NULL;
}

int main(int argc, char **argv, char **envp)
{
    struct tern_proc *p = calloc(1, sizeof(*p));
    if (!p) {
        fputs("tern: out of memory\n", stderr);
        return 1;
    }
    options_parse(argc, argv, envp, &p->opts);
    log_init(p->opts.log_mask, p->opts.log_file);
    tern_exec_init(p);

    const struct guest_arch *forced = NULL;
    if (p->opts.forced_arch) {
        forced = arch_by_name(p->opts.forced_arch);
        if (!forced)
            tern_die(1, "unknown architecture '%s' (from the program name)", p->opts.forced_arch);
    }
    if (p->opts.cpu_help) {
        list_models(forced);
        return 0;
    }
    const char *prog = p->opts.prog;
    char err[256];
    uint16_t em = 0;
    int st = loader_probe_fd(p->opts.exec_fd, prog, &em, err, sizeof(err));
    if (st)
        tern_die(st, "%s: %s", prog, err);
    const struct guest_arch *arch = forced ? forced : arch_by_machine(em);
    if (!arch)
        tern_die(126, "%s: unsupported machine %u", prog, em);
    if (forced && forced->e_machine != em)
        tern_die(126, "%s: not a %s program (ELF machine %u)", prog, forced->name, em);
    p->arch = arch;
    p->model = find_model(arch, p->opts.cpu_model);
    if (!p->model)
        tern_die(1, "unknown cpu model '%s' for %s (try -cpu help)", p->opts.cpu_model, arch->name);
    p->exe_path = prog;
    mm_init(&p->mm, arch->task_size, arch->mmap_base);

    struct guest_image img;
    st = loader_load_fd(p, p->opts.exec_fd, prog, &img, err, sizeof(err));
    if (st)
        tern_die(st, "%s: %s", prog, err);
    if (p->opts.exec_fd >= 0) {
        close(p->opts.exec_fd);
        p->opts.exec_fd = -1;
    }
    p->entry = img.entry;
    if (jit_init(p) < 0)
        tern_die(1, "cannot allocate the code cache");
    fault_init(p);

    char **genv = options_guest_envp(&p->opts, envp);
    uint64_t sp = loader_setup_stack(p, &img, p->opts.guest_argc, p->opts.guest_argv, genv, prog);

    /* the cpu holds the jump cache: page-aligned, zeroed */
    struct cpu *cpu = mmap(NULL, sizeof(struct cpu), PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (cpu == MAP_FAILED)
        tern_die(1, "out of memory");
    arch->cpu_reset(cpu, p->model);
    cpu->proc = p;
    cpu->tid = getpid();
    cpu->gpr[arch->sp_reg] = sp;
    cpu->pc = img.entry;
    cpu_loop(cpu);
}
