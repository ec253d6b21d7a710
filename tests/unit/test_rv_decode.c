/* test_rv_decode.c — unit tests of the riscv64 frontend: the decode tables,
 * the disassembler (against text GNU objdump 2.40 printed for the same words,
 * with immediate mnemonics kept as addi/slli/... and csr*i spelled out), the
 * per-model feature gating, the FP/SC helpers, and the shape of the IR the
 * block translator builds for small code buffers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "frontends/riscv64/rv_internal.h"
#include "runner/tern.h"

/* ---- disassembly of known encodings ---- */

struct sample {
    uint64_t pc;
    uint32_t word;
    int len;
    const char *text;
};

static const struct sample samples[] = {
    { 0x0, 0x00150513, 4, "addi a0,a0,1" },
    { 0x4, 0x00500513, 4, "li a0,5" },
    { 0x8, 0x00058513, 4, "mv a0,a1" },
    { 0xc, 0x00000013, 4, "nop" },
    { 0x10, 0x80050513, 4, "addi a0,a0,-2048" },
    { 0x14, 0x12345537, 4, "lui a0,0x12345" },
    { 0x18, 0xfffff297, 4, "auipc t0,0xfffff" },
    { 0x1c, 0x00c000ef, 4, "jal 28" },
    { 0x20, 0x0080006f, 4, "j 28" },
    { 0x24, 0x004002ef, 4, "jal t0,28" },
    { 0x28, 0x00008067, 4, "ret" },
    { 0x2c, 0x000780e7, 4, "jalr a5" },
    { 0x30, 0x00078067, 4, "jr a5" },
    { 0x34, 0x010780e7, 4, "jalr 16(a5)" },
    { 0x38, 0x008782e7, 4, "jalr t0,8(a5)" },
    { 0x3c, 0x00878067, 4, "jr 8(a5)" },
    { 0x40, 0xfe0504e3, 4, "beqz a0,28" },
    { 0x44, 0xfe0512e3, 4, "bnez a0,28" },
    { 0x48, 0xfe0540e3, 4, "bltz a0,28" },
    { 0x4c, 0xfc055ee3, 4, "bgez a0,28" },
    { 0x50, 0xfca04ce3, 4, "bgtz a0,28" },
    { 0x54, 0xfca05ae3, 4, "blez a0,28" },
    { 0x58, 0xfcb508e3, 4, "beq a0,a1,28" },
    { 0x5c, 0xfcb566e3, 4, "bltu a0,a1,28" },
    { 0x60, 0xfca5f4e3, 4, "bgeu a1,a0,28" },
    { 0x64, 0xfff10503, 4, "lb a0,-1(sp)" },
    { 0x68, 0x0005c503, 4, "lbu a0,0(a1)" },
    { 0x6c, 0x00813503, 4, "ld a0,8(sp)" },
    { 0x70, 0x00113423, 4, "sd ra,8(sp)" },
    { 0x74, 0x00a5a023, 4, "sw a0,0(a1)" },
    { 0x78, 0x0035a513, 4, "slti a0,a1,3" },
    { 0x7c, 0x0015b513, 4, "seqz a0,a1" },
    { 0x80, 0x0035b513, 4, "sltiu a0,a1,3" },
    { 0x84, 0xfff5c513, 4, "not a0,a1" },
    { 0x88, 0x0055c513, 4, "xori a0,a1,5" },
    { 0x8c, 0x0055e513, 4, "ori a0,a1,5" },
    { 0x90, 0x0ff5f513, 4, "zext.b a0,a1" },
    { 0x94, 0x03f59513, 4, "slli a0,a1,0x3f" },
    { 0x98, 0x0035d513, 4, "srli a0,a1,0x3" },
    { 0x9c, 0x4035d513, 4, "srai a0,a1,0x3" },
    { 0xa0, 0x00c58533, 4, "add a0,a1,a2" },
    { 0xa4, 0x40c00533, 4, "neg a0,a2" },
    { 0xa8, 0x40c58533, 4, "sub a0,a1,a2" },
    { 0xac, 0x00c59533, 4, "sll a0,a1,a2" },
    { 0xb0, 0x00c5a533, 4, "slt a0,a1,a2" },
    { 0xb4, 0x0005a533, 4, "sltz a0,a1" },
    { 0xb8, 0x00b02533, 4, "sgtz a0,a1" },
    { 0xbc, 0x00b03533, 4, "snez a0,a1" },
    { 0xc0, 0x00c5b533, 4, "sltu a0,a1,a2" },
    { 0xc4, 0x00c5c533, 4, "xor a0,a1,a2" },
    { 0xc8, 0x00c5d533, 4, "srl a0,a1,a2" },
    { 0xcc, 0x40c5d533, 4, "sra a0,a1,a2" },
    { 0xd0, 0x00c5e533, 4, "or a0,a1,a2" },
    { 0xd4, 0x00c5f533, 4, "and a0,a1,a2" },
    { 0xd8, 0x0ff0000f, 4, "fence" },
    { 0xdc, 0x0330000f, 4, "fence rw,rw" },
    { 0xe0, 0x0220000f, 4, "fence r,r" },
    { 0xe4, 0x0110000f, 4, "fence w,w" },
    { 0xec, 0x8330000f, 4, "fence.tso" },
    { 0xf0, 0x0000100f, 4, "fence.i" },
    { 0xf4, 0x00000073, 4, "ecall" },
    { 0xf8, 0x00100073, 4, "ebreak" },
    { 0xfc, 0x0005851b, 4, "sext.w a0,a1" },
    { 0x100, 0x0075851b, 4, "addiw a0,a1,7" },
    { 0x104, 0x0035951b, 4, "slliw a0,a1,0x3" },
    { 0x108, 0x0035d51b, 4, "srliw a0,a1,0x3" },
    { 0x10c, 0x41f5d51b, 4, "sraiw a0,a1,0x1f" },
    { 0x110, 0x00c5853b, 4, "addw a0,a1,a2" },
    { 0x114, 0x40c0053b, 4, "negw a0,a2" },
    { 0x118, 0x40c5853b, 4, "subw a0,a1,a2" },
    { 0x11c, 0x00c5953b, 4, "sllw a0,a1,a2" },
    { 0x120, 0x00c5d53b, 4, "srlw a0,a1,a2" },
    { 0x124, 0x40c5d53b, 4, "sraw a0,a1,a2" },
    { 0x128, 0x0045e503, 4, "lwu a0,4(a1)" },
    { 0x12c, 0x02c58533, 4, "mul a0,a1,a2" },
    { 0x130, 0x02c59533, 4, "mulh a0,a1,a2" },
    { 0x134, 0x02c5a533, 4, "mulhsu a0,a1,a2" },
    { 0x138, 0x02c5b533, 4, "mulhu a0,a1,a2" },
    { 0x13c, 0x02c5c533, 4, "div a0,a1,a2" },
    { 0x140, 0x02c5d533, 4, "divu a0,a1,a2" },
    { 0x144, 0x02c5e533, 4, "rem a0,a1,a2" },
    { 0x148, 0x02c5f533, 4, "remu a0,a1,a2" },
    { 0x14c, 0x02c5853b, 4, "mulw a0,a1,a2" },
    { 0x150, 0x02c5c53b, 4, "divw a0,a1,a2" },
    { 0x154, 0x02c5d53b, 4, "divuw a0,a1,a2" },
    { 0x158, 0x02c5e53b, 4, "remw a0,a1,a2" },
    { 0x15c, 0x02c5f53b, 4, "remuw a0,a1,a2" },
    { 0x160, 0x1005a52f, 4, "lr.w a0,(a1)" },
    { 0x164, 0x1405a52f, 4, "lr.w.aq a0,(a1)" },
    { 0x168, 0x18c5a52f, 4, "sc.w a0,a2,(a1)" },
    { 0x16c, 0x1ac5a52f, 4, "sc.w.rl a0,a2,(a1)" },
    { 0x170, 0x1ec5a52f, 4, "sc.w.aqrl a0,a2,(a1)" },
    { 0x174, 0x08c5a52f, 4, "amoswap.w a0,a2,(a1)" },
    { 0x178, 0x06c5b52f, 4, "amoadd.d.aqrl a0,a2,(a1)" },
    { 0x17c, 0x20c5a52f, 4, "amoxor.w a0,a2,(a1)" },
    { 0x180, 0x60c5b52f, 4, "amoand.d a0,a2,(a1)" },
    { 0x184, 0x40c5a52f, 4, "amoor.w a0,a2,(a1)" },
    { 0x188, 0x80c5a52f, 4, "amomin.w a0,a2,(a1)" },
    { 0x18c, 0xa0c5b52f, 4, "amomax.d a0,a2,(a1)" },
    { 0x190, 0xc0c5a52f, 4, "amominu.w a0,a2,(a1)" },
    { 0x194, 0xe0c5b52f, 4, "amomaxu.d a0,a2,(a1)" },
    { 0x198, 0x1005b52f, 4, "lr.d a0,(a1)" },
    { 0x19c, 0x18c5b52f, 4, "sc.d a0,a2,(a1)" },
    { 0x1a0, 0x00359573, 4, "fscsr a0,a1" },
    { 0x1a4, 0x00102573, 4, "frflags a0" },
    { 0x1a8, 0x00202573, 4, "frrm a0" },
    { 0x1ac, 0x00302573, 4, "frcsr a0" },
    { 0x1b0, 0x00359073, 4, "fscsr a1" },
    { 0x1b4, 0x00259073, 4, "fsrm a1" },
    { 0x1b8, 0x00159073, 4, "fsflags a1" },
    { 0x1bc, 0x00259573, 4, "fsrm a0,a1" },
    { 0x1c0, 0x0021d573, 4, "fsrmi a0,3" },
    { 0x1c4, 0x0021d073, 4, "fsrmi 3" },
    { 0x1c8, 0x0010e073, 4, "csrsi fflags,1" },
    { 0x1cc, 0x0010f073, 4, "csrci fflags,1" },
    { 0x1d0, 0xc0002573, 4, "rdcycle a0" },
    { 0x1d4, 0xc0102573, 4, "rdtime a0" },
    { 0x1d8, 0xc0202573, 4, "rdinstret a0" },
    { 0x1dc, 0x0015a073, 4, "csrs fflags,a1" },
    { 0x1e0, 0x0015b073, 4, "csrc fflags,a1" },
    { 0x1e4, 0x7c002573, 4, "csrr a0,0x7c0" },
    { 0x1e8, 0x10002573, 4, "csrr a0,sstatus" },
    { 0x1ec, 0x00452507, 4, "flw fa0,4(a0)" },
    { 0x1f0, 0x00a52227, 4, "fsw fa0,4(a0)" },
    { 0x1f4, 0x00813507, 4, "fld fa0,8(sp)" },
    { 0x1f8, 0x00a13427, 4, "fsd fa0,8(sp)" },
    { 0x1fc, 0x68c5f543, 4, "fmadd.s fa0,fa1,fa2,fa3" },
    { 0x200, 0x6ac59547, 4, "fmsub.d fa0,fa1,fa2,fa3,rtz" },
    { 0x204, 0x68c5f54b, 4, "fnmsub.s fa0,fa1,fa2,fa3" },
    { 0x208, 0x6ac5f54f, 4, "fnmadd.d fa0,fa1,fa2,fa3" },
    { 0x20c, 0x00c5f553, 4, "fadd.s fa0,fa1,fa2" },
    { 0x210, 0x00c58553, 4, "fadd.s fa0,fa1,fa2,rne" },
    { 0x214, 0x0ac5a553, 4, "fsub.d fa0,fa1,fa2,rdn" },
    { 0x218, 0x12c5b553, 4, "fmul.d fa0,fa1,fa2,rup" },
    { 0x21c, 0x18c5c553, 4, "fdiv.s fa0,fa1,fa2,rmm" },
    { 0x220, 0x5a05f553, 4, "fsqrt.d fa0,fa1" },
    { 0x224, 0x20c58553, 4, "fsgnj.s fa0,fa1,fa2" },
    { 0x228, 0x20b58553, 4, "fmv.s fa0,fa1" },
    { 0x22c, 0x22b59553, 4, "fneg.d fa0,fa1" },
    { 0x230, 0x22b5a553, 4, "fabs.d fa0,fa1" },
    { 0x234, 0x22c59553, 4, "fsgnjn.d fa0,fa1,fa2" },
    { 0x238, 0x20c5a553, 4, "fsgnjx.s fa0,fa1,fa2" },
    { 0x23c, 0x28c58553, 4, "fmin.s fa0,fa1,fa2" },
    { 0x240, 0x2ac59553, 4, "fmax.d fa0,fa1,fa2" },
    { 0x244, 0xc0057553, 4, "fcvt.w.s a0,fa0" },
    { 0x248, 0xc0051553, 4, "fcvt.w.s a0,fa0,rtz" },
    { 0x24c, 0xc2151553, 4, "fcvt.wu.d a0,fa0,rtz" },
    { 0x250, 0xc2251553, 4, "fcvt.l.d a0,fa0,rtz" },
    { 0x254, 0xc0357553, 4, "fcvt.lu.s a0,fa0" },
    { 0x258, 0xd0057553, 4, "fcvt.s.w fa0,a0" },
    { 0x25c, 0xd2050553, 4, "fcvt.d.w fa0,a0" },
    { 0x260, 0xd2150553, 4, "fcvt.d.wu fa0,a0" },
    { 0x264, 0xd2257553, 4, "fcvt.d.l fa0,a0" },
    { 0x268, 0xd0351553, 4, "fcvt.s.lu fa0,a0,rtz" },
    { 0x26c, 0x4015f553, 4, "fcvt.s.d fa0,fa1" },
    { 0x270, 0x42058553, 4, "fcvt.d.s fa0,fa1" },
    { 0x274, 0xe0050553, 4, "fmv.x.w a0,fa0" },
    { 0x278, 0xf0050553, 4, "fmv.w.x fa0,a0" },
    { 0x27c, 0xe2050553, 4, "fmv.x.d a0,fa0" },
    { 0x280, 0xf2050553, 4, "fmv.d.x fa0,a0" },
    { 0x284, 0xa0b52553, 4, "feq.s a0,fa0,fa1" },
    { 0x288, 0xa2b51553, 4, "flt.d a0,fa0,fa1" },
    { 0x28c, 0xa2b50553, 4, "fle.d a0,fa0,fa1" },
    { 0x290, 0xe0051553, 4, "fclass.s a0,fa0" },
    { 0x294, 0xe2051553, 4, "fclass.d a0,fa0" },
    { 0x0, 0x58059553, 4, "fsqrt.s fa0,fa1,rtz" },
    { 0x4, 0xd0050553, 4, "fcvt.s.w fa0,a0,rne" },
    { 0xc, 0x0310000f, 4, "fence rw,w" },
    { 0x10, 0x0808, 2, "addi a0,sp,16" },
    { 0x12, 0x2588, 2, "fld fa0,8(a1)" },
    { 0x14, 0x41c8, 2, "lw a0,4(a1)" },
    { 0x16, 0x6588, 2, "ld a0,8(a1)" },
    { 0x18, 0xa588, 2, "fsd fa0,8(a1)" },
    { 0x1a, 0xc1c8, 2, "sw a0,4(a1)" },
    { 0x1c, 0xe588, 2, "sd a0,8(a1)" },
    { 0x1e, 0x0001, 2, "nop" },
    { 0x20, 0x1575, 2, "addi a0,a0,-3" },
    { 0x22, 0x2505, 2, "addiw a0,a0,1" },
    { 0x24, 0x2501, 2, "sext.w a0,a0" },
    { 0x26, 0x557d, 2, "li a0,-1" },
    { 0x28, 0x7139, 2, "addi sp,sp,-64" },
    { 0x2a, 0x657d, 2, "lui a0,0x1f" },
    { 0x2c, 0x7501, 2, "lui a0,0xfffe0" },
    { 0x2e, 0x810d, 2, "srli a0,a0,0x3" },
    { 0x30, 0x957d, 2, "srai a0,a0,0x3f" },
    { 0x32, 0x997d, 2, "andi a0,a0,-1" },
    { 0x34, 0x8d0d, 2, "sub a0,a0,a1" },
    { 0x36, 0x8d2d, 2, "xor a0,a0,a1" },
    { 0x38, 0x8d4d, 2, "or a0,a0,a1" },
    { 0x3a, 0x8d6d, 2, "and a0,a0,a1" },
    { 0x3c, 0x9d0d, 2, "subw a0,a0,a1" },
    { 0x3e, 0x9d2d, 2, "addw a0,a0,a1" },
    { 0x40, 0xbfc1, 2, "j 10" },
    { 0x42, 0xd579, 2, "beqz a0,10" },
    { 0x44, 0xf571, 2, "bnez a0,10" },
    { 0x46, 0x0532, 2, "slli a0,a0,0xc" },
    { 0x48, 0x2522, 2, "fld fa0,8(sp)" },
    { 0x4a, 0x4512, 2, "lw a0,4(sp)" },
    { 0x4c, 0x60a2, 2, "ld ra,8(sp)" },
    { 0x4e, 0x8082, 2, "ret" },
    { 0x50, 0x8782, 2, "jr a5" },
    { 0x52, 0x852e, 2, "mv a0,a1" },
    { 0x54, 0x9002, 2, "ebreak" },
    { 0x56, 0x9782, 2, "jalr a5" },
    { 0x58, 0x952e, 2, "add a0,a0,a1" },
    { 0x5a, 0xa42a, 2, "fsd fa0,8(sp)" },
    { 0x5c, 0xc22a, 2, "sw a0,4(sp)" },
    { 0x5e, 0xe406, 2, "sd ra,8(sp)" },
    { 0x60, 0x20c5a533, 4, "sh1add a0,a1,a2" },
    { 0x64, 0x20c5c533, 4, "sh2add a0,a1,a2" },
    { 0x68, 0x20c5e533, 4, "sh3add a0,a1,a2" },
    { 0x6c, 0x20c5a53b, 4, "sh1add.uw a0,a1,a2" },
    { 0x70, 0x20c5c53b, 4, "sh2add.uw a0,a1,a2" },
    { 0x74, 0x20c5e53b, 4, "sh3add.uw a0,a1,a2" },
    { 0x78, 0x08c5853b, 4, "add.uw a0,a1,a2" },
    { 0x7c, 0x0805853b, 4, "zext.w a0,a1" },
    { 0x80, 0x0835951b, 4, "slli.uw a0,a1,0x3" },
    { 0x84, 0x40c5f533, 4, "andn a0,a1,a2" },
    { 0x88, 0x40c5e533, 4, "orn a0,a1,a2" },
    { 0x8c, 0x40c5c533, 4, "xnor a0,a1,a2" },
    { 0x90, 0x60059513, 4, "clz a0,a1" },
    { 0x94, 0x60159513, 4, "ctz a0,a1" },
    { 0x98, 0x60259513, 4, "cpop a0,a1" },
    { 0x9c, 0x6005951b, 4, "clzw a0,a1" },
    { 0xa0, 0x6015951b, 4, "ctzw a0,a1" },
    { 0xa4, 0x6025951b, 4, "cpopw a0,a1" },
    { 0xa8, 0x0ac5e533, 4, "max a0,a1,a2" },
    { 0xac, 0x0ac5f533, 4, "maxu a0,a1,a2" },
    { 0xb0, 0x0ac5c533, 4, "min a0,a1,a2" },
    { 0xb4, 0x0ac5d533, 4, "minu a0,a1,a2" },
    { 0xb8, 0x60459513, 4, "sext.b a0,a1" },
    { 0xbc, 0x60559513, 4, "sext.h a0,a1" },
    { 0xc0, 0x0805c53b, 4, "zext.h a0,a1" },
    { 0xc4, 0x60c59533, 4, "rol a0,a1,a2" },
    { 0xc8, 0x60c5d533, 4, "ror a0,a1,a2" },
    { 0xcc, 0x63f5d513, 4, "rori a0,a1,0x3f" },
    { 0xd0, 0x60c5953b, 4, "rolw a0,a1,a2" },
    { 0xd4, 0x60c5d53b, 4, "rorw a0,a1,a2" },
    { 0xd8, 0x61f5d51b, 4, "roriw a0,a1,0x1f" },
    { 0xdc, 0x2875d513, 4, "orc.b a0,a1" },
    { 0xe0, 0x6b85d513, 4, "rev8 a0,a1" },
    { 0xe4, 0x48c59533, 4, "bclr a0,a1,a2" },
    { 0xe8, 0x4bf59513, 4, "bclri a0,a1,0x3f" },
    { 0xec, 0x48c5d533, 4, "bext a0,a1,a2" },
    { 0xf0, 0x4835d513, 4, "bexti a0,a1,0x3" },
    { 0xf4, 0x68c59533, 4, "binv a0,a1,a2" },
    { 0xf8, 0x68359513, 4, "binvi a0,a1,0x3" },
    { 0xfc, 0x28c59533, 4, "bset a0,a1,a2" },
    { 0x100, 0x28359513, 4, "bseti a0,a1,0x3" },
    { 0x104, 0x0015a573, 4, "csrrs a0,fflags,a1" },
    { 0x108, 0xc0001573, 4, "csrrw a0,cycle,zero" },
    { 0x10c, 0xc0001073, 4, "unimp" },
    { 0x10c, 0xc8002573, 4, "csrr a0,cycleh" },
    { 0x118, 0xd2051553, 4, "fcvt.d.w fa0,a0,rtz" },
    { 0x11c, 0x42059553, 4, "fcvt.d.s fa0,fa1,rtz" },
    { 0x120, 0x0000000f, 4, "fence 0,0" },
    { 0x124, 0x0100000f, 4, "pause" },
};

