/* x86_be.h — the x86-64 backend's per-block state, shared by its files
 * (x86_backend.c: allocator + integer/control ops; x86_fp.c: SSE ops;
 * x86_plan.c: address modes, uses, home targets and lazy reads).
 *
 * Register allocation is a single forward pass over the block's straight-line
 * ops (SSA temps): operands are brought into registers, temps whose last use is
 * the current op are released, then the result gets a register (preferring
 * arg0's if it just died). When registers run out, the temp whose next use is
 * furthest away is spilled to its stack slot. RBP holds the cpu pointer (biased
 * by CPU_BIAS), RSP the frame, R11 and XMM15 are scratch and never allocated.
 *
 * Loop homes (x86_backend.c: plan_homes) are reserved host registers holding
 * guest registers for a whole block. A temp may share a home register
 * (gpr_owner[home] = temp, reg[temp] = home) only while its value is the guest
 * register's: a `get` of the home, or a value computed into the home just
 * before its `set` with nothing in between that could look at the guest
 * register (plan_temps checks). A set of the home moves a still-live sharer
 * elsewhere first. So homes hold the guest values at every exit.
 */
#ifndef TERN_X86_BE_H
#define TERN_X86_BE_H

#include "jit/ir.h"
#include "jit/jit.h"
#include "jit/x86_emit.h"
#include "runner/cpu.h"

#define BE_FRAME      16392   /* ≡ 8 (mod 16): with 6 pushes keeps calls aligned */
#define BE_ARGTMP     0       /* [rsp+0..63]: call argument staging */
#define BE_MXTMP      64      /* [rsp+64], [rsp+68]: MXCSR images */
#define BE_MAX_READS  16      /* temps one op reads, extras included */
#define BE_CPUSAVE    72      /* [rsp+72]: rbp, stored before a helper that may fault */
#define BE_SLOT0      128
#define BE_MAX_SLOTS  ((BE_FRAME - BE_SLOT0) / 8)
#define CPU_REG       RBP
#define SCRATCH       R11
#define XSCRATCH      15
/* FP loop-home slots: riscv64's f registers, then aarch64's V register halves */
#define BE_NFSLOTS    96

struct be_stub {
    uint8_t *field;     /* rel32 to point at the stub */
    uint64_t pc;        /* guest target */
    bool store_homes;   /* write loop homes back before leaving */
};

/* an address computation (add of base, index << shift, constant) whose every
 * use is the address of a ld or st: those use [base + index*scale + disp] and
 * the add (and shl) emit nothing; base and index live until the last access */
struct be_amode {
    ir_ref base, index;  /* index 0: none */
    uint8_t shift;
    bool on;
    int32_t disp;
    bool lea;            /* an add with other uses: one lea of base + index*scale */
};

struct be {
    struct xbuf *xb;
    struct ir_block *b;
    uint64_t hostf;           /* HOSTF_* */
    const uint8_t *epilogue;  /* returns to jit_enter's caller with rax */
    const uint8_t *slow_thunk;/* saves all caller-saved regs, calls cpu->scratch[3] */
    int cur;                  /* current op index */
    int32_t *last_use;        /* per temp */
    int32_t *use_idx;         /* per temp: cursor into its uses */
    int32_t *use_start;       /* CSR: uses of t are uses[use_start[t] .. use_start[t+1]) */
    int32_t *uses;
    /* what each op reads (be_op_reads, computed once by be_compute_uses):
     * rd[rd_start[i] .. rd_start[i+1]) for op i */
    int32_t *rd_start;
    ir_ref *rd;
    int32_t *def;             /* per temp: the op defining it, or -1 (be_plan_amodes) */
    bool any_shadow;          /* the block has IR_SET_SHADOW sets (be_plan_amodes) */
    int last_back;            /* the last op branching to the block's start, or -1 (the same) */
    int8_t *reg;              /* per temp: host register (gpr or xmm by kind) or -1 */
    int16_t *slot;            /* per temp: spill slot or -1 */
    int8_t *home_target;      /* per temp: the loop home its value is set to next, where
                                 it is computed directly (x86_backend.c: plan_temps), or -1 */
    struct be_amode *amode;   /* per temp: an address folded into its ld/st uses */
    uint8_t *folded;          /* per op: emits nothing, its result lives in amode */
    int32_t *lazy;            /* per temp: index of the `get` defining it when its cpu
                                 field stays unchanged until its last use: loaded at first
                                 use (or used as a memory operand), never spilled; or -1 */
    uint8_t *in_slot;         /* per temp: slot holds the value */
    ir_ref gpr_owner[16];
    ir_ref xmm_owner[16];
    uint32_t busy, xbusy;     /* registers used by the current op */
    int nslots;
    struct be_stub *stubs;
    int nstubs, cap_stubs;
    struct tb_mark *marks;
    int nmarks, cap_marks;
    int failed;               /* out of spill slots etc.: retry with a smaller block */
    /* loop homes: in a block that branches back to its own start, the most used
     * guest registers live in fixed host registers for the whole block; the
     * back edge jumps to loop_head (after the loads), other exits store them */
    int8_t home[32];          /* guest gpr -> host register, or -1 */
    uint32_t home_dirty;      /* guest gprs the block writes */
    uint32_t reserved;        /* host registers taken by homes */
    int8_t fhome[BE_NFSLOTS]; /* FP slot (x86_backend.c: fslot_of) -> xmm register, or -1 */
    bool fhome_dirty[BE_NFSLOTS];
    bool any_fdirty;
    uint32_t xreserved;
    uint8_t *loop_head;
    /* precise faults (jit/statemap.c): the guest locations whose newest
     * value is a temp (IR_SET_SHADOW) until their next real set; the state
     * map records (appended to marks at the end); the open TBM_FAULT record;
     * the temps be_release_dead released at the current op, with registers */
    struct be_shadow { int32_t off; int8_t size; ir_ref t; } *shadow;
    int nshadow, cap_shadow;
    struct tb_mark *meta;
    int nmeta, cap_meta;
    int fault_rec;
    ir_ref rel_t[BE_MAX_READS];
    int8_t rel_r[BE_MAX_READS];
    int nrel;
    /* extra reads of faulting ops (be_plan_fault_uses): xr[xr_start[i] ..
     * xr_start[i+1]) for op i */
    int32_t *xr_start;
    ir_ref *xr;
    /* what the host flags hold (x86_backend.c: emit_cmp_keyed): the compare
     * of fl_a with fl_b (test when fl_tst) at width fl_w64, while only
     * flag-preserving code has been emitted since (lower_op resets it) */
    bool fl_valid, fl_tst, fl_w64;
    struct be_operand { bool is_const; int64_t v; } fl_a, fl_b;
};

