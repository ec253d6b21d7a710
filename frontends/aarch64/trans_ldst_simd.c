/* trans_ldst_simd.c — AdvSIMD structure loads and stores: LD1..LD4 and
 * ST1..ST4 of multiple structures, of a single structure to/from one lane,
 * and the load-and-replicate LD1R..LD4R; each with no offset, post-index by
 * the transfer size, or post-index by a register.
 *
 * Invariants:
 *  - the register list Vt, Vt+1, ... wraps modulo 32;
 *  - LD1/ST1 of multiple registers, the single-lane and the replicate forms
 *    are inline 64-bit/element accesses on CPU_VREG halves; only the
 *    interleaving LD2..LD4/ST2..ST4 (multiple) go through a helper
 *    (a64_helper_ldst_struct, IR_CALL_RW_VEC) that reads or writes guest
 *    memory itself;
 *  - loads read all of memory before they write any register, and the base
 *    writeback comes last, as in trans_ldst.c;
 *  - a Q = 0 multiple-structure or replicate load zeroes bits 127:64 of each
 *    register it writes; a single-lane load keeps every other lane.
 */
#include "frontends/aarch64/a64_vec.h"
#include "frontends/aarch64/trans_ldst.h"

#define B (s->b)

/* helper descriptor fields */
#define DESC(rt, selem, size, q, load) \
    ((uint64_t)(rt) | (uint64_t)(selem) << 5 | (uint64_t)(size) << 8 | (uint64_t)(q) << 10 | \
     (uint64_t)(load) << 11)

static int vreg_n(int rt, int i)
{
    return (rt + i) & 31;
}

/* post-index writeback: Rm = 31 means by the transfer size */
static void gen_post(struct a64_ctx *s, int rn, int rm, ir_ref base, int64_t bytes)
{
    ir_ref inc = rm == 31 ? gen_const(B, bytes) : a64_get_x(s, rm);
    a64_set_xsp(s, rn, gen_add(B, IR_I64, base, inc));
}

/* opcode (bits 15:12) of the multiple-structure forms */
static const struct { int8_t rpt, selem; } multi_ops[16] = {
    /* opcode  rpt selem */
    [0x0] = { 1, 4 },  /* LD4/ST4 */
    [0x2] = { 4, 1 },  /* LD1/ST1, 4 registers */
    [0x4] = { 1, 3 },  /* LD3/ST3 */
    [0x6] = { 3, 1 },  /* LD1/ST1, 3 registers */
    [0x7] = { 1, 1 },  /* LD1/ST1, 1 register */
    [0x8] = { 1, 2 },  /* LD2/ST2 */
    [0xa] = { 2, 1 },  /* LD1/ST1, 2 registers */
};

/* 0 Q 0011 00 P L 0 Rm opcode size Rn Rt (Rm = 0 without post-index) */
static bool trans_multi(struct a64_ctx *s, uint32_t insn, bool post)
{
    unsigned opcode = a64_bits(insn, 12, 4), size = a64_bits(insn, 10, 2);
    int q = (int)a64_bits(insn, 30, 1);
    bool l = insn & (1u << 22);
    int rt = A64_RD(insn), rn = A64_RN(insn), rm = A64_RM(insn);
    int rpt = multi_ops[opcode].rpt, selem = multi_ops[opcode].selem;
    if (!rpt || (insn & (1u << 21)) || (!post && rm != 0))
        return false;
    if (size == 3 && !q && selem > 1)
        return false;
    int nregs = rpt * selem;
    int32_t regbytes = q ? 16 : 8;
    ir_ref base = a64_get_xsp(s, rn);

    if (selem > 1) {
        gen_call(B, (void *)a64_helper_ldst_struct, IR_CALL_RW_VEC | IR_CALL_MAY_EXIT, 2, base,
                 gen_const(B, (int64_t)DESC(rt, selem, size, q, l)), 0, 0);
    } else if (l) {
        /* consecutive registers, elements in order: plain 64-bit loads */
        ir_ref lo[4], hi[4];
        for (int i = 0; i < nregs; i++) {
            lo[i] = gen_ld(B, MO_64 | MO_USER, base, i * regbytes);
            hi[i] = q ? gen_ld(B, MO_64 | MO_USER, base, i * regbytes + 8) : gen_const(B, 0);
        }
        for (int i = 0; i < nregs; i++) {
            a64_set_vlo(s, vreg_n(rt, i), lo[i]);
            a64_set_vhi(s, vreg_n(rt, i), hi[i]);
        }
    } else {
        for (int i = 0; i < nregs; i++) {
            gen_st(B, MO_64 | MO_USER, base, i * regbytes, a64_get_vlo(s, vreg_n(rt, i)));
            if (q)
                gen_st(B, MO_64 | MO_USER, base, i * regbytes + 8, a64_get_vhi(s, vreg_n(rt, i)));
        }
    }
    if (post)
        gen_post(s, rn, rm, base, (int64_t)nregs * regbytes);
    return true;
}

/* an element of 1 << scale bytes replicated over 64 bits */
static const int64_t replicate_mul[4] = {
    0x0101010101010101, 0x0001000100010001, 0x0000000100000001, 1,
};

