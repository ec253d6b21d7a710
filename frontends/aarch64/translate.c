/* translate.c — the aarch64 block translator: fetch, decode, hand each insn
 * to its trans_* handler, and decide where the block ends.
 *
 * Invariants (the contract in frontends/frontend.h):
 *  - bytes come only from guest_fetch(), which refuses non-executable pages;
 *  - every insn is preceded by gen_insn_start(pc), so faults map back to it;
 *  - a block stops after TB_MAX_INSNS insns, at a page boundary, after any
 *    insn whose handler emitted a TERM op, and at an undecodable insn (SIGILL
 *    exit with cpu->exit_arg = the insn word). Conditional branches are side
 *    exits: the block goes on with the fall-through path;
 *  - what set the flags (s.cc) is known only inside the block: it starts
 *    unknown and is never carried across blocks.
 */
#include <string.h>

#include "frontends/aarch64/a64_internal.h"
#include "runner/tern.h"

static void gen_sigill(struct a64_ctx *s, uint32_t word)
{
    gen_set(s->b, IR_I64, CPU_OFF(exit_arg), gen_const(s->b, word));
    gen_exit(s->b, EXIT_SIGILL, s->pc);
    s->stop = true;
}

int a64_translate(struct tcontext *tc, struct ir_block *b)
{
    struct a64_ctx s = {
        .b = b,
        .tc = tc,
        .pc = b->guest_pc,
        .features = tc->model ? tc->model->features : 0,
    };
    uint64_t page = PAGE_DOWN(b->guest_pc);
    int n = 0;
    uint8_t chunk[256];
    uint64_t chunk_pc = b->guest_pc;
    size_t chunk_len = 0;

    for (;;) {
        if (n >= TB_MAX_INSNS || PAGE_DOWN(s.pc) != page) {
            gen_goto(b, s.pc);
            break;
        }
        if (s.pc + 4 > chunk_pc + chunk_len) {
            chunk_pc = s.pc;
            size_t want = (size_t)(page + GUEST_PAGE_SIZE - s.pc);
            chunk_len = guest_fetch(&tc->proc->mm, s.pc, chunk, want < sizeof(chunk) ? want : sizeof(chunk));
        }
        size_t off = (size_t)(s.pc - chunk_pc);
        if (chunk_len < off + 4) {
            if (n == 0) {
                gen_insn_start(b, s.pc);
                gen_set(b, IR_I64, CPU_OFF(exit_arg), gen_const(b, (int64_t)(chunk_pc + chunk_len)));
                gen_exit(b, EXIT_FETCH_FAULT, s.pc);
                n = 1;
                s.pc += 1; /* a non-empty range, so the block is tied to the faulting page */
            } else {
                gen_goto(b, s.pc);
            }
            break;
        }
        uint32_t insn;
        memcpy(&insn, chunk + off, 4);  /* little-endian guest on a little-endian host */

        gen_insn_start(b, s.pc);
        n++;
        const struct a64_pattern *p;
        int pos = 0;
        while ((p = a64_decode_next(insn, s.features, &pos)) && !p->trans(&s, insn))
            ;
        if (!p)
            gen_sigill(&s, insn);
        s.pc += 4;
        if (s.stop)
            break;
    }

    b->guest_end = s.pc;
    b->ninsns = n;
    return 0;
}
