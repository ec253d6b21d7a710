# bench/bench.mk — `make bench` (included by the top-level Makefile).
#
# Builds every bench/NAME.c for each guest architecture in BENCH_ARCHES
# (riscv64 and aarch64; static) and natively, all -O2, and runs bench/run.sh:
# each kernel natively, under $(TERN) and under qemu-user, best of 3, outputs
# checked against each other, plus the start-up time of each guest's hello.
# Knobs: BENCH_ARCHES="aarch64", BENCH_SCALE=N (more work), BENCH_REPS,
# BENCH_KERNELS="int_hash mem", TERN=..., QEMU_RISCV64=..., QEMU_AARCH64=...
# -std=c11 keeps floating-point contraction off so all three runs compute
# bit-identical checksums.

TERN         ?= $(BUILD)/tern
QEMU_RISCV64 ?= qemu-riscv64-static
QEMU_AARCH64 ?= qemu-aarch64-static
RISCV64_CC   ?= riscv64-linux-gnu-gcc
AARCH64_CC   ?= aarch64-linux-gnu-gcc
BENCH_ARCHES ?= riscv64 aarch64
BENCH_NATIVE_CC ?= $(CC)
BENCH_CFLAGS ?= -std=c11 -O2 -Wall -Wextra -Werror

BENCH_NAMES := $(notdir $(basename $(wildcard bench/*.c)))
BENCH_BINS  := $(foreach a,$(BENCH_ARCHES),$(addprefix $(BUILD)/bench/$(a)/,$(BENCH_NAMES))) \
               $(addprefix $(BUILD)/bench/native/,$(BENCH_NAMES))
BENCH_HELLOS := $(foreach a,$(BENCH_ARCHES),$(BUILD)/guest/$(a)/hello) $(BUILD)/guest/native/hello

$(BUILD)/bench/riscv64/%: bench/%.c bench/bench.h
	@mkdir -p $(@D)
	$(RISCV64_CC) $(BENCH_CFLAGS) -static -o $@ $< -lm

$(BUILD)/bench/aarch64/%: bench/%.c bench/bench.h
	@mkdir -p $(@D)
	$(AARCH64_CC) $(BENCH_CFLAGS) -static -o $@ $< -lm

$(BUILD)/bench/native/%: bench/%.c bench/bench.h
	@mkdir -p $(@D)
	$(BENCH_NATIVE_CC) $(BENCH_CFLAGS) -o $@ $< -lm

# build tern first when benchmarking the in-tree one
BENCH_TERN_DEP := $(if $(filter $(BUILD)/tern,$(firstword $(TERN))),$(if $(wildcard runner/main.c),all))

bench: $(BENCH_TERN_DEP) $(BENCH_BINS) $(BENCH_HELLOS)
	@TERN='$(TERN)' QEMU_RISCV64='$(QEMU_RISCV64)' QEMU_AARCH64='$(QEMU_AARCH64)' BUILD='$(BUILD)' \
	  BENCH_ARCHES='$(BENCH_ARCHES)' bash bench/run.sh
