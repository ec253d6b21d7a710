/* trans_fp.c — scalar floating point (op0 = x111, scalar FP encodings). */
#include "frontends/aarch64/a64_internal.h"

/* Columns: mask, match, features, name, trans */
const struct a64_pattern a64_fp_patterns[] = {
    { 0, 0, 0, NULL, NULL },
};
