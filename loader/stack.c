/* stack.c — the guest's initial stack: strings, AT_RANDOM bytes, then
 * argc/argv/envp/auxv, laid out as the Linux kernel does (create_elf_tables).
 *
 * Layout, from the top (stack_top) down:
 *   AT_EXECFN string, envp strings, argv strings   (argv strings lowest)
 *   AT_PLATFORM string, 16 AT_RANDOM bytes
 *   padding so that sp is 16-byte aligned (psABI)
 *   auxv pairs ... AT_NULL, envp[] NULL, argv[] NULL, argc   <- sp
 *
 * The auxv and the string areas are also recorded in p->layout (for
 * /proc/self/auxv, cmdline and stat), and the task's comm is set from execfn.
 *
 * Invariants: the stack is claimed with MAP_FIXED_NOREPLACE (never over the
 * runner) and recorded in p->mm with MAP_GROWSDOWN in its flags, which is how
 * mm_dump names it [stack]. Guest address == host address, so the tables are
 * written through ordinary pointers.
 */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "loader/loader.h"
#include "loader/vdso.h"
#include "runner/mm.h"
#include "runner/tern.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define GUEST_STACK_SIZE (8ull << 20)

static uint64_t push_bytes(uint64_t sp, const void *data, size_t n)
{
    sp -= n;
    memcpy((void *)(uintptr_t)sp, data, n);
    return sp;
}

static uint64_t push_str(uint64_t sp, const char *s)
{
    return push_bytes(sp, s, strlen(s) + 1);
}

static void random_bytes(uint8_t *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = getrandom(buf + got, n - got, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    if (got < n) {
        /* no entropy source (ancient kernel, seccomp): the guest only uses
         * these for pointer guards and stack canaries, so degrade, not die */
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        uint64_t x = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 32) ^ (uint64_t)getpid();
        for (; got < n; got++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            buf[got] = (uint8_t)x;
        }
    }
}

static uint64_t map_stack(struct tern_proc *p, const struct guest_image *img)
{
    uint64_t size = GUEST_STACK_SIZE;
    uint64_t top = p->arch->stack_top;
    int gprot = PROT_READ | PROT_WRITE | (img->exec_stack ? PROT_EXEC : 0);
    uint64_t lo = top > size ? PAGE_DOWN(top - size) : 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        if (attempt == 1) {
            /* the usual place is taken (by the runner, or a huge program):
             * anywhere free in guest space will do */
            lo = mm_find_free(&p->mm, p->mm.mmap_base, size);
            if (!lo)
                break;
        }
        if (lo == 0)
            continue;
        void *r = mmap((void *)(uintptr_t)lo, size, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
        if (r == (void *)(uintptr_t)lo) {
            mm_add(&p->mm, lo, size, gprot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN);
            return lo + size;
        }
        if (r != MAP_FAILED)
            munmap(r, size);
    }
    tern_die(1, "cannot map the guest stack (8 MiB below 0x%llx): %s",
             (unsigned long long)top, strerror(errno));
}