static void test_disas_samples(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
        const struct sample *s = &samples[i];
        uint8_t bytes[4] = { (uint8_t)s->word, (uint8_t)(s->word >> 8), (uint8_t)(s->word >> 16),
                             (uint8_t)(s->word >> 24) };
        char out[96];
        int n = rv_disas(s->pc, bytes, (size_t)s->len, out, sizeof(out));
        if (n != s->len || strcmp(out, s->text) != 0)
            print_error("word 0x%08x: got \"%s\" (len %d), want \"%s\"\n", s->word, out, n, s->text);
        assert_int_equal(n, s->len);
        assert_string_equal(out, s->text);
    }
}

static void test_disas_targets(void **state)
{
    (void)state;
    char out[96];
    /* jal ra,+0x800 and c.j -2 at a high pc: targets are absolute */
    const uint32_t w = 0x001000efu;
    const uint8_t b[4] = { (uint8_t)w, (uint8_t)(w >> 8), (uint8_t)(w >> 16), (uint8_t)(w >> 24) };
    assert_int_equal(rv_disas(0x2aaaab0000ull, b, 4, out, sizeof(out)), 4);
    assert_string_equal(out, "jal 2aaaab0800");
    const uint8_t cj[2] = { 0xfd, 0xbf };   /* c.j -2 */
    assert_int_equal(rv_disas(0x10002, cj, 2, out, sizeof(out)), 2);
    assert_string_equal(out, "j 10000");
    /* a tiny output buffer is cut, never overrun */
    char small[6];
    memset(small, 'x', sizeof(small));
    rv_disas(0x1000, b, 4, small, sizeof(small));
    assert_int_equal(small[5], 0);
}

