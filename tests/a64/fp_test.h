/* fp_test.h — helpers for the FP family tests (*.S), after a64test.h.
 *
 * Output is buffered (one write per ~60 KiB) since the tests print tens of
 * thousands of results:
 *   FPT_INIT           once, after TEST_START: x28 = output cursor
 *   bl fpt_hex64       x0 as 16 hex digits and a space
 *   bl fpt_hex32       w0 as 8 hex digits and a space
 *   bl fpt_nl          newline (flushes when the buffer is nearly full)
 *   bl fpt_flush       write what is buffered (before TEST_EXIT)
 *   LA xN, sym         address of sym
 *   FPT_RESULT         print d0 (64 bits), v0.d[1] and FPSR, newline; then
 *                      FPSR = 0
 *   FPT_PRE            before the insn under test: v0 = all ones (so
 *                      FPT_RESULT shows that a scalar write clears the rest)
 * The helpers clobber x0-x3 and x8 only; tests keep loop state in x19-x27.
 * x26 is all ones while FPT_PRE/FPT_RESULT are in use.
 */
#define FPT_BUF_SIZE 65536

.macro LA reg, sym
    adrp \reg, \sym
    add \reg, \reg, :lo12:\sym
.endm

.macro FPT_INIT
    LA x28, fpt_buf
    mov x26, #-1
    b 9999f
fpt_hex64:
    mov x2, #60
    b 1f
fpt_hex32:
    mov x2, #28
1:  lsr x1, x0, x2
    and x1, x1, #15
    cmp x1, #10
    add x3, x1, #'0'
    add x1, x1, #('a' - 10)
    csel x1, x3, x1, lt
    strb w1, [x28], #1
    subs x2, x2, #4
    b.ge 1b
    mov w1, #' '
    strb w1, [x28], #1
    ret
fpt_nl:
    mov w1, #10
    strb w1, [x28], #1
    LA x1, fpt_buf
    sub x2, x28, x1
    mov x3, #(FPT_BUF_SIZE - 1024)
    cmp x2, x3
    b.lt 1f
fpt_flush:
    mov x3, x8
    LA x1, fpt_buf
    sub x2, x28, x1
    mov x0, #1
    mov x8, #64
    svc #0
    LA x28, fpt_buf
    mov x8, x3
1:  ret
9999:
.endm

.macro FPT_PRE
    fmov d0, x26
    fmov v0.d[1], x26
.endm

.macro FPT_RESULT
    mrs x25, fpsr
    fmov x0, d0
    bl fpt_hex64
    fmov x0, v0.d[1]
    bl fpt_hex64
    mov x0, x25
    bl fpt_hex32
    bl fpt_nl
    msr fpsr, xzr
.endm

/* FPCR values: RMode in bits 23:22, FZ bit 24, DN bit 25, AHP bit 26 */
#define FPCR_RN 0
#define FPCR_RP 0x400000
#define FPCR_RM 0x800000
#define FPCR_RZ 0xc00000
#define FPCR_FZ 0x1000000
#define FPCR_DN 0x2000000
#define FPCR_AHP 0x4000000

/* for each FPCR in the list at label (count n): FPCR set, printed, then the
 * body; x19/x20 are the loop state */
.macro FOR_FPCR list, n
    LA x19, \list
    mov x20, #\n
8888:
    ldr x0, [x19], #8
    msr fpcr, x0
    bl fpt_hex64
    bl fpt_nl
.endm
.macro END_FPCR
    subs x20, x20, #1
    b.ne 8888b
.endm

/* ins once per value a of the table vals (n 8-byte entries): d1 = a */
.macro SINGLES vals, n, ins:vararg
    LA x21, \vals
    mov x23, #\n
7770:
    ldr d1, [x21], #8
    FPT_PRE
    \ins
    FPT_RESULT
    subs x23, x23, #1
    b.ne 7770b
.endm

/* ins once per pair (a, b) of the table: d1 = a, d2 = b */
.macro PAIRS vals, n, ins:vararg
    LA x21, \vals
    mov x23, #\n
7771:
    LA x22, \vals
    mov x24, #\n
7772:
    ldr d1, [x21]
    ldr d2, [x22], #8
    FPT_PRE
    \ins
    FPT_RESULT
    subs x24, x24, #1
    b.ne 7772b
    add x21, x21, #8
    subs x23, x23, #1
    b.ne 7771b
.endm

/* ins once per triple (a, b, c) of the table: d1 = a, d2 = b, d3 = c */
.macro TRIPLES vals, n, ins:vararg
    LA x21, \vals
    mov x23, #\n
7773:
    LA x22, \vals
    mov x24, #\n
7774:
    LA x27, \vals
    mov x0, #\n
    str x0, [sp, #-16]!
7775:
    ldr d1, [x21]
    ldr d2, [x22]
    ldr d3, [x27], #8
    FPT_PRE
    \ins
    FPT_RESULT
    ldr x0, [sp]
    subs x0, x0, #1
    str x0, [sp]
    b.ne 7775b
    add sp, sp, #16
    add x22, x22, #8
    subs x24, x24, #1
    b.ne 7774b
    add x21, x21, #8
    subs x23, x23, #1
    b.ne 7773b
.endm

/* vector forms: tables of 16-byte entries */
/* ins once per entry a: q1 = a */
.macro VSINGLES vecs, n, ins:vararg
    LA x21, \vecs
    mov x23, #\n
7780:
    ldr q1, [x21], #16
    FPT_PRE
    \ins
    FPT_RESULT
    subs x23, x23, #1
    b.ne 7780b
.endm

/* ins once per pair (a, b) of entries, b stepping by `step` entries (so a
 * long table is sampled): q1 = a, q2 = b; q0 = a rotated (an accumulator) */
.macro VPAIRS vecs, n, ins:vararg
    LA x21, \vecs
    mov x23, #\n
7783:
    LA x22, \vecs
    mov x24, #\n
7784:
    ldr q1, [x21]
    ldr q2, [x22], #16
    FPT_PRE
    ext v0.16b, v2.16b, v1.16b, #4
    \ins
    FPT_RESULT
    subs x24, x24, #1
    b.ne 7784b
    add x21, x21, #16
    subs x23, x23, #1
    b.ne 7783b
.endm
