/* ir.h — tern's intermediate representation for one translation block.
 *
 * A block is a straight line of ops in SSA form: every temp is defined once
 * (constants are temps too, defined by gen_const). Guest state is read with
 * `get` and written with `set` (byte offsets into struct cpu); the passes
 * forward values between them, so frontends simply get/set registers per insn.
 * Control leaves a block only through exit_cond (side exit, the block goes on
 * when not taken) and one final TERM op (goto_pc, goto_ind, exit).
 *
 * Invariants:
 *  - temp 0 is "no temp"; ops never name it in a used operand slot.
 *  - integer temps are 64-bit containers; I32 ops zero-extend their result.
 *  - a block ends with exactly one OPF_TERM op, and it is the last op.
 *  - frontends build IR only through the gen_* functions below.
 */
#ifndef TERN_IR_H
#define TERN_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OPF_SIDE  0x01
#define OPF_FAULT 0x02
#define OPF_TERM  0x04
#define OPF_EXIT  0x08
#define OPF_COMM  0x10
#define OPF_FLT   0x20
#define OPF_CALL  0x40

enum ir_opc {
#define OP(name, nargs, has_dst, flags) IR_##name,
#include "ir_ops.def"
#undef OP
    IR_NUM_OPS
};

struct ir_opdef {
    const char *name;
    uint8_t nargs;
    uint8_t has_dst;
    uint8_t flags;
};
extern const struct ir_opdef ir_opdefs[IR_NUM_OPS];

/* op->type */
enum ir_type { IR_I32, IR_I64, IR_F32, IR_F64 };
/* temp kinds: which host register file holds it */
enum ir_tkind { IRK_INT, IRK_F32, IRK_F64 };

/* integer conditions (setcond, select, exit_cond) */
enum ir_cond {
    IR_EQ, IR_NE, IR_LT, IR_GE, IR_LTU, IR_GEU, IR_LE, IR_GT, IR_LEU, IR_GTU,
    IR_TSTZ,  /* (arg0 & arg1) == 0 */
    IR_TSTNZ, /* (arg0 & arg1) != 0 */
    IR_NUM_CONDS
};
/* fcmp conditions (low 3 bits of op->cond): 0/1 results (IR_FEQ quiet,
 * IR_FLT and IR_FLE signalling: any NaN raises invalid), or Arm's NZCV in
 * bits 31:28 (equal 0110, less 1000, greater 0010, unordered 0011), quiet or
 * signalling (_S) */
enum { IR_FEQ, IR_FLT, IR_FLE, IR_FNZCV, IR_FNZCV_S };
#define IR_FCMP_MASK 0x07

/* memop (op->aux of ld/st/atomic/cmpxchg): size, signedness, memory kind.
 * User mode lowers MEM_USER to a direct host access (guest addr == host addr);
 * system mode will lower MEM_SYS through a soft TLB. */
#define MO_8    0
#define MO_16   1
#define MO_32   2
#define MO_64   3
#define MO_SIZE 3
#define MO_SIGN 4
#define MO_KIND_SHIFT 4
#define MO_USER (0 << MO_KIND_SHIFT)
#define MO_SYS  (1 << MO_KIND_SHIFT)
#define MO_KIND (3 << MO_KIND_SHIFT)

/* atomic read-modify-write kinds (op->cond of IR_atomic) */
enum { IR_AMO_XCHG, IR_AMO_ADD, IR_AMO_AND, IR_AMO_OR, IR_AMO_XOR,
       IR_AMO_MIN, IR_AMO_MAX, IR_AMO_MINU, IR_AMO_MAXU };

/* call flags (op->cond of IR_call) */
#define IR_CALL_PURE       0x01 /* no side effects, reads no guest state: DCE may drop it */
#define IR_CALL_RW_STATE   0x02 /* reads/writes guest state in struct cpu: all pending
                                   sets are flushed before and forwarded values dropped after */
#define IR_CALL_MAY_EXIT   0x04 /* may longjmp to the dispatcher (guest signal): the
                                   guest pc must be stored first */
#define IR_CALL_RW_VEC     0x08 /* reads/writes only the vector region of struct cpu,
                                   [CPU_VEC_LO, CPU_VEC_HI) (runner/cpu.h): pending
                                   sets there are flushed before, forwarded values
                                   there dropped after; the rest stays forwarded */

