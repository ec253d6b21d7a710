/* fault_segv — synchronous SIGSEGV/SIGBUS delivered to a handler: si_code
 * (MAPERR for NULL and for an unmapped page above a mapping, ACCERR for a
 * store to a read-only page), si_addr = the address used, siglongjmp out of
 * the handler, a handler that mprotects the page and returns (the faulting
 * store is retried and succeeds), a loop whose registers must survive the
 * fault (loop homes in the translator), a fault inside an atomic
 * compare-and-swap (a store-exclusive/SC helper in the translator) and in an
 * Arm structure load (LD2, also a helper), calls into a non-executable and
 * an unmapped page (the translator's fetch faults), SIGBUS
 * past the end of a truncated file mapping, and the register values the
 * handler's ucontext shows at a faulting load (per architecture, with the
 * same output on each).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static void *volatile got_addr;
static char *volatile fix_page;   /* the handler makes this page writable */
static long pagesz;

static void on_jump(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = si->si_addr;
    siglongjmp(jb, 1);
}

static void on_fix(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = si->si_addr;
    if (mprotect(fix_page, (size_t)pagesz, PROT_READ | PROT_WRITE) != 0)
        _exit(3);
}

static void handle(int sig, void (*fn)(int, siginfo_t *, void *))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static const char *code_name(int sig, int code)
{
    if (sig == SIGSEGV)
        return code == SEGV_MAPERR ? "SEGV_MAPERR" : code == SEGV_ACCERR ? "SEGV_ACCERR" : "other";
    if (sig == SIGBUS)
        return code == BUS_ADRERR ? "BUS_ADRERR" : "other";
    return "?";
}

static void report(const char *what, void *expect)
{
    printf("%s: sig %d %s addr %s\n", what, got_sig, code_name(got_sig, got_code),
           got_addr == expect ? "ok" : "WRONG");
    got_sig = 0;
}

/* a read through a pointer the compiler cannot see through */
static long read_at(volatile long *p) { return *p; }

static void test_null(void)
{
    handle(SIGSEGV, on_jump);
    if (!sigsetjmp(jb, 1)) {
        read_at((volatile long *)0);
        printf("null: no fault\n");
    }
    report("null read", NULL);
}

