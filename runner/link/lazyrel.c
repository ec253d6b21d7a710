/* lazyrel.c — post-link step for build/tern: takes the relocations of the
 * sections that runner/link/lazy.ld gathered (capstone's data, *.tern_lazy) out of
 * the set glibc's static-pie start-up applies, and records where they are in
 * tern's `tern_lazy_info` so runner/lazyreloc.c can apply them on first use.
 *
 *   lazyrel FILE      rewrites FILE in place
 *
 * How: .rela.dyn is reordered to [lazy RELATIVE | eager RELATIVE | eager
 * other]; DT_RELA moves past the lazy ones and DT_RELASZ/DT_RELACOUNT shrink.
 * The eager part keeps ending where .rela.plt starts: glibc's start-up relies
 * on the two being contiguous.
 *
 * Invariants: every change keeps the file a correct program. When the layout
 * is not the expected one (no lazy section, a non-RELATIVE relocation inside
 * one, tags missing, sizes that do not add up) FILE is left as it was and the
 * tool says why on stderr and exits 0: tern then simply relocates everything
 * at start-up, as without this step. Only I/O errors fail the build.
 */
#include <elf.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LAZY_MAGIC 0x7465726e6c617a79ull   /* "ternlazy"; runner/lazyreloc.c */
#define LAZY_SUFFIX ".tern_lazy"

/* the layout of tern_lazy_info in runner/lazyreloc.c */
struct lazy_info {
    uint64_t magic;
    uint64_t rela_vaddr;    /* first lazy Elf64_Rela */
    uint64_t count;
    uint64_t ro_start;      /* lazy targets inside RELRO: made writable while applied */
    uint64_t ro_end;
};

static const char *path;

static void skip(const char *why)
{
    fprintf(stderr, "lazyrel: %s: %s; every relocation stays eager\n", path, why);
    exit(0);
}

static void die(const char *why)
{
    fprintf(stderr, "lazyrel: %s: %s\n", path, why);
    exit(1);
}