/* set flags (op->cond of IR_set) */
#define IR_SET_SHADOW      0x01 /* a set opt_state found dead (a later set overwrites it
                                   before anything observes struct cpu): it stores
                                   nothing, and only tells the backend's fault map that
                                   the guest location now holds arg0 (jit/statemap.c);
                                   it keeps no value alive (opt_dce) */

/* rounding modes (op->aux of fp ops): RISC-V encoding; DYN = current guest mode */
enum { IR_RM_RNE = 0, IR_RM_RTZ = 1, IR_RM_RDN = 2, IR_RM_RUP = 3, IR_RM_RMM = 4,
       IR_RM_DYN = 7 };
/* fp op->cond bits */
#define IR_FP_CANON_NAN  0x01  /* NaN results become the canonical quiet NaN */
#define IR_FMA_NEG_PROD  0x02
#define IR_FMA_NEG_ADD   0x04
/* Arm semantics (fadd/fsub/fmul/fdiv/fsqrt/fma/fcvt_ff/fcvt_fi/fmin/fmax/
 * fcmp): op->imm is the op's exact software twin, `void hook(struct cpu *)`,
 * called like jit_fp_slow (operands in cpu->scratch[0..2], the fp_desc word in
 * scratch[4], result to scratch[0]; it accrues the guest's flags itself). The
 * backend runs the op inline and calls the hook instead when the guest's
 * FPCR.FZ (cpu->fpcr bit 24) is set, and after it when the inline result
 * cannot be Arm's: a NaN (Arm's propagation, FPCR.DN), a result of smallest
 * normal magnitude from fmul/fdiv/fma/narrowing fcvt_ff (Arm detects tininess
 * before rounding), any NaN operand of fmin/fmax, and the conversions the
 * inline code does not do. An Arm fcvt_fi converts NaN to 0. Set with
 * gen_fp_arm(). */
#define IR_FP_ARM        0x08
#define IR_FP_MAXNUM     0x10  /* fmin/fmax: FMINNM/FMAXNM (a quiet NaN loses) */
#define IR_FROUND_EXACT  0x10  /* fround: FRINTX (inexact raises NX) */
/* conversion integer kinds (op->cond of fcvt_if / fcvt_fi), plus IR_FP_CANON_NAN
 * is not used there */
enum { IR_CVT_S32 = 0x10, IR_CVT_U32 = 0x20, IR_CVT_S64 = 0x30, IR_CVT_U64 = 0x40 };
#define IR_CVT_MASK 0xf0

/* goto_ind hints (op->aux) */
enum { IR_JMP_PLAIN, IR_JMP_RET, IR_JMP_CALL };

/* why generated code went back to the dispatcher (op->aux of IR_exit) */
enum exit_reason {
    EXIT_NONE = 0,
    EXIT_SYSCALL,     /* cpu->pc = the syscall insn; dispatcher advances it */
    EXIT_SIGILL,      /* cpu->pc = the insn; cpu->exit_arg = the insn word */
    EXIT_SIGTRAP,     /* breakpoint (ebreak/brk) at cpu->pc */
    EXIT_FETCH_FAULT, /* cannot fetch an insn at cpu->pc (SIGSEGV) */
    EXIT_FLUSH,       /* fence.i / icache flush: drop translations, go on at cpu->pc */
    EXIT_LOOKUP,      /* plain return to the dispatcher to look up cpu->pc */
    EXIT_PROMOTE,     /* a first-tier block at cpu->pc got hot: translate it fully */
    EXIT_NUM
};

typedef uint32_t ir_ref; /* temp index; 0 = none */

struct ir_op {
    uint8_t opc;
    uint8_t type;   /* enum ir_type */
    uint8_t cond;   /* condition / kind / flag bits, per op */
    uint8_t aux;    /* memop / rounding mode / exit reason / nargs */
    ir_ref dst;
    ir_ref arg[4];
    int64_t imm;
};

struct ir_temp {
    uint8_t kind;      /* enum ir_tkind */
    uint8_t is_const;
    int64_t val;       /* constant value (float constants: bit pattern) */
};

struct ir_block {
    uint64_t guest_pc;   /* first guest insn */
    uint64_t guest_end;  /* one past the last guest byte translated */
    int ninsns;
    struct ir_op *ops;
    int nops, cap_ops;
    struct ir_temp *temps;
    int ntemps, cap_temps;
    void *fwd_scratch;   /* opt_state's table: allocated once, left clean after each run */
    /* per-translation scratch memory (ir_scratch): chunks kept across blocks */
    struct ir_chunk *scr_first, *scr_cur;
    /* gen_const's memo: the newest temp for a value, by hash; a hint checked
     * against temps[] on use, so stale entries are harmless */
    ir_ref const_memo[32];
};

