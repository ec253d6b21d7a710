/* trans_crypto.c — AES, SHA1, SHA256 (crypto extensions). */
#include "frontends/aarch64/a64_internal.h"

/* Columns: mask, match, features, name, trans */
const struct a64_pattern a64_crypto_patterns[] = {
    { 0, 0, 0, NULL, NULL },
};
