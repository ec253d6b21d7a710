/* trans_branch.c — the "branches, exception generating and system
 * instructions" group (op0 = 101x): B/BL, B.cond, CBZ/CBNZ, TBZ/TBNZ,
 * BR/BLR/RET, SVC/BRK, hints, barriers, CLREX, MRS/MSR and the SYS cache
 * maintenance ops user space may issue.
 *
 * Invariants:
 *  - unconditional branches end the block; conditional ones are side exits
 *    and the block goes on with the fall-through insn;
 *  - everything EL0 may not execute (HVC, SMC, HLT, MSR to EL1 registers,
 *    PSTATE fields other than NZCV) has no row or is refused => SIGILL, as
 *    the kernel delivers it;
 *  - PAuth is not advertised, so its hint-space forms (PACIASP, AUTIASP,
 *    XPACLRI, BTI) are NOPs and the non-hint forms (RETAA, BRAA...) SIGILL.
 */
#include "frontends/aarch64/a64_internal.h"
#include "loader/vdso.h"

#define B (s->b)

/* ---- branches ---- */

static bool trans_b(struct a64_ctx *s, uint32_t insn)
{
    uint64_t target = s->pc + (uint64_t)(a64_sbits(insn, 0, 26) * 4);
    if (insn & (1u << 31))  /* BL */
        a64_set_x(s, A64_LR, gen_const(B, (int64_t)(s->pc + 4)));
    a64_goto(s, target);
    return true;
}

static bool trans_b_cond(struct a64_ctx *s, uint32_t insn)
{
    uint64_t target = s->pc + (uint64_t)(a64_sbits(insn, 5, 19) * 4);
    unsigned cond = insn & 15;
    if (cond >= 14) {
        a64_goto(s, target);
        return true;
    }
    struct a64_cmp c = a64_gen_cond(s, cond);
    gen_exit_cond(B, c.ty, c.cond, c.a, c.b, target);
    return true;
}

static bool trans_cbz(struct a64_ctx *s, uint32_t insn)
{
    uint64_t target = s->pc + (uint64_t)(a64_sbits(insn, 5, 19) * 4);
    enum ir_type ty = A64_SF(insn) ? IR_I64 : IR_I32;
    bool nz = insn & (1u << 24);
    gen_exit_cond(B, ty, nz ? IR_NE : IR_EQ, a64_get_x(s, A64_RD(insn)), gen_const(B, 0), target);
    return true;
}

static bool trans_tbz(struct a64_ctx *s, uint32_t insn)
{
    uint64_t target = s->pc + (uint64_t)(a64_sbits(insn, 5, 14) * 4);
    unsigned bit = a64_bits(insn, 31, 1) << 5 | a64_bits(insn, 19, 5);
    bool nz = insn & (1u << 24);
    gen_exit_cond(B, IR_I64, nz ? IR_TSTNZ : IR_TSTZ, a64_get_x(s, A64_RD(insn)),
                  gen_const(B, (int64_t)(1ull << bit)), target);
    return true;
}

/* BR, BLR, RET (opc = bits 24:21: 0000, 0001, 0010) */
static bool trans_br(struct a64_ctx *s, uint32_t insn)
{
    unsigned opc = a64_bits(insn, 21, 4);
    ir_ref t = a64_get_x(s, A64_RN(insn));
    int hint = IR_JMP_PLAIN;
    if (opc == 1) {
        a64_set_x(s, A64_LR, gen_const(B, (int64_t)(s->pc + 4)));
        hint = IR_JMP_CALL;
    } else if (opc == 2) {
        hint = IR_JMP_RET;
    } else if (opc != 0) {
        return false;
    }
    gen_goto_ind(B, t, hint);
    s->stop = true;
    return true;
}

/* ---- exceptions ---- */

static bool trans_svc(struct a64_ctx *s, uint32_t insn)
{
    (void)insn;  /* Linux ignores the immediate */
    gen_exit(B, EXIT_SYSCALL, s->pc);
    s->stop = true;
    return true;
}

static bool trans_brk(struct a64_ctx *s, uint32_t insn)
{
    gen_set(B, IR_I64, CPU_OFF(exit_arg), gen_const(B, a64_bits(insn, 5, 16)));
    gen_exit(B, EXIT_SIGTRAP, s->pc);
    s->stop = true;
    return true;
}

/* ---- system ---- */

static bool trans_hint(struct a64_ctx *s, uint32_t insn)
{
    (void)s, (void)insn;  /* NOP, YIELD, WFE, WFI, SEV(L), BTI, PAC*SP... */
    return true;
}

/* CRm:op2 of the barrier space (CRn = 3) */
static bool trans_barrier(struct a64_ctx *s, uint32_t insn)
{
    unsigned op2 = a64_bits(insn, 5, 3), crm = a64_bits(insn, 8, 4);
    switch (op2) {
    case 2: /* CLREX */
        gen_set(B, IR_I64, CPU_OFF(res_addr), gen_const(B, -1));
        return true;
    case 4: /* DSB (CRm 0 and 4: SSBB/PSSBB) */
    case 5: /* DMB */
        /* x86-64 keeps every order but store->load, so only the full
         * (CRm type bits 11) barriers fence; LD/ST-only ones and the
         * speculation barriers SSBB/PSSBB (DSB CRm 0/4) are free */
        if ((crm & 3) == 3)
            gen_fence(B);
        return true;
    case 6: /* ISB: translated code is already in order */
    case 7: /* SB */
        return true;
    default:
        return false;
    }
}

