/* vdso.c — maps the guest vDSO and serves its traps (loader/vdso.h,
 * docs/vdso.md).
 *
 * The guest calls a vDSO function like any library function; its first word
 * is a trap that the frontend, seeing it inside the vDSO mapping, turns into
 * one IR call of vdso_helper. The helper answers from the host's own libc,
 * which (static glibc) reads the clock through the host kernel's vDSO, so a
 * guest clock_gettime costs a helper call instead of a syscall exit to the
 * dispatcher and a host syscall. The helper reads its arguments from, and
 * leaves its results in, the guest's C argument registers (the syscall
 * argument registers of both guests); the guest code after the trap stores
 * them into the caller's structs, so a bad pointer faults in guest code as
 * with the kernel's vDSO, and a clock the helper does not serve falls back
 * to the real syscall (same result, errno and -strace line as without the
 * vDSO).
 *
 * Invariants: the clocks served are those the kernel's vDSO serves (the
 * others — CPU-time clocks, alarm clocks, dynamic clocks, invalid ids — go
 * through the syscall); the helper touches only struct cpu; the mapping is
 * made once, before guest code runs, so p->vdso_base/vdso_size are read
 * without a lock.
 */
#include "loader/vdso.h"

#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <time.h>

#include "jit/ir.h"
#include "runner/log.h"
#include "runner/tern.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

static const struct vdso_image *const images[] = { &vdso_image_aarch64, &vdso_image_riscv64 };

static const struct vdso_image *image_for(const struct guest_arch *arch)
{
    for (size_t i = 0; i < sizeof images / sizeof images[0]; i++)
        if (!strcmp(images[i]->arch, arch->name))
            return images[i];
    return NULL;
}

uint64_t vdso_map(struct tern_proc *p)
{
    const struct vdso_image *img = image_for(p->arch);
    if (p->opts.no_vdso || !img)
        return 0;
    uint64_t size = PAGE_UP((uint64_t)img->size);
    /* a taken gap (another thread cannot race us: no guest code runs yet, but
     * the host may hold the address) costs one more search, then no vDSO */
    for (int attempt = 0; attempt < 2; attempt++) {
        uint64_t a = mm_find_free(&p->mm, 0, size);
        if (!a)
            break;
        void *m = mmap((void *)(uintptr_t)a, size, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
        if (m != (void *)(uintptr_t)a) {
            if (m != MAP_FAILED)   /* a kernel that took the address as a hint */
                munmap(m, size);
            continue;
        }
        memcpy(m, img->bytes, img->size);
        /* the host only reads it (the translator); the guest sees R+X */
        mprotect(m, size, PROT_READ);
        mm_add(&p->mm, a, size, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS);
        p->vdso_base = a;
        p->vdso_size = size;
        p->sig_trampoline = a + img->sigreturn;
        if (log_enabled(LOG_page))
            log_printf("guest vDSO %016llx-%016llx\n", (unsigned long long)a,
                       (unsigned long long)(a + size));
        return a;
    }
    if (log_enabled(LOG_page))
        log_printf("guest vDSO: no room, the guest runs without one\n");
    return 0;
}

/* the clocks the kernel's vDSO answers itself (high-resolution, coarse, raw) */
static bool served_clock(int32_t clk)
{
    switch (clk) {
    case CLOCK_REALTIME: case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW:
    case CLOCK_REALTIME_COARSE: case CLOCK_MONOTONIC_COARSE: case CLOCK_BOOTTIME:
    case CLOCK_TAI:
        return true;
    default:
        return false;
    }
}

static void vdso_helper(struct cpu *cpu, uint64_t op)
{
    const int *r = cpu->proc->arch->sc_arg_reg;
    uint64_t *x = cpu->gpr;
    /* clockid_t is an int: the callee sees the low 32 bits of its register */
    int32_t clk = (int32_t)x[r[0]];
    struct timespec ts;
    switch (op) {
    case VDSO_OP_CLOCK_GETTIME:
    case VDSO_OP_CLOCK_GETRES: {
        int rc = -1;
        if (served_clock(clk))
            rc = op == VDSO_OP_CLOCK_GETTIME ? clock_gettime(clk, &ts) : clock_getres(clk, &ts);
        if (rc != 0) {
            x[r[4]] = 1;
            return;
        }
        x[r[2]] = (uint64_t)ts.tv_sec;
        x[r[3]] = (uint64_t)ts.tv_nsec;
        x[r[4]] = 0;
        return;
    }
    case VDSO_OP_GETTIMEOFDAY: {
        struct timeval tv = { 0, 0 };
        struct timezone tz = { 0, 0 };
        gettimeofday(&tv, &tz);
        x[r[2]] = (uint64_t)tv.tv_sec;
        x[r[3]] = (uint64_t)tv.tv_usec;
        x[r[4]] = (uint64_t)(uint32_t)tz.tz_minuteswest;
        x[r[5]] = (uint64_t)(uint32_t)tz.tz_dsttime;
        return;
    }
    case VDSO_OP_GETCPU: {
        unsigned c = 0, n = 0;
        getcpu(&c, &n);
        x[r[2]] = c;
        x[r[3]] = n;
        return;
    }
    }
}

bool vdso_gen_trap(const struct tern_proc *p, struct ir_block *b, uint64_t pc, int op)
{
    if (op < 0 || pc - p->vdso_base >= p->vdso_size)
        return false;
    gen_call(b, (void *)vdso_helper, IR_CALL_RW_STATE, 1, gen_const(b, op), 0, 0, 0);
    return true;
}
