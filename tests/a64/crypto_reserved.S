/* crypto_reserved.S — the unallocated opcode 111 of the three-register SHA
 * class must SIGILL: the run ends after the first line. */
#include "a64test.h"
TEST_START
    movz x5, #0xa5a5
    DUMP(x5)
    .inst 0x5e027020            /* SHA three-register opcode 111 */
    DUMP(x5)
    TEST_EXIT
