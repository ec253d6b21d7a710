/* prog_a64.c — the aarch64 arch of the differential tester: writes the
 * assembler source of a test program and describes records and states in
 * reports. For each variant the program has a prologue that loads the
 * initial state (scratch memory, NZCV, FPCR, FPSR, V0-V31, SP, X0-X30), the
 * body, and an epilogue that writes one record to stdout; then exit(0). No
 * libc: linked -nostdlib -static.
 *
 * The harness uses few instruction kinds (ADRP/ADD, LDR/STR/LDP/STP of X
 * and Q with immediate or register offsets, MOV to/from SP, MRS/MSR of
 * NZCV, FPCR, FPSR and TPIDR_EL0, CBNZ, BR, BL/RET, SVC), so tern runs it as
 * soon as those work;
 * an illegal instruction there is reported by the driver as a harness
 * failure, not against a sequence.
 *
 * A program run with k arguments starts at variant k (vtable): after a
 * sequence stops one side, the driver runs the same program again from the
 * next one instead of building a new program.
 *
 * The epilogue must not depend on the body's SP or registers: it parks X0 in
 * TPIDR_EL0, points X0 at `dump` (the record buffer right below `scratch`,
 * so registers and memory go out in one write(2)), and stores from there.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/difftest/a64.h"

/* the x and v registers whose names appear in text (x/w, v/q/d/s/h/b) */
static void regs_named(const char *text, uint32_t *xm, uint32_t *vm)
{
    *xm = *vm = 0;
    const char *p = text;
    while (*p) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_') {
            const char *s = p;
            while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')
                p++;
            if (s > text && (s[-1] == '.' || s[-1] == '@' || s[-1] == '#'))
                continue;
            if (p - s < 2 || p - s > 3)
                continue;
            int n = 0;
            for (const char *c = s + 1; c < p; c++) {
                if (*c < '0' || *c > '9') {
                    n = -1;
                    break;
                }
                n = n * 10 + (*c - '0');
            }
            if (n < 0 || n > 31)
                continue;
            if ((s[0] == 'x' || s[0] == 'w') && n < 31)
                *xm |= 1u << n;
            else if (strchr("vqdshb", s[0]))
                *vm |= 1u << n;
        } else {
            p++;
        }
    }
}

static void li(FILE *f, int r, uint64_t v)
{
    fprintf(f, "    li x%d, 0x%llx\n", r, (unsigned long long)v);
}

/* loads state s of variant n; `li` mode then sets the x registers the body
 * names once more with move-wide sequences, so they are constants the
 * translator can fold */
static void prologue(FILE *f, const struct variant *v, int n, int s)
{
    const struct seq *q = v->q;
    const struct state *st = &q->st[s];
    fprintf(f, "    adrp x0, st_%d_%d\n    add x0, x0, :lo12:st_%d_%d\n", n, s, n, s);
    fprintf(f, "    bl copy_scratch\n");
    fprintf(f, "    ldr x1, [x0, #%d]\n    msr nzcv, x1\n", A64_REC_NZCV);
    fprintf(f, "    ldr x1, [x0, #%d]\n    msr fpcr, x1\n", A64_REC_FPCR);
    fprintf(f, "    ldr x1, [x0, #%d]\n    msr fpsr, x1\n", A64_REC_FPSR);
    for (int i = 0; i < 32; i += 2)
        fprintf(f, "    ldp q%d, q%d, [x0, #%d]\n", i, i + 1, A64_REC_V + 16 * i);
    fprintf(f, "    adrp x1, scratch\n    add x1, x1, :lo12:scratch\n");
    fprintf(f, "    add x1, x1, #%d\n    mov sp, x1\n", (int)st->x[31]);
    for (int i = 1; i < 31; i += 2)
        fprintf(f, "    ldp x%d, x%d, [x0, #%d]\n", i, i + 1, A64_REC_X + 8 * i);
    fprintf(f, "    ldr x0, [x0, #%d]\n", A64_REC_X);
    fprintf(f, "    clrex\n");   /* drops a reservation left by the last sequence */
    if (q->li_mode) {
        char *body = variant_body(v);
        uint32_t xm, vm;
        regs_named(body, &xm, &vm);
        free(body);
        for (int i = 0; i < 31; i++)
            if (xm >> i & 1)
                li(f, i, st->x[i]);
    }
}