static void test_readonly(void)
{
    char *p = mmap(NULL, (size_t)pagesz, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    handle(SIGSEGV, on_jump);
    if (!sigsetjmp(jb, 1)) {
        ((volatile char *)p)[100] = 1;
        printf("readonly: no fault\n");
    }
    report("store to read-only", p + 100);
    /* now a handler that fixes the page and returns: the store is redone */
    fix_page = p;
    handle(SIGSEGV, on_fix);
    ((volatile char *)p)[200] = 42;
    report("store retried", p + 200);
    printf("value after retry: %d\n", p[200]);
    munmap(p, (size_t)pagesz);
}

static void test_above(void)
{
    char *p = mmap(NULL, 2 * (size_t)pagesz, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p + pagesz, (size_t)pagesz);
    handle(SIGSEGV, on_jump);
    if (!sigsetjmp(jb, 1)) {
        read_at((volatile long *)(p + pagesz + 8));
        printf("above: no fault\n");
    }
    report("read above a mapping", p + pagesz + 8);
    munmap(p, (size_t)pagesz);
}

/* a loop summing two pages, the second one not readable: the handler makes
 * it readable and returns; the sums kept in registers must be intact */
static void test_loop(void)
{
    size_t n = 2 * (size_t)pagesz / sizeof(long);
    long *a = mmap(NULL, 2 * (size_t)pagesz, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (size_t i = 0; i < n; i++)
        a[i] = (long)(i * 3 + 1);
    mprotect((char *)a + pagesz, (size_t)pagesz, PROT_NONE);
    fix_page = (char *)a + pagesz;
    handle(SIGSEGV, on_fix);
    long sum = 0, alt = 0, cnt = 0;
    for (size_t i = 0; i < n; i++) {
        long v = ((volatile long *)a)[i];
        sum += v;
        alt ^= v * (long)i;
        cnt += v & 1;
    }
    report("loop", (char *)a + pagesz);
    printf("loop: sum %ld alt %ld cnt %ld\n", sum, alt, cnt);
    munmap(a, 2 * (size_t)pagesz);
}

/* the same for stores, several values in flight */
static void test_loop_store(void)
{
    size_t n = 2 * (size_t)pagesz / sizeof(int);
    int *a = mmap(NULL, 2 * (size_t)pagesz, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(a, (size_t)pagesz, PROT_READ | PROT_WRITE);
    fix_page = (char *)a + pagesz;
    handle(SIGSEGV, on_fix);
    unsigned x = 1;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        ((volatile int *)a)[i] = (int)(x >> 8);
    }
    report("store loop", (char *)a + pagesz);
    unsigned long h = 0;
    for (size_t i = 0; i < n; i++)
        h = h * 31 + (unsigned)a[i];
    printf("store loop: x %u hash %lu\n", x, h);
    munmap(a, 2 * (size_t)pagesz);
}

static void test_cas(void)
{
    long *p = mmap(NULL, (size_t)pagesz, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    handle(SIGSEGV, on_jump);
    if (!sigsetjmp(jb, 1)) {
        __sync_bool_compare_and_swap(p + 3, 0, 1);
        printf("cas: no fault\n");
    }
    report("compare-and-swap on read-only", p + 3);
    fix_page = (char *)p;
    handle(SIGSEGV, on_fix);
    int ok = __sync_bool_compare_and_swap(p + 5, 0, 7);
    report("compare-and-swap retried", p + 5);
    printf("cas retried: %d value %ld\n", ok, p[5]);
    munmap(p, (size_t)pagesz);
}

/* a structure load (Arm LD2, a helper in the translator; a plain load
 * elsewhere) from a page that is not readable: the handler makes it readable
 * and returns, the load is redone */
static void test_struct_load(void)
{
    uint8_t *p = mmap(NULL, (size_t)pagesz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int i = 0; i < 32; i++)
        p[64 + i] = (uint8_t)i;
    mprotect(p, (size_t)pagesz, PROT_NONE);
    fix_page = (char *)p;
    handle(SIGSEGV, on_fix);
    unsigned sum = 0;
#if defined(__aarch64__)
    uint8_t even[16], odd[16];
    __asm__ volatile("ld2 {v0.16b, v1.16b}, [%2]\n\tst1 {v0.16b}, [%0]\n\tst1 {v1.16b}, [%1]"
                     : : "r"(even), "r"(odd), "r"(p + 64) : "v0", "v1", "memory");
    for (int i = 0; i < 16; i++)
        sum += even[i] * 3u + odd[i];
#else
    for (int i = 0; i < 16; i++)
        sum += ((volatile uint8_t *)p)[64 + 2 * i] * 3u + ((volatile uint8_t *)p)[65 + 2 * i];
#endif
    report("structure load", p + 64);
    printf("structure load: sum %u\n", sum);
    munmap(p, (size_t)pagesz);
}

/* a call into a page that is not executable (ACCERR) and into an unmapped
 * one (MAPERR): si_addr is the target, the handler longjmps out */
static void test_exec(void)
{
    char *p = mmap(NULL, 2 * (size_t)pagesz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p + pagesz, (size_t)pagesz);
    handle(SIGSEGV, on_jump);
    for (int k = 0; k < 2; k++) {
        char *target = p + k * pagesz + 64;
        void (*fn)(void);
        memcpy(&fn, &target, sizeof fn);
        if (!sigsetjmp(jb, 1)) {
            fn();
            printf("exec: no fault\n");
        }
        report(k ? "call into an unmapped page" : "call into a non-executable page", target);
    }
    munmap(p, (size_t)pagesz);
}

static void test_bus(void)
{
    char path[] = "/tmp/fault_segv_XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        printf("mkstemp failed\n");
        return;
    }
    unlink(path);
    if (ftruncate(fd, 2 * pagesz) != 0)
        printf("ftruncate failed\n");
    char *p = mmap(NULL, 2 * (size_t)pagesz, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    p[0] = 'a';
    if (ftruncate(fd, pagesz) != 0)
        printf("ftruncate failed\n");
    handle(SIGBUS, on_jump);
    if (!sigsetjmp(jb, 1)) {
        read_at((volatile long *)(p + pagesz + 16));
        printf("bus: no fault\n");
    }
    report("read past the end of a file", p + pagesz + 16);
    munmap(p, 2 * (size_t)pagesz);
    close(fd);
}

/* the ucontext at a faulting load: a register set just before holds its
 * value, the pc is the load's; the handler moves the pc past the load */
static volatile int ctx_ok;
static void on_ctx(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    ucontext_t *uc = ucv;
#if defined(__x86_64__)
    extern char ctx_load[];
    ctx_ok = uc->uc_mcontext.gregs[REG_R9] == 0x1234 &&
             uc->uc_mcontext.gregs[REG_RIP] == (greg_t)(uintptr_t)ctx_load;
    uc->uc_mcontext.gregs[REG_RIP] += 3;
#elif defined(__aarch64__)
    extern char ctx_load[];
    ctx_ok = uc->uc_mcontext.regs[9] == 0x1234 && uc->uc_mcontext.pc == (uintptr_t)ctx_load &&
             uc->uc_mcontext.fault_address == 8;
    /* the esr_context record: a data abort on a read */
    struct _aarch64_ctx *h = (struct _aarch64_ctx *)(void *)uc->uc_mcontext.__reserved;
    int esr_seen = 0;
    while (h->magic) {
        if (h->magic == ESR_MAGIC) {
            uint64_t esr = ((struct esr_context *)h)->esr;
            esr_seen = (esr >> 26) == 0x24 && !(esr & (1 << 6));
        }
        h = (struct _aarch64_ctx *)((char *)h + h->size);
    }
    ctx_ok &= esr_seen;
    uc->uc_mcontext.pc += 4;
#elif defined(__riscv)
    extern char ctx_load[];
    ctx_ok = uc->uc_mcontext.__gregs[28] == 0x1234 &&
             uc->uc_mcontext.__gregs[0] == (unsigned long)(uintptr_t)ctx_load;
    uc->uc_mcontext.__gregs[0] += 4;
#endif
}

static void test_context(void)
{
    handle(SIGSEGV, on_ctx);
    long after = 0;
#if defined(__x86_64__)
    __asm__ volatile("mov $0x1234, %%r9\n\t"
                     "mov $8, %%r10\n\t"
                     ".globl ctx_load\nctx_load:\n\t"
                     "mov (%%r10), %%r11\n\t"
                     "mov %%r9, %0"
                     : "=r"(after) : : "r9", "r10", "r11", "memory");
#elif defined(__aarch64__)
    __asm__ volatile("mov x9, #0x1234\n\t"
                     "mov x11, #8\n\t"
                     ".globl ctx_load\nctx_load:\n\t"
                     "ldr x10, [x11]\n\t"
                     "mov %0, x9"
                     : "=r"(after) : : "x9", "x10", "x11", "memory");
#elif defined(__riscv)
    __asm__ volatile("li t3, 0x1234\n\t"
                     "li t5, 8\n\t"
                     ".globl ctx_load\nctx_load:\n\t"
                     "ld t4, 0(t5)\n\t"
                     "mv %0, t3"
                     : "=r"(after) : : "t3", "t4", "t5", "memory");
#endif
    printf("context at the load: %s, register after: %#lx\n", ctx_ok ? "ok" : "WRONG", after);
}

/* an address register written and overwritten around a faulting store
 * through it (the translator folds the address into the store and never
 * writes the register back in between): the handler makes the page writable
 * and returns, the store is redone through the register. The caller never
 * forms the same address itself (the translator would share it). */
__attribute__((noipa)) static void report_at(const char *what, const long *base, long off)
{
    report(what, (void *)(base + off));
}

static void test_addr_reg(void)
{
    long *p = mmap(NULL, (size_t)pagesz, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    fix_page = (char *)p;
    handle(SIGSEGV, on_fix);
    long last = 0, v = 77;
#if defined(__x86_64__)
    __asm__ volatile("lea 40(%1), %%r9\n\tmov %2, (%%r9)\n\tlea 48(%1), %%r9\n\tmov %%r9, %0"
                     : "=r"(last) : "r"(p), "r"(v) : "r9", "memory");
#elif defined(__aarch64__)
    __asm__ volatile("add x9, %1, #40\n\tstr %2, [x9]\n\tadd x9, %1, #48\n\tmov %0, x9"
                     : "=r"(last) : "r"(p), "r"(v) : "x9", "memory");
#elif defined(__riscv)
    __asm__ volatile("addi t4, %1, 40\n\tsd %2, 0(t4)\n\taddi t4, %1, 48\n\tmv %0, t4"
                     : "=r"(last) : "r"(p), "r"(v) : "t4", "memory");
#endif
    long stored = p[5];
    report_at("store through an address register", p, 5);
    printf("address register: stored %ld, last %s\n", stored,
           last - (long)(uintptr_t)p == 48 ? "ok" : "WRONG");
    munmap(p, (size_t)pagesz);
}

int main(void)
{
    pagesz = sysconf(_SC_PAGESIZE);
    setvbuf(stdout, NULL, _IONBF, 0);
    test_null();
    test_readonly();
    test_above();
    test_loop();
    test_loop_store();
    test_cas();
    test_struct_load();
    test_exec();
    test_bus();
    test_context();
    test_addr_reg();
    /* without a handler the fault kills, as before */
    signal(SIGSEGV, SIG_DFL);
    printf("done\n");
    return 0;
}
