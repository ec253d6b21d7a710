/* cache.c — the code cache: translation driver, block lookup, chaining, flush.
 *
 * Layout of the executable region: [prologue | epilogue | slow thunk | blocks…].
 * The region stays below 2 GiB so every rel32 between blocks reaches.
 * Invariants:
 *  - a struct tb lives exactly as long as its code: jit_flush drops both and
 *    bumps the generation, so a chain request from before a flush is ignored;
 *  - translation and insertion happen under cache->lock; generated code never
 *    calls into this file;
 *  - two tiers (docs/jit.md "The first tier"): a block is first translated
 *    cheaply, with an entry counter; when it runs out, jit_promote translates
 *    the pc fully, puts that block in front of the first-tier one in its
 *    bucket and sends the first tier's entry jmp to it. The first-tier block
 *    stays in c->all, with its fault map, until the next flush: a pc has at
 *    most two blocks, the newer one first in its bucket.
 *
 * Guest threads share the cache (docs/threads.md):
 *  - lookups take no lock: a tb is complete before one release store puts it
 *    at the head of its bucket, and hash tables outgrown are kept (retired)
 *    until the next flush, so a reader holding an old one reads valid memory.
 *    Re-linking the chains into a new table can make a concurrent reader miss
 *    (never find a wrong block: it compares the pc); a miss goes on to
 *    jit_translate, which looks again under the lock. A chain link always
 *    points to an older block, so a reader never loops;
 *  - chaining patches one 4-byte-aligned rel32 with one store: a thread
 *    running past it sees the old target (the stub back to the dispatcher)
 *    or the new one;
 *  - a flush rewrites code other threads may be running, so it stops the
 *    world first (runner/thread.c): every other thread is at its dispatcher
 *    safe point or in a syscall, and clears its jump cache before it runs
 *    code again (cpu->jc_gen).
 */
#include <capstone/capstone.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/platform/x86.h>
#include <time.h>

#include "jit/jit.h"
#include "jit/x86_be.h"
#include "runner/lazyreloc.h"
#include "runner/log.h"
#include "runner/tern.h"
#include "runner/thread.h"

#define CACHE_SIZE   (256u << 20)
#define BLOCK_GUARD  (256u << 10)   /* room one block may need at most */
#define HASH_BITS0   10           /* initial buckets: grows with the block count */
#define ARENA_CHUNK  (64u << 10)
/* first-tier entry counters, at the top of the mapping (rel32-reachable from
 * every block, and never on a page with code: a store near running code
 * costs the host a pipeline flush) */
#define COUNTERS     (64u << 10)
#define TIER_HOT     256          /* entries before a block is translated fully */

/* tbs and their mark tables live until the next flush: carved from chunks
 * instead of malloc'd one by one (the backend's marks buffer grows by
 * doubling, so keeping it cost ~1 KiB per block and ~100 page faults for a
 * hello world) */
struct arena_chunk {
    struct arena_chunk *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
};
/* a tb's marks follow it in the same allocation */
_Static_assert(sizeof(struct tb) % _Alignof(struct tb_mark) == 0, "tb_mark alignment");

/* buckets of a hash table, kept small: pages cost faults */
struct tb_hash {
    unsigned bits;                /* 1 << bits buckets */
    struct tb_hash *older;        /* the retired list */
    struct tb *b[];
};

struct code_cache {
    uint8_t *base, *ptr, *end;
    uint8_t *blocks_start;
    jit_exit_t (*enter)(struct cpu *, const void *);
    const uint8_t *epilogue;
    const uint8_t *slow_thunk;
    struct tb_hash *hash;         /* published with one store: lookups load it once */
    struct tb_hash *retired;      /* outgrown tables, freed at the next flush */
    struct tb **all;              /* every live tb, for flush */
    size_t nall, capall;
    struct arena_chunk *arena;    /* newest first; holds every live tb */
    uint64_t generation;
    pthread_mutex_t lock;
    struct ir_block ir;
    struct smc *smc;              /* self-modifying code tracking (jit/smc.c) */
    uint32_t *counters;           /* COUNTERS first-tier entry counters */
    uint32_t ncounters;           /* in use since the last flush */
    uint32_t hot;                 /* their start value; 0: no first tier */
};