static void test_disas_illegal(void **state)
{
    (void)state;
    static const struct { uint32_t word; int len; const char *text; } bad[] = {
        { 0xffffffffu, 4, ".word 0xffffffff" },
        { 0x12b30073u, 4, ".word 0x12b30073" },  /* sfence.vma: privileged */
        { 0x30200073u, 4, ".word 0x30200073" },  /* mret */
        { 0x10500073u, 4, ".word 0x10500073" },  /* wfi */
        { 0x0000000bu, 4, ".word 0x0000000b" },  /* custom-0 */
        { 0x02c58557u, 4, ".word 0x02c58557" },  /* OP-V: no vector support */
        { 0x0000007fu, 4, ".word 0x0000007f" },  /* >= 64-bit encoding space */
        { 0x0000u, 2, "unimp" },
        { 0x6101u, 2, ".2byte 0x6101" },  /* c.addi16sp 0: reserved */
        { 0x6001u, 2, ".2byte 0x6001" },  /* c.lui with a zero immediate: reserved */
        { 0x8002u, 2, ".2byte 0x8002" },  /* c.jr x0: reserved */
        { 0x4002u, 2, ".2byte 0x4002" },  /* c.lwsp x0: reserved */
        { 0x6002u, 2, ".2byte 0x6002" },  /* c.ldsp x0: reserved */
        { 0x2001u, 2, ".2byte 0x2001" },  /* c.addiw x0: reserved */
        { 0x8000u, 2, ".2byte 0x8000" },  /* quadrant 0 funct3 100: reserved */
        { 0x9c41u, 2, ".2byte 0x9c41" },  /* c.subw group, funct2 10: reserved */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        uint8_t b[4] = { (uint8_t)bad[i].word, (uint8_t)(bad[i].word >> 8),
                         (uint8_t)(bad[i].word >> 16), (uint8_t)(bad[i].word >> 24) };
        char out[64];
        int n = rv_disas(0, b, (size_t)bad[i].len, out, sizeof(out));
        if (n != 0 || strcmp(out, bad[i].text) != 0)
            print_error("word 0x%x: got \"%s\" (len %d)\n", bad[i].word, out, n);
        assert_int_equal(n, 0);
        assert_string_equal(out, bad[i].text);
        struct rv_insn d;
        assert_false(rv_decode(bad[i].word, ~0ull, &d));
    }
    /* too few bytes for the insn */
    const uint8_t half[2] = { 0x13, 0x05 };
    char out[64];
    assert_int_equal(rv_disas(0, half, 2, out, sizeof(out)), 0);
}

