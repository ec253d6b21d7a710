# tests/difftest/difftest.mk — differential testing of tern against qemu-user
# (included by the top-level Makefile).
#
#   make difftest                long run: DIFFTEST_N sequences (default 100000)
#                                per arch in DIFFTEST_ARCH (default: riscv64
#                                and aarch64) from DIFFTEST_SEED (default: a
#                                new one each run, printed)
#   make difftest DIFFTEST_ARCH=aarch64   one arch
#   make difftest-quick          bounded run for `make check`: a fixed seed,
#                                DIFFTEST_QUICK_N sequences of each arch in
#                                DIFFTEST_QUICK_ARCH (default both)
#   make difftest-quick-riscv64  the riscv64 slice alone (10000, ~10 s on 2 cores)
#   make difftest-quick-aarch64  the aarch64 slice alone (5000, ~5-15 s on 2 cores)
#   make difftest-enum DIFFTEST_ENUM=logimm   an aarch64 enumeration (-E):
#                                logimm, bfm, cond, fcvt, fmovi, movi, vshift
#
# Each sequence is random code (riscv64: RV64GC + Zba/Zbb/Zbs; aarch64:
# ARMv8.0 + crypto + CRC32 + LSE + LRCPC) between a prologue that loads
# every register and the FP control/status and an epilogue that dumps them
# with the scratch memory. Many sequences share one static ELF; the same ELF
# runs under tern and under qemu-user and the dumps must match. Mismatches
# are minimised and printed with their disassembly; the last line is
# "N passed, N failed" and the exit status is non-zero on any failure.
#
# Random aarch64 encodings (decoder agreement, SIGILL or result) need CPU
# models with the same features on both sides:
#   make difftest DIFFTEST_ARCH=aarch64 DIFFTEST_ARGS="-o rawenc" \
#     DIFFTEST_TERN="build/tern -cpu cortex-a53" \
#     DIFFTEST_QEMU="qemu-aarch64-static -cpu cortex-a57"
#
# Knobs: DIFFTEST_N, DIFFTEST_SEED, DIFFTEST_JOBS (default: all CPUs),
# DIFFTEST_ARCH, DIFFTEST_ARGS (extra options, e.g. "-x fma,fcvt -m 50" or
# "-o simd3,vshift"; --classes lists each arch's classes; see
# tests/difftest/difftest.c), DIFFTEST_TERN, DIFFTEST_QEMU (empty: each arch's
# default).

DIFFTEST_BIN   := $(BUILD)/difftest/difftest
DIFFTEST_SRCS  := $(wildcard tests/difftest/*.c)
DIFFTEST_HDRS  := $(wildcard tests/difftest/*.h)
DIFFTEST_N     ?= 100000
DIFFTEST_SEED  ?= $(shell date +%s)
DIFFTEST_ARCH  ?= riscv64 aarch64
DIFFTEST_QUICK_ARCH ?= riscv64 aarch64
DIFFTEST_QUICK_SEED ?= 20240601
DIFFTEST_QUICK_N_riscv64 ?= 10000
DIFFTEST_QUICK_N_aarch64 ?= 5000
DIFFTEST_JOBS  ?= 0
DIFFTEST_ARGS  ?=
DIFFTEST_ENUM  ?= logimm
DIFFTEST_TERN  ?= $(BUILD)/tern
DIFFTEST_QEMU  ?=
DIFFTEST_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -I. -D_GNU_SOURCE

# --qemu only when given: each arch has its own default oracle
difftest_qemu = $(if $(DIFFTEST_QEMU),--qemu '$(DIFFTEST_QEMU)')
difftest_arches = $(shell echo $(1) | tr ' ' ',')

$(DIFFTEST_BIN): $(DIFFTEST_SRCS) $(DIFFTEST_HDRS)
	@mkdir -p $(@D)
	$(CC) $(DIFFTEST_CFLAGS) -o $@ $(DIFFTEST_SRCS)

.PHONY: difftest difftest-quick difftest-quick-riscv64 difftest-quick-aarch64 difftest-enum
difftest: $(BUILD)/tern $(DIFFTEST_BIN)
	$(DIFFTEST_BIN) --arch $(call difftest_arches,$(DIFFTEST_ARCH)) -n $(DIFFTEST_N) -s $(DIFFTEST_SEED) \
	  -j $(DIFFTEST_JOBS) --tern '$(DIFFTEST_TERN)' $(difftest_qemu) $(DIFFTEST_ARGS)

difftest-quick: $(foreach a,$(DIFFTEST_QUICK_ARCH),difftest-quick-$(a))

difftest-quick-riscv64 difftest-quick-aarch64: difftest-quick-%: $(BUILD)/tern $(DIFFTEST_BIN)
	$(DIFFTEST_BIN) --arch $* -q -n $(DIFFTEST_QUICK_N_$*) -s $(DIFFTEST_QUICK_SEED) -j $(DIFFTEST_JOBS) \
	  --tern '$(DIFFTEST_TERN)' $(difftest_qemu) $(DIFFTEST_ARGS)

difftest-enum: $(BUILD)/tern $(DIFFTEST_BIN)
	$(DIFFTEST_BIN) --arch aarch64 -E $(DIFFTEST_ENUM) -s $(DIFFTEST_QUICK_SEED) -j $(DIFFTEST_JOBS) \
	  --tern '$(DIFFTEST_TERN)' $(difftest_qemu) $(DIFFTEST_ARGS)