int x86_gen_block(struct ir_block *b, struct xbuf *xb, uint64_t hostf, const uint8_t *epilogue,
                  const uint8_t *slow_thunk, struct tb_mark **marks, uint32_t *nmarks);

/* From glibc's copy of the CPUID bits (read once at its start-up): CPUID
 * itself traps to the hypervisor in a VM, ~4 us each, and the checks here
 * were eight of them in every tern process. */
static uint64_t detect_host_features(void)
{
    uint64_t f = 0;
    if (CPU_FEATURE_PRESENT(POPCNT)) f |= HOSTF_POPCNT;
    if (CPU_FEATURE_PRESENT(FMA))    f |= HOSTF_FMA;
    if (CPU_FEATURE_PRESENT(BMI1))   f |= HOSTF_BMI1;
    if (CPU_FEATURE_PRESENT(BMI2))   f |= HOSTF_BMI2;
    if (CPU_FEATURE_PRESENT(AVX2))   f |= HOSTF_AVX2;
    if (CPU_FEATURE_PRESENT(LZCNT))  f |= HOSTF_LZCNT;
    /* FMA/BMI are VEX-encoded: require the OS to have enabled AVX state */
    if (!CPU_FEATURE_ACTIVE(AVX))
        f &= ~(uint64_t)(HOSTF_FMA | HOSTF_BMI1 | HOSTF_BMI2 | HOSTF_AVX2);
    return f;
}

static void hash_alloc(struct code_cache *c, unsigned bits);

static const int8_t callee_saved[] = {RBX, RBP, R12, R13, R14, R15};

/* jit_enter(cpu = rdi, code = rsi) */
static void gen_runtime(struct code_cache *c)
{
    struct xbuf xb;
    xb_init(&xb, c->base, 4096);
    c->enter = (jit_exit_t (*)(struct cpu *, const void *))(void *)xb.p;
    for (unsigned i = 0; i < sizeof(callee_saved); i++)
        emit_push(&xb, callee_saved[i]);
    emit_alu_rm_i(&xb, ALU_SUB, true, RM_R(RSP), BE_FRAME);
    emit_lea(&xb, true, CPU_REG, RM_M(RDI, CPU_BIAS));
    emit_jmp_rm(&xb, RM_R(RSI));

    while ((uintptr_t)xb.p & 15) emit_u8(&xb, 0xcc);
    c->epilogue = xb.p;
    emit_alu_rm_i(&xb, ALU_ADD, true, RM_R(RSP), BE_FRAME);
    for (int i = (int)sizeof(callee_saved) - 1; i >= 0; i--)
        emit_pop(&xb, callee_saved[i]);
    emit_ret(&xb);

    /* slow thunk: preserves every allocatable register, calls
     * cpu->scratch[3](cpu). Entered by `call` with rsp 16-aligned. */
    while ((uintptr_t)xb.p & 15) emit_u8(&xb, 0xcc);
    c->slow_thunk = xb.p;
    static const int8_t saved[] = {RAX, RCX, RDX, RSI, RDI, R8, R9, R10, R11};
    for (unsigned i = 0; i < sizeof(saved); i++)
        emit_push(&xb, saved[i]);
    /* 8 (ret) + 72 (pushes) = 80: rsp is 16-aligned again; 256 bytes of xmm */
    emit_alu_rm_i(&xb, ALU_SUB, true, RM_R(RSP), 256);
    for (int i = 0; i < 16; i++)
        emit_insn(&xb, 0, 0x0f11, 2, i, RM_M(RSP, 16 * i), 0, 0); /* movups */
    emit_lea(&xb, true, RDI, RM_M(CPU_REG, -CPU_BIAS));
    emit_insn(&xb, 0, 0xff, 1, 2, RM_M(CPU_REG, CPU_OFF(scratch[3]) - CPU_BIAS), 0, 0);
    for (int i = 0; i < 16; i++)
        emit_insn(&xb, 0, 0x0f10, 2, i, RM_M(RSP, 16 * i), 0, 0);
    emit_alu_rm_i(&xb, ALU_ADD, true, RM_R(RSP), 256);
    for (int i = (int)sizeof(saved) - 1; i >= 0; i--)
        emit_pop(&xb, saved[i]);
    emit_ret(&xb);

    while ((uintptr_t)xb.p & 63) emit_u8(&xb, 0xcc);
    c->blocks_start = xb.p;
    c->ptr = xb.p;
}