/* Every row's own match word decodes to that row: no row hides another. */
static void test_table_unambiguous(void **state)
{
    (void)state;
    for (size_t i = 0; i < rv_npatterns; i++) {
        const struct rv_pattern *p = &rv_patterns[i];
        for (size_t j = 0; j < rv_npatterns; j++)
            if (j != i && (p->match & rv_patterns[j].mask) == rv_patterns[j].match)
                fail_msg("%s's encoding also matches %s", p->name, rv_patterns[j].name);
        struct rv_insn d;
        assert_true(rv_decode(p->match, ~0ull, &d));
        assert_ptr_equal(d.pat, p);
        assert_non_null(p->trans);
    }
    for (size_t i = 0; i < rvc_npatterns; i++)
        assert_int_equal(rvc_patterns[i].match & ~rvc_patterns[i].mask, 0);
}

static void test_feature_gating(void **state)
{
    (void)state;
    struct rv_insn d;
    const uint64_t gc = RV_F_ZICSR | RV_F_ZIFENCEI | RV_F_C | RV_F_FD;
    assert_true(rv_decode(0x00c5f553u, gc, &d));               /* fadd.s */
    assert_false(rv_decode(0x00c5f553u, gc & ~RV_F_FD, &d));
    assert_false(rv_decode(0x20c5a533u, gc, &d));              /* sh1add without Zba */
    assert_true(rv_decode(0x20c5a533u, gc | RV_F_ZBA, &d));
    assert_false(rv_decode(0x60059513u, gc | RV_F_ZBA, &d));   /* clz without Zbb */
    assert_true(rv_decode(0x60059513u, gc | RV_F_ZBB, &d));
    assert_false(rv_decode(0x48c59533u, gc | RV_F_ZBB, &d));   /* bclr without Zbs */
    assert_true(rv_decode(0x48c59533u, gc | RV_F_ZBS, &d));
    assert_false(rv_decode(0x1575u, gc & ~RV_F_C, &d));        /* c.addi without C */
    assert_true(rv_decode(0x1575u, gc, &d));
    assert_false(rv_decode(0x2588u, gc & ~RV_F_FD, &d));       /* c.fld without D */
    assert_false(rv_decode(0x0000100fu, gc & ~RV_F_ZIFENCEI, &d));
    assert_false(rv_decode(0x00302573u, gc & ~RV_F_ZICSR, &d));
    /* the base ISA and M/A need no feature bit */
    assert_true(rv_decode(0x02c58533u, 0, &d));                /* mul */
    assert_true(rv_decode(0x1005a52fu, 0, &d));                /* lr.w */
}

