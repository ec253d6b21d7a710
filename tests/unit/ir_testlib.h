/* ir_testlib.h — shared by test_ir_opt.c and test_ir_passes.c: interesting
 * values, a scratch block with cmocka setup/teardown, op counting, and a
 * small IR interpreter (guest state in a real struct cpu, guest memory =
 * host memory, helper calls logged) with the random number source the
 * random-block tests use. Included by exactly one .c per test binary.
 */
#ifndef TERN_IR_TESTLIB_H
#define TERN_IR_TESTLIB_H
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-variable"

static const uint64_t vals[] = {
    0, 1, 2, 3, 7, 31, 32, 33, 63, 64, 65, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff,
    0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0x100000000ull, 0x1ffffffffull,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0x8000000000000001ull, ~0ull, ~1ull,
    (uint64_t)-7, (uint64_t)-31, 0xffffffff80000000ull, 0xffffffff00000005ull,
    0x123456789abcdef0ull, 0xdeadbeefcafebabeull, 0x00000000fffffffeull, 0x5555555555555555ull};
#define NVALS (sizeof(vals) / sizeof(vals[0]))

/* ---- block helpers ---- */

static struct ir_block blk;

static int setup_block(void **state)
{
    (void)state;
    ir_block_init(&blk, 0x1000);
    return 0;
}

static int teardown_block(void **state)
{
    (void)state;
    ir_block_free(&blk);
    return 0;
}

static bool removed(const struct ir_block *b, int i) { return b->ops[i].opc == IR_NUM_OPS; }
static bool is_const(const struct ir_block *b, ir_ref t, int64_t v)
{
    return t && b->temps[t].is_const && b->temps[t].val == v;
}
static int count_live(const struct ir_block *b, enum ir_opc opc)
{
    int n = 0;
    for (int i = 0; i < b->nops; i++)
        n += b->ops[i].opc == opc;
    return n;
}
/* index of the n-th op (0-based) of opcode opc, -1 if none */
static int find_op(const struct ir_block *b, enum ir_opc opc, int nth)
{
    for (int i = 0; i < b->nops; i++)
        if (b->ops[i].opc == opc && nth-- == 0)
            return i;
    return -1;
}

#define G(i) CPU_GPR(i)

static uint64_t helper_noop(struct cpu *cpu, uint64_t a) { (void)cpu; return a; }

static uint64_t helper_pure(struct cpu *cpu, uint64_t a, uint64_t b)
{
    (void)cpu;
    return a * 3 + b;
}

/* ---- an IR interpreter: semantics before and after the passes ---- */

struct interp_result {
    uint64_t pc;
    int kind; /* 0 goto/exit_cond, 1 exit, 2 goto_ind */
    int reason;
};

static uint64_t call_log[64][3];
static int ncalls;

static uint64_t helper_rw(struct cpu *cpu, uint64_t a, uint64_t b)
{
    if (ncalls < 64) {
        call_log[ncalls][0] = 1;
        call_log[ncalls][1] = a;
        call_log[ncalls][2] = b;
    }
    ncalls++;
    cpu->gpr[5] += a;
    return cpu->gpr[6] ^ b;
}
static uint64_t helper_plain(struct cpu *cpu, uint64_t a)
{
    (void)cpu;
    if (ncalls < 64) {
        call_log[ncalls][0] = 2;
        call_log[ncalls][1] = a;
        call_log[ncalls][2] = 0;
    }
    ncalls++;
    return a + 1;
}

static uint64_t tval(const struct ir_block *b, const uint64_t *v, ir_ref t)
{
    return b->temps[t].is_const ? (uint64_t)b->temps[t].val : v[t];
}

/* index of the insn_start for pc in b, -1 if none */
static int insn_index(const struct ir_block *b, uint64_t pc)
{
    for (int i = 0; i < b->nops; i++)
        if (b->ops[i].opc == IR_insn_start && (uint64_t)b->ops[i].imm == pc)
            return i;
    return -1;
}

/* Run block b. A side exit to a pc that `orig` translates (a forward skip
 * inside the block) goes on there in `orig`, as the dispatcher would run a
 * block translated from that pc: so a skip turned into selects by opt_ifconv
 * and the original exit + re-entry can be compared. orig == NULL: exits leave. */
