/* x86_emit.h — x86-64 instruction encoder used by the backend.
 *
 * Every instruction goes through one ladder: legacy prefix -> REX -> opcode
 * bytes -> ModRM/SIB/displacement -> immediate (emit_insn). The helpers below
 * only pick opcode bytes and operand roles. Registers are numbered as in the
 * ModRM encoding (RAX=0 ... R15=15); XMM registers use the same 0..15 numbers.
 *
 * Invariant: a buffer never overflows silently — writes past `end` set
 * `overflow` and are dropped; the caller checks it after a block.
 */
#ifndef TERN_X86_EMIT_H
#define TERN_X86_EMIT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum { RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15 };

/* condition codes (low nibble of Jcc/SETcc/CMOVcc) */
enum { CC_O, CC_NO, CC_B, CC_AE, CC_E, CC_NE, CC_BE, CC_A,
       CC_S, CC_NS, CC_P, CC_NP, CC_L, CC_GE, CC_LE, CC_G };

struct xbuf {
    uint8_t *p, *start, *end;
    bool overflow;
};

static inline void xb_init(struct xbuf *b, void *mem, size_t size)
{
    b->p = b->start = mem;
    b->end = b->start + size;
    b->overflow = false;
}

static inline void emit_u8(struct xbuf *b, uint8_t v)
{
    if (b->p < b->end)
        *b->p++ = v;
    else
        b->overflow = true;
}
static inline void emit_u16(struct xbuf *b, uint16_t v) { emit_u8(b, v); emit_u8(b, v >> 8); }
static inline void emit_u32(struct xbuf *b, uint32_t v) { emit_u16(b, v); emit_u16(b, v >> 16); }
static inline void emit_u64(struct xbuf *b, uint64_t v) { emit_u32(b, v); emit_u32(b, v >> 32); }
static inline bool fits_i8(int64_t v) { return v >= -128 && v <= 127; }
static inline bool fits_i32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }

/* operand for the ModRM r/m slot: a register (base only, mode REG) or memory
 * [base + index*scale + disp] (index -1 for none) */
struct xrm {
    int8_t is_mem;
    int8_t base;
    int8_t index;
    uint8_t scale;  /* 1, 2, 4, 8 */
    int32_t disp;
};
static inline struct xrm RM_R(int r) { struct xrm m = {0, (int8_t)r, -1, 1, 0}; return m; }
static inline struct xrm RM_M(int base, int32_t disp) { struct xrm m = {1, (int8_t)base, -1, 1, disp}; return m; }
static inline struct xrm RM_MX(int base, int index, int scale, int32_t disp)
{
    struct xrm m = {1, (int8_t)base, (int8_t)index, (uint8_t)scale, disp};
    return m;
}

/* encoding flags for emit_insn */
#define X_W     0x01   /* REX.W */
#define X_66    0x02   /* operand-size prefix */
#define X_F2    0x04
#define X_F3    0x08
#define X_BYTE  0x10   /* byte register operands: force REX for SPL/BPL/SIL/DIL */
#define X_LOCK  0x20

/* The ladder: prefixes, REX, opcode (1-3 bytes, `op` big-endian in `oplen`),
 * ModRM with `reg` in the reg field, r/m operand, immediate of `immlen` bytes. */
