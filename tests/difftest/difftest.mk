# tests/difftest/difftest.mk — differential testing of tern against qemu-user
# (included by the top-level Makefile).
#
#   make difftest         long run: DIFFTEST_N sequences (default 100000) from
#                         DIFFTEST_SEED (default: a new one each run, printed)
#   make difftest-quick   bounded run for `make check`: a fixed seed, 10000
#                         sequences (about 10 s on 2 cores)
#
# Each sequence is random riscv64 code (RV64GC + Zba/Zbb/Zbs) between a
# prologue that loads every register and fcsr and an epilogue that dumps
# them with the scratch memory. Many sequences share one static ELF; the same
# ELF runs under tern and under qemu-riscv64-static and the dumps must match.
# Mismatches are minimised and printed; the last line is "N passed, N failed"
# and the exit status is non-zero on any failure.
#
# Knobs: DIFFTEST_N, DIFFTEST_SEED, DIFFTEST_JOBS (default: all CPUs),
# DIFFTEST_ARGS (extra options, e.g. "-x fma,fcvt -m 50"; see
# tests/difftest/difftest.c), DIFFTEST_TERN, DIFFTEST_QEMU.

DIFFTEST_BIN   := $(BUILD)/difftest/difftest
DIFFTEST_SRCS  := $(wildcard tests/difftest/*.c)
DIFFTEST_HDRS  := $(wildcard tests/difftest/*.h)
DIFFTEST_N     ?= 100000
DIFFTEST_SEED  ?= $(shell date +%s)
DIFFTEST_QUICK_N    ?= 10000
DIFFTEST_QUICK_SEED ?= 20240601
DIFFTEST_JOBS  ?= 0
DIFFTEST_ARGS  ?=
DIFFTEST_TERN  ?= $(BUILD)/tern
DIFFTEST_QEMU  ?= qemu-riscv64-static -cpu rv64,zbc=false
DIFFTEST_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -I. -D_GNU_SOURCE

$(DIFFTEST_BIN): $(DIFFTEST_SRCS) $(DIFFTEST_HDRS)
	@mkdir -p $(@D)
	$(CC) $(DIFFTEST_CFLAGS) -o $@ $(DIFFTEST_SRCS)

.PHONY: difftest difftest-quick
difftest: $(BUILD)/tern $(DIFFTEST_BIN)
	$(DIFFTEST_BIN) -n $(DIFFTEST_N) -s $(DIFFTEST_SEED) -j $(DIFFTEST_JOBS) \
	  --tern '$(DIFFTEST_TERN)' --qemu '$(DIFFTEST_QEMU)' $(DIFFTEST_ARGS)

difftest-quick: $(BUILD)/tern $(DIFFTEST_BIN)
	$(DIFFTEST_BIN) -q -n $(DIFFTEST_QUICK_N) -s $(DIFFTEST_QUICK_SEED) -j $(DIFFTEST_JOBS) \
	  --tern '$(DIFFTEST_TERN)' --qemu '$(DIFFTEST_QEMU)' $(DIFFTEST_ARGS)
