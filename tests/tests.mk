# tests/tests.mk — guest test programs (included by the top-level Makefile).
#
#   make guest-check            build tests/guest/*.c for riscv64 and natively, run
#                               them under $(TERN) and compare (tests/run-guest-tests.sh)
#   make guest-check TERN=qemu-riscv64-static   the same, with qemu standing in for tern
#   make guest-build            only build the programs
#   make guest-check-aarch64        the same programs built for aarch64 (glibc)
#   make guest-check-aarch64-musl   ... and for aarch64 with musl libc
#                               (TERN=qemu-aarch64-static to check the harness)
#   make neon-check             tests/neon: NEON intrinsics and -O3 vectorised loops
#   make busybox-check          Debian's arm64 busybox running sh scripts
#   make aarch64-check          all four aarch64 suites above
#   make guest-check-dyn        the programs dynamically linked, both guests, -L
#
# Each program is built from the same source statically for the guest
# ($(BUILD)/guest/riscv64/NAME, $(BUILD)/guest/aarch64/NAME and, with musl,
# $(BUILD)/guest/aarch64-musl/NAME) and natively ($(BUILD)/guest/native/NAME).
# -std=c11 keeps floating-point contraction off (no fused multiply-add that
# one build would use and the other not); -frounding-math stops the compiler
# from assuming round-to-nearest, which tests/guest/fenv.c changes.

TERN        ?= $(BUILD)/tern
QEMU_RISCV64 ?= qemu-riscv64-static
QEMU_AARCH64 ?= qemu-aarch64-static
RISCV64_CC  ?= riscv64-linux-gnu-gcc
AARCH64_CC  ?= aarch64-linux-gnu-gcc
# Debian's musl-dev:arm64 wrapper around aarch64-linux-gnu-gcc (musl-gcc.specs)
AARCH64_MUSL_CC ?= aarch64-linux-musl-gcc
GUEST_NATIVE_CC ?= $(CC)
GUEST_CFLAGS ?= -std=c11 -O2 -Wall -Wextra -Werror -ffp-contract=off -frounding-math
GUEST_LIBS  := -lm

