# tests/elf/elf.mk — malformed-ELF checks for the loader (included by the
# top-level Makefile).
#
#   make elf-check            build tern and the cases, run tern on each case
#   make elf-check ELF_TERN=x check another runner binary
#
# The cases are generated from one valid static riscv64 program
# (tests/elf/valid.c) by tests/elf/gen_cases.py, which also holds each case's
# expected message and exit status.

ELF_OUT   := $(BUILD)/tests/elf
ELF_TERN  ?= $(BUILD)/tern
ELF_RVCC  ?= riscv64-linux-gnu-gcc

.PHONY: elf-check elf-cases
elf-cases: $(ELF_OUT)/cases/cases.tsv

$(ELF_OUT)/valid: tests/elf/valid.c
	@mkdir -p $(dir $@)
	$(ELF_RVCC) -static -O2 -o $@ $<

$(ELF_OUT)/cases/cases.tsv: tests/elf/gen_cases.py $(ELF_OUT)/valid
	python3 tests/elf/gen_cases.py $(ELF_OUT)/valid $(ELF_OUT)/cases

elf-check: $(ELF_TERN) $(ELF_OUT)/cases/cases.tsv
	python3 tests/elf/run_cases.py $(ELF_TERN) $(ELF_OUT)/cases/cases.tsv