static void test_decode_fields(void **state)
{
    (void)state;
    struct rv_insn d;
    /* c.addi16sp sp,-64 expands to addi sp,sp,-64 */
    assert_true(rv_decode(0x7139u, ~0ull, &d));
    assert_ptr_equal(d.pat->trans, trans_addi);
    assert_int_equal(d.rd, RV_SP);
    assert_int_equal(d.rs1, RV_SP);
    assert_int_equal(d.imm, -64);
    assert_int_equal(d.len, 2);
    /* sd ra,8(sp) */
    assert_true(rv_decode(0x00113423u, ~0ull, &d));
    assert_int_equal(d.rs1, RV_SP);
    assert_int_equal(d.rs2, RV_RA);
    assert_int_equal(d.imm, 8);
    /* beq with the largest negative offset */
    assert_true(rv_decode(0x80000063u, ~0ull, &d));
    assert_int_equal(d.imm, -4096);
    /* jal with the largest negative offset */
    assert_true(rv_decode(0x8000006fu, ~0ull, &d));
    assert_int_equal(d.imm, -(1 << 20));
    /* lui sign-extends */
    assert_true(rv_decode(0x80000537u, ~0ull, &d));
    assert_int_equal(d.imm, (int64_t)INT32_MIN);
    /* fmadd.d fa0,fa1,fa2,fa3,rtz */
    assert_true(rv_decode(0x6ac59547u, ~0ull, &d));
    assert_int_equal(d.rs3, 13);
    assert_int_equal(d.rm, 1);
}

