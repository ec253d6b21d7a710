/* prog_rv64.c — the riscv64 arch of the differential tester: writes the
 * assembler source of a test program and describes records and states in
 * reports. For each variant (a sequence, maybe with items dropped) the
 * program has a prologue that loads its initial state, the body, and an
 * epilogue that writes one record to stdout; then exit(0). No libc: the
 * program is linked -nostdlib -static.
 *
 * Layout: `dump` (the record header, registers and fcsr: RV_REC_MEM bytes) sits
 * right below `scratch`, so the epilogue reaches every slot from sp (which
 * always points at scratch) and writes record = dump..scratch+SCRATCH in one
 * write(2).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/difftest/rv64.h"

#define ST_X    0
#define ST_F    256
#define ST_FCSR 512
#define ST_MEM  520

/* registers whose names appear in the text */
static void regs_named(const char *text, uint32_t *xm, uint32_t *fm)
{
    *xm = *fm = 0;
    const char *p = text;
    while (*p) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
            const char *s = p;
            while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
                p++;
            size_t l = (size_t)(p - s);
            if (s > text && (s[-1] == '.' || s[-1] == '@'))
                continue;   /* a mnemonic suffix (.s, .d) or a label */
            for (int i = 0; i < 32; i++) {
                if (strlen(rv_xreg_name(i)) == l && !strncmp(rv_xreg_name(i), s, l))
                    *xm |= 1u << i;
                if (strlen(rv_freg_name(i)) == l && !strncmp(rv_freg_name(i), s, l))
                    *fm |= 1u << i;
            }
        } else {
            p++;
        }
    }
}

/* Loads the state: everything from the table, then (li mode) the x registers
 * the body names once more with li, right before it, so they are constants
 * the translator can fold. */
static void prologue(FILE *f, const struct variant *v, int n, int s)
{
    const struct seq *q = v->q;
    const struct state *st = &q->st[s];
    fprintf(f, "    la sp, scratch\n");
    fprintf(f, "    sc.d zero, zero, (sp)\n");   /* drops a reservation left by the last sequence */
    fprintf(f, "    la a0, st_%d_%d + %d\n", n, s, ST_MEM);
    fprintf(f, "    jal ra, copy_scratch\n");
    fprintf(f, "    la t6, st_%d_%d\n", n, s);
    fprintf(f, "    ld ra, %d(t6)\n    fscsr ra\n", ST_FCSR);
    for (int i = 0; i < 32; i++)
        fprintf(f, "    fld %s, %d(t6)\n", rv_freg_name(i), ST_F + 8 * i);
    for (int i = 1; i < 31; i++)
        if (i != 2 && i != 8)
            fprintf(f, "    ld %s, %d(t6)\n", rv_xreg_name(i), ST_X + 8 * i);
    fprintf(f, "    addi s0, sp, 128\n");
    fprintf(f, "    ld t6, %d(t6)\n", ST_X + 8 * 31);
    if (q->li_mode) {
        char *body = variant_body(v);
        uint32_t xm, fm;
        regs_named(body, &xm, &fm);
        free(body);
        for (int i = 1; i < 32; i++)
            if (xm >> i & 1 && i != 2 && i != 8)
                fprintf(f, "    li %s, 0x%llx\n", rv_xreg_name(i), (unsigned long long)st->x[i]);
    }
}

/* Writes the record; for a sequence that runs twice, the first pass then
 * loads the second state and jumps back to the body (pass_<n> says which
 * pass is running, and goes into the tag). */