static struct interp_result interp2(const struct ir_block *b, const struct ir_block *orig,
                                    struct cpu *cpu)
{
    int nt = b->ntemps > (orig ? orig->ntemps : 0) ? b->ntemps : orig->ntemps;
    uint64_t *v = calloc((size_t)nt, sizeof(uint64_t));
    struct interp_result res = {0, -1, 0};
    uint8_t *st = (uint8_t *)cpu;
    for (int i = 0; i < b->nops; i++) {
        const struct ir_op *op = &b->ops[i];
        if (op->opc >= IR_NUM_OPS)
            continue;
        uint64_t a0 = op->arg[0] ? tval(b, v, op->arg[0]) : 0;
        uint64_t a1 = op->arg[1] ? tval(b, v, op->arg[1]) : 0;
        uint64_t a2 = op->arg[2] ? tval(b, v, op->arg[2]) : 0;
        uint64_t a3 = op->arg[3] ? tval(b, v, op->arg[3]) : 0;
        uint64_t r = 0;
        switch (op->opc) {
        case IR_get:
            if (op->type == IR_I32 || op->type == IR_F32) {
                uint32_t u;
                memcpy(&u, st + op->imm, 4);
                r = u;
            } else {
                memcpy(&r, st + op->imm, 8);
            }
            v[op->dst] = r;
            break;
        case IR_set:
            memcpy(st + op->imm, &a0, op->type == IR_I32 || op->type == IR_F32 ? 4 : 8);
            break;
        case IR_ld: {
            int size = 1 << (op->aux & MO_SIZE);
            uint64_t x = 0;
            memcpy(&x, (void *)(uintptr_t)(a0 + (uint64_t)op->imm), (size_t)size);
            if ((op->aux & MO_SIGN) && size < 8)
                x = (uint64_t)((int64_t)(x << (64 - 8 * size)) >> (64 - 8 * size));
            v[op->dst] = x;
            break;
        }
        case IR_st:
            memcpy((void *)(uintptr_t)(a0 + (uint64_t)op->imm), &a1, (size_t)1 << (op->aux & MO_SIZE));
            break;
        case IR_call: {
            uint64_t (*fn)(struct cpu *, uint64_t, uint64_t, uint64_t, uint64_t) =
                (uint64_t (*)(struct cpu *, uint64_t, uint64_t, uint64_t, uint64_t))(uintptr_t)op->imm;
            v[op->dst] = fn(cpu, a0, a1, a2, a3);
            break;
        }
        case IR_insn_start: case IR_fence:
            break;
        case IR_exit_cond:
            if (ir_eval_cond(op->type, op->cond, a0, a1)) {
                int k = orig && (uint64_t)op->imm > orig->guest_pc ? insn_index(orig, (uint64_t)op->imm) : -1;
                if (k >= 0) { /* go on in the original translation of that pc */
                    b = orig;
                    i = k;
                    break;
                }
                res.pc = (uint64_t)op->imm;
                res.kind = 0;
                goto out;
            }
            break;
        case IR_goto_pc:
            res.pc = (uint64_t)op->imm;
            res.kind = 0;
            goto out;
        case IR_goto_ind:
            res.pc = a0;
            res.kind = 2;
            goto out;
        case IR_exit:
            res.pc = (uint64_t)op->imm;
            res.kind = 1;
            res.reason = op->aux;
            goto out;
        default:
            if (!ir_eval_int(op->opc, op->type, op->cond, a0, a1, a2, a3, &r))
                fail_msg("interp: cannot evaluate %s", ir_opdefs[op->opc].name);
            v[op->dst] = r;
            break;
        }
    }
    fail_msg("interp: block without a terminator");
out:
    free(v);
    return res;
}

static struct interp_result interp(const struct ir_block *b, struct cpu *cpu)
{
    return interp2(b, NULL, cpu);
}

static void clone_block(struct ir_block *dst, const struct ir_block *src)
{
    ir_block_init(dst, src->guest_pc);
    dst->ntemps = 0;
    while (dst->ntemps < src->ntemps)
        ir_new_temp(dst, IRK_INT);
    memcpy(dst->temps, src->temps, sizeof(struct ir_temp) * (size_t)src->ntemps);
    for (int i = 0; i < src->nops; i++)
        *ir_push(dst, IR_add, IR_I64) = src->ops[i];
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static uint64_t mem_area[16];

#pragma GCC diagnostic pop
#endif
