/* sig_regs — the register state around a signal handler: every FP/SIMD
 * register the interrupted code holds comes back after a handler that
 * clobbers them all; a handler that edits a general and an FP register in
 * its ucontext changes what the interrupted code sees; the FP rounding mode
 * and exception flags the handler sets do not leak out; and a compute loop
 * keeping scalar and vector FP values in registers, interrupted by a 100 us
 * interval timer whose handler clobbers every FP register, ends with the
 * same results as uninterrupted.
 *
 * The register-level parts are per architecture (x86-64 natively, aarch64,
 * riscv64), each sending the signal with its own syscall instruction so the
 * handler runs right after it with known register contents. The output is
 * the same everywhere: only whether values survived is printed.
 */
#define _GNU_SOURCE
#include <fenv.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

#define ONE_5 0x3ff8000000000000ull   /* 1.5 */
#define TWO_5 0x4004000000000000ull   /* 2.5 */

#if defined(__x86_64__)
#define NFP 16          /* xmm0..15, 16 bytes each */
#define FPBYTES 16
#define CLOBBER_ALL_FP()                                                              \
    __asm__ volatile("pcmpeqd %%xmm0,%%xmm0\n\tpcmpeqd %%xmm1,%%xmm1\n\t"              \
                     "pcmpeqd %%xmm2,%%xmm2\n\tpcmpeqd %%xmm3,%%xmm3\n\t"              \
                     "pcmpeqd %%xmm4,%%xmm4\n\tpcmpeqd %%xmm5,%%xmm5\n\t"              \
                     "pcmpeqd %%xmm6,%%xmm6\n\tpcmpeqd %%xmm7,%%xmm7\n\t"              \
                     "pcmpeqd %%xmm8,%%xmm8\n\tpcmpeqd %%xmm9,%%xmm9\n\t"              \
                     "pcmpeqd %%xmm10,%%xmm10\n\tpcmpeqd %%xmm11,%%xmm11\n\t"          \
                     "pcmpeqd %%xmm12,%%xmm12\n\tpcmpeqd %%xmm13,%%xmm13\n\t"          \
                     "pcmpeqd %%xmm14,%%xmm14\n\tpcmpeqd %%xmm15,%%xmm15"             \
                     ::: "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", \
                     "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15")
#define FP_ROW(i) "movdqu " #i "*16(%%rdx), %%xmm" #i "\n\t"
#define FP_OUT(i) "movdqu %%xmm" #i ", " #i "*16(%%r8)\n\t"
#define FP_ALL(M) M(0) M(1) M(2) M(3) M(4) M(5) M(6) M(7) M(8) M(9) M(10) M(11) M(12) M(13) M(14) M(15)
/* fill the FP registers from in, kill(pid, sig), store them to out */
static void fp_kill(const uint8_t *in, uint8_t *out, long pid, long sig)
{
    long ret;
    __asm__ volatile(FP_ALL(FP_ROW) "syscall\n\t" FP_ALL(FP_OUT)
                     : "=a"(ret)
                     : "0"(62L), "D"(pid), "S"(sig), "d"(in), "r"(out)
                     : "rcx", "r11", "memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5",
                       "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13",
                       "xmm14", "xmm15");
    (void)ret;
}
/* r12 = 1 and xmm7 = 1.5 across kill(pid, sig); their values after */
static void edit_kill(long pid, long sig, uint64_t *g, uint64_t *f)
{
    long ret;
    __asm__ volatile("mov $1, %%r12\n\tmovq %[one5], %%xmm7\n\tsyscall\n\t"
                     "mov %%r12, %[g]\n\tmovq %%xmm7, %[f]"
                     : "=a"(ret), [g] "=r"(*g), [f] "=r"(*f)
                     : "0"(62L), "D"(pid), "S"(sig), [one5] "r"(ONE_5)
                     : "rcx", "r11", "r12", "xmm7", "memory");
    (void)ret;
}
static void edit_context(ucontext_t *uc)
{
    uc->uc_mcontext.gregs[REG_R12] = 42;
    uc->uc_mcontext.fpregs->_xmm[7].element[0] = (uint32_t)TWO_5;
    uc->uc_mcontext.fpregs->_xmm[7].element[1] = (uint32_t)(TWO_5 >> 32);
}