static inline void emit_insn(struct xbuf *b, unsigned flags, uint32_t op, int oplen,
                             int reg, struct xrm rm, int64_t imm, int immlen)
{
    if (flags & X_LOCK) emit_u8(b, 0xf0);
    if (flags & X_66) emit_u8(b, 0x66);
    if (flags & X_F2) emit_u8(b, 0xf2);
    if (flags & X_F3) emit_u8(b, 0xf3);
    uint8_t rex = 0x40;
    if (flags & X_W) rex |= 8;
    if (reg & 8) rex |= 4;
    if (rm.is_mem && rm.index >= 0 && (rm.index & 8)) rex |= 2;
    if (rm.base & 8) rex |= 1;
    bool need = rex != 0x40;
    if ((flags & X_BYTE) && ((!rm.is_mem && rm.base >= 4 && rm.base < 8) || (reg >= 4 && reg < 8)))
        need = true;
    if (need) emit_u8(b, rex);
    for (int i = oplen - 1; i >= 0; i--)
        emit_u8(b, (uint8_t)(op >> (8 * i)));
    int r = reg & 7;
    if (!rm.is_mem) {
        emit_u8(b, 0xc0 | r << 3 | (rm.base & 7));
    } else {
        int base = rm.base & 7;
        int mod;
        if (rm.disp == 0 && base != RBP) mod = 0;
        else if (fits_i8(rm.disp)) mod = 1;
        else mod = 2;
        if (rm.index >= 0 || base == RSP) {
            int idx = rm.index >= 0 ? (rm.index & 7) : 4;
            int ss = rm.scale == 8 ? 3 : rm.scale == 4 ? 2 : rm.scale == 2 ? 1 : 0;
            emit_u8(b, mod << 6 | r << 3 | 4);
            emit_u8(b, ss << 6 | idx << 3 | base);
        } else {
            emit_u8(b, mod << 6 | r << 3 | base);
        }
        if (mod == 1) emit_u8(b, (uint8_t)rm.disp);
        else if (mod == 2) emit_u32(b, (uint32_t)rm.disp);
    }
    if (immlen == 1) emit_u8(b, (uint8_t)imm);
    else if (immlen == 2) emit_u16(b, (uint16_t)imm);
    else if (immlen == 4) emit_u32(b, (uint32_t)imm);
}

/* VEX-encoded (BMI1/BMI2/FMA): map 1=0F, 2=0F38, 3=0F3A; pp 0=none 1=66 2=F3 3=F2 */
static inline void emit_vex(struct xbuf *b, int map, int pp, int w, int l, int vvvv,
                            uint8_t opcode, int reg, struct xrm rm)
{
    int R = !(reg & 8), X = !(rm.is_mem && rm.index >= 0 && (rm.index & 8)), B = !(rm.base & 8);
    emit_u8(b, 0xc4);
    emit_u8(b, (uint8_t)(R << 7 | X << 6 | B << 5 | map));
    emit_u8(b, (uint8_t)(w << 7 | ((~vvvv) & 15) << 3 | l << 2 | pp));
    /* reuse the ModRM part of the ladder without prefixes or REX */
    struct xbuf tmp = *b;
    uint8_t buf[16];
    xb_init(&tmp, buf, sizeof(buf));
    emit_insn(&tmp, 0, opcode, 1, reg & 7, (struct xrm){rm.is_mem, (int8_t)(rm.base & 7),
              (int8_t)(rm.index >= 0 ? rm.index & 7 : -1), rm.scale, rm.disp}, 0, 0);
    for (uint8_t *q = buf; q < tmp.p; q++)
        emit_u8(b, *q);
}

/* ---- integer ---- */
enum { ALU_ADD = 0, ALU_OR = 1, ALU_ADC = 2, ALU_SBB = 3, ALU_AND = 4, ALU_SUB = 5,
       ALU_XOR = 6, ALU_CMP = 7 };
enum { SH_ROL = 0, SH_ROR = 1, SH_SHL = 4, SH_SHR = 5, SH_SAR = 7 };

static inline unsigned wflag(bool w64) { return w64 ? X_W : 0; }

/* alu reg, r/m :  op r64, r/m64  (03 + 8*alu) */
static inline void emit_alu_r_rm(struct xbuf *b, int alu, bool w64, int reg, struct xrm rm)
{ emit_insn(b, wflag(w64), 0x03 + 8 * alu, 1, reg, rm, 0, 0); }
/* alu r/m, reg  (01 + 8*alu) */
static inline void emit_alu_rm_r(struct xbuf *b, int alu, bool w64, struct xrm rm, int reg)
{ emit_insn(b, wflag(w64), 0x01 + 8 * alu, 1, reg, rm, 0, 0); }
/* alu r/m, imm32 (sign-extended) */
static inline void emit_alu_rm_i(struct xbuf *b, int alu, bool w64, struct xrm rm, int32_t imm)
{
    if (fits_i8(imm)) emit_insn(b, wflag(w64), 0x83, 1, alu, rm, imm, 1);
    else emit_insn(b, wflag(w64), 0x81, 1, alu, rm, imm, 4);
}
/* register copy; a same-register move is omitted even at 32 bits (callers that
 * want the zero-extension use emit_movzx(…, 4, …)) */