int jit_init(struct tern_proc *p)
{
    struct code_cache *c = calloc(1, sizeof(*c));
    if (!c)
        return -1;
    /* below 2 GiB is not required; one contiguous region is */
    void *m = mmap(NULL, CACHE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED) {
        free(c);
        return -1;
    }
    c->base = m;
    c->end = c->base + CACHE_SIZE - COUNTERS * sizeof(uint32_t);
    c->counters = (uint32_t *)c->end;
    /* TERN_TIER_HOT: the threshold, for measuring (0 = every block fully) */
    const char *hot = getenv("TERN_TIER_HOT");
    c->hot = hot ? (uint32_t)strtoul(hot, NULL, 10) : TIER_HOT;
    pthread_mutex_init(&c->lock, NULL);
    ir_block_init(&c->ir, 0);
    hash_alloc(c, HASH_BITS0);
    c->smc = smc_new(&p->mm);
    gen_runtime(c);
    p->cache = c;
    p->host_features = detect_host_features();
    return 0;
}

static unsigned hash_pc(unsigned bits, uint64_t pc)
{
    return (unsigned)((pc >> 1) * 0x9e3779b97f4a7c15ull >> (64 - bits));
}

static void hash_alloc(struct code_cache *c, unsigned bits)
{
    struct tb_hash *h = calloc(1, sizeof(*h) + (sizeof(struct tb *) << bits));
    if (!h)
        tern_die(70, "out of memory");
    h->bits = bits;
    if (c->hash) {
        c->hash->older = c->retired;
        c->retired = c->hash;
    }
    __atomic_store_n(&c->hash, h, __ATOMIC_RELEASE);
}

/* keep chains short: at two blocks per bucket, double the table. The new
 * table is filled before it is published; old readers keep the old one. */
static void hash_grow(struct code_cache *c)
{
    struct tb_hash *old = c->hash;
    if (c->nall < (2u << old->bits))
        return;
    unsigned bits = old->bits + 1;
    struct tb_hash *h = calloc(1, sizeof(*h) + (sizeof(struct tb *) << bits));
    if (!h)
        tern_die(70, "out of memory");
    h->bits = bits;
    for (size_t i = 0; i < c->nall; i++) {
        struct tb *t = c->all[i];
        unsigned k = hash_pc(bits, t->pc);
        __atomic_store_n(&t->hnext, h->b[k], __ATOMIC_RELEASE);
        h->b[k] = t;
    }
    old->older = c->retired;
    c->retired = old;
    __atomic_store_n(&c->hash, h, __ATOMIC_RELEASE);
}

struct tb *jit_find(struct tern_proc *p, uint64_t pc)
{
    struct code_cache *c = p->cache;
    struct tb_hash *h = __atomic_load_n(&c->hash, __ATOMIC_ACQUIRE);
    for (struct tb *t = __atomic_load_n(&h->b[hash_pc(h->bits, pc)], __ATOMIC_ACQUIRE); t;
         t = __atomic_load_n(&t->hnext, __ATOMIC_ACQUIRE))
        if (t->pc == pc)
            return t;
    return NULL;
}