static bool ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && !strcmp(s + a - b, suf);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: lazyrel FILE\n", stderr);
        return 2;
    }
    path = argv[1];
    FILE *f = fopen(path, "rb");
    if (!f)
        die("cannot open");
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (len < (long)sizeof(Elf64_Ehdr))
        die("too short");
    uint8_t *img = malloc((size_t)len);
    if (!img || fread(img, 1, (size_t)len, f) != (size_t)len)
        die("cannot read");
    fclose(f);

    Elf64_Ehdr *eh = (Elf64_Ehdr *)img;
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
        eh->e_machine != EM_X86_64 || eh->e_type != ET_DYN)
        skip("not an x86-64 PIE");
    if (eh->e_shoff + (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr) > (uint64_t)len ||
        eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > (uint64_t)len ||
        eh->e_shstrndx >= eh->e_shnum)
        skip("bad headers");
    Elf64_Shdr *sh = (Elf64_Shdr *)(img + eh->e_shoff);
    Elf64_Phdr *ph = (Elf64_Phdr *)(img + eh->e_phoff);
    const char *shstr = (const char *)img + sh[eh->e_shstrndx].sh_offset;

    Elf64_Shdr *rela = NULL, *dyn = NULL, *symtab = NULL;
    Elf64_Shdr *lazy[8];
    int nlazy_secs = 0;
    for (int i = 0; i < eh->e_shnum; i++) {
        const char *n = shstr + sh[i].sh_name;
        if (!strcmp(n, ".rela.dyn"))
            rela = &sh[i];
        else if (sh[i].sh_type == SHT_DYNAMIC)
            dyn = &sh[i];
        else if (sh[i].sh_type == SHT_SYMTAB)
            symtab = &sh[i];
        else if (ends_with(n, LAZY_SUFFIX) && sh[i].sh_size && nlazy_secs < 8)
            lazy[nlazy_secs++] = &sh[i];
    }
    if (!rela || !dyn || !symtab)
        skip("no .rela.dyn, .dynamic or .symtab");
    if (!nlazy_secs)
        skip("no " LAZY_SUFFIX " section");

    uint64_t relro_lo = 0, relro_hi = 0;
    for (int i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_GNU_RELRO) {
            relro_lo = ph[i].p_vaddr;
            relro_hi = ph[i].p_vaddr + ph[i].p_memsz;
        }

    /* the dynamic tags this rewrites */
    Elf64_Dyn *d = (Elf64_Dyn *)(img + dyn->sh_offset);
    size_t nd = dyn->sh_size / sizeof(*d);
    Elf64_Dyn *t_rela = NULL, *t_relasz = NULL, *t_relacount = NULL, *t_jmprel = NULL;
    for (size_t i = 0; i < nd && d[i].d_tag != DT_NULL; i++) {
        switch (d[i].d_tag) {
        case DT_RELA: t_rela = &d[i]; break;
        case DT_RELASZ: t_relasz = &d[i]; break;
        case DT_RELACOUNT: t_relacount = &d[i]; break;
        case DT_JMPREL: t_jmprel = &d[i]; break;
        case DT_RELR: skip("already uses DT_RELR");
        }
    }
    if (!t_rela || !t_relasz || !t_relacount)
        skip("DT_RELA, DT_RELASZ or DT_RELACOUNT missing");
    if (t_rela->d_un.d_ptr != rela->sh_addr || t_relasz->d_un.d_val != rela->sh_size ||
        rela->sh_entsize != sizeof(Elf64_Rela) || rela->sh_offset + rela->sh_size > (uint64_t)len)
        skip(".rela.dyn and the dynamic tags disagree");
    if (t_jmprel && t_jmprel->d_un.d_ptr != rela->sh_addr + rela->sh_size)
        skip(".rela.plt does not follow .rela.dyn");

    Elf64_Rela *r = (Elf64_Rela *)(img + rela->sh_offset);
    size_t n = rela->sh_size / sizeof(*r);
    Elf64_Rela *out = malloc(rela->sh_size ? rela->sh_size : 1);
    if (!out)
        die("out of memory");
    size_t nl = 0, nrel = 0, ntotal_rel = 0;
    uint64_t ro_lo = UINT64_MAX, ro_hi = 0;
    /* pass 1: lazy ones; pass 2: eager RELATIVE; pass 3: the rest */
    for (int pass = 0; pass < 3; pass++) {
        for (size_t i = 0; i < n; i++) {
            bool relative = ELF64_R_TYPE(r[i].r_info) == R_X86_64_RELATIVE;
            bool in_lazy = false;
            for (int k = 0; k < nlazy_secs; k++)
                if (r[i].r_offset >= lazy[k]->sh_addr &&
                    r[i].r_offset < lazy[k]->sh_addr + lazy[k]->sh_size)
                    in_lazy = true;
            if (in_lazy && !relative)
                skip("a non-RELATIVE relocation targets a lazy section");
            int want = in_lazy ? 0 : relative ? 1 : 2;
            if (want != pass)
                continue;
            out[nl + nrel] = r[i];
            if (pass == 0) {
                nl++;
                if (r[i].r_offset >= relro_lo && r[i].r_offset + 8 <= relro_hi) {
                    if (r[i].r_offset < ro_lo)
                        ro_lo = r[i].r_offset;
                    if (r[i].r_offset + 8 > ro_hi)
                        ro_hi = r[i].r_offset + 8;
                }
            } else {
                nrel++;  /* counts passes 1 and 2: the index of the next slot */
                if (pass == 1)
                    ntotal_rel++;
            }
        }
    }
    if (nl + nrel != n)
        die("internal error: relocations lost");
    if (t_relacount->d_un.d_val > ntotal_rel + nl)
        skip("DT_RELACOUNT counts more RELATIVE relocations than there are");
    if (!nl)
        skip("no relocation targets a lazy section");
    memcpy(r, out, rela->sh_size);
    t_rela->d_un.d_ptr += nl * sizeof(Elf64_Rela);
    t_relasz->d_un.d_val -= nl * sizeof(Elf64_Rela);
    t_relacount->d_un.d_val = ntotal_rel;

    /* tern_lazy_info */
    Elf64_Sym *sym = (Elf64_Sym *)(img + symtab->sh_offset);
    size_t nsym = symtab->sh_size / sizeof(*sym);
    const char *str = (const char *)img + sh[symtab->sh_link].sh_offset;
    struct lazy_info *info = NULL;
    for (size_t i = 0; i < nsym; i++) {
        if (strcmp(str + sym[i].st_name, "tern_lazy_info") || sym[i].st_shndx >= eh->e_shnum ||
            sym[i].st_size != sizeof(struct lazy_info))
            continue;
        Elf64_Shdr *s = &sh[sym[i].st_shndx];
        if (s->sh_type != SHT_PROGBITS)
            break;
        info = (struct lazy_info *)(img + s->sh_offset + (sym[i].st_value - s->sh_addr));
    }
    if (!info || info->magic != LAZY_MAGIC)
        skip("no tern_lazy_info to record the lazy relocations in");
    /* the info itself must not be a lazy target or relocated at all: it holds
     * link-time addresses that lazyreloc.c adds the load base to */
    info->rela_vaddr = rela->sh_addr;
    info->count = nl;
    info->ro_start = ro_hi ? ro_lo : 0;
    info->ro_end = ro_hi;

    /* same size, written in place (the Makefile runs this on a temporary) */
    FILE *o = fopen(path, "r+b");
    if (!o || fwrite(img, 1, (size_t)len, o) != (size_t)len || fclose(o))
        die("cannot write");
    fprintf(stderr, "lazyrel: %s: %zu of %zu relocations deferred\n", path, nl, n);
    return 0;
}