#elif defined(__aarch64__)
#define NFP 32          /* v0..v31 */
#define FPBYTES 16
#define V4(a, b, c, d) "v" #a ".16b, v" #b ".16b, v" #c ".16b, v" #d ".16b"
#define CLOBBER_ALL_FP()                                                                  \
    __asm__ volatile("movi v0.16b, #0xff\n\tmovi v1.16b, #0xff\n\tmovi v2.16b, #0xff\n\t"    \
                     "movi v3.16b, #0xff\n\tmovi v4.16b, #0xff\n\tmovi v5.16b, #0xff\n\t"    \
                     "movi v6.16b, #0xff\n\tmovi v7.16b, #0xff\n\tmovi v8.16b, #0xff\n\t"    \
                     "movi v9.16b, #0xff\n\tmovi v10.16b, #0xff\n\tmovi v11.16b, #0xff\n\t"  \
                     "movi v12.16b, #0xff\n\tmovi v13.16b, #0xff\n\tmovi v14.16b, #0xff\n\t" \
                     "movi v15.16b, #0xff\n\tmovi v16.16b, #0xff\n\tmovi v17.16b, #0xff\n\t" \
                     "movi v18.16b, #0xff\n\tmovi v19.16b, #0xff\n\tmovi v20.16b, #0xff\n\t" \
                     "movi v21.16b, #0xff\n\tmovi v22.16b, #0xff\n\tmovi v23.16b, #0xff\n\t" \
                     "movi v24.16b, #0xff\n\tmovi v25.16b, #0xff\n\tmovi v26.16b, #0xff\n\t" \
                     "movi v27.16b, #0xff\n\tmovi v28.16b, #0xff\n\tmovi v29.16b, #0xff\n\t" \
                     "movi v30.16b, #0xff\n\tmovi v31.16b, #0xff"                            \
                     ::: "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10",  \
                     "v11", "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19", "v20",   \
                     "v21", "v22", "v23", "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31")
static void fp_kill(const uint8_t *in, uint8_t *out, long pid, long sig)
{
    register long x0 __asm__("x0") = pid;
    register long x1 __asm__("x1") = sig;
    register long x8 __asm__("x8") = 129;   /* kill */
    register const uint8_t *x9 __asm__("x9") = in;
    register uint8_t *x10 __asm__("x10") = out;
    __asm__ volatile("ld1 {" V4(0, 1, 2, 3) "}, [x9], #64\n\t"
                     "ld1 {" V4(4, 5, 6, 7) "}, [x9], #64\n\t"
                     "ld1 {" V4(8, 9, 10, 11) "}, [x9], #64\n\t"
                     "ld1 {" V4(12, 13, 14, 15) "}, [x9], #64\n\t"
                     "ld1 {" V4(16, 17, 18, 19) "}, [x9], #64\n\t"
                     "ld1 {" V4(20, 21, 22, 23) "}, [x9], #64\n\t"
                     "ld1 {" V4(24, 25, 26, 27) "}, [x9], #64\n\t"
                     "ld1 {" V4(28, 29, 30, 31) "}, [x9], #64\n\t"
                     "svc #0\n\t"
                     "st1 {" V4(0, 1, 2, 3) "}, [x10], #64\n\t"
                     "st1 {" V4(4, 5, 6, 7) "}, [x10], #64\n\t"
                     "st1 {" V4(8, 9, 10, 11) "}, [x10], #64\n\t"
                     "st1 {" V4(12, 13, 14, 15) "}, [x10], #64\n\t"
                     "st1 {" V4(16, 17, 18, 19) "}, [x10], #64\n\t"
                     "st1 {" V4(20, 21, 22, 23) "}, [x10], #64\n\t"
                     "st1 {" V4(24, 25, 26, 27) "}, [x10], #64\n\t"
                     "st1 {" V4(28, 29, 30, 31) "}, [x10], #64"
                     : "+r"(x0), "+r"(x9), "+r"(x10)
                     : "r"(x1), "r"(x8)
                     : "memory", "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9",
                       "v10", "v11", "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19",
                       "v20", "v21", "v22", "v23", "v24", "v25", "v26", "v27", "v28", "v29",
                       "v30", "v31");
}
static void edit_kill(long pid, long sig, uint64_t *g, uint64_t *f)
{
    register long x0 __asm__("x0") = pid;
    register long x1 __asm__("x1") = sig;
    register long x8 __asm__("x8") = 129;
    uint64_t gv, fv;
    __asm__ volatile("mov x19, #1\n\tfmov d16, %[one5]\n\tsvc #0\n\tmov %[g], x19\n\tfmov %[f], d16"
                     : "+r"(x0), [g] "=&r"(gv), [f] "=&r"(fv)
                     : "r"(x1), "r"(x8), [one5] "r"(ONE_5)
                     : "x19", "v16", "memory");
    *g = gv;
    *f = fv;
}
static void edit_context(ucontext_t *uc)
{
    uc->uc_mcontext.regs[19] = 42;
    /* the fpsimd record among the records in __reserved */
    uint8_t *p = (uint8_t *)&uc->uc_mcontext.__reserved;
    for (;;) {
        uint32_t magic, size;
        memcpy(&magic, p, 4);
        memcpy(&size, p + 4, 4);
        if (magic == 0 || size == 0)
            return;
        if (magic == 0x46508001) {   /* FPSIMD_MAGIC: fpsr, fpcr, vregs[32] at 16 */
            uint64_t v = TWO_5;
            memcpy(p + 16 + 16 * 16, &v, 8);
            return;
        }
        p += size;
    }
}