static void *arena_alloc(struct code_cache *c, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    struct arena_chunk *a = c->arena;
    if (!a || a->cap - a->used < size) {
        size_t cap = size > ARENA_CHUNK ? size : ARENA_CHUNK;
        a = malloc(sizeof(*a) + cap);
        if (!a)
            tern_die(70, "out of memory");
        a->next = c->arena;
        a->used = 0;
        a->cap = cap;
        c->arena = a;
    }
    void *p = a->data + a->used;
    a->used += size;
    return p;
}

static void flush_locked(struct code_cache *c, struct cpu *cpu)
{
    smc_flushed(c->smc);
    while (c->arena) {
        struct arena_chunk *next = c->arena->next;
        free(c->arena);
        c->arena = next;
    }
    c->nall = 0;
    c->ncounters = 0;
    /* nobody is reading the tables: the world is stopped */
    while (c->retired) {
        struct tb_hash *next = c->retired->older;
        free(c->retired);
        c->retired = next;
    }
    memset(c->hash->b, 0, sizeof(struct tb *) << c->hash->bits);
    c->ptr = c->blocks_start;
    __atomic_store_n(&c->generation, c->generation + 1, __ATOMIC_SEQ_CST);
    if (cpu) {
        memset(cpu->jc, 0, sizeof(cpu->jc));
        cpu->jc_gen = c->generation;
    }
}

void jit_flush(struct tern_proc *p, struct cpu *cpu)
{
    struct code_cache *c = p->cache;
    uint64_t gen = jit_generation(p);
    /* a flush by another thread while this one stopped for it did the
     * work: every translation from before this call is gone */
    if (cpu)
        thread_stop_world(cpu);
    if (jit_generation(p) == gen) {
        pthread_mutex_lock(&c->lock);
        flush_locked(c, cpu);
        pthread_mutex_unlock(&c->lock);
    } else if (cpu) {
        memset(cpu->jc, 0, sizeof(cpu->jc));
        cpu->jc_gen = jit_generation(p);
    }
    if (cpu)
        thread_resume_world(cpu);
}

uint64_t jit_generation(struct tern_proc *p)
{
    return __atomic_load_n(&p->cache->generation, __ATOMIC_SEQ_CST);
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void log_line(void *ctx, const char *s)
{
    (void)ctx;
    log_printf("%s", s);
}

/* both disassemble through capstone, whose tables are relocated on first use */
static void log_in_asm(struct tern_proc *p, struct ir_block *b)
{
    tern_lazy_relocate();
    log_printf("IN:\n");
    uint64_t pc = b->guest_pc;
    while (pc < b->guest_end) {
        uint8_t bytes[16];
        size_t n = guest_fetch(&p->mm, pc, bytes, sizeof(bytes));
        char text[128];
        int len = n ? p->arch->disas(pc, bytes, n, text, sizeof(text)) : 0;
        log_printf("0x%016" PRIx64 ":  %s\n", pc, n ? text : "(unreadable)");
        if (len <= 0)
            break;
        pc += (uint64_t)len;
    }
    log_printf("\n");
}

static void log_out_asm(const uint8_t *code, size_t size)
{
    tern_lazy_relocate();
    csh h;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK) {
        log_printf("OUT: (capstone unavailable)\n");
        return;
    }
    cs_insn *insn;
    size_t n = cs_disasm(h, code, size, (uint64_t)(uintptr_t)code, 0, &insn);
    log_printf("OUT: [size=%zu]\n", size);
    for (size_t i = 0; i < n; i++)
        log_printf("0x%016" PRIx64 ":  %s %s\n", insn[i].address, insn[i].mnemonic, insn[i].op_str);
    if (n)
        cs_free(insn, n);
    cs_close(&h);
    log_printf("\n");
}