static void epilogue(FILE *f, const struct variant *v, int n)
{
    fprintf(f, "end_%d:\n", n);
    fprintf(f, "    msr tpidr_el0, x0\n    adrp x0, dump\n    add x0, x0, :lo12:dump\n");
    for (int i = 1; i < 31; i += 2)
        fprintf(f, "    stp x%d, x%d, [x0, #%d]\n", i, i + 1, A64_REC_X + 8 * i);
    fprintf(f, "    mrs x1, tpidr_el0\n    str x1, [x0, #%d]\n", A64_REC_X);
    fprintf(f, "    mrs x1, nzcv\n    str x1, [x0, #%d]\n", A64_REC_NZCV);
    fprintf(f, "    mrs x1, fpcr\n    str x1, [x0, #%d]\n", A64_REC_FPCR);
    fprintf(f, "    mrs x1, fpsr\n    str x1, [x0, #%d]\n", A64_REC_FPSR);
    fprintf(f, "    mov x1, sp\n    str x1, [x0, #%d]\n", A64_REC_SP);
    for (int i = 0; i < 32; i += 2)
        fprintf(f, "    stp q%d, q%d, [x0, #%d]\n", i, i + 1, A64_REC_V + 16 * i);
    fprintf(f, "    adrp x1, pass_%d\n    ldr x1, [x1, :lo12:pass_%d]\n", n, n);
    li(f, 2, v->tag);
    fprintf(f, "    orr x1, x1, x2\n    str x1, [x0]\n");
    fprintf(f, "    mov x1, x0\n    mov x0, #1\n    mov x2, #%d\n    mov x8, #64\n    svc #0\n", A64_RECORD);
    if (v->q->rerun) {
        fprintf(f, "    adrp x0, pass_%d\n    add x0, x0, :lo12:pass_%d\n    ldr x1, [x0]\n", n, n);
        fprintf(f, "    cbnz x1, next_%d\n", n);
        li(f, 1, TAG_RERUN);
        fprintf(f, "    str x1, [x0]\n");
        prologue(f, v, n, 1);
        fprintf(f, "    b body_%d\n", n);
        fprintf(f, "next_%d:\n", n);
    }
}

static void state_table(FILE *f, const struct state *st, int n, int s)
{
    fprintf(f, "    .balign 16\nst_%d_%d:\n    .quad 0\n", n, s);
    for (int i = 0; i < 31; i++)
        fprintf(f, "    .quad 0x%llx\n", (unsigned long long)st->x[i]);
    fprintf(f, "    .quad 0x%llx\n", (unsigned long long)st->x[31]);
    fprintf(f, "    .quad 0x%llx, 0x%llx, 0x%llx\n", (unsigned long long)st->nzcv,
            (unsigned long long)st->fpcr, (unsigned long long)st->fpsr);
    for (int i = 0; i < 32; i++)
        fprintf(f, "    .quad 0x%llx, 0x%llx\n", (unsigned long long)st->v[i][0],
                (unsigned long long)st->v[i][1]);
    for (int i = 0; i < SCRATCH; i += 8) {
        uint64_t w;
        memcpy(&w, &st->scratch[i], 8);
        fprintf(f, "    .quad 0x%llx\n", (unsigned long long)w);
    }
}

static void write_program(FILE *f, const struct variant *v, int n)
{
    /* li: a 64-bit constant in four move-wide steps (readable in bodies) */
    fprintf(f, "    .macro li rd, imm\n"
               "    movz \\rd, #((\\imm) & 0xffff)\n"
               "    movk \\rd, #(((\\imm) >> 16) & 0xffff), lsl #16\n"
               "    movk \\rd, #(((\\imm) >> 32) & 0xffff), lsl #32\n"
               "    movk \\rd, #(((\\imm) >> 48) & 0xffff), lsl #48\n"
               "    .endm\n");
    /* argc - 1 = the variant to start at (a rerun after a stop) */
    fprintf(f, "    .text\n    .globl _start\n_start:\n"
               "    ldr x0, [sp]\n    sub x0, x0, #1\n"
               "    adrp x1, vtable\n    add x1, x1, :lo12:vtable\n"
               "    ldr x1, [x1, x0, lsl #3]\n    br x1\n");
    for (int k = 0; k < n; k++) {
        const struct seq *q = v[k].q;
        char prefix[32];
        snprintf(prefix, sizeof(prefix), ".LV%d_", k);
        fprintf(f, "V%d_start:\n", k);
        prologue(f, &v[k], k, 0);
        fprintf(f, "body_%d:\n", k);
        for (int i = 0; i < q->nitems; i++)
            if (q->items[i].is_label || !v[k].keep || v[k].keep[i])
                put_text(f, q->items[i].text, prefix, false);
        epilogue(f, &v[k], k);
    }
    fprintf(f, "finish:\n    mov x0, #0\n    mov x8, #93\n    svc #0\n");
    /* x0 = a state table: copies its scratch image into `scratch` */
    fprintf(f, "copy_scratch:\n    add x1, x0, #%d\n    adrp x2, scratch\n    add x2, x2, :lo12:scratch\n"
               "    mov x3, #%d\n"
               "1:  ldr x4, [x1]\n    str x4, [x2]\n    add x1, x1, #8\n    add x2, x2, #8\n"
               "    sub x3, x3, #1\n    cbnz x3, 1b\n    ret\n", A64_REC_MEM, SCRATCH / 8);
    fprintf(f, "    .data\n    .balign 16\nvtable:\n");
    for (int k = 0; k < n; k++)
        fprintf(f, "    .quad V%d_start\n", k);
    fprintf(f, "    .quad finish\n");
    for (int k = 0; k < n; k++) {
        const struct seq *q = v[k].q;
        fprintf(f, "pass_%d:\n    .quad 0\n", k);
        state_table(f, &q->st[0], k, 0);
        if (q->rerun)
            state_table(f, &q->st[1], k, 1);
    }
    fprintf(f, "    .bss\n    .balign 4096\ndump:\n    .space %d\nscratch:\n    .space %d\n"
               "    .space 64\n", A64_REC_MEM, SCRATCH);
}

