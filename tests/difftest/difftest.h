/* difftest.h — shared definitions of the differential tester: the driver
 * (difftest.c), the generic sequence machinery (seq.c), randomness and
 * interesting values (values.c), and one `struct arch` per guest:
 * riscv64 (gen_rv64.c, prog_rv64.c) and aarch64 (gen_a64*.c, prog_a64.c).
 *
 * A test program runs many sequences; each one starts from a state loaded
 * from its own table and ends by writing one record (arch->record bytes) to
 * stdout. Every record starts with an 8-byte tag; the rest is the arch's
 * register dump followed by the SCRATCH-byte scratch memory:
 *
 *   riscv64: tag | x1..x31 | f0..f31 raw | fcsr | scratch          (1032)
 *   aarch64: tag | x0..x30 | sp | nzcv | fpcr | fpsr | v0..v31 | scratch (1312)
 *
 * Invariant: everything a sequence contains is a pure function of (arch,
 * seed, index, generator options), so the driver can rebuild any sequence to
 * minimise or re-run it.
 */
#ifndef TERN_DIFFTEST_H
#define TERN_DIFFTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SCRATCH 512

enum { FT_S, FT_D };

struct rng {
    uint64_t s[4];
};
void rng_seed(struct rng *r, uint64_t seed, uint64_t stream);
uint64_t rng_next(struct rng *r);

struct item {
    char *text;      /* assembler lines; "@L<n>" names a label of the sequence */
    int group;       /* items of one group are dropped together; -1 for labels */
    bool is_label;   /* never dropped */
    uint32_t xuse, fuse;
};

/* a complete initial state; each arch uses its own fields:
 *   riscv64: x[1..31], f, fcsr
 *   aarch64: x[0..30], x[31] = SP's offset into the scratch memory, v, nzcv,
 *            fpcr, fpsr */
struct state {
    uint64_t x[32], f[32], fcsr;
    uint64_t v[32][2];          /* [0] = low 64 bits */
    uint64_t nzcv, fpcr, fpsr;
    uint8_t scratch[SCRATCH];
};

/* a record's tag has this bit when it comes from the second run */
#define TAG_RERUN (1ull << 63)

struct seq {
    uint64_t idx;
    struct state st[2];   /* st[1]: the second run's state (when rerun) */
    bool rerun;      /* the body runs twice: from st[0], then from st[1] */
    bool li_mode;    /* initial registers set with li (constant-foldable) */
    bool may_trap;   /* may stop the program (random encodings) */
    struct item *items;
    int nitems, cap;
    int nlabels;
};

/* what the generator is asked for */
struct genopt {
    uint64_t classes;    /* enabled classes (bit = class index) */
    int exhaustive;      /* an enumeration (arch->ex_name), or -1: random */
};

/* ---- seq.c: generic sequence construction ---- */

struct pending_label {
    int id;
    int left;   /* items still to emit before the label */
};

/* a sequence under construction: the current item, forward-branch labels
 * waiting to be placed. An arch's generator embeds one. */
struct emitter {
    struct seq *q;
    struct rng *r;
    struct item *cur;           /* the item being filled */
    int group;
    int next_label;
    struct pending_label pend[32];
    int npend;
    int loop_pend_base;         /* labels below this index belong outside the loop */
};

void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
void em_begin(struct emitter *e);
void __attribute__((format(printf, 2, 3))) em_emit(struct emitter *e, const char *fmt, ...);
void em_label(struct emitter *e, int id);
void em_tick_labels(struct emitter *e);
void em_flush_labels(struct emitter *e, int base);
int em_new_fwd_label(struct emitter *e, int span);
/* restarts the current item after placing the labels pending at this level
 * (a loop or call head must not be a forward branch's target); returns its
 * group */
int em_structured_head(struct emitter *e);
/* a new item in the given group (a structured item's tail) */
void em_resume(struct emitter *e, int group);
void free_seq(struct seq *q);

struct strbuf {
    char *p;
    size_t len, cap;
};
void __attribute__((format(printf, 2, 3))) sb_printf(struct strbuf *s, const char *fmt, ...);
uint64_t get64(const uint8_t *p);

/* ---- values.c ---- */
uint64_t gen_int_value(struct rng *r);
uint64_t gen_double_bits(struct rng *r);
uint32_t gen_float_bits(struct rng *r);
uint16_t gen_half_bits(struct rng *r);
/* an f register: a double, a NaN-boxed single, or (rarely) a mis-boxed one */
uint64_t gen_freg_value(struct rng *r, uint8_t *type);
/* uniform in [0, n); in [lo, hi]; true with the given percentage */
unsigned below(struct rng *r, unsigned n);
int range(struct rng *r, int lo, int hi);
bool chance(struct rng *r, unsigned percent);
#define PICK(r, arr) ((arr)[below((r), sizeof(arr) / sizeof((arr)[0]))])
#define NELEM(arr) (sizeof(arr) / sizeof((arr)[0]))

/* ---- programs ---- */

/* one sequence to run, with the items it keeps (keep == NULL: all) */
struct variant {
    const struct seq *q;
    const bool *keep;
    uint64_t tag;    /* written in the record header */
};
/* the body text of a variant, labels resolved, for reports */
char *variant_body(const struct variant *v);
/* copies assembler text, "@L<n>" becoming "<prefix><n>"; `readable` indents
 * and drops ".option" lines */
void put_text(FILE *f, const char *src, const char *prefix, bool readable);

/* ---- one guest architecture ---- */
struct arch {
    const char *name;
    const char *qemu;                 /* default oracle command */
    const char *as, *ld, *objdump;    /* default tools; <ENV>_AS etc. override */
    const char *env;                  /* prefix of those variables */
    const char *as_flags[4];          /* NULL-terminated */
    size_t record;                    /* bytes per record */
    bool start_by_argc;               /* a program given k arguments starts at variant k */
    const char *const *known_gaps;    /* classes off by default (NULL-terminated) */
    const char *const *ex_names;      /* enumerations for -E (NULL-terminated) */

    void (*gen_seq)(struct seq *q, uint64_t seed, uint64_t idx, const struct genopt *o);
    int (*class_index)(const char *name);
    const char *(*class_name)(int i);
    uint64_t (*all_classes)(void);
    /* sequences an enumeration needs to cover itself */
    uint64_t (*ex_count)(int ex);
    void (*write_program)(FILE *f, const struct variant *v, int n);
    /* the differing parts of two records; returns a short kind for
     * family signatures */
    const char *(*describe_diff)(struct strbuf *s, const uint8_t *tern, const uint8_t *qemu,
                                 const struct state *st);
    /* the initial values of the registers `body` names */
    void (*describe_state)(struct strbuf *s, const char *body, const struct state *st);
};

extern const struct arch arch_riscv64, arch_aarch64;

#endif
