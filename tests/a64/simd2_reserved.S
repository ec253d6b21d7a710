/* simd2_reserved.S — a reserved encoding of the simd2 classes must SIGILL:
 * SSHR with immh = 1xxx (64-bit lanes) and Q = 0 (a one-lane vector). The
 * decoders decline it, so the run ends with SIGILL after the first line,
 * under tern as on hardware (and qemu). */
#include "a64test.h"
TEST_START
    movz x5, #0x5a5a
    DUMP(x5)
    .inst 0x0f400420            /* sshr "v0.1d", v1.1d, #64 */
    DUMP(x5)
    TEST_EXIT
