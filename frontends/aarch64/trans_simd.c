/* trans_simd.c — AdvSIMD integer: three-same, two-reg misc, across lanes, permutes, copies, modified immediates. */
#include "frontends/aarch64/a64_internal.h"

/* Columns: mask, match, features, name, trans */
const struct a64_pattern a64_simd_patterns[] = {
    { 0, 0, 0, NULL, NULL },
};
