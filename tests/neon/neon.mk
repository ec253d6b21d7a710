# tests/neon/neon.mk — NEON intrinsics and auto-vectorised loops (included by
# tests/tests.mk).
#
#   make neon-check           build tests/neon/*.c, run them under $(TERN),
#                             compare (tests/neon/run.sh)
#   make neon-check TERN=qemu-aarch64-static   check the harness itself
#   make neon-check NEON_TESTS="neon_crypto vec_loops"   only these
#   make neon-check-musl      the same programs linked with musl
#                             (aarch64-linux-musl-gcc), under $(BUILD)/musl/neon
#
# neon_NAME.c: intrinsics programs printing every result in hex; the oracle is
#   qemu-aarch64-static running the same binary (there is no native build of
#   an Arm intrinsic). neon_crypto also checks known-answer vectors itself.
# vec_NAME.c: plain C loops gcc -O3 vectorises; built for aarch64 and natively
#   with the same flags and compared with the native output; run.sh also checks
#   with objdump that each loop_* function of the aarch64 build is vectorised.

NEON_CFLAGS ?= -std=gnu11 -O2 -march=armv8-a+crypto+crc -Wall -Wextra -Werror -ffp-contract=off
VEC_CFLAGS  ?= -std=c11 -O3 -ffp-contract=off -fno-fast-math -Wall -Wextra -Werror
AARCH64_OBJDUMP ?= aarch64-linux-gnu-objdump

NEON_NAMES := $(notdir $(basename $(wildcard tests/neon/neon_*.c)))
VEC_NAMES  := $(notdir $(basename $(wildcard tests/neon/vec_*.c)))
NEON_BINS  := $(addprefix $(BUILD)/neon/,$(NEON_NAMES)) \
              $(addprefix $(BUILD)/neon/aarch64/,$(VEC_NAMES)) \
              $(addprefix $(BUILD)/neon/native/,$(VEC_NAMES))

$(BUILD)/neon/neon_%: tests/neon/neon_%.c tests/neon/neon_common.h
	@mkdir -p $(@D)
	$(AARCH64_CC) $(NEON_CFLAGS) -static -o $@ $< -lm

$(BUILD)/neon/aarch64/vec_%: tests/neon/vec_%.c
	@mkdir -p $(@D)
	$(AARCH64_CC) $(VEC_CFLAGS) -static -o $@ $< -lm

$(BUILD)/neon/native/vec_%: tests/neon/vec_%.c
	@mkdir -p $(@D)
	$(GUEST_NATIVE_CC) $(VEC_CFLAGS) -o $@ $< -lm

.PHONY: neon-build neon-check
neon-build: $(NEON_BINS)

neon-check: neon-build $(GUEST_TERN_DEP)
	@TERN='$(TERN)' QEMU='$(QEMU_AARCH64)' BUILD='$(BUILD)' OBJDUMP='$(AARCH64_OBJDUMP)' \
	  bash tests/neon/run.sh $(NEON_TESTS)

# the musl flavour: same sources and oracles, binaries under $(BUILD)/musl/neon
AARCH64_MUSL_CC ?= aarch64-linux-musl-gcc
NEON_MUSL_BINS := $(addprefix $(BUILD)/musl/neon/,$(NEON_NAMES)) \
                  $(addprefix $(BUILD)/musl/neon/aarch64/,$(VEC_NAMES)) \
                  $(addprefix $(BUILD)/musl/neon/native/,$(VEC_NAMES))

$(BUILD)/musl/neon/neon_%: tests/neon/neon_%.c tests/neon/neon_common.h
	@mkdir -p $(@D)
	$(AARCH64_MUSL_CC) $(NEON_CFLAGS) -static -o $@ $< -lm

$(BUILD)/musl/neon/aarch64/vec_%: tests/neon/vec_%.c
	@mkdir -p $(@D)
	$(AARCH64_MUSL_CC) $(VEC_CFLAGS) -static -o $@ $< -lm

$(BUILD)/musl/neon/native/vec_%: tests/neon/vec_%.c
	@mkdir -p $(@D)
	$(GUEST_NATIVE_CC) $(VEC_CFLAGS) -o $@ $< -lm

.PHONY: neon-check-musl
neon-check-musl: $(NEON_MUSL_BINS) $(GUEST_TERN_DEP)
	@TERN='$(TERN)' QEMU='$(QEMU_AARCH64)' BUILD='$(BUILD)/musl' OBJDUMP='$(AARCH64_OBJDUMP)' \
	  bash tests/neon/run.sh $(NEON_TESTS)