/* 0 Q 0011 01 P L R Rm opcode S size Rn Rt (Rm = 0 without post-index) */
static bool trans_single(struct a64_ctx *s, uint32_t insn, bool post)
{
    unsigned opcode = a64_bits(insn, 13, 3), size = a64_bits(insn, 10, 2);
    unsigned q = a64_bits(insn, 30, 1), sbit = a64_bits(insn, 12, 1);
    bool l = insn & (1u << 22);
    int rt = A64_RD(insn), rn = A64_RN(insn), rm = A64_RM(insn);
    unsigned scale = opcode >> 1;
    int selem = (int)((opcode & 1) << 1 | a64_bits(insn, 21, 1)) + 1;
    bool replicate = false;
    unsigned index = 0;
    if (!post && rm != 0)
        return false;
    switch (scale) {
    case 0:
        index = q << 3 | sbit << 2 | size;
        break;
    case 1:
        if (size & 1)
            return false;
        index = q << 2 | sbit << 1 | size >> 1;
        break;
    case 2:
        if (size & 2)
            return false;
        if (size & 1) {  /* 64-bit lanes */
            if (sbit)
                return false;
            scale = 3;
            index = q;
        } else {
            index = q << 1 | sbit;
        }
        break;
    default:  /* LD1R..LD4R */
        if (!l || sbit)
            return false;
        replicate = true;
        scale = size;
        break;
    }
    int32_t esize = 1 << scale;
    ir_ref base = a64_get_xsp(s, rn);
    /* where the lane lives: which half, and its bit offset in it */
    int half = (int)((index << scale) >> 3);
    int shift = (int)((index << scale) & 7) * 8;

    if (replicate) {
        ir_ref v[4];
        for (int i = 0; i < selem; i++)
            v[i] = gen_ld(B, scale | MO_USER, base, i * esize);
        for (int i = 0; i < selem; i++) {
            ir_ref rep = scale == 3 ? v[i]
                       : gen_binop(B, IR_mul, IR_I64, v[i], gen_const(B, replicate_mul[scale]));
            a64_set_vlo(s, vreg_n(rt, i), rep);
            a64_set_vhi(s, vreg_n(rt, i), q ? rep : gen_const(B, 0));
        }
    } else if (l) {
        ir_ref v[4];
        for (int i = 0; i < selem; i++)
            v[i] = gen_ld(B, scale | MO_USER, base, i * esize);
        for (int i = 0; i < selem; i++) {
            int32_t off = CPU_VREG(vreg_n(rt, i), half);
            ir_ref nv = v[i];
            if (scale != 3) {
                uint64_t mask = ((1ull << (8 * esize)) - 1) << shift;
                ir_ref old = gen_and(B, IR_I64, gen_get(B, IR_I64, off), gen_const(B, (int64_t)~mask));
                if (shift)
                    nv = gen_binop(B, IR_shl, IR_I64, nv, gen_const(B, shift));
                nv = gen_or(B, IR_I64, old, nv);
            }
            gen_set(B, IR_I64, off, nv);
        }
    } else {
        for (int i = 0; i < selem; i++) {
            ir_ref v = gen_get(B, IR_I64, CPU_VREG(vreg_n(rt, i), half));
            if (shift)
                v = gen_binop(B, IR_shr, IR_I64, v, gen_const(B, shift));
            gen_st(B, scale | MO_USER, base, i * esize, v);
        }
    }
    if (post)
        gen_post(s, rn, rm, base, (int64_t)selem * esize);
    return true;
}

/* 0 Q 0011 0 single post L ...: bit 24 single structure, bit 23 post-index */
bool a64_trans_ldst_struct(struct a64_ctx *s, uint32_t insn)
{
    if (!(s->features & A64_F_SIMD))
        return false;
    bool post = insn & (1u << 23);
    if (insn & (1u << 24))
        return trans_single(s, insn, post);
    return trans_multi(s, insn, post);
}

/* LD2..LD4 / ST2..ST4 (multiple structures): element e of register r is at
 * memory element e * selem + r */
uint64_t a64_helper_ldst_struct(struct cpu *cpu, uint64_t addr, uint64_t desc, uint64_t u2,
                                uint64_t u3)
{
    (void)u2, (void)u3;
    unsigned rt = desc & 31, selem = (desc >> 5) & 7, size = (desc >> 8) & 3;
    unsigned q = (desc >> 10) & 1, load = (desc >> 11) & 1;
    unsigned esize = 1u << size, nelem = (q ? 16u : 8u) >> size;
    size_t total = (size_t)selem * nelem * esize;
    uint8_t buf[64];
    a64_vreg v[4];
    if (load) {
        memcpy(buf, (const void *)(uintptr_t)addr, total);
        memset(v, 0, sizeof(v));
        for (unsigned e = 0; e < nelem; e++)
            for (unsigned r = 0; r < selem; r++)
                memcpy(&v[r].b[e * esize], &buf[(e * selem + r) * esize], esize);
        for (unsigned r = 0; r < selem; r++)
            a64_vput(cpu, rt + r, &v[r]);
    } else {
        for (unsigned r = 0; r < selem; r++)
            v[r] = a64_vget(cpu, rt + r);
        for (unsigned e = 0; e < nelem; e++)
            for (unsigned r = 0; r < selem; r++)
                memcpy(&buf[(e * selem + r) * esize], &v[r].b[e * esize], esize);
        memcpy((void *)(uintptr_t)addr, buf, total);
    }
    return 0;
}