#elif defined(__riscv)
#define NFP 32          /* f0..f31 */
#define FPBYTES 8
#define CLOBBER_ALL_FP()                                                                   \
    do {                                                                                   \
        uint64_t nan = ~0ull;                                                              \
        __asm__ volatile("fmv.d.x f0, %0\n\tfmv.d.x f1, %0\n\tfmv.d.x f2, %0\n\t"          \
                         "fmv.d.x f3, %0\n\tfmv.d.x f4, %0\n\tfmv.d.x f5, %0\n\t"          \
                         "fmv.d.x f6, %0\n\tfmv.d.x f7, %0\n\tfmv.d.x f8, %0\n\t"          \
                         "fmv.d.x f9, %0\n\tfmv.d.x f10, %0\n\tfmv.d.x f11, %0\n\t"        \
                         "fmv.d.x f12, %0\n\tfmv.d.x f13, %0\n\tfmv.d.x f14, %0\n\t"       \
                         "fmv.d.x f15, %0\n\tfmv.d.x f16, %0\n\tfmv.d.x f17, %0\n\t"       \
                         "fmv.d.x f18, %0\n\tfmv.d.x f19, %0\n\tfmv.d.x f20, %0\n\t"       \
                         "fmv.d.x f21, %0\n\tfmv.d.x f22, %0\n\tfmv.d.x f23, %0\n\t"       \
                         "fmv.d.x f24, %0\n\tfmv.d.x f25, %0\n\tfmv.d.x f26, %0\n\t"       \
                         "fmv.d.x f27, %0\n\tfmv.d.x f28, %0\n\tfmv.d.x f29, %0\n\t"       \
                         "fmv.d.x f30, %0\n\tfmv.d.x f31, %0"                              \
                         :: "r"(nan)                                                       \
                         : "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9",     \
                           "f10", "f11", "f12", "f13", "f14", "f15", "f16", "f17", "f18",  \
                           "f19", "f20", "f21", "f22", "f23", "f24", "f25", "f26", "f27",  \
                           "f28", "f29", "f30", "f31");                                    \
    } while (0)
#define FP_ROW(i) "fld f" #i ", " #i "*8(t0)\n\t"
#define FP_OUT(i) "fsd f" #i ", " #i "*8(t1)\n\t"
#define FP_ALL(M) M(0) M(1) M(2) M(3) M(4) M(5) M(6) M(7) M(8) M(9) M(10) M(11) M(12) M(13) \
    M(14) M(15) M(16) M(17) M(18) M(19) M(20) M(21) M(22) M(23) M(24) M(25) M(26) M(27)      \
    M(28) M(29) M(30) M(31)
