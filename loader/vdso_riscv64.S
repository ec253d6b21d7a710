/* vdso_riscv64.S — the riscv64 guest's vDSO (source of the image in
 * loader/vdso_image.c; rebuild with `sh loader/vdso_gen.sh`).
 *
 * Exports what glibc and musl look up, at the kernel's version LINUX_4.15:
 * __vdso_clock_gettime, __vdso_gettimeofday, __vdso_clock_getres,
 * __vdso_getcpu, __vdso_flush_icache, __vdso_riscv_hwprobe (newer glibc asks
 * for it) and __vdso_rt_sigreturn, which the kernel — and tern — use as the
 * return address of every signal handler (riscv64 has no SA_RESTORER).
 *
 * Each served function starts with TERN_TRAP(op), a word of the custom-0
 * major opcode that tern translates, only inside the vDSO mapping, into a
 * call of a host helper (loader/vdso.c, vdso_helper): the helper reads the C
 * argument registers and leaves its results in a2..a5 (for the clock calls
 * a4 = 1 asks for the syscall fallback: a clock the helper does not serve).
 * The stores into the caller's structs are ordinary guest stores after the
 * trap, so a bad pointer faults in guest code as it does in the kernel's
 * vDSO. Only caller-saved registers are clobbered (a2..a5, a7).
 * flush_icache and hwprobe are the plain syscalls: tern must see
 * flush_icache to drop translations, and hwprobe is rare.
 *
 * No compressed insns: the image runs on any -cpu model. __vdso_rt_sigreturn
 * is the two words libgcc's unwinder recognises as a signal return; it has
 * no CFI (neither has the nop before it), so an unwinder finds no FDE there
 * and uses that recognition.
 */
#include <asm/unistd.h>

/* custom-0 (opcode 0x0b), I-type, rd = rs1 = x0, funct3 0, imm = 0x0d0 + op */
#define TERN_TRAP(op) .insn i 0x0b, 0, x0, x0, (0x0d0 + (op))
#define OP_CLOCK_GETTIME 0
#define OP_GETTIMEOFDAY  1
#define OP_CLOCK_GETRES  2
#define OP_GETCPU        3

#define FUNC(name) .globl name; .type name, @function; .p2align 2; name:
#define END(name) .size name, . - name

	.option norvc
	.text
	nop
FUNC(__vdso_rt_sigreturn)
	li	a7, __NR_rt_sigreturn
	ecall
END(__vdso_rt_sigreturn)

/* int clock_gettime(clockid_t clk, struct timespec *ts) -> 0 or -errno */
FUNC(__vdso_clock_gettime)
	.cfi_startproc
	TERN_TRAP(OP_CLOCK_GETTIME)
	bnez	a4, 1f
	sd	a2, 0(a1)
	sd	a3, 8(a1)
	li	a0, 0
	ret
1:	li	a7, __NR_clock_gettime
	ecall
	ret
	.cfi_endproc
END(__vdso_clock_gettime)

/* int gettimeofday(struct timeval *tv, struct timezone *tz) -> 0; the
 * helper always serves it (a2, a3: tv; a4, a5: tz) */
FUNC(__vdso_gettimeofday)
	.cfi_startproc
	TERN_TRAP(OP_GETTIMEOFDAY)
	beqz	a0, 1f
	sd	a2, 0(a0)
	sd	a3, 8(a0)
1:	beqz	a1, 2f
	sw	a4, 0(a1)
	sw	a5, 4(a1)
2:	li	a0, 0
	ret
	.cfi_endproc
END(__vdso_gettimeofday)

/* int clock_getres(clockid_t clk, struct timespec *res) -> 0 or -errno */
FUNC(__vdso_clock_getres)
	.cfi_startproc
	TERN_TRAP(OP_CLOCK_GETRES)
	bnez	a4, 2f
	beqz	a1, 1f
	sd	a2, 0(a1)
	sd	a3, 8(a1)
1:	li	a0, 0
	ret
2:	li	a7, __NR_clock_getres
	ecall
	ret
	.cfi_endproc
END(__vdso_clock_getres)

/* int getcpu(unsigned *cpu, unsigned *node, void *unused) -> 0; the helper
 * always serves it (a2: cpu, a3: node) */
FUNC(__vdso_getcpu)
	.cfi_startproc
	TERN_TRAP(OP_GETCPU)
	beqz	a0, 1f
	sw	a2, 0(a0)
1:	beqz	a1, 2f
	sw	a3, 0(a1)
2:	li	a0, 0
	ret
	.cfi_endproc
END(__vdso_getcpu)

/* long riscv_flush_icache(void *start, void *end, unsigned long flags) */
FUNC(__vdso_flush_icache)
	.cfi_startproc
	li	a7, __NR_riscv_flush_icache
	ecall
	ret
	.cfi_endproc
END(__vdso_flush_icache)

/* long riscv_hwprobe(pairs, pair_count, cpusetsize, cpus, flags) */
FUNC(__vdso_riscv_hwprobe)
	.cfi_startproc
	li	a7, 258		/* __NR_riscv_hwprobe: Debian 12's headers predate it */
	ecall
	ret
	.cfi_endproc
END(__vdso_riscv_hwprobe)
