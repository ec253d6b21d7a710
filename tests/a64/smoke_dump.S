/* smoke_dump.S — the a64test.h macros themselves: dumps of known values */
#include "a64test.h"
TEST_START
    movz x5, #0x1234, lsl #48
    movk x5, #0xabcd
    DUMP(x5)
    mov x6, #3
    subs x7, x6, #5
    DUMP_NZCV
    DUMP(x7)
    TEST_EXIT
