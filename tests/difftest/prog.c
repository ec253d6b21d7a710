/* prog.c — writes the assembler source of a test program: for each variant
 * (a sequence, maybe with items dropped) a prologue that loads its initial
 * state, the body, and an epilogue that writes one record to stdout; then
 * exit(0). No libc: the program is linked -nostdlib -static.
 *
 * Layout: `dump` (the record header, registers and fcsr: REC_MEM bytes) sits
 * right below `scratch`, so the epilogue reaches every slot from sp (which
 * always points at scratch) and writes record = dump..scratch+SCRATCH in one
 * write(2).
 */
#include <stdlib.h>
#include <string.h>

#include "tests/difftest/difftest.h"

#define ST_X    0
#define ST_F    256
#define ST_FCSR 512
#define ST_MEM  520

/* copies src to out, "@L<n>" becoming "<prefix><n>", and dropping
 * ".option" lines when `readable` */
static void put_text(FILE *f, const char *src, const char *prefix, bool readable)
{
    for (const char *p = src; *p;) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        if (readable && len >= 7 && !strncmp(p, ".option", 7)) {
            p += len + (eol ? 1 : 0);
            continue;
        }
        if (readable && !(len >= 2 && p[0] == '@' && p[1] == 'L'))
            fputs("    ", f);
        for (size_t i = 0; i < len; i++) {
            if (p[i] == '@' && p[i + 1] == 'L') {
                fputs(prefix, f);
                i++;
            } else {
                fputc(p[i], f);
            }
        }
        fputc('\n', f);
        p += len + (eol ? 1 : 0);
    }
}

/* registers whose names appear in the text */
void regs_named(const char *text, uint32_t *xm, uint32_t *fm)
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
                if (strlen(xreg_name(i)) == l && !strncmp(xreg_name(i), s, l))
                    *xm |= 1u << i;
                if (strlen(freg_name(i)) == l && !strncmp(freg_name(i), s, l))
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
        fprintf(f, "    fld %s, %d(t6)\n", freg_name(i), ST_F + 8 * i);
    for (int i = 1; i < 31; i++)
        if (i != 2 && i != 8)
            fprintf(f, "    ld %s, %d(t6)\n", xreg_name(i), ST_X + 8 * i);
    fprintf(f, "    addi s0, sp, 128\n");
    fprintf(f, "    ld t6, %d(t6)\n", ST_X + 8 * 31);
    if (q->li_mode) {
        char *body = variant_body(v);
        uint32_t xm, fm;
        regs_named(body, &xm, &fm);
        free(body);
        for (int i = 1; i < 32; i++)
            if (xm >> i & 1 && i != 2 && i != 8)
                fprintf(f, "    li %s, 0x%llx\n", xreg_name(i), (unsigned long long)st->x[i]);
    }
}

/* Writes the record; for a sequence that runs twice, the first pass then
 * loads the second state and jumps back to the body (pass_<n> says which
 * pass is running, and goes into the tag). */
static void epilogue(FILE *f, const struct variant *v, int n)
{
    fprintf(f, "end_%d:\n", n);
    for (int i = 1; i < 32; i++)
        fprintf(f, "    sd %s, %d(sp)\n", xreg_name(i), REC_X + 8 * (i - 1) - REC_MEM);
    for (int i = 0; i < 32; i++)
        fprintf(f, "    fsd %s, %d(sp)\n", freg_name(i), REC_F + 8 * i - REC_MEM);
    fprintf(f, "    frcsr ra\n    sd ra, %d(sp)\n", REC_FCSR - REC_MEM);
    fprintf(f, "    la ra, pass_%d\n    ld ra, 0(ra)\n", n);
    fprintf(f, "    li a0, 0x%llx\n    or ra, ra, a0\n    sd ra, %d(sp)\n",
            (unsigned long long)v->tag, -REC_MEM);
    fprintf(f, "    li a7, 64\n    li a0, 1\n    addi a1, sp, %d\n    li a2, %d\n    ecall\n",
            -REC_MEM, RECORD);
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

void write_program(FILE *f, const struct variant *v, int n)
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
               "    .space 64\n", REC_MEM, SCRATCH);
}

char *variant_body(const struct variant *v)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return xstrdup("?");
    const struct seq *q = v->q;
    for (int i = 0; i < q->nitems; i++)
        if (q->items[i].is_label || !v->keep || v->keep[i])
            put_text(f, q->items[i].text, "L", true);
    fclose(f);
    return buf;
}