static void fp_kill(const uint8_t *in, uint8_t *out, long pid, long sig)
{
    register long a0 __asm__("a0") = pid;
    register long a1 __asm__("a1") = sig;
    register long a7 __asm__("a7") = 129;   /* kill */
    register const uint8_t *t0 __asm__("t0") = in;
    register uint8_t *t1 __asm__("t1") = out;
    __asm__ volatile(FP_ALL(FP_ROW) "ecall\n\t" FP_ALL(FP_OUT)
                     : "+r"(a0)
                     : "r"(a1), "r"(a7), "r"(t0), "r"(t1)
                     : "memory", "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9",
                       "f10", "f11", "f12", "f13", "f14", "f15", "f16", "f17", "f18", "f19",
                       "f20", "f21", "f22", "f23", "f24", "f25", "f26", "f27", "f28", "f29",
                       "f30", "f31");
}
static void edit_kill(long pid, long sig, uint64_t *g, uint64_t *f)
{
    register long a0 __asm__("a0") = pid;
    register long a1 __asm__("a1") = sig;
    register long a7 __asm__("a7") = 129;
    uint64_t gv, fv;
    __asm__ volatile("li s2, 1\n\tfmv.d.x fa6, %[one5]\n\tecall\n\tmv %[g], s2\n\tfmv.x.d %[f], fa6"
                     : "+r"(a0), [g] "=&r"(gv), [f] "=&r"(fv)
                     : "r"(a1), "r"(a7), [one5] "r"(ONE_5)
                     : "s2", "fa6", "memory");
    *g = gv;
    *f = fv;
}
static void edit_context(ucontext_t *uc)
{
    uc->uc_mcontext.__gregs[18] = 42;          /* s2 */
    uc->uc_mcontext.__fpregs.__d.__f[16] = TWO_5;   /* fa6 */
}
#else
#error "no register code for this architecture"
#endif

static volatile int hits;
static volatile int mode;   /* 0: clobber, 1: edit the context */

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)si;
    hits++;
    /* the handler's own FP work, rounding mode and flags */
    fesetround(FE_DOWNWARD);
    volatile double z = 0.0;
    volatile double bad = z / z;   /* FE_INVALID */
    (void)bad;
    CLOBBER_ALL_FP();
    if (mode == 1)
        edit_context(uc);
}

static void on_timer(int sig)
{
    (void)sig;
    hits++;
    fesetround(FE_TOWARDZERO);
    CLOBBER_ALL_FP();
}

typedef double v2d __attribute__((vector_size(16)));

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);

    /* every FP register survives a handler that clobbers them all */
    static uint8_t in[NFP * FPBYTES], out[NFP * FPBYTES];
    for (unsigned i = 0; i < sizeof in; i++)
        in[i] = (uint8_t)(i * 7 + 3);
    fesetround(FE_UPWARD);
    feclearexcept(FE_ALL_EXCEPT);
    mode = 0;
    fp_kill(in, out, getpid(), SIGUSR1);
    int bad = 0;
    for (unsigned i = 0; i < sizeof in; i++)
        bad += in[i] != out[i];
    printf("handler ran %d time(s); FP/SIMD registers intact: %s (%d bytes differ)\n", hits,
           bad ? "no" : "yes", bad);
    printf("rounding mode still upward: %d, FE_INVALID leaked: %d\n", fegetround() == FE_UPWARD,
           fetestexcept(FE_INVALID) != 0);
    fesetround(FE_TONEAREST);
    hits = 0;

    /* the handler edits a general and an FP register in its ucontext */
    uint64_t g = 0, f = 0;
    mode = 1;
    edit_kill(getpid(), SIGUSR1, &g, &f);
    printf("handler ran %d time(s); edited registers seen: gpr=%llu fp=%s\n", hits,
           (unsigned long long)g, f == TWO_5 ? "2.5" : f == ONE_5 ? "1.5 (unchanged)" : "other");
    hits = 0;
    fesetround(FE_TONEAREST);

    /* an FP loop interrupted by a timer whose handler clobbers the FP state */
    struct sigaction st;
    memset(&st, 0, sizeof st);
    st.sa_handler = on_timer;
    st.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &st, NULL);
    struct itimerval it = { { 0, 100 }, { 0, 100 } };
    setitimer(ITIMER_REAL, &it, NULL);
    double s = 0.0, p = 1.0;
    v2d acc = { 0.0, 1.0 }, step = { 0.5, 0.25 };
    for (long i = 1; i <= 30000000; i++) {
        s += 1.0 / (double)i;
        p = p * 1.0000001 + 1e-9;
        acc = acc * (v2d){ 0.999999, 0.9999995 } + step;
    }
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, NULL);
    printf("interrupted loop: timer handler ran: %s; rounding still nearest: %d\n",
           hits > 0 ? "yes" : "no", fegetround() == FE_TONEAREST);
    printf("  s=%.17g p=%.17g acc={%.17g, %.17g}\n", s, p, acc[0], acc[1]);
    return 0;
}
