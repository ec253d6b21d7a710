/* difftest.h — shared definitions of the riscv64 differential tester
 * (generator gen.c, program writer prog.c, driver difftest.c).
 *
 * A test program runs many sequences; each one starts from a state loaded
 * from its own table and ends by writing one RECORD to stdout:
 *
 *   tag (8) | x1..x31 (31*8) | f0..f31 raw (32*8) | fcsr (8) | scratch (512)
 */
#ifndef TERN_DIFFTEST_H
#define TERN_DIFFTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SCRATCH 512
#define REC_X    8                      /* offset of x1 in a record */
#define REC_F    (REC_X + 31 * 8)       /* f0 */
#define REC_FCSR (REC_F + 32 * 8)
#define REC_MEM  (REC_FCSR + 8)
#define RECORD   (REC_MEM + SCRATCH)

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

/* a complete initial state */
struct state {
    uint64_t x[32], f[32], fcsr;
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

/* gen.c */
void gen_seq(struct seq *q, uint64_t seed, uint64_t idx, uint64_t classes);
void free_seq(struct seq *q);
int class_index(const char *name);
const char *class_name(int i);
uint64_t all_classes(void);
const char *xreg_name(int r);
const char *freg_name(int r);
char *xstrdup(const char *s);
uint64_t gen_int_value(struct rng *r);
uint64_t gen_double_bits(struct rng *r);
uint32_t gen_float_bits(struct rng *r);
/* an f register: a double, a NaN-boxed single, or (rarely) a mis-boxed one */
uint64_t gen_freg_value(struct rng *r, uint8_t *type);
/* uniform in [0, n); in [lo, hi]; true with the given percentage (values.c) */
unsigned below(struct rng *r, unsigned n);
int range(struct rng *r, int lo, int hi);
bool chance(struct rng *r, unsigned percent);
#define PICK(r, arr) ((arr)[below((r), sizeof(arr) / sizeof((arr)[0]))])

/* prog.c: one sequence to run, with the items it keeps (keep == NULL: all) */
struct variant {
    const struct seq *q;
    const bool *keep;
    uint64_t tag;    /* written in the record header */
};
void write_program(FILE *f, const struct variant *v, int n);
/* the body text of a variant, labels resolved, for reports */
char *variant_body(const struct variant *v);
/* the x and f registers whose names appear in text */
void regs_named(const char *text, uint32_t *xm, uint32_t *fm);

#endif