/* ---- reports ---- */

static void fp_comment(char *buf, size_t len, uint64_t lo, uint64_t hi)
{
    double d;
    memcpy(&d, &lo, 8);
    float s0, s1;
    uint32_t w0 = (uint32_t)lo, w1 = (uint32_t)(lo >> 32);
    memcpy(&s0, &w0, 4);
    memcpy(&s1, &w1, 4);
    snprintf(buf, len, "d[0] %a  s[0] %a  s[1] %a%s", d, (double)s0, (double)s1,
             hi ? "" : "  (upper half 0)");
}

static void nzcv_str(char *buf, uint64_t v)
{
    snprintf(buf, 5, "%c%c%c%c", v >> 31 & 1 ? 'N' : 'n', v >> 30 & 1 ? 'Z' : 'z', v >> 29 & 1 ? 'C' : 'c',
             v >> 28 & 1 ? 'V' : 'v');
}

static void fpsr_str(char *buf, size_t len, uint64_t v)
{
    snprintf(buf, len, "%s%s%s%s%s%s%s", v & 1 ? "IOC " : "", v & 2 ? "DZC " : "", v & 4 ? "OFC " : "",
             v & 8 ? "UFC " : "", v & 16 ? "IXC " : "", v & 128 ? "IDC " : "", v >> 27 & 1 ? "QC" : "");
}

static void fpcr_str(char *buf, size_t len, uint64_t v)
{
    static const char *const rm[] = { "RN", "RP", "RM", "RZ" };
    snprintf(buf, len, "%s%s%s%s%s", rm[v >> 22 & 3], v & A64_FPCR_FZ ? " FZ" : "", v & A64_FPCR_DN ? " DN" : "",
             v & A64_FPCR_AHP ? " AHP" : "", v & ~(uint64_t)0x7c00000 ? " +other bits" : "");
}