static void epilogue(FILE *f, const struct variant *v, int n)
{
    fprintf(f, "end_%d:\n", n);
    for (int i = 1; i < 32; i++)
        fprintf(f, "    sd %s, %d(sp)\n", rv_xreg_name(i), RV_REC_X + 8 * (i - 1) - RV_REC_MEM);
    for (int i = 0; i < 32; i++)
        fprintf(f, "    fsd %s, %d(sp)\n", rv_freg_name(i), RV_REC_F + 8 * i - RV_REC_MEM);
    fprintf(f, "    frcsr ra\n    sd ra, %d(sp)\n", RV_REC_FCSR - RV_REC_MEM);
    fprintf(f, "    la ra, pass_%d\n    ld ra, 0(ra)\n", n);
    fprintf(f, "    li a0, 0x%llx\n    or ra, ra, a0\n    sd ra, %d(sp)\n",
            (unsigned long long)v->tag, -RV_REC_MEM);
    fprintf(f, "    li a7, 64\n    li a0, 1\n    addi a1, sp, %d\n    li a2, %d\n    ecall\n",
            -RV_REC_MEM, RV_RECORD);
    if (v->q->rerun) {
        fprintf(f, "    la t0, pass_%d\n    ld t1, 0(t0)\n    bnez t1, next_%d\n", n, n);
        fprintf(f, "    li t1, 0x%llx\n    sd t1, 0(t0)\n", (unsigned long long)TAG_RERUN);
        prologue(f, v, n, 1);
        fprintf(f, "    j body_%d\n", n);
        fprintf(f, "next_%d:\n", n);
    }
}

static void state_table(FILE *f, const struct state *st, int n, int s)
{
    fprintf(f, "st_%d_%d:\n", n, s);
    for (int i = 0; i < 32; i++)
        fprintf(f, "    .dword 0x%llx\n", (unsigned long long)st->x[i]);
    for (int i = 0; i < 32; i++)
        fprintf(f, "    .dword 0x%llx\n", (unsigned long long)st->f[i]);
    fprintf(f, "    .dword 0x%llx\n", (unsigned long long)st->fcsr);
    for (int i = 0; i < SCRATCH; i += 8) {
        uint64_t w;
        memcpy(&w, &st->scratch[i], 8);
        fprintf(f, "    .dword 0x%llx\n", (unsigned long long)w);
    }
}

static void write_program(FILE *f, const struct variant *v, int n)
{
    fprintf(f, "    .option norvc\n    .text\n    .globl _start\n_start:\n");
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
    fprintf(f, "    li a7, 93\n    li a0, 0\n    ecall\n");
    fprintf(f, "copy_scratch:\n    la a1, scratch\n    li a2, %d\n", SCRATCH / 8);
    fprintf(f, "1:  ld a3, 0(a0)\n    sd a3, 0(a1)\n    addi a0, a0, 8\n    addi a1, a1, 8\n"
               "    addi a2, a2, -1\n    bnez a2, 1b\n    ret\n");

    fprintf(f, "    .data\n    .balign 8\n");
    for (int k = 0; k < n; k++) {
        const struct seq *q = v[k].q;
        fprintf(f, "pass_%d:\n    .dword 0\n", k);
        state_table(f, &q->st[0], k, 0);
        if (q->rerun)
            state_table(f, &q->st[1], k, 1);
    }
    fprintf(f, "    .bss\n    .balign 4096\ndump:\n    .space %d\nscratch:\n    .space %d\n"
               "    .space 64\n", RV_REC_MEM, SCRATCH);
}

/* ---- reports ---- */

static void fp_comment(char *buf, size_t len, uint64_t bits)
{
    if ((bits >> 32) == 0xffffffffu) {
        uint32_t s = (uint32_t)bits;
        float f;
        memcpy(&f, &s, 4);
        snprintf(buf, len, "single %a = %.9g", (double)f, (double)f);
    } else {
        double d;
        memcpy(&d, &bits, 8);
        snprintf(buf, len, "double %a = %.17g", d, d);
    }
}