/* The first tier's entry (tb->code = 3 bytes into the 16-aligned start, so
 * the jmp's rel32 is 4-byte aligned and jit_promote patches it with one
 * store):
 *     jmp  next                       ; rel32 0 until promoted, then the full block
 * next:
 *     sub  dword [rip + counter], 1   ; in the counter area (below c->end)
 *     jz   hot                        ; emitted after the body
 *     <body>
 * hot: cpu->pc = pc; leave with EXIT_PROMOTE */
#define TIER0_PAD 3

static uint8_t *emit_tier0_entry(struct xbuf *xb, uint32_t *counter)
{
    emit_u8(xb, 0xe9);
    emit_u32(xb, 0);
    emit_u8(xb, 0x83);   /* sub r/m32, imm8: /5, rip-relative */
    emit_u8(xb, 0x2d);
    int32_t rel = (int32_t)((uint8_t *)counter - (xb->p + 5));
    emit_u32(xb, (uint32_t)rel);
    emit_u8(xb, 1);
    return emit_jcc32(xb, CC_E);
}

static void emit_tier0_hot(struct code_cache *c, struct xbuf *xb, uint8_t *jz, uint64_t pc)
{
    if (!xb->overflow)
        patch_rel32(jz, xb->p);
    /* nothing of the guest state is in host registers at a block's entry */
    emit_mov_ri(xb, SCRATCH, pc);
    emit_mov_m_r(xb, true, RM_M(CPU_REG, CPU_OFF(pc) - CPU_BIAS), SCRATCH);
    emit_mov_ri(xb, RAX, EXIT_PROMOTE);
    uint8_t *f = emit_jmp32(xb);
    if (!xb->overflow)
        patch_rel32(f, c->epilogue);
}

/* Under the lock, with BLOCK_GUARD bytes of room: translate the block at pc
 * (tier 0: the cheap one with an entry counter, if a counter is left) and
 * publish it at the head of its bucket, where jit_find meets it before any
 * older block of the same pc. */