#define SYSREG_OF(insn) ((uint32_t)a64_bits(insn, 5, 16))

static bool trans_mrs(struct a64_ctx *s, uint32_t insn)
{
    uint32_t sr = SYSREG_OF(insn);
    int rt = A64_RD(insn);
    uint64_t v;
    switch (sr) {
    case A64_SR_NZCV:
        a64_set_x(s, rt, a64_flags_to_nzcv(s));
        return true;
    case A64_SR_TPIDR_EL0:
        a64_set_x(s, rt, gen_get(B, IR_I64, CPU_OFF(tpidr_el0)));
        return true;
    case A64_SR_TPIDRRO_EL0:
        a64_set_x(s, rt, gen_get(B, IR_I64, CPU_OFF(tpidrro_el0)));
        return true;
    case A64_SR_FPCR:
    case A64_SR_FPSR:
        if (!(s->features & A64_F_FP))
            return false;
        /* fall through */
    case A64_SR_CNTVCT_EL0:
    case A64_SR_CNTVCTSS_EL0:
        a64_set_x(s, rt, gen_call(B, (void *)a64_helper_mrs, 0, 1, gen_const(B, sr), 0, 0, 0));
        return true;
    }
    if (!a64_sysreg_const(s->features, sr, &v))
        return false;
    a64_set_x(s, rt, gen_const(B, (int64_t)v));
    return true;
}

static bool trans_msr(struct a64_ctx *s, uint32_t insn)
{
    uint32_t sr = SYSREG_OF(insn);
    ir_ref v = a64_get_x(s, A64_RD(insn));
    switch (sr) {
    case A64_SR_NZCV:
        a64_flags_from_nzcv(s, v);
        return true;
    case A64_SR_TPIDR_EL0:
        gen_set(B, IR_I64, CPU_OFF(tpidr_el0), v);
        return true;
    case A64_SR_FPCR:
    case A64_SR_FPSR:
        if (!(s->features & A64_F_FP))
            return false;
        gen_call(B, (void *)a64_helper_msr, IR_CALL_RW_VEC, 2, gen_const(B, sr), v, 0, 0);
        return true;
    default:
        return false;
    }
}

/* SYS #op1, Cn, Cm, #op2, Xt: the cache maintenance ops EL0 may use */
static bool trans_sys(struct a64_ctx *s, uint32_t insn)
{
    unsigned op1 = a64_bits(insn, 16, 3), crn = a64_bits(insn, 12, 4);
    unsigned crm = a64_bits(insn, 8, 4), op2 = a64_bits(insn, 5, 3);
    if (op1 != 3 || crn != 7 || op2 != 1)
        return false;
    switch (crm) {
    case 4: { /* DC ZVA: zero the 64-byte block holding Xt */
        ir_ref a = gen_and(B, IR_I64, a64_get_x(s, A64_RD(insn)), gen_const(B, ~63ll));
        ir_ref z = gen_const(B, 0);
        for (int i = 0; i < 64; i += 8)
            gen_st(B, MO_64 | MO_USER, a, i, z);
        return true;
    }
    case 10: /* DC CVAC */
    case 11: /* DC CVAU */
    case 14: /* DC CIVAC */
        /* data caches are coherent on the host: nothing to clean */
        return true;
    case 5: /* IC IVAU: the guest wrote code; drop translations and go on */
        gen_exit(B, EXIT_FLUSH, s->pc + 4);
        s->stop = true;
        return true;
    default:
        return false;
    }
}

/* UDF #imm16 is permanently undefined; the few that are tern's vDSO traps
 * (loader/vdso.h) call the vDSO helper when they sit inside the vDSO, and
 * are declined (SIGILL) everywhere else */
static bool trans_vdso_trap(struct a64_ctx *s, uint32_t insn)
{
    return vdso_gen_trap(s->tc->proc, B, s->pc, vdso_a64_trap_op(insn));
}

/* Columns: mask, match, features, name, trans */
const struct a64_pattern a64_branch_sys_patterns[] = {
    { 0x7c000000, 0x14000000, 0, "b/bl",        trans_b },
    { 0xff000010, 0x54000000, 0, "b.cond",      trans_b_cond },
    { 0x7e000000, 0x34000000, 0, "cbz/cbnz",    trans_cbz },
    { 0x7e000000, 0x36000000, 0, "tbz/tbnz",    trans_tbz },
    { 0xff9ffc1f, 0xd61f0000, 0, "br/blr/ret",  trans_br },
    { 0xffe0001f, 0xd4000001, 0, "svc",         trans_svc },
    { 0xffe0001f, 0xd4200000, 0, "brk",         trans_brk },
    { 0xfffff01f, 0xd503201f, 0, "hint",        trans_hint },
    { 0xfffff01f, 0xd503301f, 0, "barrier",     trans_barrier },
    { 0xfff80000, 0xd5080000, 0, "sys",         trans_sys },
    { 0xfff00000, 0xd5300000, 0, "mrs",         trans_mrs },
    { 0xfff00000, 0xd5100000, 0, "msr",         trans_msr },
    { 0xffff0000, 0x00000000, 0, "udf (vdso)",  trans_vdso_trap },
    { 0, 0, 0, NULL, NULL },
};
