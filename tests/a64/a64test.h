/* a64test.h — helpers for freestanding aarch64 family tests (*.S).
 *
 *   #include "a64test.h"
 *   TEST_START            defines _start; then your code; then TEST_EXIT
 *   DUMP xN               prints xN as 16 hex digits and a newline
 *   DUMPV vN              prints vN (128 bits) as hi:lo hex
 *   DUMP_NZCV             prints NZCV as 4 letters (nzcv when clear)
 *   TEST_EXIT             exit_group(0)
 *
 * Every macro preserves all general registers, NZCV and the V registers it
 * does not print, so dumps can sit between the instructions under test.
 * Uses 128 bytes of stack below sp, which must be 16-byte aligned.
 */
#define TEST_START .text; .global _start; _start: b a64t_main; A64T_LIB; a64t_main:

#define A64T_LIB \
a64t_hex: /* x0 = value; clobbers x0-x3, x8, nzcv (callers save) */ \
    sub sp, sp, #32; mov x2, #15; \
1:  and x1, x0, #15; cmp x1, #10; add x3, x1, #'0'; add x1, x1, #('a' - 10); \
    csel x1, x3, x1, lt; strb w1, [sp, x2]; lsr x0, x0, #4; subs x2, x2, #1; b.ge 1b; \
    mov x0, #1; mov x1, sp; mov x2, #16; mov x8, #64; svc #0; \
    add sp, sp, #32; ret; \
a64t_nl: mov x0, #10; b a64t_char; \
a64t_colon: mov x0, #':'; \
a64t_char: sub sp, sp, #16; strb w0, [sp]; mov x0, #1; mov x1, sp; mov x2, #1; \
    mov x8, #64; svc #0; add sp, sp, #16; ret

#define A64T_SAVE \
    sub sp, sp, #64; stp x0, x1, [sp]; stp x2, x3, [sp, #16]; stp x8, x30, [sp, #32]; \
    mrs x0, nzcv; str x0, [sp, #48]
#define A64T_RESTORE \
    ldr x0, [sp, #48]; msr nzcv, x0; ldp x2, x3, [sp, #16]; ldp x8, x30, [sp, #32]; \
    ldp x0, x1, [sp]; add sp, sp, #64

/* the value is read before anything is clobbered: str it first */
#define DUMP(reg) \
    str reg, [sp, #-8]; A64T_SAVE; ldr x0, [sp, #56]; bl a64t_hex; bl a64t_nl; A64T_RESTORE

/* the copy sits at sp-128, below what a64t_hex (sp-96..-81) and a64t_char
 * (sp-80) use while printing it */
#define DUMPV(vreg) \
    str q##vreg, [sp, #-128]; A64T_SAVE; ldr x0, [sp, #-56]; bl a64t_hex; bl a64t_colon; \
    ldr x0, [sp, #-64]; bl a64t_hex; bl a64t_nl; A64T_RESTORE

#define DUMP_NZCV \
    A64T_SAVE; ldr x1, [sp, #48]; mov x0, #'n'; tst x1, #(1 << 31); b.eq 2f; mov x0, #'N'; \
2:  bl a64t_char; ldr x1, [sp, #48]; mov x0, #'z'; tst x1, #(1 << 30); b.eq 2f; mov x0, #'Z'; \
2:  bl a64t_char; ldr x1, [sp, #48]; mov x0, #'c'; tst x1, #(1 << 29); b.eq 2f; mov x0, #'C'; \
2:  bl a64t_char; ldr x1, [sp, #48]; mov x0, #'v'; tst x1, #(1 << 28); b.eq 2f; mov x0, #'V'; \
2:  bl a64t_char; bl a64t_nl; A64T_RESTORE

#define TEST_EXIT mov x0, #0; mov x8, #94; svc #0
