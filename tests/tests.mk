# tests/tests.mk — guest test programs (included by the top-level Makefile).
#
#   make guest-check            build tests/guest/*.c for riscv64 and natively, run
#                               them under $(TERN) and compare (tests/run-guest-tests.sh)
#   make guest-check TERN=qemu-riscv64-static   the same, with qemu standing in for tern
#   make guest-build            only build the programs
#
# Each program is built twice from the same source: statically for riscv64
# ($(BUILD)/guest/riscv64/NAME) and natively ($(BUILD)/guest/native/NAME).
# -std=c11 keeps floating-point contraction off (no fused multiply-add that
# one build would use and the other not); -frounding-math stops the compiler
# from assuming round-to-nearest, which tests/guest/fenv.c changes.

TERN        ?= $(BUILD)/tern
QEMU_RISCV64 ?= qemu-riscv64-static
RISCV64_CC  ?= riscv64-linux-gnu-gcc
GUEST_NATIVE_CC ?= $(CC)
GUEST_CFLAGS ?= -std=c11 -O2 -Wall -Wextra -Werror -ffp-contract=off -frounding-math
GUEST_LIBS  := -lm

GUEST_SRCS  := $(wildcard tests/guest/*.c)
GUEST_NAMES := $(notdir $(GUEST_SRCS:.c=))
GUEST_HDRS  := $(wildcard tests/guest/*.h)
GUEST_RISCV64 := $(addprefix $(BUILD)/guest/riscv64/,$(GUEST_NAMES))
GUEST_NATIVE  := $(addprefix $(BUILD)/guest/native/,$(GUEST_NAMES))

$(BUILD)/guest/riscv64/%: tests/guest/%.c $(GUEST_HDRS)
	@mkdir -p $(@D)
	$(RISCV64_CC) $(GUEST_CFLAGS) -static -o $@ $< $(GUEST_LIBS)

$(BUILD)/guest/native/%: tests/guest/%.c $(GUEST_HDRS)
	@mkdir -p $(@D)
	$(GUEST_NATIVE_CC) $(GUEST_CFLAGS) -o $@ $< $(GUEST_LIBS)

.PHONY: guest-build
guest-build: $(GUEST_RISCV64) $(GUEST_NATIVE)

# tests/elf/elf.mk (ELF loader tests) is optional; when present its elf-check
# runs inside guest-check and counts as one test in the summary.
ifneq ($(wildcard tests/elf/elf.mk),)
include tests/elf/elf.mk
GUEST_CHECK_EXTRA += --make-target elf-check
endif

# `+` hands make's jobserver to the script (it may call $(MAKE) elf-check)
guest-check: guest-build
	+@TERN='$(TERN)' QEMU='$(QEMU_RISCV64)' BUILD='$(BUILD)' MAKE='$(MAKE)' \
	  bash tests/run-guest-tests.sh $(GUEST_CHECK_EXTRA) $(GUEST_TESTS)

# aarch64 instruction-family tests, compared against qemu (tests/a64/a64.mk)
include tests/a64/a64.mk