/* allocator (x86_backend.c) */
int be_gpr(struct be *e, ir_ref t);              /* t in a gpr, marked busy */
int be_xmm(struct be *e, ir_ref t);              /* t in an xmm, marked busy */
int be_tmp_gpr(struct be *e);                    /* a free gpr for this op only */
void be_release_dead(struct be *e);              /* free operands whose last use is cur */
int be_def_gpr(struct be *e, ir_ref dst, int prefer);
int be_def_xmm(struct be *e, ir_ref dst, int prefer);
void be_evict_gpr(struct be *e, int r);          /* make r free and busy for this op */
bool be_dies(struct be *e, ir_ref t);            /* last use of t is the current op */
bool be_is_const(struct be *e, ir_ref t);
int64_t be_const(struct be *e, ir_ref t);
struct xrm be_cpu_mem(int32_t cpu_off);
/* call a C function fn(struct cpu *) that preserves every guest-visible
 * register: arguments and results pass through cpu->scratch[] */
void be_slow_call(struct be *e, void *fn);

bool be_is_xmm_temp(struct be *e, ir_ref t);
int be_home_of(struct be *e, struct ir_op *op);  /* guest gpr with a loop home, or -1 */

/* planning passes (x86_plan.c) */
int be_op_reads(struct be *e, int i, ir_ref out[BE_MAX_READS]); /* temps op i reads */
int be_op_reads_ir(struct be *e, int i, ir_ref out[BE_MAX_READS]); /* without the extras below */
void be_plan_amodes(struct be *e);
void be_compute_uses(struct be *e);
void be_plan_temps(struct be *e);

/* precise faults (statemap.c) */
void be_sm_shadow(struct be *e, const struct ir_op *op);   /* a shadow set: emits nothing */
void be_sm_clobber(struct be *e, int32_t off, int size);   /* a real write of cpu bytes */
void be_sm_clobber_all(struct be *e);
/* around the host instructions of one faulting point (right before the
 * access, after its operands and result register are settled) */
void be_sm_fault_begin(struct be *e, int flags);
void be_sm_fault_end(struct be *e);
/* after plan_homes: the exit path and the homes (fslot_offs: FP slot -> cpu offset) */
void be_sm_block(struct be *e, const int32_t *fslot_offs);
/* around a helper call's `call` (one that may fault on guest memory is a
 * faulting point; one that writes guest state ends shadows) */
void be_sm_call_begin(struct be *e, const struct ir_op *op);
void be_sm_call_end(struct be *e, const struct ir_op *op);
void be_sm_finish(struct be *e, struct tb_mark **marks, uint32_t *nmarks);
/* before be_compute_uses: a faulting op reads the pending shadow values its
 * insn read before it, so they are still somewhere when it faults (a guest
 * handler that returns re-executes the whole insn) */
void be_plan_fault_uses(struct be *e);

/* fp lowering (x86_fp.c); returns false if the op is not an fp op */
bool be_lower_fp(struct be *e, struct ir_op *op);

#endif
