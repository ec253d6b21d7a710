/* ldst_excl_svc.S — an exception return clears the local exclusive monitor
 * (the kernel returns from every syscall with the monitor clear), so a
 * store-exclusive after an SVC that followed its load-exclusive fails and
 * leaves memory alone. qemu models this by clearing the monitor whenever
 * control leaves guest code; tern's dispatcher must set cpu->res_addr = ~0
 * after a syscall (and on signal delivery) for this test to pass. */
#include "a64test.h"

TEST_START
    adr x20, word
    movz x1, #0x1234
    // a store-exclusive with no syscall in between succeeds
    ldxr x0, [x20]
    stxr w3, x1, [x20]
    DUMP(x3)
    // getpid between the two: fails
    ldxr x0, [x20]
    mov x8, #172
    svc #0
    stxr w3, xzr, [x20]
    DUMP(x3)
    ldr x0, [x20]
    DUMP(x0)
    // the same for a pair
    ldxp x4, x5, [x20]
    mov x8, #172
    svc #0
    stxp w3, xzr, xzr, [x20]
    DUMP(x3)
    ldr x0, [x20]
    DUMP(x0)
    TEST_EXIT

.data
.balign 16
word: .quad 0x5555, 0x6666
