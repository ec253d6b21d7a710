# bench/bench.mk — `make bench` (included by the top-level Makefile).
#
# Builds every bench/NAME.c for riscv64 (static) and natively, both -O2, and
# runs bench/run.sh: each kernel natively, under $(TERN) and under
# qemu-riscv64-static, best of 3, outputs checked against each other, plus
# the start-up time of the riscv64 hello. Knobs: BENCH_SCALE=N (more work),
# BENCH_REPS, BENCH_KERNELS="int_hash mem", TERN=..., QEMU_RISCV64=...
# -std=c11 keeps floating-point contraction off so all three runs compute
# bit-identical checksums.

TERN         ?= $(BUILD)/tern
QEMU_RISCV64 ?= qemu-riscv64-static
RISCV64_CC   ?= riscv64-linux-gnu-gcc
BENCH_NATIVE_CC ?= $(CC)
BENCH_CFLAGS ?= -std=c11 -O2 -Wall -Wextra -Werror

BENCH_NAMES := $(notdir $(basename $(wildcard bench/*.c)))
BENCH_BINS  := $(addprefix $(BUILD)/bench/riscv64/,$(BENCH_NAMES)) \
               $(addprefix $(BUILD)/bench/native/,$(BENCH_NAMES))

$(BUILD)/bench/riscv64/%: bench/%.c bench/bench.h
	@mkdir -p $(@D)
	$(RISCV64_CC) $(BENCH_CFLAGS) -static -o $@ $< -lm

$(BUILD)/bench/native/%: bench/%.c bench/bench.h
	@mkdir -p $(@D)
	$(BENCH_NATIVE_CC) $(BENCH_CFLAGS) -o $@ $< -lm

# build tern first when benchmarking the in-tree one
BENCH_TERN_DEP := $(if $(filter $(BUILD)/tern,$(firstword $(TERN))),$(if $(wildcard runner/main.c),all))

bench: $(BENCH_TERN_DEP) $(BENCH_BINS) $(BUILD)/guest/riscv64/hello $(BUILD)/guest/native/hello
	@TERN='$(TERN)' QEMU='$(QEMU_RISCV64)' BUILD='$(BUILD)' bash bench/run.sh
