/* decode.c — the A64 matcher: insn word -> pattern row.
 *
 * The five group tables (a64_internal.h) are merged once into 16 buckets by
 * op0 (bits 28:25): a row goes into every bucket its mask/match allow, in
 * table order, so the first-match-wins rule of each table is kept and a
 * lookup scans only the rows of one top-level group.
 *
 * Invariants: a row whose feature bits are not all in the -cpu model's set is
 * skipped as if absent; when no matching row accepts the insn it is
 * unallocated (SIGILL).
 */
#include <pthread.h>
#include <stdlib.h>

#include "frontends/aarch64/a64_internal.h"

#define OP0_SHIFT 25
#define OP0_MASK (0xfu << OP0_SHIFT)

struct bucket {
    const struct a64_pattern **rows;
    int n;
};
static struct bucket buckets[16];
static pthread_once_t buckets_once = PTHREAD_ONCE_INIT;

static const struct a64_pattern *const group_tables[] = {
    a64_branch_sys_patterns, a64_dp_imm_patterns, a64_dp_reg_patterns, a64_ldst_patterns,
    a64_fp_patterns, a64_simdfp_patterns, a64_crypto_patterns, a64_simd_patterns,
    a64_simd2_patterns,
};
#define NGROUPS (sizeof(group_tables) / sizeof(group_tables[0]))

static bool row_in_bucket(const struct a64_pattern *p, uint32_t op0)
{
    uint32_t m = p->mask & OP0_MASK;
    return ((op0 << OP0_SHIFT) & m) == (p->match & m);
}

static void build_buckets(void)
{
    for (uint32_t op0 = 0; op0 < 16; op0++) {
        int n = 0;
        for (size_t g = 0; g < NGROUPS; g++)
            for (const struct a64_pattern *p = group_tables[g]; p->trans; p++)
                n += row_in_bucket(p, op0);
        buckets[op0].rows = calloc((size_t)n + 1, sizeof(*buckets[op0].rows));
        if (!buckets[op0].rows)
            abort();
        for (size_t g = 0; g < NGROUPS; g++)
            for (const struct a64_pattern *p = group_tables[g]; p->trans; p++)
                if (row_in_bucket(p, op0))
                    buckets[op0].rows[buckets[op0].n++] = p;
    }
}

const struct a64_pattern *a64_decode_next(uint32_t insn, uint64_t features, int *pos)
{
    pthread_once(&buckets_once, build_buckets);
    const struct bucket *bk = &buckets[(insn & OP0_MASK) >> OP0_SHIFT];
    for (int i = *pos; i < bk->n; i++) {
        const struct a64_pattern *p = bk->rows[i];
        if ((insn & p->mask) == p->match && (p->feat & features) == p->feat) {
            *pos = i + 1;
            return p;
        }
    }
    *pos = bk->n;
    return NULL;
}
