/* translate.c — the riscv64 block translator: fetch, decode, hand each insn
 * to its trans_* handler, and decide where the block ends.
 *
 * Invariants (the contract in frontends/frontend.h):
 *  - bytes come only from guest_fetch(), which refuses non-executable pages;
 *  - every insn is preceded by gen_insn_start(pc), so faults map back to it;
 *  - a block stops after TB_MAX_INSNS insns, before an insn that starts on
 *    another 4 KiB page than the block's first insn, after any insn whose
 *    handler emitted a TERM op, and at an undecodable insn (SIGILL exit with
 *    cpu->exit_arg = the insn word). Conditional branches are side exits: the
 *    block goes on with the fall-through path.
 *  - a fetch failure at the first insn is an EXIT_FETCH_FAULT exit (with
 *    cpu->exit_arg = the first byte that could not be fetched); later in the
 *    block it simply ends the block so the fault is raised when reached.
 */
#include <string.h>

#include "frontends/riscv64/rv_internal.h"
#include "loader/vdso.h"
#include "runner/tern.h"

static void gen_sigill(struct rv_ctx *s, uint32_t word)
{
    gen_set(s->b, IR_I64, CPU_OFF(exit_arg), gen_const(s->b, word));
    gen_exit(s->b, EXIT_SIGILL, s->pc);
    s->stop = true;
}

int rv_translate(struct tcontext *tc, struct ir_block *b)
{
    struct rv_ctx s = {
        .b = b,
        .pc = b->guest_pc,
        .features = tc->model ? tc->model->features : 0,
    };
    uint64_t page = PAGE_DOWN(b->guest_pc);
    int n = 0;
    /* instruction bytes come in chunks: one locked vma check per chunk, not
     * per insn. chunk[] holds guest bytes [chunk_pc, chunk_pc + chunk_len). */
    uint8_t chunk[256];
    uint64_t chunk_pc = b->guest_pc;
    size_t chunk_len = 0;

    for (;;) {
        if (n >= TB_MAX_INSNS || PAGE_DOWN(s.pc) != page) {
            gen_goto(b, s.pc);
            break;
        }

        uint8_t buf[4] = { 0 };
        if (s.pc + 4 > chunk_pc + chunk_len) {
            /* refill from s.pc; the last insn of a page may straddle into the next */
            chunk_pc = s.pc;
            size_t want = (size_t)(page + GUEST_PAGE_SIZE - s.pc) + 2;
            chunk_len = guest_fetch(&tc->proc->mm, s.pc, chunk, want < sizeof(chunk) ? want : sizeof(chunk));
        }
        size_t off = (size_t)(s.pc - chunk_pc);
        size_t got = chunk_len > off ? chunk_len - off : 0;
        if (got > 4)
            got = 4;
        memcpy(buf, chunk + off, got);
        uint32_t raw = (uint32_t)buf[0] | (uint32_t)buf[1] << 8 |
                       (uint32_t)buf[2] << 16 | (uint32_t)buf[3] << 24;
        size_t need = got >= 1 ? (size_t)rv_insn_len(raw) : 2;
        if (got < need) {
            if (n == 0) {
                gen_insn_start(b, s.pc);
                gen_set(b, IR_I64, CPU_OFF(exit_arg), gen_const(b, (int64_t)(s.pc + got)));
                gen_exit(b, EXIT_FETCH_FAULT, s.pc);
                n = 1;
                /* a non-empty range, so the block is tied to the faulting page */
                s.next_pc = s.pc + 1;
            } else {
                gen_goto(b, s.pc);
                s.next_pc = s.pc;
            }
            s.pc = s.next_pc;
            break;
        }
        if (need == 2)
            raw &= 0xffff;

        gen_insn_start(b, s.pc);
        n++;
        s.next_pc = s.pc + need;

        /* tern's vDSO trap (loader/vdso.h): a custom-0 word, honoured only
         * inside the vDSO; elsewhere it decodes as usual (SIGILL) */
        if (vdso_gen_trap(tc->proc, b, s.pc, vdso_rv_trap_op(raw))) {
            s.pc = s.next_pc;
            continue;
        }
        struct rv_insn insn;
        if (!rv_decode(raw, s.features, &insn) || !insn.pat->trans(&s, &insn))
            gen_sigill(&s, raw);

        s.pc = s.next_pc;
        if (s.stop)
            break;
    }

    b->guest_end = s.pc;
    b->ninsns = n;
    return 0;
}
