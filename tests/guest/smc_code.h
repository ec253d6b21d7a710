/* smc_code.h — what the self-modifying-code tests (smc_jit, smc_read) write
 * and run: the machine code of `return x + K` for the architecture the test
 * is built for (x86-64 natively, aarch64, riscv64), the cache flush, and a
 * call through a data pointer. */
#ifndef SMC_CODE_H
#define SMC_CODE_H

#include <stdint.h>
#include <string.h>

typedef long (*fn_t)(long);

/* the code of `return x + k` (0 <= k < 2048) at p; returns its size */
static size_t emit_add(uint8_t *p, int k)
{
#if defined(__x86_64__)
    /* lea rax, [rdi + k]; ret */
    uint8_t code[] = {0x48, 0x8d, 0x87, (uint8_t)k, (uint8_t)(k >> 8), 0, 0, 0xc3};
#elif defined(__aarch64__)
    /* add x0, x0, #k; ret */
    uint32_t code[] = {0x91000000u | (uint32_t)k << 10, 0xd65f03c0u};
#elif defined(__riscv)
    /* addi a0, a0, k; ret */
    uint32_t code[] = {(uint32_t)k << 20 | 10u << 15 | 10u << 7 | 0x13u, 0x00008067u};
#endif
    memcpy(p, code, sizeof code);
    return sizeof code;
}

static void flush(void *p, size_t n)
{
    __builtin___clear_cache((char *)p, (char *)p + n);
}

static long call(void *p, long x)
{
    fn_t f;
    memcpy(&f, &p, sizeof f);
    return f(x);
}

#endif