uint64_t loader_setup_stack(struct tern_proc *p, const struct guest_image *img,
                            int argc, char **argv, char **envp, const char *execfn)
{
    /* the kernel maps the vDSO while setting up the exec too, and its
     * AT_SYSINFO_EHDR leads the auxv (ARCH_DLINFO) */
    uint64_t vdso = vdso_map(p);
    uint64_t top = map_stack(p, img);
    uint64_t bottom = top - GUEST_STACK_SIZE;

    int envc = 0;
    while (envp && envp[envc])
        envc++;
    if (argc < 0)
        argc = 0;
    if (!execfn)
        execfn = argc > 0 && argv[0] ? argv[0] : "";
    const char *platform = p->arch->platform;
    const struct cpu_model *model = p->model ? p->model : &p->arch->models[0];

    /* the kernel refuses argument lists above a quarter of the stack; so do
     * we, before writing anything */
    uint64_t strbytes = strlen(execfn) + 1 + (platform ? strlen(platform) + 1 : 0) + 16;
    for (int i = 0; i < argc; i++)
        strbytes += strlen(argv[i]) + 1;
    for (int i = 0; i < envc; i++)
        strbytes += strlen(envp[i]) + 1;
    uint64_t ptrbytes = ((uint64_t)argc + envc + 3 + 2 * 24) * 8;
    if (strbytes + ptrbytes > GUEST_STACK_SIZE / 4)
        tern_die(126, "argument list too long (%llu bytes)",
                 (unsigned long long)(strbytes + ptrbytes));

    uint64_t sp = top - 8;                      /* an 8-byte zero end marker */
    uint64_t u_execfn = sp = push_str(sp, execfn);
    uint64_t *env_addr = calloc((size_t)envc + 1, sizeof(uint64_t));
    uint64_t *arg_addr = calloc((size_t)argc + 1, sizeof(uint64_t));
    if (!env_addr || !arg_addr)
        tern_die(1, "out of memory building the guest stack");
    for (int i = envc - 1; i >= 0; i--)
        env_addr[i] = sp = push_str(sp, envp[i]);
    uint64_t u_env = sp;
    for (int i = argc - 1; i >= 0; i--)
        arg_addr[i] = sp = push_str(sp, argv[i]);
    uint64_t u_arg = sp;

    sp &= ~15ull;
    uint64_t u_platform = 0;
    if (platform && platform[0])
        u_platform = sp = push_str(sp, platform);
    uint8_t rnd[16];
    random_bytes(rnd, sizeof(rnd));
    sp &= ~15ull;
    uint64_t u_random = sp = push_bytes(sp, rnd, sizeof(rnd));

    uint64_t auxv[2 * GUEST_AUXV_MAX];
    int na = 0;
#define AUX(t, v) do { auxv[na++] = (t); auxv[na++] = (uint64_t)(v); } while (0)
    if (vdso)
        AUX(AT_SYSINFO_EHDR, vdso);
    AUX(AT_PHDR, img->phdr);
    AUX(AT_PHENT, img->phent);
    AUX(AT_PHNUM, img->phnum);
    AUX(AT_PAGESZ, GUEST_PAGE_SIZE);
    AUX(AT_BASE, img->interp_base);
    AUX(AT_FLAGS, 0);
    AUX(AT_ENTRY, img->prog_entry);
    AUX(AT_UID, getuid());
    AUX(AT_EUID, geteuid());
    AUX(AT_GID, getgid());
    AUX(AT_EGID, getegid());
    AUX(AT_SECURE, getauxval(AT_SECURE));
    AUX(AT_RANDOM, u_random);
    AUX(AT_HWCAP, model ? model->hwcap : 0);
    if (model && model->hwcap2)
        AUX(AT_HWCAP2, model->hwcap2);
    AUX(AT_CLKTCK, sysconf(_SC_CLK_TCK));
    if (u_platform)
        AUX(AT_PLATFORM, u_platform);
    AUX(AT_EXECFN, u_execfn);
    AUX(AT_NULL, 0);
#undef AUX

    /* argc + argv[] + NULL + envp[] + NULL + auxv: round so argc lands on a
     * 16-byte boundary */
    uint64_t words = 1 + (uint64_t)argc + 1 + (uint64_t)envc + 1 + (uint64_t)na;
    sp = (sp - words * 8) & ~15ull;
    if (sp < bottom)
        tern_die(126, "argument list too long");

    uint64_t *w = (uint64_t *)(uintptr_t)sp;
    *w++ = (uint64_t)argc;
    for (int i = 0; i < argc; i++)
        *w++ = arg_addr[i];
    *w++ = 0;
    for (int i = 0; i < envc; i++)
        *w++ = env_addr[i];
    *w++ = 0;
    memcpy(w, auxv, (size_t)na * 8);
    free(env_addr);
    free(arg_addr);

    struct guest_layout *l = &p->layout;
    l->start_code = img->start_code;
    l->end_code = img->end_code;
    l->start_data = img->start_data;
    l->end_data = img->end_data;
    l->start_stack = sp;
    l->arg_start = u_arg;
    l->arg_end = l->env_start = u_env;
    l->env_end = u_execfn;
    memcpy(l->auxv, auxv, (size_t)na * 8);
    l->auxv_words = na;
    /* the kernel names the task after the file exec'd (TASK_COMM_LEN 16,
     * truncated); guest prctl(PR_SET_NAME) then renames the same host task */
    const char *base = strrchr(execfn, '/');
    prctl(PR_SET_NAME, (unsigned long)(base ? base + 1 : execfn), 0ul, 0ul, 0ul);
    return sp;
}
