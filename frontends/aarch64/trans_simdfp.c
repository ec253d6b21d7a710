/* trans_simdfp.c — AdvSIMD floating point (vector and scalar-SIMD FP encodings). */
#include "frontends/aarch64/a64_internal.h"

/* Columns: mask, match, features, name, trans */
const struct a64_pattern a64_simdfp_patterns[] = {
    { 0, 0, 0, NULL, NULL },
};
