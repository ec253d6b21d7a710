/* rv64.h — what the riscv64 generator (gen_rv64.c) and program writer
 * (prog_rv64.c) share: the record layout and the generator's entry points.
 *
 *   record: tag (8) | x1..x31 (31*8) | f0..f31 raw (32*8) | fcsr (8) | scratch
 */
#ifndef TERN_DIFFTEST_RV64_H
#define TERN_DIFFTEST_RV64_H

#include "tests/difftest/difftest.h"

#define RV_REC_X    8                         /* offset of x1 in a record */
#define RV_REC_F    (RV_REC_X + 31 * 8)       /* f0 */
#define RV_REC_FCSR (RV_REC_F + 32 * 8)
#define RV_REC_MEM  (RV_REC_FCSR + 8)
#define RV_RECORD   (RV_REC_MEM + SCRATCH)

void rv_gen_seq(struct seq *q, uint64_t seed, uint64_t idx, const struct genopt *o);
int rv_class_index(const char *name);
const char *rv_class_name(int i);
uint64_t rv_all_classes(void);
const char *rv_xreg_name(int r);
const char *rv_freg_name(int r);

#endif
