/* vdso_aarch64.S — the aarch64 guest's vDSO (source of the image in
 * loader/vdso_image.c; rebuild with `sh loader/vdso_gen.sh`).
 *
 * Exports what glibc and musl look up, at the kernel's version LINUX_2.6.39:
 * __kernel_clock_gettime, __kernel_gettimeofday, __kernel_clock_getres,
 * __kernel_rt_sigreturn. Each time function starts with TERN_TRAP(op), a UDF
 * word that tern translates, only inside the vDSO mapping, into a call of a
 * host helper (loader/vdso.c, vdso_helper): the helper reads the C argument
 * registers and leaves its results in x2..x5 (for the clock calls x4 = 1
 * asks for the syscall fallback: a clock the helper does not serve). The stores into the caller's
 * structs are ordinary guest stores after the trap, so a bad pointer faults
 * in guest code as it does in the kernel's vDSO. Registers clobbered: only
 * caller-saved ones (x2..x5, x8).
 *
 * __kernel_rt_sigreturn is the two words libgcc's unwinder recognises as a
 * signal return; it has no CFI (neither has the nop before it), so an
 * unwinder finds no FDE there and uses that recognition.
 */
#include <asm/unistd.h>

#define TERN_TRAP(op) .inst (0x0000c0d0 + (op))   /* udf #(0xc0d0 + op) */
#define OP_CLOCK_GETTIME 0
#define OP_GETTIMEOFDAY  1
#define OP_CLOCK_GETRES  2

#define FUNC(name) .globl name; .type name, %function; .p2align 2; name:
#define END(name) .size name, . - name

	.text
	nop
FUNC(__kernel_rt_sigreturn)
	mov	x8, #__NR_rt_sigreturn
	svc	#0
END(__kernel_rt_sigreturn)

/* int clock_gettime(clockid_t clk, struct timespec *ts) -> 0 or -errno */
FUNC(__kernel_clock_gettime)
	.cfi_startproc
	TERN_TRAP(OP_CLOCK_GETTIME)
	cbnz	x4, 1f
	stp	x2, x3, [x1]
	mov	x0, #0
	ret
1:	mov	x8, #__NR_clock_gettime
	svc	#0
	ret
	.cfi_endproc
END(__kernel_clock_gettime)

/* int gettimeofday(struct timeval *tv, struct timezone *tz) -> 0; the
 * helper always serves it (x2, x3: tv; x4, x5: tz) */
FUNC(__kernel_gettimeofday)
	.cfi_startproc
	TERN_TRAP(OP_GETTIMEOFDAY)
	cbz	x0, 1f
	stp	x2, x3, [x0]
1:	cbz	x1, 2f
	stp	w4, w5, [x1]
2:	mov	x0, #0
	ret
	.cfi_endproc
END(__kernel_gettimeofday)

/* int clock_getres(clockid_t clk, struct timespec *res) -> 0 or -errno */
FUNC(__kernel_clock_getres)
	.cfi_startproc
	TERN_TRAP(OP_CLOCK_GETRES)
	cbnz	x4, 2f
	cbz	x1, 1f
	stp	x2, x3, [x1]
1:	mov	x0, #0
	ret
2:	mov	x8, #__NR_clock_getres
	svc	#0
	ret
	.cfi_endproc
END(__kernel_clock_getres)
