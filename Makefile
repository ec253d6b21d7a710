# tern — build, test and benchmark. GNU Make.
#
#   make            build/tern (static-pie) and its tern-<arch> links
#   make demo       install missing Debian packages, build, run bundled riscv64 and aarch64 demos
#   make check      install missing Debian packages, build, run every test
#   make bench      benchmarks: native vs tern vs qemu-user, one run
#   make difftest   long differential run of random riscv64 and aarch64 code, tern vs qemu-user
#   make install    tern, its links, tern-binfmt, tern-mkroot under PREFIX (packaging/packaging.mk: uninstall, deb, deb-check)
#
# Sources are picked up by directory; a new .c file needs no Makefile change.

CC      ?= cc
ifeq ($(origin CC),default)
CC      := gcc
endif
BUILD   := build
CFLAGS  ?= -O2 -g
CFLAGS  += -std=gnu11 -Wall -Wextra -Werror -fPIE -I. -D_GNU_SOURCE
DEPFLAGS = -MMD -MP
TERN_LIBS := -lelf -lz -lzstd -lcapstone -lm -lpthread

SRC_DIRS := runner jit loader syscalls frontends frontends/riscv64 frontends/aarch64
SRCS     := $(foreach d,$(SRC_DIRS),$(wildcard $(d)/*.c))
OBJS     := $(patsubst %.c,$(BUILD)/obj/%.o,$(SRCS))
MAIN_OBJ := $(BUILD)/obj/runner/main.o
LIB_OBJS := $(filter-out $(MAIN_OBJ),$(OBJS))
ARCHES   := riscv64 aarch64

.PHONY: all demo check unit guest-check bench deps clean
all: $(BUILD)/tern $(foreach a,$(ARCHES),$(BUILD)/tern-$(a)) $(BUILD)/tern-binfmt

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(DEPFLAGS) -c $< -o $@

# generated syscall tables (committed; regenerate with `make syscall-tables`)
.PHONY: syscall-tables
syscall-tables:
	python3 syscalls/gen_table.py

# runner/link/lazy.ld + runner/link/lazyrel defer capstone's relocations (only -d uses it)
# from start-up to first use: runner/lazyreloc.c
TERN_LDFLAGS := -static-pie -Wl,-T,runner/link/lazy.ld
$(BUILD)/link/lazyrel: runner/link/lazyrel.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -std=gnu11 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/tern: $(OBJS) runner/link/lazy.ld $(BUILD)/link/lazyrel
	$(CC) $(TERN_LDFLAGS) -o $@.tmp $(OBJS) $(TERN_LIBS)
	$(BUILD)/link/lazyrel $@.tmp
	mv -f $@.tmp $@

$(BUILD)/tern-%: $(BUILD)/tern
	ln -sf tern $@

# tern-binfmt (binfmt/, docs/binfmt.md): registers tern with binfmt_misc; static like tern
BINFMT_OBJS := $(patsubst %.c,$(BUILD)/obj/%.o,$(wildcard binfmt/*.c))
$(BUILD)/tern-binfmt: $(BINFMT_OBJS)
	$(CC) -static-pie -o $@ $(BINFMT_OBJS)

.PHONY: binfmt-check
binfmt-check: $(BUILD)/tern $(BUILD)/tern-binfmt
	sh tests/binfmt/run.sh $(BUILD)

# ---- set-up: Debian packages the build and tests need ----
deps:
	@sh sysroot-tools/install-deps.sh

demo: deps
	$(MAKE) all
	$(MAKE) $(BUILD)/guest/riscv64/hello $(BUILD)/guest/aarch64/hello
	$(BUILD)/tern $(BUILD)/guest/riscv64/hello
	$(BUILD)/tern $(BUILD)/guest/aarch64/hello

# ---- unit tests (cmocka) ----
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(UNIT_SRCS))
$(BUILD)/tests/unit/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(LIB_OBJS) -lcmocka $(TERN_LIBS)

unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; timeout 300 $$t; done

check: deps
	$(MAKE) all
	$(MAKE) unit
	$(MAKE) guest-check
	$(MAKE) guest-check-aarch64
	$(MAKE) guest-check-aarch64-musl
	$(MAKE) guest-check-dyn
	$(MAKE) guest-check-aarch64-nolse
	$(MAKE) net-check
	$(MAKE) go-check
	$(MAKE) userland-check
	$(MAKE) binfmt-check
	$(MAKE) container-check
	$(MAKE) deb-check
	$(MAKE) a64-check log-check
	$(MAKE) neon-check neon-check-musl
	$(MAKE) busybox-check
	$(MAKE) difftest-quick

clean:
	rm -rf $(BUILD)

# fpu.c brackets FP ops with fesetround(): keep them in place
$(BUILD)/obj/jit/fpu.o: CFLAGS += -frounding-math

-include tests/tests.mk
-include tests/difftest/difftest.mk
-include bench/bench.mk
-include packaging/packaging.mk
-include $(OBJS:.o=.d) $(BINFMT_OBJS:.o=.d)
