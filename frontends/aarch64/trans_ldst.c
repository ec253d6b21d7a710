/* trans_ldst.c — the loads and stores group (op0 = x1x0). */
#include "frontends/aarch64/a64_internal.h"

/* Columns: mask, match, features, name, trans */
const struct a64_pattern a64_ldst_patterns[] = {
    { 0, 0, 0, NULL, NULL },
};
