/* seq.c — the arch-independent part of building sequences and reports: items
 * and their groups, forward-branch labels placed a few items later, the body
 * text of a variant, a growable string buffer.
 *
 * Invariants: a label is an item of its own that is never dropped, so a
 * variant that drops items still assembles; a pending label is placed after
 * its count of items, or when its level (loop, subroutine, sequence) ends, so
 * every branch goes forward to a label of the same sequence.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/difftest/difftest.h"

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        perror("realloc");
        exit(2);
    }
    return p;
}

char *xstrdup(const char *s)
{
    char *d = strdup(s);
    if (!d) {
        perror("strdup");
        exit(2);
    }
    return d;
}

static struct item *new_item(struct seq *q)
{
    if (q->nitems == q->cap) {
        q->cap = q->cap ? q->cap * 2 : 32;
        q->items = xrealloc(q->items, (size_t)q->cap * sizeof(*q->items));
    }
    struct item *it = &q->items[q->nitems++];
    memset(it, 0, sizeof(*it));
    return it;
}

void em_begin(struct emitter *e)
{
    e->cur = new_item(e->q);
    e->cur->group = e->group++;
}

void em_resume(struct emitter *e, int group)
{
    e->cur = new_item(e->q);
    e->cur->group = group;
}

/* appends one line of text to the current item */
void em_emit(struct emitter *e, const char *fmt, ...)
{
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof(line))
        n = (int)sizeof(line) - 1;
    struct item *it = e->cur;
    size_t old = it->text ? strlen(it->text) : 0;
    it->text = xrealloc(it->text, old + (size_t)n + 2);
    memcpy(it->text + old, line, (size_t)n);
    it->text[old + (size_t)n] = '\n';
    it->text[old + (size_t)n + 1] = 0;
}

void em_label(struct emitter *e, int id)
{
    struct item *it = new_item(e->q);
    it->group = -1;
    it->is_label = true;
    char buf[32];
    snprintf(buf, sizeof(buf), "@L%d:\n", id);
    it->text = xstrdup(buf);
}

/* after an item: count down the pending forward-branch labels */
void em_tick_labels(struct emitter *e)
{
    for (int i = e->loop_pend_base; i < e->npend;) {
        if (--e->pend[i].left <= 0) {
            em_label(e, e->pend[i].id);
            e->pend[i] = e->pend[--e->npend];
        } else {
            i++;
        }
    }
}

/* places every pending label from index `base` on */
void em_flush_labels(struct emitter *e, int base)
{
    while (e->npend > base)
        em_label(e, e->pend[--e->npend].id);
}

int em_new_fwd_label(struct emitter *e, int span)
{
    int id = e->next_label++;
    if (e->npend < (int)NELEM(e->pend)) {
        e->pend[e->npend].id = id;
        e->pend[e->npend].left = span;
        e->npend++;
    } else {
        em_label(e, id);   /* table full (never in practice): a zero-length skip */
    }
    return id;
}

int em_structured_head(struct emitter *e)
{
    int grp = e->cur->group;
    free(e->cur->text);
    e->q->nitems--;
    em_flush_labels(e, e->loop_pend_base);
    e->cur = new_item(e->q);
    e->cur->group = grp;
    return grp;
}

void free_seq(struct seq *q)
{
    for (int i = 0; i < q->nitems; i++)
        free(q->items[i].text);
    free(q->items);
    q->items = NULL;
    q->nitems = q->cap = 0;
}

/* ---- text ---- */

void put_text(FILE *f, const char *src, const char *prefix, bool readable)
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

void sb_printf(struct strbuf *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (s->len + (size_t)n + 1 > s->cap) {
        s->cap = (s->len + (size_t)n + 1) * 2;
        s->p = xrealloc(s->p, s->cap);
    }
    va_start(ap, fmt);
    vsnprintf(s->p + s->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    s->len += (size_t)n;
}

uint64_t get64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}
