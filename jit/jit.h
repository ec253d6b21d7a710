/* jit.h — the JIT as the runner sees it: translate, cache, enter, flush.
 *
 * Invariants: translated code is entered only through jit_enter(); it returns
 * with cpu->pc holding the next guest pc and an exit value saying why. Blocks
 * are found by guest pc in the code cache (hash table) and in the per-thread
 * jump cache inside struct cpu; direct exits are patched to chain blocks.
 */
#ifndef TERN_JIT_H
#define TERN_JIT_H

#include <stdbool.h>
#include <stdint.h>

struct cpu;
struct tern_proc;

struct tb {
    uint64_t pc;          /* guest start */
    uint64_t end;         /* guest end (exclusive) */
    void *code;           /* host code */
    uint32_t code_size;
    uint32_t ninsns;
    struct tb *hnext;     /* hash chain */
    /* the block's metadata records (below): insn marks, then its state map */
    uint32_t nmarks;
    uint32_t tier;        /* 0: first tier (counts its entries), 1: full */
    struct tb_mark *marks;
};

/* Block metadata (docs/jit.md "Precise faults"): one array of 16-byte
 * records per block, produced by the backend. First the insn marks in host
 * order (TBM_INSN: the code of the guest insn at guest_pc starts at host_off),
 * then the block's state map, whose records have TBM_META set in host_off (so
 * a scan of the marks in host order stops before them; the low bits hold the
 * struct cpu offset a HOME/LOC record is about):
 *  - TBM_EXIT: val = the host address that leaves generated code (the
 *    epilogue: rsp = the block's, rax = the exit value);
 *  - TBM_HOME: a loop home, valid at every faulting point of the block: the
 *    guest state at that cpu offset (size bytes) is in host register val;
 *  - TBM_FAULT: a host range that may fault on guest memory, [val & 0xffffffff,
 *    val >> 32) (TBF_CALL: a helper call, the range ends at its return
 *    address); the guest pc is the insn mark's at its start; the n records
 *    after it (TBM_LOC) say where guest state that struct cpu does not hold
 *    yet lives there, as of the start of the insn (they override the homes).
 * Locations (loc): TBL_GPR/TBL_XMM val = host register number, TBL_SLOT val =
 * offset from the block's rsp, TBL_CONST val = the value, TBL_CPU val = the
 * struct cpu offset holding it (a guest register read in place), TBL_ADDR an
 * address folded into accesses: base + (index << shift) + disp, val = disp
 * (low 32 bits, signed) | shift << 32 | parts << 40, the base and the index
 * in the 1 or 2 TBM_PART records that follow (loc and val as above; counted
 * in the fault's n). */
enum { TBM_INSN, TBM_EXIT, TBM_HOME, TBM_FAULT, TBM_LOC, TBM_PART };
enum { TBL_GPR, TBL_XMM, TBL_SLOT, TBL_CONST, TBL_CPU, TBL_ADDR };
#define TBM_META 0x80000000u
#define TBF_CALL 1
struct tb_mark {
    uint32_t host_off;    /* INSN: host offset; others: TBM_META | cpu offset */
    uint8_t kind;         /* TBM_* */
    uint8_t loc;          /* TBL_* (HOME, LOC); TBF_* (FAULT) */
    uint8_t size;         /* 4 or 8 (HOME, LOC) */
    uint8_t n;            /* FAULT: TBM_LOC records that follow */
    union {
        uint64_t guest_pc;    /* INSN */
        uint64_t val;         /* the others */
    };
};
_Static_assert(sizeof(struct tb_mark) == 16, "tb_mark is 16 bytes");

/* The value jit_enter returns: either an exit reason (< EXIT_NUM, see ir.h) with
 * cpu->pc set, or the host address of a patchable jmp rel32 displacement of a
 * direct exit whose target (cpu->pc) was not yet chained. */
typedef uintptr_t jit_exit_t;

int jit_init(struct tern_proc *p);
struct tb *jit_find(struct tern_proc *p, uint64_t pc);
struct tb *jit_translate(struct cpu *cpu, uint64_t pc);
/* the first-tier block at pc got hot (EXIT_PROMOTE): translate it with every
 * pass and send its entry there; the block to run at pc, or NULL (flushed
 * meanwhile: look it up again) */
struct tb *jit_promote(struct cpu *cpu, uint64_t pc);
jit_exit_t jit_enter(struct cpu *cpu, const void *code);
void jit_chain(struct tern_proc *p, jit_exit_t patch_site, struct tb *target);
/* drop every translation (fence.i, riscv_flush_icache, cache full). Safe to
 * call from the dispatcher or a syscall handler, never from generated code. */
