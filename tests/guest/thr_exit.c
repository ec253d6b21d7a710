/* thr_exit.c — how threads end: a thread calling exit() while others
 * compute, sleep and wait on a futex (the process ends with its status and
 * its stdio flushed); _exit in a thread while another is blocked in read;
 * a robust mutex left locked
 * by a dead thread (EOWNERDEAD, then consistent again), and one a live
 * thread holds while a posix_spawn child fails its exec (still held); a fork
 * from a process
 * with running threads (the child has one thread and can make more); the raw
 * exit syscall clears and wakes its clear_child_tid word. Each case runs in a
 * child process; the parent prints its wait status. Last, main
 * leaves with pthread_exit while a thread still runs: the process lives on
 * until the last thread ends, status 0. (Not in a fork child: musl's fork
 * child never registers the exit futex address that releases its thread
 * list lock when main leaves, so the last thread would wait for ever; qemu
 * hides that by keeping the parent's address.) */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static atomic_int running;

static void *spin(void *arg)
{
    (void)arg;
    atomic_fetch_add(&running, 1);
    volatile unsigned long x = 0;
    for (;;)
        x++;
    return NULL;
}

static void *sleeper(void *arg)
{
    (void)arg;
    atomic_fetch_add(&running, 1);
    for (;;)
        sleep(1);
    return NULL;
}

static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;
static void *locker(void *arg)
{
    (void)arg;
    atomic_fetch_add(&running, 1);
    pthread_mutex_lock(&held);   /* main holds it: waits on the futex */
    return NULL;
}

static void *exiter(void *arg)
{
    while (atomic_load(&running) < 3)
        usleep(1000);
    usleep(10000);
    printf("thread calls exit(%ld)\n", (long)arg);   /* buffered: exit flushes */
    exit((int)(long)arg);
}

static void case_exit_in_thread(void)
{
    pthread_mutex_lock(&held);
    pthread_t t;
    pthread_create(&t, NULL, spin, NULL);
    pthread_create(&t, NULL, sleeper, NULL);
    pthread_create(&t, NULL, locker, NULL);
    pthread_create(&t, NULL, exiter, (void *)3);
    pthread_join(t, NULL);   /* never returns */
}

static int rfd[2];
static void *fast_exit(void *arg)
{
    (void)arg;
    usleep(20000);
    _exit(5);
}

static void case_underscore_exit(void)
{
    if (pipe(rfd))
        return;
    pthread_t t;
    pthread_create(&t, NULL, fast_exit, NULL);
    char c;
    read(rfd[0], &c, 1);   /* blocked until the other thread ends us */
    printf("not reached\n");
}

static void *last_one(void *arg)
{
    (void)arg;
    usleep(30000);
    printf("the last thread ends after main left\n");
    fflush(stdout);
    return NULL;
}

static void case_main_leaves(void)
{
    pthread_t t;
    pthread_create(&t, NULL, last_one, NULL);
    pthread_exit(NULL);
}

static pthread_mutex_t robust;
static void *die_holding(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&robust);
    return NULL;   /* ends with the mutex locked */
}

static void case_robust(void)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&robust, &a);
    pthread_t t;
    pthread_create(&t, NULL, die_holding, NULL);
    pthread_join(t, NULL);
    int e = pthread_mutex_lock(&robust);
    printf("robust lock after the owner died: %s\n", e == EOWNERDEAD ? "EOWNERDEAD" : e ? "other" : "0");
    if (e == EOWNERDEAD)
        pthread_mutex_consistent(&robust);
    pthread_mutex_unlock(&robust);
    e = pthread_mutex_lock(&robust);
    printf("robust lock again: %s\n", e ? "error" : "0");
    pthread_mutex_unlock(&robust);
    exit(0);
}

/* a vfork child (posix_spawn) whose exec fails exits on its own: the robust
 * mutex a thread of the parent holds stays held */
static pthread_mutex_t robust2;
static atomic_int holding, release;
static void *hold_robust(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&robust2);
    atomic_store(&holding, 1);
    while (!atomic_load(&release))
        usleep(1000);
    pthread_mutex_unlock(&robust2);
    return NULL;
}

static void case_spawn_robust(void)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&robust2, &a);
    pthread_t t;
    pthread_create(&t, NULL, hold_robust, NULL);
    while (!atomic_load(&holding))
        usleep(1000);
    pid_t pid;
    char *argv[] = { "missing", NULL };
    int e = posix_spawn(&pid, "/nonexistent/program", NULL, NULL, argv, NULL);
    printf("posix_spawn of a missing program: %s\n", e == ENOENT ? "ENOENT" : e ? "other" : "0");
    if (!e)
        waitpid(pid, NULL, 0);
    e = pthread_mutex_trylock(&robust2);
    printf("robust mutex still held by the thread: %s\n",
           e == EBUSY ? "EBUSY" : e == EOWNERDEAD ? "EOWNERDEAD" : e ? "other" : "0");
    if (!e || e == EOWNERDEAD)
        pthread_mutex_unlock(&robust2);
    atomic_store(&release, 1);
    pthread_join(t, NULL);
    exit(0);
}

static void *child_thread(void *arg)
{
    return (void *)((long)arg * 2);
}

static void case_fork_with_threads(void)
{
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, spin, NULL);
    while (atomic_load(&running) < 3)
        usleep(1000);
    pid_t pid = fork();
    if (pid == 0) {
        pthread_t c;
        void *r;
        pthread_create(&c, NULL, child_thread, (void *)21);
        pthread_join(c, &r);
        printf("fork child of a threaded process: its thread returned %ld\n", (long)r);
        fflush(stdout);
        _exit(9);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("fork child status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    exit(0);
}

#define FUTEX_WAIT 0   /* linux/futex.h (not in every guest sysroot) */
static int ctid_word = 1;
static void *raw_exit(void *arg)
{
    (void)arg;
    /* the kernel clears the clear_child_tid word and wakes its futex when
     * the thread ends (set here by hand: libc-independent) */
    syscall(SYS_set_tid_address, &ctid_word);
    syscall(SYS_exit, 0);
    return NULL;
}

static void case_raw_exit(void)
{
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    pthread_t t;
    pthread_create(&t, &a, raw_exit, NULL);
    int v, waits = 0;
    while ((v = __atomic_load_n(&ctid_word, __ATOMIC_SEQ_CST)) != 0 && waits < 1000) {
        struct timespec ts = { 0, 10 * 1000 * 1000 };
        syscall(SYS_futex, &ctid_word, FUTEX_WAIT, v, &ts, NULL, 0);
        waits++;
    }
    printf("exit syscall: clear_child_tid word %d\n", v);
    exit(0);
}

int main(void)
{
    static void (*const cases[])(void) = {
        case_exit_in_thread, case_underscore_exit, case_robust, case_spawn_robust,
        case_fork_with_threads, case_raw_exit,
    };
    static const char *const names[] = {
        "exit in a thread", "_exit in a thread", "robust mutex", "spawn with a robust mutex held",
        "fork with threads", "raw exit syscall",
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            cases[i]();
            exit(0);
        }
        int st;
        waitpid(pid, &st, 0);
        if (WIFEXITED(st))
            printf("%s: exit status %d\n", names[i], WEXITSTATUS(st));
        else
            printf("%s: killed by signal %d\n", names[i], WIFSIGNALED(st) ? WTERMSIG(st) : -1);
    }
    fflush(stdout);
    case_main_leaves();
}
