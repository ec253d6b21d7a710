/* ldst_helpers.c — C helpers for the aarch64 accesses generated code cannot
 * do inline: store-exclusive (a conditional store), the 16-byte
 * compare-and-swaps of STXP/CASP with X registers.
 *
 * Invariants:
 *  - signature uint64_t fn(struct cpu *, a0..a3), as IR_call requires;
 *  - a store-exclusive always clears the monitor (res_addr = ~0), and stores
 *    only if its address is the monitored one and memory still holds what
 *    the load-exclusive saw (one host compare-and-swap);
 *  - 16-byte compare-and-swaps are LOCK CMPXCHG16B, which every x86-64 host
 *    this runs on has; like the Arm instructions it needs 16-byte alignment
 *    (a misaligned one faults: SIGSEGV here where Arm gives SIGBUS);
 *  - guest addresses are host addresses (user mode).
 */
#include <stdbool.h>

#include "frontends/aarch64/trans_ldst.h"

/* *p == exp_lo:exp_hi ? *p = new_lo:new_hi : (exp = *p); true if stored */
static bool cas16(uint64_t addr, uint64_t *exp_lo, uint64_t *exp_hi, uint64_t new_lo,
                  uint64_t new_hi)
{
    bool ok;
    __asm__ volatile("lock cmpxchg16b %1"
                     : "=@ccz"(ok), "+m"(*(volatile unsigned __int128 *)(uintptr_t)addr),
                       "+a"(*exp_lo), "+d"(*exp_hi)
                     : "b"(new_lo), "c"(new_hi)
                     : "memory");
    return ok;
}

uint64_t a64_helper_stxr(struct cpu *cpu, uint64_t addr, uint64_t val, uint64_t size, uint64_t u)
{
    (void)u;
    uint64_t reserved = cpu->res_addr;
    cpu->res_addr = ~0ull;
    if (addr != reserved)
        return 1;
    void *p = (void *)(uintptr_t)addr;
    switch (size) {
    case 0: {
        uint8_t e = (uint8_t)cpu->res_val;
        return !__atomic_compare_exchange_n((uint8_t *)p, &e, (uint8_t)val, false,
                                            __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    }
    case 1: {
        uint16_t e = (uint16_t)cpu->res_val;
        return !__atomic_compare_exchange_n((uint16_t *)p, &e, (uint16_t)val, false,
                                            __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    }
    case 2: {
        uint32_t e = (uint32_t)cpu->res_val;
        return !__atomic_compare_exchange_n((uint32_t *)p, &e, (uint32_t)val, false,
                                            __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    }
    default: {
        uint64_t e = cpu->res_val;
        return !__atomic_compare_exchange_n((uint64_t *)p, &e, val, false,
                                            __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    }
    }
}

uint64_t a64_helper_stxp(struct cpu *cpu, uint64_t addr, uint64_t lo, uint64_t hi, uint64_t u)
{
    (void)u;
    uint64_t reserved = cpu->res_addr;
    cpu->res_addr = ~0ull;
    if (addr != reserved)
        return 1;
    uint64_t elo = cpu->res_val, ehi = cpu->res_val2;
    return !cas16(addr, &elo, &ehi, lo, hi);
}

static uint64_t xreg(const struct cpu *cpu, unsigned r)
{
    return r == 31 ? 0 : cpu->gpr[r];
}

uint64_t a64_helper_casp(struct cpu *cpu, uint64_t addr, uint64_t regs, uint64_t u2, uint64_t u3)
{
    (void)u2, (void)u3;
    unsigned rs = regs & 31, rt = (regs >> 8) & 31;
    uint64_t lo = xreg(cpu, rs), hi = xreg(cpu, rs + 1);
    /* a failing CMPXCHG16B still writes (atomically) what it read back into
     * lo:hi, and a succeeding one leaves the expected (= old) value there */
    cas16(addr, &lo, &hi, xreg(cpu, rt), xreg(cpu, rt + 1));
    if (rs != 31)
        cpu->gpr[rs] = lo;
    if (rs + 1 != 31)
        cpu->gpr[rs + 1] = hi;
    return 0;
}
