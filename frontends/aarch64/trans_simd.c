/* trans_simd.c — Advanced SIMD (op0 = x111, vector encodings). */
#include "frontends/aarch64/a64_internal.h"

/* Columns: mask, match, features, name, trans */
const struct a64_pattern a64_simd_patterns[] = {
    { 0, 0, 0, NULL, NULL },
};