static inline void emit_mov_rr(struct xbuf *b, bool w64, int dst, int src)
{ if (dst != src) emit_insn(b, wflag(w64), 0x8b, 1, dst, RM_R(src), 0, 0); }
static inline void emit_mov_r_m(struct xbuf *b, bool w64, int dst, struct xrm m)
{ emit_insn(b, wflag(w64), 0x8b, 1, dst, m, 0, 0); }
static inline void emit_mov_m_r(struct xbuf *b, bool w64, struct xrm m, int src)
{ emit_insn(b, wflag(w64), 0x89, 1, src, m, 0, 0); }
/* store of size 1/2/4/8 bytes from a register */
static inline void emit_store(struct xbuf *b, int size, struct xrm m, int src)
{
    switch (size) {
    case 1: emit_insn(b, X_BYTE, 0x88, 1, src, m, 0, 0); break;
    case 2: emit_insn(b, X_66, 0x89, 1, src, m, 0, 0); break;
    case 4: emit_insn(b, 0, 0x89, 1, src, m, 0, 0); break;
    default: emit_insn(b, X_W, 0x89, 1, src, m, 0, 0); break;
    }
}
/* store of an immediate (sign-extended imm32 for 8 bytes) */
static inline void emit_store_i(struct xbuf *b, int size, struct xrm m, int32_t imm)
{
    switch (size) {
    case 1: emit_insn(b, 0, 0xc6, 1, 0, m, imm, 1); break;
    case 2: emit_insn(b, X_66, 0xc7, 1, 0, m, imm, 2); break;
    case 4: emit_insn(b, 0, 0xc7, 1, 0, m, imm, 4); break;
    default: emit_insn(b, X_W, 0xc7, 1, 0, m, imm, 4); break;
    }
}
/* load of size 1/2/4/8, zero- or sign-extended to 64 bits */
static inline void emit_load(struct xbuf *b, int size, bool sign, int dst, struct xrm m)
{
    switch (size) {
    case 1: emit_insn(b, sign ? X_W : 0, sign ? 0x0fbe : 0x0fb6, 2, dst, m, 0, 0); break;
    case 2: emit_insn(b, sign ? X_W : 0, sign ? 0x0fbf : 0x0fb7, 2, dst, m, 0, 0); break;
    case 4:
        if (sign) emit_insn(b, X_W, 0x63, 1, dst, m, 0, 0);
        else emit_insn(b, 0, 0x8b, 1, dst, m, 0, 0);
        break;
    default: emit_insn(b, X_W, 0x8b, 1, dst, m, 0, 0); break;
    }
}
/* the shortest move of a 64-bit constant into a register; keep_flags avoids
 * the xor idiom where flags are live */
static inline void emit_mov_ri_f(struct xbuf *b, int dst, uint64_t v, bool keep_flags)
{
    if (v == 0 && !keep_flags) {
        emit_insn(b, 0, 0x33, 1, dst, RM_R(dst), 0, 0);          /* xor r32, r32 */
    } else if (v <= 0xffffffffull) {
        if (dst & 8) emit_u8(b, 0x41);
        emit_u8(b, 0xb8 + (dst & 7));                              /* mov r32, imm32 */
        emit_u32(b, (uint32_t)v);
    } else if (fits_i32((int64_t)v)) {
        emit_insn(b, X_W, 0xc7, 1, 0, RM_R(dst), (int64_t)v, 4);   /* mov r64, simm32 */
    } else {
        emit_u8(b, 0x48 | ((dst & 8) ? 1 : 0));
        emit_u8(b, 0xb8 + (dst & 7));                              /* movabs */
        emit_u64(b, v);
    }
}
static inline void emit_mov_ri(struct xbuf *b, int dst, uint64_t v) { emit_mov_ri_f(b, dst, v, false); }
static inline void emit_lea(struct xbuf *b, bool w64, int dst, struct xrm m)
{ emit_insn(b, wflag(w64), 0x8d, 1, dst, m, 0, 0); }
static inline void emit_test_rr(struct xbuf *b, bool w64, int r1, int r2)
{ emit_insn(b, wflag(w64), 0x85, 1, r2, RM_R(r1), 0, 0); }
static inline void emit_test_ri(struct xbuf *b, bool w64, int r, int32_t imm)
{ emit_insn(b, wflag(w64), 0xf7, 1, 0, RM_R(r), imm, 4); }
static inline void emit_shift_i(struct xbuf *b, int sh, bool w64, int r, int count)
{
    if (count == 1) emit_insn(b, wflag(w64), 0xd1, 1, sh, RM_R(r), 0, 0);
    else emit_insn(b, wflag(w64), 0xc1, 1, sh, RM_R(r), count, 1);
}
static inline void emit_shift_cl(struct xbuf *b, int sh, bool w64, int r)
{ emit_insn(b, wflag(w64), 0xd3, 1, sh, RM_R(r), 0, 0); }
/* BMI2 shlx/shrx/sarx dst, src, count: F3=sarx, 66=shlx, F2=shrx */
static inline void emit_shiftx(struct xbuf *b, int sh, bool w64, int dst, int src, int count)
{
    int pp = sh == SH_SHL ? 1 : sh == SH_SAR ? 2 : 3;
    emit_vex(b, 2, pp, w64, 0, count, 0xf7, dst, RM_R(src));
}
/* group 3 (F7): /2 not, /3 neg, /4 mul, /5 imul, /6 div, /7 idiv */
static inline void emit_grp3(struct xbuf *b, int sub, bool w64, int r)
{ emit_insn(b, wflag(w64), 0xf7, 1, sub, RM_R(r), 0, 0); }
static inline void emit_imul_rr(struct xbuf *b, bool w64, int dst, int src)
{ emit_insn(b, wflag(w64), 0x0faf, 2, dst, RM_R(src), 0, 0); }
/* bt/bts/btr/btc r, imm8 (0F BA /4../7): test / set / reset / complement one bit;
 * bt leaves it in CF */