/* ---- helpers ---- */

static void test_fminmax(void **state)
{
    (void)state;
    bool nv;
    const uint64_t one = 0x3f800000, two = 0x40000000, pz = 0, nz = 0x80000000;
    const uint64_t qnan = 0x7fc00000, snan = 0x7f800001, canon = 0x7fc00000;
    assert_int_equal(rv_fminmax_bits(one, two, 0, &nv), one);
    assert_false(nv);
    assert_int_equal(rv_fminmax_bits(one, two, RV_FP_MAX, &nv), two);
    assert_int_equal(rv_fminmax_bits(pz, nz, 0, &nv), nz);
    assert_int_equal(rv_fminmax_bits(nz, pz, RV_FP_MAX, &nv), pz);
    assert_int_equal(rv_fminmax_bits(0xbf800000, one, 0, &nv), 0xbf800000);   /* -1 < 1 */
    assert_int_equal(rv_fminmax_bits(0xc0000000, 0xbf800000, 0, &nv), 0xc0000000);  /* -2 < -1 */
    assert_int_equal(rv_fminmax_bits(qnan, one, 0, &nv), one);
    assert_false(nv);
    assert_int_equal(rv_fminmax_bits(one, snan, RV_FP_MAX, &nv), one);
    assert_true(nv);
    assert_int_equal(rv_fminmax_bits(snan, qnan, 0, &nv), canon);
    assert_true(nv);
    assert_int_equal(rv_fminmax_bits(0x7ff0000000000001ull, 0x3ff0000000000000ull, RV_FP_DOUBLE, &nv),
                     0x3ff0000000000000ull);
    assert_true(nv);
    assert_int_equal(rv_fminmax_bits(0x7ff8000000000000ull, 0x7ff8000000000001ull,
                                     RV_FP_DOUBLE | RV_FP_MAX, &nv), 0x7ff8000000000000ull);
    assert_false(nv);
}

static void test_fclass(void **state)
{
    (void)state;
    assert_int_equal(rv_fclass_bits(0xff800000, 0), 1 << 0);
    assert_int_equal(rv_fclass_bits(0xbf800000, 0), 1 << 1);
    assert_int_equal(rv_fclass_bits(0x80000001, 0), 1 << 2);
    assert_int_equal(rv_fclass_bits(0x80000000, 0), 1 << 3);
    assert_int_equal(rv_fclass_bits(0x00000000, 0), 1 << 4);
    assert_int_equal(rv_fclass_bits(0x00000001, 0), 1 << 5);
    assert_int_equal(rv_fclass_bits(0x3f800000, 0), 1 << 6);
    assert_int_equal(rv_fclass_bits(0x7f800000, 0), 1 << 7);
    assert_int_equal(rv_fclass_bits(0x7f800001, 0), 1 << 8);
    assert_int_equal(rv_fclass_bits(0x7fc00000, 0), 1 << 9);
    assert_int_equal(rv_fclass_bits(0xfff0000000000000ull, RV_FP_DOUBLE), 1 << 0);
    assert_int_equal(rv_fclass_bits(0x000fffffffffffffull, RV_FP_DOUBLE), 1 << 5);
    assert_int_equal(rv_fclass_bits(0x7ff4000000000000ull, RV_FP_DOUBLE), 1 << 8);
    assert_int_equal(rv_fclass_bits(0x7ff8000000000000ull, RV_FP_DOUBLE), 1 << 9);
}

static void test_sc_helper(void **state)
{
    (void)state;
    struct cpu cpu;
    memset(&cpu, 0, sizeof(cpu));
    uint64_t mem = 5;
    uint32_t mem32 = 0xfffffff0u;
    /* no reservation */
    cpu.res_addr = ~0ull;
    assert_int_equal(rv_helper_sc(&cpu, (uintptr_t)&mem, 7, 8, 0), 1);
    assert_int_equal(mem, 5);
    /* matching reservation */
    cpu.res_addr = (uintptr_t)&mem;
    cpu.res_val = 5;
    assert_int_equal(rv_helper_sc(&cpu, (uintptr_t)&mem, 7, 8, 0), 0);
    assert_int_equal(mem, 7);
    assert_int_equal(cpu.res_addr, ~0ull);
    /* the reservation is gone after one SC */
    assert_int_equal(rv_helper_sc(&cpu, (uintptr_t)&mem, 9, 8, 0), 1);
    assert_int_equal(mem, 7);
    /* memory changed since the LR */
    cpu.res_addr = (uintptr_t)&mem;
    cpu.res_val = 6;
    assert_int_equal(rv_helper_sc(&cpu, (uintptr_t)&mem, 9, 8, 0), 1);
    assert_int_equal(mem, 7);
    /* .w compares 32 bits against the sign-extended value lr.w saw */
    cpu.res_addr = (uintptr_t)&mem32;
    cpu.res_val = (uint64_t)(int64_t)(int32_t)mem32;
    assert_int_equal(rv_helper_sc(&cpu, (uintptr_t)&mem32, 0x1234, 4, 0), 0);
    assert_int_equal(mem32, 0x1234);
    /* another address than the reserved one */
    cpu.res_addr = (uintptr_t)&mem;
    cpu.res_val = 7;
    assert_int_equal(rv_helper_sc(&cpu, (uintptr_t)&mem32, 1, 4, 0), 1);
    assert_int_equal(mem32, 0x1234);
}

