/* arch.c — the table of guest architectures tern knows, and lookups into it.
 * Adding a guest means adding its struct guest_arch here; nothing else in the
 * runner names an architecture.
 */
#include <string.h>

#include "frontends/frontend.h"

const struct guest_arch *const guest_arches[] = {
    &arch_riscv64,
    &arch_aarch64,
    NULL,
};

const struct guest_arch *arch_by_name(const char *name)
{
    for (int i = 0; guest_arches[i]; i++)
        if (!strcmp(guest_arches[i]->name, name))
            return guest_arches[i];
    return NULL;
}

const struct guest_arch *arch_by_machine(uint16_t e_machine)
{
    for (int i = 0; guest_arches[i]; i++)
        if (guest_arches[i]->e_machine == e_machine)
            return guest_arches[i];
    return NULL;
}