enum { BT_TEST = 4, BT_SET = 5, BT_RESET = 6, BT_FLIP = 7 };
static inline void emit_bt_ri(struct xbuf *b, int op, bool w64, int r, int bit)
{ emit_insn(b, wflag(w64), 0x0fba, 2, op, RM_R(r), bit, 1); }
static inline void emit_imul_r_rm(struct xbuf *b, bool w64, int dst, struct xrm src)
{ emit_insn(b, wflag(w64), 0x0faf, 2, dst, src, 0, 0); }
/* BMI1 andn dst, a, c: dst = ~a & c */
static inline void emit_andn(struct xbuf *b, bool w64, int dst, int a, int c)
{ emit_vex(b, 2, 0, w64, 0, a, 0xf2, dst, RM_R(c)); }
/* BMI2 rorx dst, src, imm: rotate right without touching src or the flags */
static inline void emit_rorx(struct xbuf *b, bool w64, int dst, int src, int count)
{
    emit_vex(b, 3, 3, w64, 0, 0, 0xf0, dst, RM_R(src));
    emit_u8(b, (uint8_t)count);
}
static inline void emit_imul_rri(struct xbuf *b, bool w64, int dst, int src, int32_t imm)
{
    if (fits_i8(imm)) emit_insn(b, wflag(w64), 0x6b, 1, dst, RM_R(src), imm, 1);
    else emit_insn(b, wflag(w64), 0x69, 1, dst, RM_R(src), imm, 4);
}
static inline void emit_cqo(struct xbuf *b, bool w64) { if (w64) emit_u8(b, 0x48); emit_u8(b, 0x99); }
static inline void emit_setcc(struct xbuf *b, int cc, int r)
{ emit_insn(b, X_BYTE, 0x0f90 + cc, 2, 0, RM_R(r), 0, 0); }
static inline void emit_movzx8(struct xbuf *b, int dst, int src)
{ emit_insn(b, X_BYTE, 0x0fb6, 2, dst, RM_R(src), 0, 0); }
static inline void emit_cmov(struct xbuf *b, int cc, bool w64, int dst, int src)
{ emit_insn(b, wflag(w64), 0x0f40 + cc, 2, dst, RM_R(src), 0, 0); }
static inline void emit_bswap(struct xbuf *b, bool w64, int r)
{
    if (w64 || (r & 8)) emit_u8(b, 0x40 | (w64 ? 8 : 0) | ((r & 8) ? 1 : 0));
    emit_u8(b, 0x0f);
    emit_u8(b, 0xc8 + (r & 7));
}
/* F3 0F BD lzcnt, F3 0F BC tzcnt, F3 0F B8 popcnt; 0F BD bsr, 0F BC bsf */
static inline void emit_bitcount(struct xbuf *b, uint32_t op, bool f3, bool w64, int dst, int src)
{ emit_insn(b, wflag(w64) | (f3 ? X_F3 : 0), op, 2, dst, RM_R(src), 0, 0); }
static inline void emit_movsx(struct xbuf *b, int from_size, int dst, int src)
{
    if (from_size == 1) emit_insn(b, X_W | X_BYTE, 0x0fbe, 2, dst, RM_R(src), 0, 0);
    else if (from_size == 2) emit_insn(b, X_W, 0x0fbf, 2, dst, RM_R(src), 0, 0);
    else emit_insn(b, X_W, 0x63, 1, dst, RM_R(src), 0, 0);
}
static inline void emit_movzx(struct xbuf *b, int from_size, int dst, int src)
{
    if (from_size == 1) emit_insn(b, X_BYTE, 0x0fb6, 2, dst, RM_R(src), 0, 0);
    else if (from_size == 2) emit_insn(b, 0, 0x0fb7, 2, dst, RM_R(src), 0, 0);
    else emit_insn(b, 0, 0x8b, 1, dst, RM_R(src), 0, 0);
}
static inline void emit_push(struct xbuf *b, int r) { if (r & 8) emit_u8(b, 0x41); emit_u8(b, 0x50 + (r & 7)); }
static inline void emit_pop(struct xbuf *b, int r) { if (r & 8) emit_u8(b, 0x41); emit_u8(b, 0x58 + (r & 7)); }
static inline void emit_ret(struct xbuf *b) { emit_u8(b, 0xc3); }
static inline void emit_call_r(struct xbuf *b, int r) { emit_insn(b, 0, 0xff, 1, 2, RM_R(r), 0, 0); }
static inline void emit_jmp_rm(struct xbuf *b, struct xrm m) { emit_insn(b, 0, 0xff, 1, 4, m, 0, 0); }
static inline void emit_mfence(struct xbuf *b) { emit_u8(b, 0x0f); emit_u8(b, 0xae); emit_u8(b, 0xf0); }
static inline void emit_nop(struct xbuf *b, int n)
{
    for (; n > 0; n--)
        emit_u8(b, 0x90);
}
/* one nop instruction of n = 0..4 bytes (padding that runs costs one insn) */
static inline void emit_nop_n(struct xbuf *b, int n)
{
    static const uint8_t seq[5][4] = {{0}, {0x90}, {0x66, 0x90}, {0x0f, 0x1f, 0x00},
                                      {0x0f, 0x1f, 0x40, 0x00}};
    for (int i = 0; i < n; i++)
        emit_u8(b, seq[n][i]);
}
/* lock xadd [m], r ; lock cmpxchg [m], r ; xchg [m], r — size 1/2/4/8 */
static inline unsigned size_flags(int size)
{ return size == 8 ? X_W : size == 2 ? X_66 : size == 1 ? X_BYTE : 0; }
static inline void emit_xadd(struct xbuf *b, int size, struct xrm m, int r)
{ emit_insn(b, X_LOCK | size_flags(size), size == 1 ? 0x0fc0 : 0x0fc1, 2, r, m, 0, 0); }
static inline void emit_cmpxchg(struct xbuf *b, int size, struct xrm m, int r)
{ emit_insn(b, X_LOCK | size_flags(size), size == 1 ? 0x0fb0 : 0x0fb1, 2, r, m, 0, 0); }
static inline void emit_xchg(struct xbuf *b, int size, struct xrm m, int r)
{ emit_insn(b, size_flags(size), size == 1 ? 0x86 : 0x87, 1, r, m, 0, 0); }

