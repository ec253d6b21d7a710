# tests/a64/a64.mk — aarch64 instruction-family tests (included by tests/tests.mk).
#
#   make a64-check     build tests/a64/*.S and *.c for aarch64, run each under
#                      $(TERN) and under qemu-aarch64-static, compare stdout and
#                      exit status (tests/a64/run.sh)
#   make a64-check A64_TESTS="dp_flags neon_perm"   only these
#
# These programs exercise one instruction family each and print what the
# instructions computed (register dumps, flag words), so the oracle is qemu
# running the same binary: there is no native build of an Arm instruction.
# *.S files are freestanding (-nostdlib, _start, raw syscalls); *.c files link
# glibc statically and may use arm_neon.h / arm_acle.h.

QEMU_AARCH64 ?= qemu-aarch64-static
AARCH64_CC   ?= aarch64-linux-gnu-gcc
A64_CFLAGS   ?= -O2 -march=armv8-a+crc+crypto -Wall -Wextra -Werror -ffp-contract=off
A64_ASFLAGS  ?= -march=armv8.1-a+crc+crypto

A64_S_SRCS := $(wildcard tests/a64/*.S)
A64_C_SRCS := $(wildcard tests/a64/*.c)
A64_NAMES  := $(notdir $(A64_S_SRCS:.S=) $(A64_C_SRCS:.c=))
A64_BINS   := $(addprefix $(BUILD)/a64/,$(A64_NAMES))
A64_HDRS   := $(wildcard tests/a64/*.h)

$(BUILD)/a64/%: tests/a64/%.S $(A64_HDRS)
	@mkdir -p $(@D)
	$(AARCH64_CC) $(A64_ASFLAGS) -nostdlib -static -Itests/a64 -o $@ $<

$(BUILD)/a64/%: tests/a64/%.c $(A64_HDRS)
	@mkdir -p $(@D)
	$(AARCH64_CC) $(A64_CFLAGS) -static -Itests/a64 -o $@ $< -lm

.PHONY: a64-build a64-check
a64-build: $(A64_BINS)

a64-check: a64-build $(BUILD)/tern
	@TERN='$(TERN)' QEMU='$(QEMU_AARCH64)' BUILD='$(BUILD)' \
	  bash tests/a64/run.sh $(A64_TESTS)

# -d in_asm,out_asm through capstone on the real (post-linked) binary: its
# relocations are applied lazily on first use (runner/lazyreloc.c), so this
# is what would break if that went wrong. Both disassemblers must answer
# (smoke_hello exits with status 7).
.PHONY: log-check
log-check: $(BUILD)/a64/smoke_hello $(BUILD)/tern
	@log=$$(mktemp) && trap 'rm -f $$log' EXIT && \
	{ $(BUILD)/tern -d in_asm,out_asm -D $$log $(BUILD)/a64/smoke_hello > /dev/null; \
	  test $$? = 7; } && \
	grep -q 'movz x0, #0x1' $$log && \
	grep -q 'svc #0' $$log && \
	grep -q 'jmp 0x' $$log && \
	echo "log-check: in_asm and out_asm disassemble" || \
	{ echo "log-check: FAILED (in_asm/out_asm output below)"; head -20 $$log; exit 1; }
