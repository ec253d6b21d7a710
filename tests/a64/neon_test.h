/* neon_test.h — macros shared by the AdvSIMD integer tests neon_*.S.
 *
 *   VD(n)               print Vn as hi:lo
 *   VAL hi, lo          one 128-bit table entry (V register = hi:lo)
 *   FOR_SETS tab, n     loop over n input sets of three entries each at tab:
 *                       v16 = Vn input, v17 = Vm input, v18 = Vd's old value
 *   END_SETS            end of the loop body
 *   T(insn)             v0 = v18, run insn (writing v0), print v0
 *   TQ(insn)            the same, then print FPSR (QC = bit 27) and clear it
 *   V3 op, list         T(op v0.A, v16.A, v17.A) for each arrangement A
 *   V3Q / V2 / V2Q      the same with QC (Q), two operands (2)
 *
 * Presetting Vd from v18 (a non-zero pattern) shows whether a 64-bit form
 * cleared bits 127:64 and what the accumulating/inserting forms kept.
 * FOR_SETS uses x19 (table pointer), x20 (count) and local label 8; the body
 * may not.
 */
#include "a64test.h"

/* VD(n): print Vn as hi:lo. (a64test.h's DUMPV keeps the value below sp,
 * where the ':' it prints first lands on the low byte; this one keeps it
 * above.) */
#define VD(n) sub sp, sp, #16; str q##n, [sp]; A64T_SAVE; ldr x0, [sp, #72]; bl a64t_hex; \
    bl a64t_colon; ldr x0, [sp, #64]; bl a64t_hex; bl a64t_nl; A64T_RESTORE; add sp, sp, #16

#define T(...) mov v0.16b, v18.16b; __VA_ARGS__; VD(0)
#define TQ(...) msr fpsr, xzr; mov v0.16b, v18.16b; __VA_ARGS__; VD(0); \
    mrs x0, fpsr; DUMP(x0)

#define ARR_ALL 8b, 16b, 4h, 8h, 2s, 4s, 2d
#define ARR_BHS 8b, 16b, 4h, 8h, 2s, 4s
#define ARR_HS 4h, 8h, 2s, 4s
#define ARR_B 8b, 16b

.macro VAL hi, lo
    .quad \lo, \hi
.endm

.macro FOR_SETS tab, n
    adr x19, \tab
    mov x20, #\n
8:
    ldp q16, q17, [x19]
    ldr q18, [x19, #32]
    add x19, x19, #48
.endm

.macro END_SETS
    subs x20, x20, #1
    b.ne 8b
.endm

.macro V3 op, arrs:vararg
    .irp a, \arrs
    T(\op v0.\a, v16.\a, v17.\a)
    .endr
.endm
.macro V3Q op, arrs:vararg
    .irp a, \arrs
    TQ(\op v0.\a, v16.\a, v17.\a)
    .endr
.endm
.macro V2 op, arrs:vararg
    .irp a, \arrs
    T(\op v0.\a, v16.\a)
    .endr
.endm
.macro V2Q op, arrs:vararg
    .irp a, \arrs
    TQ(\op v0.\a, v16.\a)
    .endr
.endm
