/* lazyreloc.c — applies the relocations that runner/link/lazyrel took out of
 * glibc's static-pie start-up: capstone's tables, used only by -d in_asm and
 * -d out_asm. Relocating them eagerly cost every tern process ~1M instructions
 * and ~350 copy-on-write page faults before main.
 *
 * Invariants:
 *  - tern_lazy_info holds link-time addresses (the post-link step writes them
 *    into the file); it is never itself relocated, and the load base comes
 *    from __ehdr_start, the ELF header's run-time address (link address 0);
 *  - only R_X86_64_RELATIVE relocations are deferred (lazyrel refuses any
 *    other kind in a lazy section), so applying one is base + addend;
 *  - every capstone user calls tern_lazy_relocate() first; until then nothing
 *    reads the lazy sections (only capstone's own code refers to them);
 *  - targets inside RELRO are made writable just for the loop, then read-only
 *    again, as glibc left them.
 */
#include "runner/lazyreloc.h"

#include <elf.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/mman.h>

#include "runner/tern.h"

#define LAZY_MAGIC 0x7465726e6c617a79ull   /* "ternlazy"; runner/link/lazyrel.c */

/* filled in by runner/link/lazyrel (same layout there); count 0 = nothing deferred.
 * Not const: the compiler must read what the file holds, not the initialiser */
struct lazy_info {
    uint64_t magic;
    uint64_t rela_vaddr;
    uint64_t count;
    uint64_t ro_start, ro_end;
};
struct lazy_info tern_lazy_info __attribute__((used)) = {LAZY_MAGIC, 0, 0, 0, 0};

extern const char __ehdr_start[] __attribute__((visibility("hidden")));

static pthread_once_t lazy_once = PTHREAD_ONCE_INIT;

static void apply(void)
{
    const volatile struct lazy_info *info = &tern_lazy_info;
    uint64_t count = info->count;
    if (!count)
        return;
    uintptr_t base = (uintptr_t)__ehdr_start;
    const Elf64_Rela *r = (const Elf64_Rela *)(base + info->rela_vaddr);
    uintptr_t lo = 0, hi = 0;
    if (info->ro_end > info->ro_start) {
        lo = (base + info->ro_start) & ~(uintptr_t)4095;
        hi = (base + info->ro_end + 4095) & ~(uintptr_t)4095;
        if (mprotect((void *)lo, hi - lo, PROT_READ | PROT_WRITE))
            tern_die(70, "cannot make the disassembler's tables writable");
    }
    for (uint64_t i = 0; i < count; i++)
        *(uint64_t *)(base + r[i].r_offset) = base + (uint64_t)r[i].r_addend;
    if (hi > lo && mprotect((void *)lo, hi - lo, PROT_READ))
        tern_die(70, "cannot protect the disassembler's tables");
}

void tern_lazy_relocate(void)
{
    pthread_once(&lazy_once, apply);
}