/* ---- branches: return the address of the rel32 field for patching ---- */
static inline uint8_t *emit_jmp32(struct xbuf *b)
{
    emit_u8(b, 0xe9);
    uint8_t *f = b->p;
    emit_u32(b, 0);
    return f;
}
static inline uint8_t *emit_jcc32(struct xbuf *b, int cc)
{
    emit_u8(b, 0x0f);
    emit_u8(b, 0x80 + cc);
    uint8_t *f = b->p;
    emit_u32(b, 0);
    return f;
}
/* point a rel32 field at target */
static inline void patch_rel32(uint8_t *field, const void *target)
{
    int32_t rel = (int32_t)((const uint8_t *)target - (field + 4));
    memcpy(field, &rel, 4);
}
/* short forward branches inside one op's lowering */
static inline uint8_t *emit_jcc8(struct xbuf *b, int cc)
{
    emit_u8(b, 0x70 + cc);
    uint8_t *f = b->p;
    emit_u8(b, 0);
    return f;
}
static inline uint8_t *emit_jmp8(struct xbuf *b)
{
    emit_u8(b, 0xeb);
    uint8_t *f = b->p;
    emit_u8(b, 0);
    return f;
}
static inline void patch_rel8_here(struct xbuf *b, uint8_t *field)
{
    if (field < b->end && b->p <= b->end) {
        /* out of rel8 reach: fail the block (as for overflow), never mis-branch */
        if (b->p - (field + 1) > 127)
            b->overflow = true;
        else
            *field = (uint8_t)(b->p - (field + 1));
    }
}