void ir_block_init(struct ir_block *b, uint64_t pc);
void ir_block_free(struct ir_block *b);
void ir_block_reset(struct ir_block *b, uint64_t pc);
ir_ref ir_new_temp(struct ir_block *b, enum ir_tkind kind);
struct ir_op *ir_push(struct ir_block *b, enum ir_opc opc, enum ir_type type);
bool ir_block_terminated(const struct ir_block *b);

/* Scratch memory for passes: a stack of chunks that outlives blocks, so a
 * translation allocates its per-op and per-temp tables without malloc. Memory
 * from ir_scratch lives until the ir_scratch_release of an earlier mark or
 * the next ir_block_reset; it is not zeroed (ir_scratch_zero is). */
struct ir_mark { struct ir_chunk *c; size_t used; };
void *ir_scratch(struct ir_block *b, size_t bytes);
void *ir_scratch_zero(struct ir_block *b, size_t bytes);
struct ir_mark ir_scratch_mark(struct ir_block *b);
void ir_scratch_release(struct ir_block *b, struct ir_mark m);

/* textual dump (for -d op / op_opt and tests); returns the FILE-written count */
struct logger;
struct cpu;
void ir_dump(const struct ir_block *b, void (*out)(void *ctx, const char *s), void *ctx);

/* ---- builders (gen_*). Types: ty is IR_I32 or IR_I64 for integer ops. ---- */
ir_ref gen_const(struct ir_block *b, int64_t v);
ir_ref gen_fconst(struct ir_block *b, enum ir_type ty, uint64_t bits);
ir_ref gen_get(struct ir_block *b, enum ir_type ty, int32_t cpu_off);
void   gen_set(struct ir_block *b, enum ir_type ty, int32_t cpu_off, ir_ref v);
ir_ref gen_unop(struct ir_block *b, enum ir_opc opc, enum ir_type ty, ir_ref a);
ir_ref gen_binop(struct ir_block *b, enum ir_opc opc, enum ir_type ty, ir_ref a, ir_ref c);
ir_ref gen_setcond(struct ir_block *b, enum ir_type ty, enum ir_cond cond, ir_ref a, ir_ref c);
ir_ref gen_select(struct ir_block *b, enum ir_type ty, enum ir_cond cond, ir_ref a, ir_ref c,
                  ir_ref x, ir_ref y);
ir_ref gen_ld(struct ir_block *b, unsigned memop, ir_ref addr, int32_t off);
/* load into a float temp (ty IR_F32/IR_F64, memop size 4/8); gen_st takes float values too */
ir_ref gen_ldf(struct ir_block *b, enum ir_type ty, unsigned memop, ir_ref addr, int32_t off);
void   gen_st(struct ir_block *b, unsigned memop, ir_ref addr, int32_t off, ir_ref val);
ir_ref gen_atomic(struct ir_block *b, int amo, unsigned memop, ir_ref addr, ir_ref val);
ir_ref gen_cmpxchg(struct ir_block *b, unsigned memop, ir_ref addr, ir_ref expect, ir_ref newv);
void   gen_fence(struct ir_block *b);
ir_ref gen_call(struct ir_block *b, void *fn, unsigned flags, int nargs,
                ir_ref a0, ir_ref a1, ir_ref a2, ir_ref a3);
void   gen_insn_start(struct ir_block *b, uint64_t pc);
void   gen_exit_cond(struct ir_block *b, enum ir_type ty, enum ir_cond cond, ir_ref a, ir_ref c,
                     uint64_t target_pc);
void   gen_goto(struct ir_block *b, uint64_t pc);
void   gen_goto_ind(struct ir_block *b, ir_ref target, int hint);
void   gen_exit(struct ir_block *b, enum exit_reason why, uint64_t pc);
/* fp */
ir_ref gen_fbin(struct ir_block *b, enum ir_opc opc, enum ir_type ty, ir_ref a, ir_ref c,
                int rm, unsigned fpflags);
ir_ref gen_fsqrt(struct ir_block *b, enum ir_type ty, ir_ref a, int rm, unsigned fpflags);
ir_ref gen_fma(struct ir_block *b, enum ir_type ty, ir_ref a, ir_ref c, ir_ref d, int rm,
               unsigned fpflags);