static struct tb *translate_locked(struct cpu *cpu, uint64_t pc, unsigned tier)
{
    struct tern_proc *p = cpu->proc;
    struct code_cache *c = p->cache;
    if (tier == 0 && (!c->hot || c->ncounters == COUNTERS))
        tier = 1;
    /* -d exec: what each translation cost (guest insns, IR ops before and
     * after the passes, ns in the frontend, the passes and the backend) */
    bool timed = log_enabled(LOG_exec);
    uint64_t t0 = timed ? now_ns() : 0, t1 = 0, t2 = 0;
    struct ir_block *b = &c->ir;
    ir_block_reset(b, pc);
    struct tcontext tc = {p, p->model};
    p->arch->translate(&tc, b);
    smc_note_code(c->smc, b->guest_pc, b->guest_end);
    if (log_enabled(LOG_in_asm))
        log_in_asm(p, b);
    if (log_enabled(LOG_op)) {
        log_printf("OP:\n");
        ir_dump(b, log_line, NULL);
    }
    int nops_in = b->nops;
    if (timed)
        t1 = now_ns();
    if (tier == 0)
        ir_optimize_tier0(b);
    else
        ir_optimize(b);
    if (timed)
        t2 = now_ns();
    if (log_enabled(LOG_op_opt)) {
        log_printf("OP after optimization:\n");
        ir_dump(b, log_line, NULL);
    }
    if ((size_t)(c->end - c->ptr) < BLOCK_GUARD)   /* filled again meanwhile */
        tern_die(70, "internal error: the code cache filled up during one translation");
    uint8_t *start = c->ptr + (tier == 0 ? TIER0_PAD : 0);
    uint32_t *counter = tier == 0 ? &c->counters[c->ncounters] : NULL;
    struct xbuf xb;
    struct tb_mark *marks = NULL;
    uint32_t nmarks = 0;
    uint64_t hostf = p->host_features | (p->fp_dyn_slow ? HOSTF_DYN_SLOW : 0);
    /* no loop homes in tier 0: a back edge then leaves through a chained
     * exit to the block's own entry, so the counter counts iterations */
    if (tier == 0)
        hostf |= HOSTF_NO_HOMES;
    uint8_t *jz = NULL;
    for (int attempt = 0;; attempt++) {
        xb_init(&xb, start, BLOCK_GUARD - TIER0_PAD);
        if (tier == 0)
            jz = emit_tier0_entry(&xb, counter);
        if (x86_gen_block(b, &xb, hostf, c->epilogue, c->slow_thunk, &marks, &nmarks) >= 0)
            break;
        /* loop homes take registers from the allocator: without them every
         * op has room, so a block that ran out is generated again plainly */
        free(marks);
        marks = NULL;
        if (attempt || (hostf & HOSTF_NO_HOMES))
            tern_die(70, "internal error: cannot generate code for the block at 0x%" PRIx64, pc);
        hostf |= HOSTF_NO_HOMES;
    }
    if (tier == 0) {
        emit_tier0_hot(c, &xb, jz, pc);
        if (xb.overflow)
            tern_die(70, "internal error: cannot generate code for the block at 0x%" PRIx64, pc);
        __atomic_store_n(counter, c->hot, __ATOMIC_RELAXED);
        c->ncounters++;
    }
    struct tb *tb = arena_alloc(c, sizeof(*tb) + sizeof(*marks) * nmarks);
    memset(tb, 0, sizeof(*tb));
    tb->pc = pc;
    tb->end = b->guest_end;
    tb->code = start;
    tb->code_size = (uint32_t)(xb.p - xb.start);
    tb->ninsns = (uint32_t)b->ninsns;
    tb->tier = tier;
    tb->marks = (struct tb_mark *)(tb + 1);
    if (nmarks)
        memcpy(tb->marks, marks, sizeof(*marks) * nmarks);
    free(marks);
    tb->nmarks = nmarks;
    c->ptr = (uint8_t *)(((uintptr_t)xb.p + 15) & ~(uintptr_t)15);
    if (timed) {
        int nlive = 0;
        for (int i = 0; i < b->nops; i++)
            nlive += b->ops[i].opc < IR_NUM_OPS;
        log_printf("Translate: %016" PRIx64 " insns %u ops %d -> %d ns %" PRIu64 " %" PRIu64
                   " %" PRIu64 " tier %u\n", pc, tb->ninsns, nops_in, nlive, t1 - t0, t2 - t1,
                   now_ns() - t2, tier);
    }
    if (log_enabled(LOG_out_asm))
        log_out_asm(tb->code, tb->code_size);
    /* complete before it is published */
    unsigned h = hash_pc(c->hash->bits, pc);
    tb->hnext = c->hash->b[h];
    __atomic_store_n(&c->hash->b[h], tb, __ATOMIC_RELEASE);
    if (c->nall == c->capall) {
        c->capall = c->capall ? c->capall * 2 : 1024;
        c->all = realloc(c->all, sizeof(*c->all) * c->capall);
        if (!c->all)
            tern_die(70, "out of memory");
    }
    c->all[c->nall++] = tb;
    hash_grow(c);
    return tb;
}

struct tb *jit_translate(struct cpu *cpu, uint64_t pc)
{
    struct tern_proc *p = cpu->proc;
    struct code_cache *c = p->cache;
    pthread_mutex_lock(&c->lock);
    struct tb *tb = jit_find(p, pc);
    if (!tb && (size_t)(c->end - c->ptr) < BLOCK_GUARD) {
        /* full: the flush stops the world, which must not wait for a thread
         * waiting for this lock */
        pthread_mutex_unlock(&c->lock);
        jit_flush(p, cpu);
        pthread_mutex_lock(&c->lock);
        tb = jit_find(p, pc);
    }
    if (!tb)
        tb = translate_locked(cpu, pc, 0);
    pthread_mutex_unlock(&c->lock);
    return tb;
}