static const char *describe_diff(struct strbuf *s, const uint8_t *t, const uint8_t *q,
                                 const struct state *sq)
{
    const char *kind = NULL;
    for (int i = 1; i < 32; i++) {
        uint64_t a = get64(t + RV_REC_X + 8 * (i - 1)), b = get64(q + RV_REC_X + 8 * (i - 1));
        if (a != b) {
            sb_printf(s, "    %-5s tern 0x%016llx  qemu 0x%016llx  (initial 0x%llx)\n", rv_xreg_name(i),
                      (unsigned long long)a, (unsigned long long)b, (unsigned long long)sq->x[i]);
            kind = kind ? kind : "x";
        }
    }
    for (int i = 0; i < 32; i++) {
        uint64_t a = get64(t + RV_REC_F + 8 * i), b = get64(q + RV_REC_F + 8 * i);
        if (a != b) {
            char ca[80], cb[80];
            fp_comment(ca, sizeof(ca), a);
            fp_comment(cb, sizeof(cb), b);
            sb_printf(s, "    %-5s tern 0x%016llx  qemu 0x%016llx\n          tern %s\n          qemu %s\n",
                      rv_freg_name(i), (unsigned long long)a, (unsigned long long)b, ca, cb);
            kind = kind ? kind : "f";
        }
    }
    uint64_t a = get64(t + RV_REC_FCSR), b = get64(q + RV_REC_FCSR);
    if (a != b) {
        sb_printf(s, "    fcsr  tern 0x%02llx (frm %llu, flags %s%s%s%s%s)  qemu 0x%02llx (frm %llu, flags %s%s%s%s%s)\n",
                  (unsigned long long)a, (unsigned long long)(a >> 5),
                  a & 16 ? "NV " : "", a & 8 ? "DZ " : "", a & 4 ? "OF " : "", a & 2 ? "UF " : "", a & 1 ? "NX" : "",
                  (unsigned long long)b, (unsigned long long)(b >> 5),
                  b & 16 ? "NV " : "", b & 8 ? "DZ " : "", b & 4 ? "OF " : "", b & 2 ? "UF " : "", b & 1 ? "NX" : "");
        kind = kind ? kind : "fcsr";
    }
    for (int i = 0; i < SCRATCH; i += 8) {
        uint64_t ma = get64(t + RV_REC_MEM + i), mb = get64(q + RV_REC_MEM + i);
        if (ma != mb) {
            sb_printf(s, "    mem[sp+%3d] tern 0x%016llx  qemu 0x%016llx  (initial 0x%016llx)\n", i,
                      (unsigned long long)ma, (unsigned long long)mb,
                      (unsigned long long)get64(&sq->scratch[i]));
            kind = kind ? kind : "mem";
        }
    }
    return kind ? kind : "?";
}

static void describe_state(struct strbuf *s, const char *body, const struct state *st)
{
    uint32_t xm, fm;
    regs_named(body, &xm, &fm);
    for (int i = 1; i < 32; i++)
        if (xm >> i & 1 && i != 2 && i != 8)
            sb_printf(s, "    %-5s = 0x%016llx\n", rv_xreg_name(i), (unsigned long long)st->x[i]);
    for (int i = 0; i < 32; i++)
        if (fm >> i & 1) {
            char c[80];
            fp_comment(c, sizeof(c), st->f[i]);
            sb_printf(s, "    %-5s = 0x%016llx  %s\n", rv_freg_name(i), (unsigned long long)st->f[i], c);
        }
    sb_printf(s, "    fcsr  = 0x%02llx (frm %llu, fflags 0x%02llx); sp = scratch, s0 = scratch+128\n",
              (unsigned long long)st->fcsr, (unsigned long long)(st->fcsr >> 5),
              (unsigned long long)(st->fcsr & 31));
}

static uint64_t no_enumerations(int ex)
{
    (void)ex;
    return 0;
}

static const char *const rv_gaps[] = { "fmarmm", "badfrm", "amomisalign", NULL };
static const char *const rv_ex[] = { NULL };

const struct arch arch_riscv64 = {
    .name = "riscv64",
    /* qemu 7.2's default cpu has Zbc, which tern's "max" model does not */
    .qemu = "qemu-riscv64-static -cpu rv64,zbc=false",
    .as = "riscv64-linux-gnu-as", .ld = "riscv64-linux-gnu-ld",
    .objdump = "riscv64-linux-gnu-objdump",
    .env = "RISCV64",
    .as_flags = { "-march=rv64gc_zba_zbb_zbs", "-mabi=lp64d", NULL },
    .record = RV_RECORD,
    .known_gaps = rv_gaps,
    .ex_names = rv_ex,
    .gen_seq = rv_gen_seq,
    .class_index = rv_class_index,
    .class_name = rv_class_name,
    .all_classes = rv_all_classes,
    .ex_count = no_enumerations,
    .write_program = write_program,
    .describe_diff = describe_diff,
    .describe_state = describe_state,
};