static const char *describe_diff(struct strbuf *s, const uint8_t *t, const uint8_t *q,
                                 const struct state *sq)
{
    const char *kind = NULL;
    for (int i = 0; i < 31; i++) {
        uint64_t a = get64(t + A64_REC_X + 8 * i), b = get64(q + A64_REC_X + 8 * i);
        if (a != b) {
            sb_printf(s, "    x%-4d tern 0x%016llx  qemu 0x%016llx  (initial 0x%llx)\n", i,
                      (unsigned long long)a, (unsigned long long)b, (unsigned long long)sq->x[i]);
            kind = kind ? kind : "x";
        }
    }
    uint64_t a = get64(t + A64_REC_SP), b = get64(q + A64_REC_SP);
    if (a != b) {
        sb_printf(s, "    sp    tern 0x%016llx  qemu 0x%016llx\n", (unsigned long long)a, (unsigned long long)b);
        kind = kind ? kind : "sp";
    }
    a = get64(t + A64_REC_NZCV), b = get64(q + A64_REC_NZCV);
    if (a != b) {
        char ca[8], cb[8], ci[8];
        nzcv_str(ca, a);
        nzcv_str(cb, b);
        nzcv_str(ci, sq->nzcv);
        sb_printf(s, "    nzcv  tern %s  qemu %s  (initial %s)\n", ca, cb, ci);
        kind = kind ? kind : "nzcv";
    }
    for (int i = 0; i < 32; i++) {
        uint64_t al = get64(t + A64_REC_V + 16 * i), ah = get64(t + A64_REC_V + 16 * i + 8);
        uint64_t bl = get64(q + A64_REC_V + 16 * i), bh = get64(q + A64_REC_V + 16 * i + 8);
        if (al != bl || ah != bh) {
            char ca[160], cb[160];
            fp_comment(ca, sizeof(ca), al, ah);
            fp_comment(cb, sizeof(cb), bl, bh);
            sb_printf(s, "    v%-4d tern 0x%016llx:%016llx  qemu 0x%016llx:%016llx\n"
                         "          tern %s\n          qemu %s\n",
                      i, (unsigned long long)ah, (unsigned long long)al, (unsigned long long)bh,
                      (unsigned long long)bl, ca, cb);
            kind = kind ? kind : "v";
        }
    }
    a = get64(t + A64_REC_FPCR), b = get64(q + A64_REC_FPCR);
    if (a != b) {
        char ca[64], cb[64];
        fpcr_str(ca, sizeof(ca), a);
        fpcr_str(cb, sizeof(cb), b);
        sb_printf(s, "    fpcr  tern 0x%08llx (%s)  qemu 0x%08llx (%s)\n", (unsigned long long)a, ca,
                  (unsigned long long)b, cb);
        kind = kind ? kind : "fpcr";
    }
    a = get64(t + A64_REC_FPSR), b = get64(q + A64_REC_FPSR);
    if (a != b) {
        char ca[64], cb[64], ci[64];
        fpsr_str(ca, sizeof(ca), a);
        fpsr_str(cb, sizeof(cb), b);
        fpsr_str(ci, sizeof(ci), sq->fpsr);
        sb_printf(s, "    fpsr  tern 0x%08llx (%s)  qemu 0x%08llx (%s)  (initial %s)\n", (unsigned long long)a,
                  ca, (unsigned long long)b, cb, ci);
        kind = kind ? kind : "fpsr";
    }
    for (int i = 0; i < SCRATCH; i += 8) {
        uint64_t ma = get64(t + A64_REC_MEM + i), mb = get64(q + A64_REC_MEM + i);
        if (ma != mb) {
            sb_printf(s, "    mem[scratch+%3d] tern 0x%016llx  qemu 0x%016llx  (initial 0x%016llx)\n", i,
                      (unsigned long long)ma, (unsigned long long)mb,
                      (unsigned long long)get64(&sq->scratch[i]));
            kind = kind ? kind : "mem";
        }
    }
    return kind ? kind : "?";
}

static void describe_state(struct strbuf *s, const char *body, const struct state *st)
{
    uint32_t xm, vm;
    regs_named(body, &xm, &vm);
    for (int i = 0; i < 31; i++)
        if (xm >> i & 1)
            sb_printf(s, "    x%-4d = 0x%016llx\n", i, (unsigned long long)st->x[i]);
    for (int i = 0; i < 32; i++)
        if (vm >> i & 1) {
            char c[160];
            fp_comment(c, sizeof(c), st->v[i][0], st->v[i][1]);
            sb_printf(s, "    v%-4d = 0x%016llx:%016llx  %s\n", i, (unsigned long long)st->v[i][1],
                      (unsigned long long)st->v[i][0], c);
        }
    char n[8], fc[64], fs[64];
    nzcv_str(n, st->nzcv);
    fpcr_str(fc, sizeof(fc), st->fpcr);
    fpsr_str(fs, sizeof(fs), st->fpsr);
    sb_printf(s, "    nzcv %s, fpcr 0x%llx (%s), fpsr 0x%llx (%s); sp = scratch+%d\n", n,
              (unsigned long long)st->fpcr, fc, (unsigned long long)st->fpsr, fs, (int)st->x[31]);
}

void a64_gen_seq(struct seq *q, uint64_t seed, uint64_t idx, const struct genopt *o);
const char *a64_class_name(int i);
uint64_t a64_all_classes(void);
extern const char *const a64_known_gaps[];

const struct arch arch_aarch64 = {
    .name = "aarch64",
    /* qemu's default cpu (max) has more than tern's max model; the generator
     * only uses what both have */
    .qemu = "qemu-aarch64-static",
    .as = "aarch64-linux-gnu-as", .ld = "aarch64-linux-gnu-ld",
    .objdump = "aarch64-linux-gnu-objdump",
    .env = "AARCH64",
    .as_flags = { "-march=armv8-a+crc+crypto+lse+rcpc", NULL },
    .record = A64_RECORD,
    .start_by_argc = true,
    .known_gaps = a64_known_gaps,
    .ex_names = a64_ex_names,
    .gen_seq = a64_gen_seq,
    .class_index = a64_class_index,
    .class_name = a64_class_name,
    .all_classes = a64_all_classes,
    .ex_count = a64_ex_count,
    .write_program = write_program,
    .describe_diff = describe_diff,
    .describe_state = describe_state,
};