ir_ref gen_fcmp(struct ir_block *b, enum ir_type ty, int fcond, ir_ref a, ir_ref c);
ir_ref gen_fcvt_ff(struct ir_block *b, enum ir_type to, ir_ref a, int rm, unsigned fpflags);
ir_ref gen_fcvt_if(struct ir_block *b, enum ir_type to, int src_kind, ir_ref a, int rm);
ir_ref gen_fcvt_fi(struct ir_block *b, enum ir_type from, int dst_kind, ir_ref a, int rm);
ir_ref gen_bitcast(struct ir_block *b, enum ir_type to, ir_ref a);
/* to an integral value (Arm FRINT*; needs gen_fp_arm) */
ir_ref gen_fround(struct ir_block *b, enum ir_type ty, ir_ref a, int rm, unsigned fpflags);
/* fneg / fabs of a float temp */
ir_ref gen_fsign(struct ir_block *b, enum ir_opc opc, enum ir_type ty, ir_ref a);
/* mark the op that just defined r (the last op built) as IR_FP_ARM with its
 * software twin; returns r */
ir_ref gen_fp_arm(struct ir_block *b, ir_ref r, void (*hook)(struct cpu *));
ir_ref gen_unbox32(struct ir_block *b, ir_ref a);
ir_ref gen_fflags_get(struct ir_block *b);
void   gen_fflags_set(struct ir_block *b, ir_ref flags);

/* convenience wrappers */
static inline ir_ref gen_add(struct ir_block *b, enum ir_type t, ir_ref x, ir_ref y) { return gen_binop(b, IR_add, t, x, y); }
static inline ir_ref gen_sub(struct ir_block *b, enum ir_type t, ir_ref x, ir_ref y) { return gen_binop(b, IR_sub, t, x, y); }
static inline ir_ref gen_and(struct ir_block *b, enum ir_type t, ir_ref x, ir_ref y) { return gen_binop(b, IR_and, t, x, y); }
static inline ir_ref gen_or(struct ir_block *b, enum ir_type t, ir_ref x, ir_ref y)  { return gen_binop(b, IR_or, t, x, y); }
static inline ir_ref gen_xor(struct ir_block *b, enum ir_type t, ir_ref x, ir_ref y) { return gen_binop(b, IR_xor, t, x, y); }
static inline ir_ref gen_addi(struct ir_block *b, enum ir_type t, ir_ref x, int64_t imm) { return gen_binop(b, IR_add, t, x, gen_const(b, imm)); }

/* passes (jit/opt_*.c) */
void opt_ifconv(struct ir_block *b);        /* short forward skips become selects */
void opt_forward_state(struct ir_block *b); /* get/set forwarding + dead set elimination */
void opt_fold(struct ir_block *b);          /* constant folding + copy propagation */
void opt_cse(struct ir_block *b);           /* common subexpressions of pure integer ops */
void opt_dce(struct ir_block *b);           /* dead-code elimination */
void opt_dce_compact(struct ir_block *b);   /* the same, removing the nops */
void opt_sink(struct ir_block *b);          /* loop-exit-only sets past the back edge */
void opt_fold_cse(struct ir_block *b);      /* opt_fold then opt_cse, in one walk */
void ir_optimize(struct ir_block *b);       /* all passes in order */
void opt_order_sets(struct ir_block *b);    /* an insn's sets after its last access */
void ir_optimize_tier0(struct ir_block *b); /* only what correctness needs (cold code) */
/* opt_cse's table, for opt_fold_cse: ir_cse_op on op i, whose operands are
 * already rewritten through repl, points repl[dst] at an earlier equal op's
 * result and makes op i a nop */
struct ir_cse { int32_t *table; size_t cap; };
void ir_cse_begin(struct ir_block *b, struct ir_cse *c);
void ir_cse_op(struct ir_block *b, struct ir_cse *c, ir_ref *repl, int i);

/* evaluate an integer op on constants (shared by the folder and unit tests);
 * returns false when the op is not foldable */
bool ir_eval_int(enum ir_opc opc, enum ir_type ty, int cond, uint64_t a, uint64_t c,
                 uint64_t x, uint64_t y, uint64_t *out);
bool ir_eval_cond(enum ir_type ty, int cond, uint64_t a, uint64_t c);

#endif