void jit_flush(struct tern_proc *p, struct cpu *cpu);
/* bumped by every flush: a chain request from an older generation is stale */
uint64_t jit_generation(struct tern_proc *p);
/* the guest pc of the instruction whose translation contains host_pc, or 0
 * if host_pc is not in translated code (fatal-signal path: only tries the
 * cache lock, as jit_tb_at) */
uint64_t jit_guest_pc_of(struct tern_proc *p, uintptr_t host_pc);
/* the block whose code contains host_pc (or ends at it: a helper call's
 * return address), or NULL (the fault path: takes the cache lock, so never
 * call it from code that may hold that lock) */
struct tb *jit_tb_at(struct tern_proc *p, uintptr_t host_pc);

/* ---- precise faults (jit/statemap.c, docs/jit.md) ---- */
struct jit_fault_site {
    const struct tb *tb;
    int rec;              /* its TBM_FAULT record */
    uint64_t guest_pc;    /* the faulting guest insn */
    bool call;            /* a helper call site (the fault was in the helper) */
};
/* the host state of the block at the fault: registers by x86 number */
struct jit_fault_regs {
    uint64_t gpr[16];
    uint8_t xmm[16][16];
    uintptr_t block_rsp;  /* the block's rsp (its spill slots) */
};
/* the faulting point of tb at host_pc: an access range holding it, or
 * (call_ret) a helper call returning to host_pc. 0, or -1 if none */
int jit_fault_site(const struct tb *tb, uintptr_t host_pc, bool call_ret,
                   struct jit_fault_site *s);
/* struct cpu as at the start of the faulting insn: homes and pending values
 * written back, cpu->pc = that insn */
void jit_fault_restore(const struct jit_fault_site *s, struct cpu *cpu,
                       const struct jit_fault_regs *r);
/* where a block leaves for the dispatcher (rsp = its rsp, rax = exit value) */
uintptr_t jit_fault_exit_path(const struct tb *tb);

/* ---- self-modifying code (jit/smc.c, docs/jit.md) ---- */
struct smc;
struct guest_mm;
struct smc *smc_new(struct guest_mm *mm);   /* hooks itself into the mm */
/* a block was translated from guest [start, end) (under the cache lock) */
void smc_note_code(struct smc *s, uint64_t start, uint64_t end);
/* the cache was flushed (under its lock): every page gets its guest
 * protection back */
void smc_flushed(struct smc *s);
/* a host write fault at addr: true if it hit a page write-protected for
 * code tracking (now writable again, translations marked stale: retry) */
bool smc_write_fault(struct smc *s, uint64_t addr);
/* the guest mm's change hook (runner/mm.h on_change) */
void smc_mm_changed(void *ctx, uint64_t start, uint64_t end, int flags);
/* translations went stale since the last flush (cleared by the call): the
 * dispatcher flushes at its safe point */
bool smc_take_pending(struct smc *s);
/* the process's tracking (cache.c), or NULL */
struct smc *jit_smc(struct tern_proc *p);

/* fill the inline jump cache entry for tb */
void jit_jc_set(struct cpu *cpu, struct tb *tb);

/* ---- host FP environment as the guest sees it (jit/fpu.c) ----
 * Guest FP ops run on host SSE; its accrued exception flags collect in MXCSR.
 * Flags are reported in RISC-V fflags bit order: */
#define FPF_NX 0x01  /* inexact */
#define FPF_UF 0x02  /* underflow */
#define FPF_OF 0x04  /* overflow */
#define FPF_DZ 0x08  /* divide by zero */
#define FPF_NV 0x10  /* invalid */
/* MXCSR exception-flag bits (low 6) -> FPF_* (generated code indexes it) */
extern const uint8_t fpu_mxcsr_to_fpf[64];
/* accrued flags since the last clear (host MXCSR folded into cpu->fflags) */
uint32_t fpu_get_flags(struct cpu *cpu);
/* replace the accrued flags */
void fpu_set_flags(struct cpu *cpu, uint32_t flags);
/* set the dynamic rounding mode (IR_RM_* numbering); RMM is kept in cpu->frm
 * and ops that need it go through software */
void fpu_set_rounding(struct cpu *cpu, int rm);
/* put the guest's FP environment in MXCSR (on entry from the dispatcher) */
void fpu_load(struct cpu *cpu);

#endif