/* The full block goes in front of the first-tier one in its bucket (found
 * first from then on), and the first tier's entry jmp is sent to it with one
 * aligned store, so chained exits and jump-cache entries that still lead to
 * the first tier reach it too. The first-tier block and its fault map stay
 * valid (a thread may be running it) until the next flush frees both. */
struct tb *jit_promote(struct cpu *cpu, uint64_t pc)
{
    struct tern_proc *p = cpu->proc;
    struct code_cache *c = p->cache;
    pthread_mutex_lock(&c->lock);
    struct tb *old = jit_find(p, pc);
    if (!old || old->tier != 0) {   /* promoted by another thread, or flushed */
        pthread_mutex_unlock(&c->lock);
        return old;
    }
    if ((size_t)(c->end - c->ptr) < BLOCK_GUARD) {
        pthread_mutex_unlock(&c->lock);
        jit_flush(p, cpu);
        return NULL;
    }
    struct tb *tb = translate_locked(cpu, pc, 1);
    int32_t rel = (int32_t)((uint8_t *)tb->code - ((uint8_t *)old->code + 5));
    __atomic_store_n((int32_t *)((uint8_t *)old->code + 1), rel, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&c->lock);
    return tb;
}

jit_exit_t jit_enter(struct cpu *cpu, const void *code)
{
    return cpu->proc->cache->enter(cpu, code);
}

void jit_chain(struct tern_proc *p, jit_exit_t site, struct tb *target)
{
    (void)p;
    /* the rel32 field is 4-byte aligned: one atomic store */
    int32_t rel = (int32_t)((uint8_t *)target->code - ((uint8_t *)site + 4));
    __atomic_store_n((int32_t *)site, rel, __ATOMIC_RELEASE);
}

void jit_jc_set(struct cpu *cpu, struct tb *tb)
{
    struct jc_entry *e = &cpu->jc[(tb->pc >> JC_SHIFT) & (JC_SIZE - 1)];
    e->guest_pc = tb->pc;
    e->host = tb->code;
}

uint64_t jit_guest_pc_of(struct tern_proc *p, uintptr_t host_pc)
{
    /* through jit_tb_at: c->all may be growing in another thread; the tb
     * stays valid after the lock is dropped, since a flush would first have
     * to stop this thread (it faulted in translated code) */
    struct tb *tb = jit_tb_at(p, host_pc);
    uintptr_t start = tb ? (uintptr_t)tb->code : 0;
    if (!tb || host_pc >= start + tb->code_size)
        return 0;
    uint64_t pc = tb->pc;
    for (uint32_t m = 0; m < tb->nmarks && start + tb->marks[m].host_off <= host_pc; m++)
        pc = tb->marks[m].guest_pc;
    return pc;
}

/* Blocks lie in c->all in the order of their code (the cache is filled from
 * its start after each flush). A fault in the translator itself may come
 * while this thread holds the lock: the lock is only tried, for a while
 * (about a second of yields). */
struct tb *jit_tb_at(struct tern_proc *p, uintptr_t host_pc)
{
    struct code_cache *c = p->cache;
    if (!c || host_pc < (uintptr_t)c->blocks_start || host_pc > (uintptr_t)c->ptr)
        return NULL;
    int tries = 0;
    while (pthread_mutex_trylock(&c->lock) != 0) {
        if (++tries > 1000000)
            return NULL;
        sched_yield();   /* another thread translating: a block takes ~0.1 ms */
    }
    struct tb *found = NULL;
    size_t lo = 0, hi = c->nall;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((uintptr_t)c->all[mid]->code <= host_pc)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo && host_pc <= (uintptr_t)c->all[lo - 1]->code + c->all[lo - 1]->code_size)
        found = c->all[lo - 1];
    pthread_mutex_unlock(&c->lock);
    return found;
}

struct smc *jit_smc(struct tern_proc *p)
{
    return p->cache ? p->cache->smc : NULL;
}