GUEST_SRCS  := $(wildcard tests/guest/*.c)
GUEST_NAMES := $(notdir $(GUEST_SRCS:.c=))
GUEST_HDRS  := $(wildcard tests/guest/*.h)
GUEST_RISCV64 := $(addprefix $(BUILD)/guest/riscv64/,$(GUEST_NAMES))
GUEST_NATIVE  := $(addprefix $(BUILD)/guest/native/,$(GUEST_NAMES))
GUEST_AARCH64 := $(addprefix $(BUILD)/guest/aarch64/,$(GUEST_NAMES))
GUEST_AARCH64_MUSL := $(addprefix $(BUILD)/guest/aarch64-musl/,$(GUEST_NAMES))

$(BUILD)/guest/riscv64/%: tests/guest/%.c $(GUEST_HDRS)
	@mkdir -p $(@D)
	$(RISCV64_CC) $(GUEST_CFLAGS) -static -o $@ $< $(GUEST_LIBS)

$(BUILD)/guest/aarch64/%: tests/guest/%.c $(GUEST_HDRS)
	@mkdir -p $(@D)
	$(AARCH64_CC) $(GUEST_CFLAGS) -static -o $@ $< $(GUEST_LIBS)

$(BUILD)/guest/aarch64-musl/%: tests/guest/%.c $(GUEST_HDRS)
	@mkdir -p $(@D)
	$(AARCH64_MUSL_CC) $(GUEST_CFLAGS) -static -o $@ $< $(GUEST_LIBS)

# the same programs dynamically linked against the cross toolchains' glibc
# (run with -L /usr/<triple>: PT_INTERP, the dynamic linker, shared libraries)
$(BUILD)/guest/riscv64-dyn/%: tests/guest/%.c $(GUEST_HDRS)
	@mkdir -p $(@D)
	$(RISCV64_CC) $(GUEST_CFLAGS) -o $@ $< $(GUEST_LIBS)

$(BUILD)/guest/aarch64-dyn/%: tests/guest/%.c $(GUEST_HDRS)
	@mkdir -p $(@D)
	$(AARCH64_CC) $(GUEST_CFLAGS) -o $@ $< $(GUEST_LIBS)

$(BUILD)/guest/native/%: tests/guest/%.c $(GUEST_HDRS)
	@mkdir -p $(@D)
	$(GUEST_NATIVE_CC) $(GUEST_CFLAGS) -o $@ $< $(GUEST_LIBS)

.PHONY: guest-build guest-build-aarch64 guest-build-aarch64-musl
guest-build: $(GUEST_RISCV64) $(GUEST_NATIVE)
guest-build-aarch64: $(GUEST_AARCH64) $(GUEST_NATIVE)
guest-build-aarch64-musl: $(GUEST_AARCH64_MUSL) $(GUEST_NATIVE)

# build tern first when testing the in-tree one (guest-check relies on
# `make check` having built it; the aarch64 targets are also run on their own)
GUEST_TERN_DEP := $(if $(filter $(BUILD)/tern,$(firstword $(TERN))),$(BUILD)/tern)

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

# the thread programs on an aarch64 model without LSE: the libcs' outline
# atomics then use load/store exclusives (the default model takes LSE)
.PHONY: guest-check-aarch64-nolse
guest-check-aarch64-nolse: guest-build-aarch64 $(GUEST_TERN_DEP)
	@TERN='$(TERN) -cpu cortex-a53' QEMU='$(QEMU_AARCH64) -cpu cortex-a53' BUILD='$(BUILD)' GUEST_ARCH=aarch64 \
	  bash tests/run-guest-tests.sh $(or $(GUEST_TESTS),$(notdir $(basename $(wildcard tests/guest/thr_*.c))))

# both guests' programs, dynamically linked, run with -L
.PHONY: guest-check-dyn
guest-check-dyn: $(addprefix $(BUILD)/guest/riscv64-dyn/,$(GUEST_NAMES)) \
                 $(addprefix $(BUILD)/guest/aarch64-dyn/,$(GUEST_NAMES)) $(GUEST_NATIVE) $(GUEST_TERN_DEP)
	@TERN='$(TERN)' BUILD='$(BUILD)' GUEST_ARCH=riscv64-dyn \
	  bash tests/run-guest-tests.sh $(GUEST_TESTS)
	@TERN='$(TERN)' BUILD='$(BUILD)' GUEST_ARCH=aarch64-dyn \
	  bash tests/run-guest-tests.sh $(GUEST_TESTS)

# the elf-check cases are riscv64 programs: run by guest-check only
.PHONY: guest-check-aarch64 guest-check-aarch64-musl aarch64-check
guest-check-aarch64: guest-build-aarch64 $(GUEST_TERN_DEP)
	@TERN='$(TERN)' QEMU='$(QEMU_AARCH64)' BUILD='$(BUILD)' GUEST_ARCH=aarch64 \
	  bash tests/run-guest-tests.sh $(GUEST_TESTS)

guest-check-aarch64-musl: guest-build-aarch64-musl $(GUEST_TERN_DEP)
	@TERN='$(TERN)' QEMU='$(QEMU_AARCH64)' BUILD='$(BUILD)' GUEST_ARCH=aarch64-musl \
	  bash tests/run-guest-tests.sh $(GUEST_TESTS)

# every aarch64 program suite, each run even when an earlier one failed; the
# last line names the suites that failed
aarch64-check:
	@failed=""; \
	for t in guest-check-aarch64 guest-check-aarch64-musl neon-check busybox-check; do \
	  echo "== make $$t"; $(MAKE) --no-print-directory $$t || failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then echo "aarch64-check: failed:$$failed"; exit 1; fi

# NEON intrinsics and auto-vectorised loops (tests/neon/neon.mk)
-include tests/neon/neon.mk
# Debian's arm64 busybox-static running shell scripts (tests/busybox/busybox.mk)
-include tests/busybox/busybox.mk

# aarch64 instruction-family tests, compared against qemu (tests/a64/a64.mk)
include tests/a64/a64.mk

# Go programs cross-built for both guests (tests/go/go.mk)
-include tests/go/go.mk

# guest socket clients against a host server (tests/net/net.mk)
-include tests/net/net.mk

# programs of a Debian bookworm arm64 root (built once by
# sysroot-tools/tern-mkroot under build/userland) against the host's own
.PHONY: userland-check
userland-check: $(GUEST_TERN_DEP)
	bash tests/userland/run.sh --tern $(TERN)
	bash tests/userland/run.sh --tern $(TERN) --pytests