/* ---- block translation: the shape of the IR ---- */

struct tx {
    struct tern_proc proc;
    uint8_t *code;     /* two executable pages */
    uint64_t base;
};

static int tx_setup(void **state)
{
    struct tx *t = calloc(1, sizeof(*t));
    mm_init(&t->proc.mm, arch_riscv64.task_size, arch_riscv64.mmap_base);
    /* below the guest's task_size, as guest code always is */
    t->code = MAP_FAILED;
    for (uint64_t hint = 0x1000000000ull; t->code == MAP_FAILED && hint < 0x2000000000ull;
         hint += 0x100000000ull)
        t->code = mmap((void *)(uintptr_t)hint, 3 * 4096, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (t->code == MAP_FAILED)  /* e.g. under ASan, whose shadow sits there */
        t->code = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (t->code == MAP_FAILED)
        return -1;
    t->base = (uintptr_t)t->code;
    /* pages 0 and 1 are executable for the guest, page 2 is not */
    mm_add(&t->proc.mm, t->base, 2 * 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE);
    mm_add(&t->proc.mm, t->base + 2 * 4096, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE);
    *state = t;
    return 0;
}

static int tx_teardown(void **state)
{
    struct tx *t = *state;
    munmap(t->code, 3 * 4096);
    free(t);
    return 0;
}

static void put_words(uint8_t *p, const uint32_t *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        memcpy(p + 4 * i, &w[i], 4);
}

static int translate_at(struct tx *t, int model, uint64_t pc, struct ir_block *b)
{
    struct tcontext tc = { &t->proc, &arch_riscv64.models[model] };
    ir_block_init(b, pc);
    return rv_translate(&tc, b);
}

static int count_ops(const struct ir_block *b, int opc)
{
    int n = 0;
    for (int i = 0; i < b->nops; i++)
        n += b->ops[i].opc == opc;
    return n;
}

static const struct ir_op *last_op(const struct ir_block *b)
{
    assert_true(b->nops > 0);
    return &b->ops[b->nops - 1];
}

static bool sets_offset(const struct ir_block *b, int32_t off)
{
    for (int i = 0; i < b->nops; i++)
        if (b->ops[i].opc == IR_set && b->ops[i].imm == off)
            return true;
    return false;
}

static void test_tx_ret(void **state)
{
    struct tx *t = *state;
    const uint32_t code[] = { 0x00150513u /* addi a0,a0,1 */, 0x00008067u /* ret */ };
    put_words(t->code, code, 2);
    struct ir_block b;
    assert_int_equal(translate_at(t, 0, t->base, &b), 0);
    assert_int_equal(b.ninsns, 2);
    assert_int_equal(b.guest_end, t->base + 8);
    assert_int_equal(count_ops(&b, IR_insn_start), 2);
    assert_int_equal(last_op(&b)->opc, IR_goto_ind);
    assert_int_equal(last_op(&b)->aux, IR_JMP_RET);
    assert_true(sets_offset(&b, CPU_GPR(RV_A0)));
    ir_block_free(&b);
}

static void test_tx_superblock(void **state)
{
    struct tx *t = *state;
    const uint32_t code[] = {
        0x00050463u,  /* beqz a0,+8 */
        0x00150513u,  /* addi a0,a0,1 */
        0x0040006fu,  /* j +4 */
    };
    put_words(t->code, code, 3);
    struct ir_block b;
    translate_at(t, 0, t->base, &b);
    assert_int_equal(b.ninsns, 3);
    assert_int_equal(count_ops(&b, IR_exit_cond), 1);
    for (int i = 0; i < b.nops; i++)
        if (b.ops[i].opc == IR_exit_cond) {
            assert_int_equal(b.ops[i].imm, t->base + 8);
            assert_int_equal(b.ops[i].cond, IR_EQ);
        }
    assert_int_equal(last_op(&b)->opc, IR_goto_pc);
    assert_int_equal(last_op(&b)->imm, t->base + 12);
    ir_block_free(&b);
}

static void test_tx_sigill(void **state)
{
    struct tx *t = *state;
    const uint32_t code[] = { 0x00000013u /* nop */, 0xffffffffu };
    put_words(t->code, code, 2);
    struct ir_block b;
    translate_at(t, 0, t->base, &b);
    assert_int_equal(b.ninsns, 2);
    assert_int_equal(last_op(&b)->opc, IR_exit);
    assert_int_equal(last_op(&b)->aux, EXIT_SIGILL);
    assert_int_equal(last_op(&b)->imm, t->base + 4);
    assert_true(sets_offset(&b, CPU_OFF(exit_arg)));
    ir_block_free(&b);

    /* fadd.s is illegal for a model without F/D (index 2, rv64imac) */
    const uint32_t fp[] = { 0x00c5f553u, 0x00008067u /* ret */ };
    put_words(t->code, fp, 2);
    assert_string_equal(arch_riscv64.models[2].name, "rv64imac");
    translate_at(t, 2, t->base, &b);
    assert_int_equal(last_op(&b)->aux, EXIT_SIGILL);
    ir_block_free(&b);
    translate_at(t, 0, t->base, &b);
    assert_int_equal(last_op(&b)->opc, IR_goto_ind);
    ir_block_free(&b);

    /* a reserved rounding mode is illegal */
    const uint32_t rm5[] = { 0x0108d253u };  /* fadd.s ft4,fa7,fa6,rm5 */
    put_words(t->code, rm5, 1);
    translate_at(t, 0, t->base, &b);
    assert_int_equal(last_op(&b)->aux, EXIT_SIGILL);
    ir_block_free(&b);

    /* a CSR user code cannot reach, and a write to a read-only counter */
    const uint32_t csr[] = { 0x10002573u /* csrr a0,sstatus */ };
    put_words(t->code, csr, 1);
    translate_at(t, 0, t->base, &b);
    assert_int_equal(last_op(&b)->aux, EXIT_SIGILL);
    ir_block_free(&b);
    const uint32_t wcyc[] = { 0xc0001573u /* csrrw a0,cycle,zero */ };
    put_words(t->code, wcyc, 1);
    translate_at(t, 0, t->base, &b);
    assert_int_equal(last_op(&b)->aux, EXIT_SIGILL);
    ir_block_free(&b);
}

static void test_tx_exits(void **state)
{
    struct tx *t = *state;
    static const struct { uint32_t word; int why; int next; } cases[] = {
        { 0x00000073u, EXIT_SYSCALL, 0 },   /* ecall: pc of the ecall */
        { 0x00100073u, EXIT_SIGTRAP, 0 },   /* ebreak */
        { 0x0000100fu, EXIT_FLUSH, 4 },     /* fence.i: the next insn */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        put_words(t->code, &cases[i].word, 1);
        struct ir_block b;
        translate_at(t, 0, t->base, &b);
        assert_int_equal(last_op(&b)->opc, IR_exit);
        assert_int_equal(last_op(&b)->aux, cases[i].why);
        assert_int_equal(last_op(&b)->imm, t->base + (uint64_t)cases[i].next);
        ir_block_free(&b);
    }
    /* c.ebreak */
    const uint8_t cebreak[2] = { 0x02, 0x90 };
    memcpy(t->code, cebreak, 2);
    struct ir_block b;
    translate_at(t, 0, t->base, &b);
    assert_int_equal(last_op(&b)->aux, EXIT_SIGTRAP);
    assert_int_equal(b.guest_end, t->base + 2);
    ir_block_free(&b);
    /* fence rw,rw needs a host fence (store->load); fence r,rw does not */
    const uint32_t f1[] = { 0x0330000fu, 0x0230000fu, 0x0000006fu };
    put_words(t->code, f1, 3);
    translate_at(t, 0, t->base, &b);
    assert_int_equal(count_ops(&b, IR_fence), 1);
    ir_block_free(&b);
}

static void test_tx_limits(void **state)
{
    struct tx *t = *state;
    /* a page of nops: the block stops at TB_MAX_INSNS */
    for (int i = 0; i < 1024; i++)
        memcpy(t->code + 4 * i, &(uint32_t){ 0x00000013u }, 4);
    struct ir_block b;
    translate_at(t, 0, t->base, &b);
    assert_int_equal(b.ninsns, TB_MAX_INSNS);
    assert_int_equal(last_op(&b)->opc, IR_goto_pc);
    assert_int_equal(last_op(&b)->imm, t->base + 4 * TB_MAX_INSNS);
    ir_block_free(&b);
    /* ... and before an insn on the next page */
    translate_at(t, 0, t->base + 4096 - 8, &b);
    assert_int_equal(b.ninsns, 2);
    assert_int_equal(last_op(&b)->imm, t->base + 4096);
    ir_block_free(&b);
    /* fetching from a non-executable page faults at the first insn */
    translate_at(t, 0, t->base + 2 * 4096, &b);
    assert_int_equal(last_op(&b)->opc, IR_exit);
    assert_int_equal(last_op(&b)->aux, EXIT_FETCH_FAULT);
    assert_int_equal(last_op(&b)->imm, t->base + 2 * 4096);
    ir_block_free(&b);
    /* ... and just ends the block later on: the last insn of page 1 is a
     * 4-byte insn whose second half lies on the non-executable page */
    uint8_t *p1 = t->code + 4096;
    for (int i = 0; i < 1024; i++)
        memcpy(p1 + 4 * i, &(uint32_t){ 0x00000013u }, 4);
    p1[4094] = 0x13;  /* low half of a 32-bit insn */
    p1[4095] = 0x05;
    memcpy(p1 + 4092, (const uint8_t[]){ 0x01, 0x00 }, 2);  /* c.nop */
    translate_at(t, 0, t->base + 4096 + 4092, &b);
    assert_int_equal(b.ninsns, 1);
    assert_int_equal(last_op(&b)->opc, IR_goto_pc);
    assert_int_equal(last_op(&b)->imm, t->base + 4096 + 4094);
    ir_block_free(&b);
}

static void test_cpu_reset(void **state)
{
    (void)state;
    struct cpu cpu;
    memset(&cpu, 0xa5, sizeof(cpu));
    arch_riscv64.cpu_reset(&cpu, &arch_riscv64.models[0]);
    assert_int_equal(cpu.gpr[5], 0);
    assert_int_equal(cpu.fpr[31], 0);
    assert_int_equal(cpu.frm, 0);
    assert_int_equal(cpu.res_addr, ~0ull);
    assert_string_equal(arch_riscv64.models[0].name, "max");
    assert_true(arch_riscv64.models[0].features & RV_F_ZBB);
    assert_false(arch_riscv64.models[1].features & RV_F_ZBB);
    assert_true(arch_riscv64.models[1].hwcap & (1u << ('d' - 'a')));
    assert_false(arch_riscv64.models[2].hwcap & (1u << ('f' - 'a')));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_disas_samples),
        cmocka_unit_test(test_disas_targets),
        cmocka_unit_test(test_disas_illegal),
        cmocka_unit_test(test_table_unambiguous),
        cmocka_unit_test(test_feature_gating),
        cmocka_unit_test(test_decode_fields),
        cmocka_unit_test(test_fminmax),
        cmocka_unit_test(test_fclass),
        cmocka_unit_test(test_sc_helper),
        cmocka_unit_test(test_cpu_reset),
        cmocka_unit_test_setup_teardown(test_tx_ret, tx_setup, tx_teardown),
        cmocka_unit_test_setup_teardown(test_tx_superblock, tx_setup, tx_teardown),
        cmocka_unit_test_setup_teardown(test_tx_sigill, tx_setup, tx_teardown),
        cmocka_unit_test_setup_teardown(test_tx_exits, tx_setup, tx_teardown),
        cmocka_unit_test_setup_teardown(test_tx_limits, tx_setup, tx_teardown),
    };
    return cmocka_run_group_tests_name("rv_decode", tests, NULL, NULL);
}
