/* sig_altstack — sigaltstack with SA_ONSTACK: the handler runs on the
 * alternate stack (a local's address inside it), sees itself on it
 * (SS_ONSTACK, EPERM for a change), its ucontext records the interrupted
 * context's view (not on it); a signal taken inside that handler stays on
 * the alternate stack, below the first frame; a handler without SA_ONSTACK
 * stays on the normal stack; SS_DISABLE, a too-small stack (ENOMEM), bad
 * flags (EINVAL); SS_AUTODISARM disarms the stack inside the handler and its
 * return puts it back.
 *
 * Deterministic: only relations between addresses are printed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)
#endif

#define ALT_SIZE (256 * 1024)
static char *alt;

static struct seen {
    uintptr_t local;
    int ss_flags, eperm, ran;
    int uc_ss_ok, uc_flags;
    uintptr_t nested_local;
} seen;
static volatile int nest;
static volatile int probe = 1;   /* try to change the stack from the handler */

static int on_alt(uintptr_t a)
{
    return a >= (uintptr_t)alt && a < (uintptr_t)alt + ALT_SIZE;
}

static void on_inner(int sig)
{
    (void)sig;
    volatile char here;
    seen.nested_local = (uintptr_t)&here;
}

static void on_outer(int sig, siginfo_t *si, void *ucv)
{
    (void)sig, (void)si;
    ucontext_t *uc = ucv;
    volatile char here;
    seen.local = (uintptr_t)&here;
    seen.ran++;
    stack_t cur;
    sigaltstack(NULL, &cur);
    seen.ss_flags = cur.ss_flags;
    if (probe) {
        stack_t again = { .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0 };
        seen.eperm = sigaltstack(&again, NULL) == -1 && errno == EPERM;
    }
    seen.uc_ss_ok = uc->uc_stack.ss_sp == alt && uc->uc_stack.ss_size == ALT_SIZE;
    seen.uc_flags = uc->uc_stack.ss_flags;
    if (nest)
        raise(SIGUSR2);
}

static void handler(int sig, void (*fn)(int, siginfo_t *, void *), void (*plain)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    if (fn) {
        sa.sa_sigaction = fn;
        flags |= SA_SIGINFO;
    } else {
        sa.sa_handler = plain;
    }
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

/* into one of two buffers: a printf may show two of them */
static const char *flags_name(int f)
{
    static char bufs[2][64];
    static int which;
    char *buf = bufs[which ^= 1];
    buf[0] = 0;
    if (f & SS_ONSTACK) strcat(buf, "ONSTACK|");
    if (f & SS_DISABLE) strcat(buf, "DISABLE|");
    if (f & (int)SS_AUTODISARM) strcat(buf, "AUTODISARM|");
    if (!buf[0])
        return "0";
    buf[strlen(buf) - 1] = 0;
    return buf;
}

static void report(const char *what)
{
    printf("%s: ran=%d on alternate stack=%d, ss_flags inside=%s, EPERM=%d, uc_stack sp/size ok=%d "
           "flags=%s\n",
           what, seen.ran, on_alt(seen.local), flags_name(seen.ss_flags), seen.eperm, seen.uc_ss_ok,
           flags_name(seen.uc_flags));
    memset(&seen, 0, sizeof seen);
}

int main(void)
{
    alt = malloc(ALT_SIZE);
    stack_t old;
    sigaltstack(NULL, &old);
    printf("initially: flags=%s size=%zu\n", flags_name(old.ss_flags), (size_t)old.ss_size);

    stack_t ss = { .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0 };
    printf("sigaltstack: %d\n", sigaltstack(&ss, &old));
    sigaltstack(NULL, &old);
    printf("now: sp ok=%d flags=%s size=%zu\n", old.ss_sp == alt, flags_name(old.ss_flags),
           (size_t)old.ss_size);

    handler(SIGUSR1, on_outer, NULL, SA_ONSTACK);
    raise(SIGUSR1);
    report("SA_ONSTACK");

    /* a signal inside the handler, also SA_ONSTACK: same stack, further down */
    handler(SIGUSR2, NULL, on_inner, SA_ONSTACK);
    nest = 1;
    raise(SIGUSR1);
    printf("nested: inner on alternate stack=%d, below the outer frame=%d\n",
           on_alt(seen.nested_local), seen.nested_local < seen.local);
    nest = 0;
    report("outer");

    /* without SA_ONSTACK */
    handler(SIGUSR1, on_outer, NULL, 0);
    raise(SIGUSR1);
    report("no SA_ONSTACK");

    /* the kernel's refusals */
    stack_t small = { .ss_sp = alt, .ss_size = 1000, .ss_flags = 0 };
    int r = sigaltstack(&small, NULL);
    printf("size 1000: %d %s\n", r, r && errno == ENOMEM ? "ENOMEM" : "");
    stack_t badf = { .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 5 };
    r = sigaltstack(&badf, NULL);
    printf("flags 5: %d %s\n", r, r && errno == EINVAL ? "EINVAL" : "");

    /* SS_AUTODISARM */
    stack_t ad = { .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = (int)SS_AUTODISARM };
    r = sigaltstack(&ad, NULL);
    printf("SS_AUTODISARM: %d\n", r);
    handler(SIGUSR1, on_outer, NULL, SA_ONSTACK);
    probe = 0;
    raise(SIGUSR1);
    probe = 1;
    report("SS_AUTODISARM");
    sigaltstack(NULL, &old);
    printf("after return: sp ok=%d flags=%s size=%zu\n", old.ss_sp == alt, flags_name(old.ss_flags),
           (size_t)old.ss_size);

    /* disabled */
    stack_t dis = { .ss_sp = NULL, .ss_size = 0, .ss_flags = SS_DISABLE };
    r = sigaltstack(&dis, &old);
    printf("SS_DISABLE: %d (old flags=%s)\n", r, flags_name(old.ss_flags));
    raise(SIGUSR1);
    report("disabled, SA_ONSTACK");
    sigaltstack(NULL, &old);
    printf("finally: flags=%s size=%zu\n", flags_name(old.ss_flags), (size_t)old.ss_size);
    return 0;
}
