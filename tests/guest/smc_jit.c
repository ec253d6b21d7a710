/* smc_jit — a guest that generates code for its own architecture (x86-64
 * natively, aarch64, riscv64: `return x + K`), calls it, rewrites K and
 * calls again: with the cache flushed (__builtin___clear_cache), without
 * it (a page the program writes while its old translation exists), through
 * an RW -> RX -> RW -> RX mprotect cycle, a fresh mapping at the address of
 * an unmapped one, and a memfd mapped twice (written through the RW alias,
 * run through the RX alias). Each call prints x + K; the output is the same
 * on all three.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "smc_code.h"

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    setvbuf(stdout, NULL, _IONBF, 0);

    /* RWX, the cache flushed after each write */
    uint8_t *rwx = mmap(NULL, (size_t)pg, PROT_READ | PROT_WRITE | PROT_EXEC,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (rwx == MAP_FAILED)
        return 1;
    flush(rwx, emit_add(rwx, 5));
    printf("rwx flushed: %ld\n", call(rwx, 100));
    flush(rwx, emit_add(rwx, 7));
    printf("rwx rewritten, flushed: %ld\n", call(rwx, 100));

    /* rewritten without a flush, in a loop calling it */
    long sum = 0;
    for (int i = 0; i < 20; i++) {
        emit_add(rwx, i);
        sum += call(rwx, 1000);
    }
    printf("rwx rewritten 20 times unflushed: %ld\n", sum);
    /* code and data on one page: a data write next to the code, then the
     * code again (unchanged) */
    rwx[1024] = 1;
    printf("data on the code page: %ld\n", call(rwx, 1));

    /* W^X: RW, write, RX, call; RW, rewrite, RX, call */
    uint8_t *wx = mmap(NULL, (size_t)pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    emit_add(wx, 11);
    mprotect(wx, (size_t)pg, PROT_READ | PROT_EXEC);
    printf("rw->rx: %ld\n", call(wx, 100));
    mprotect(wx, (size_t)pg, PROT_READ | PROT_WRITE);
    emit_add(wx, 13);
    mprotect(wx, (size_t)pg, PROT_READ | PROT_EXEC);
    printf("rx->rw->rx rewritten: %ld\n", call(wx, 100));

    /* unmapped, and new code mapped at the same address */
    munmap(wx, (size_t)pg);
    uint8_t *again = mmap(wx, (size_t)pg, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    emit_add(again, 17);
    printf("new mapping at the same address: %ld\n", call(again, 100));

    /* a memfd mapped twice: written RW, run RX */
    int fd = memfd_create("smc_jit", 0);
    if (fd < 0 || ftruncate(fd, pg) != 0) {
        printf("memfd failed\n");
        return 1;
    }
    uint8_t *w = mmap(NULL, (size_t)pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    uint8_t *x = mmap(NULL, (size_t)pg, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    emit_add(w, 19);
    flush(x, 16);
    printf("dual mapping: %ld\n", call(x, 100));
    emit_add(w, 23);
    printf("dual mapping rewritten through the RW alias: %ld\n", call(x, 100));
    sum = 0;
    for (int i = 0; i < 10; i++) {
        emit_add(w, 100 + i);
        sum += call(x, 0);
    }
    printf("dual mapping rewritten 10 times: %ld\n", sum);
    /* the other way round: the RX alias mapped after the code ran */
    uint8_t *x2 = mmap(NULL, (size_t)pg, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    emit_add(w, 29);
    printf("a second RX alias: %ld %ld\n", call(x2, 100), call(x, 100));
    return 0;
}