/* ---- SSE (scalar) ---- */
/* op: 0x58 add, 0x59 mul, 0x5c sub, 0x5e div, 0x51 sqrt, 0x5d min, 0x5f max; dbl: F2 else F3 */
static inline void emit_sse_arith(struct xbuf *b, uint8_t op, bool dbl, int dst, struct xrm src)
{ emit_insn(b, dbl ? X_F2 : X_F3, 0x0f00 | op, 2, dst, src, 0, 0); }
static inline void emit_movaps(struct xbuf *b, int dst, int src)
{ if (dst != src) emit_insn(b, 0, 0x0f28, 2, dst, RM_R(src), 0, 0); }
static inline void emit_movsd_load(struct xbuf *b, bool dbl, int dst, struct xrm m)
{ emit_insn(b, dbl ? X_F2 : X_F3, 0x0f10, 2, dst, m, 0, 0); }
static inline void emit_movsd_store(struct xbuf *b, bool dbl, struct xrm m, int src)
{ emit_insn(b, dbl ? X_F2 : X_F3, 0x0f11, 2, src, m, 0, 0); }
/* movq xmm, r64 / movd xmm, r32 */
static inline void emit_movq_x_r(struct xbuf *b, bool w64, int x, int r)
{ emit_insn(b, X_66 | wflag(w64), 0x0f6e, 2, x, RM_R(r), 0, 0); }
/* movq r64, xmm / movd r32, xmm */
static inline void emit_movq_r_x(struct xbuf *b, bool w64, int r, int x)
{ emit_insn(b, X_66 | wflag(w64), 0x0f7e, 2, x, RM_R(r), 0, 0); }
/* ucomis[sd] (quiet) / comis[sd] (signalling) */
static inline void emit_ucomi(struct xbuf *b, bool dbl, bool signalling, int a, int c)
{ emit_insn(b, dbl ? X_66 : 0, signalling ? 0x0f2f : 0x0f2e, 2, a, RM_R(c), 0, 0); }
/* cvtsi2s[sd] xmm, r32/r64 */
static inline void emit_cvtsi2f(struct xbuf *b, bool dbl, bool src64, int x, int r)
{ emit_insn(b, (dbl ? X_F2 : X_F3) | wflag(src64), 0x0f2a, 2, x, RM_R(r), 0, 0); }
/* cvt(t)s[sd]2si r32/r64, xmm */
static inline void emit_cvtf2si(struct xbuf *b, bool dbl, bool dst64, bool trunc, int r, int x)
{ emit_insn(b, (dbl ? X_F2 : X_F3) | wflag(dst64), trunc ? 0x0f2c : 0x0f2d, 2, r, RM_R(x), 0, 0); }
/* cvtsd2ss (from double) / cvtss2sd (from single) */
static inline void emit_cvtf2f(struct xbuf *b, bool from_dbl, int dst, int src)
{ emit_insn(b, from_dbl ? X_F2 : X_F3, 0x0f5a, 2, dst, RM_R(src), 0, 0); }
static inline void emit_ldmxcsr(struct xbuf *b, struct xrm m) { emit_insn(b, 0, 0x0fae, 2, 2, m, 0, 0); }
static inline void emit_stmxcsr(struct xbuf *b, struct xrm m) { emit_insn(b, 0, 0x0fae, 2, 3, m, 0, 0); }
/* FMA3 scalar 213 forms: dst = dst*src2 +/- src3. kind: 0xa9 vfmadd213, 0xab vfmsub213,
 * 0xad vfnmadd213, 0xaf vfnmsub213 */
static inline void emit_fma213(struct xbuf *b, uint8_t kind, bool dbl, int dst, int src2, int src3)
{ emit_vex(b, 2, 1, dbl, 0, src2, kind, dst, RM_R(src3)); }

#endif
