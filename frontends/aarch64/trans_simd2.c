/* trans_simd2.c — AdvSIMD shifts by immediate, widening/narrowing (three different), by-element integer. */
#include "frontends/aarch64/a64_internal.h"

/* Columns: mask, match, features, name, trans */
const struct a64_pattern a64_simd2_patterns[] = {
    { 0, 0, 0, NULL, NULL },
};
