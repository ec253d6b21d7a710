/* a64.h — what the aarch64 parts of the differential tester share: the
 * record layout (prog_a64.c writes it, the report code reads it), the
 * generator's state and operand helpers (gen_a64.c) and the templates of
 * each family file (gen_a64_mem.c, gen_a64_fp.c, gen_a64_simd.c,
 * gen_a64_ex.c).
 *
 *   record: tag | x0..x30 | sp | nzcv | fpcr | fpsr | v0..v31 (16 each) | scratch
 *
 * The state tables in the program use the same offsets (the tag slot unused),
 * so V registers sit 16-byte aligned in both.
 *
 * Generator invariants (every body keeps them):
 *  - at every item boundary SP = scratch + A64_SP_OFF; an item that moves SP
 *    (push/pop, sub/add) moves it back within the item, in 16-byte steps;
 *  - every memory access falls inside the SCRATCH bytes at `scratch`: bases
 *    are SP or a temp the item sets from SP; exclusives, LSE atomics and
 *    acquire/release accesses are naturally aligned;
 *  - no UNPREDICTABLE forms: a load with writeback never names its base as
 *    a destination, a load pair never names one register twice, a store
 *    exclusive's status register differs from its data and base;
 *  - control flow goes forward to a label of the same sequence, except a
 *    loop's back edge (its counter is locked) and a call's return (the link
 *    register is locked inside the subroutine);
 *  - only ARMv8.0 + AES/SHA1/SHA2/PMULL + CRC32 + LSE + LRCPC encodings, and
 *    FPCR writes only touch RMode, FZ, DN and AHP (qemu's max CPU has more
 *    features than tern's max model).
 */
#ifndef TERN_DIFFTEST_A64_H
#define TERN_DIFFTEST_A64_H

#include "tests/difftest/difftest.h"

#define A64_REC_X    8
#define A64_REC_SP   256
#define A64_REC_NZCV 264
#define A64_REC_FPCR 272
#define A64_REC_FPSR 280
#define A64_REC_V    288
#define A64_REC_MEM  800
#define A64_RECORD   (A64_REC_MEM + SCRATCH)

#define A64_SP_OFF   256       /* SP's place in the scratch memory */

/* FPCR fields the generator writes */
#define A64_FPCR_AHP  (1u << 26)
#define A64_FPCR_DN   (1u << 25)
#define A64_FPCR_FZ   (1u << 24)
#define A64_FPCR_RM(m) ((uint32_t)(m) << 22)

struct a64gen {
    struct emitter e;
    uint64_t classes;
    uint32_t locked;           /* x registers nothing may write */
    uint8_t hot_x[6], hot_v[6];
    int loop_depth;
    bool no_nest;              /* no loop or call may start here */
    bool raw;                  /* a sequence with random encodings (may trap) */
};

#define EMIT(g, ...) em_emit(&(g)->e, __VA_ARGS__)
#define RNG(g) ((g)->e.r)

/* ---- gen_a64.c: operands ---- */
const char *a64_x(int r);          /* x0..x30, xzr */
const char *a64_w(int r);          /* w0..w30, wzr */
const char *a64_xsp(int r);        /* x0..x30, sp */
const char *a64_wsp(int r);        /* w0..w30, wsp */
const char *a64_r(int r, bool sf); /* x or w, zr for 31 */
int a64_rs(struct a64gen *g);      /* a source: 0..30, sometimes 31 (zr) */
int a64_rd(struct a64gen *g);      /* a writable destination, sometimes 31 (zr) */
int a64_rt(struct a64gen *g);      /* a writable register 0..30 */
int a64_rt_not(struct a64gen *g, uint32_t avoid);  /* a64_rt outside the mask */
int a64_vr(struct a64gen *g);      /* a V register */
int a64_vr_not(struct a64gen *g, uint32_t avoid);
const char *a64_cond(struct a64gen *g, bool al_nv);
uint64_t a64_bitmask_imm(struct rng *r, bool sf);
/* the value of logical immediate (N, immr, imms), or 0 when reserved */
uint64_t a64_decode_bitmask(unsigned n, unsigned immr, unsigned imms, bool sf);
int a64_class_index(const char *name);

/* ---- family templates ---- */
void a64_t_ldst(struct a64gen *g);
void a64_t_ldp(struct a64gen *g);
void a64_t_fldst(struct a64gen *g);
void a64_t_vldst(struct a64gen *g);
void a64_t_excl(struct a64gen *g);
void a64_t_lse(struct a64gen *g);
void a64_t_lrcpc(struct a64gen *g);
void a64_t_sp(struct a64gen *g);

void a64_t_farith(struct a64gen *g);
void a64_t_fma(struct a64gen *g);
void a64_t_fcmp(struct a64gen *g);
void a64_t_fcvt(struct a64gen *g);
void a64_t_frint(struct a64gen *g);
void a64_t_fmov(struct a64gen *g);
void a64_t_fpcr(struct a64gen *g);
uint32_t a64_fpcr_value(struct rng *r);
/* the value of an 8-bit FP immediate (FMOV), as exact decimal text */
void a64_fp_imm_text(unsigned imm8, char *buf, size_t len);

void a64_t_simd3(struct a64gen *g);
void a64_t_simd2(struct a64gen *g);
void a64_t_across(struct a64gen *g);
void a64_t_perm(struct a64gen *g);
void a64_t_copy(struct a64gen *g);
void a64_t_movi(struct a64gen *g);
void a64_t_vshift(struct a64gen *g);
void a64_t_widen(struct a64gen *g);
void a64_t_elem(struct a64gen *g);
void a64_t_vscalar(struct a64gen *g);
void a64_t_simdfp(struct a64gen *g);
void a64_t_crypto(struct a64gen *g);

/* ---- gen_a64_ex.c: enumerations ---- */
extern const char *const a64_ex_names[];
uint64_t a64_ex_count(int ex);
void a64_ex_body(struct a64gen *g, int ex, uint64_t idx);

#endif
