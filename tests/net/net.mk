# tests/net/net.mk — guest socket clients under tern against a host server.
#
#   make net-check     build tests/net/echo_server.c natively and
#                      tests/net/echo_client.c for riscv64, aarch64 (glibc),
#                      aarch64-musl (static) and natively, then run
#                      tests/net/run.sh: the host server on ephemeral
#                      127.0.0.1 ports, each guest client under $(TERN),
#                      compared with the native client's output
#   make net-check TERN=qemu-aarch64-static NET_FLAVOURS=aarch64   check the
#                      harness itself with qemu standing in for tern
#
# The compilers and flags default to tests/tests.mk's when it is included
# first, and to the same values when not.

TERN            ?= $(BUILD)/tern
RISCV64_CC      ?= riscv64-linux-gnu-gcc
AARCH64_CC      ?= aarch64-linux-gnu-gcc
AARCH64_MUSL_CC ?= aarch64-linux-musl-gcc
GUEST_NATIVE_CC ?= $(CC)
NET_CFLAGS      ?= -std=gnu11 -O2 -Wall -Wextra -Werror
NET_FLAVOURS    ?= riscv64 aarch64 aarch64-musl

NET_DIR := $(BUILD)/net
NET_BINS := $(NET_DIR)/echo_server $(NET_DIR)/echo_client-native \
            $(NET_DIR)/echo_client-riscv64 $(NET_DIR)/echo_client-aarch64 \
            $(NET_DIR)/echo_client-aarch64-musl

$(NET_DIR)/echo_server: tests/net/echo_server.c
	@mkdir -p $(@D)
	$(GUEST_NATIVE_CC) $(NET_CFLAGS) -o $@ $<

$(NET_DIR)/echo_client-native: tests/net/echo_client.c
	@mkdir -p $(@D)
	$(GUEST_NATIVE_CC) $(NET_CFLAGS) -o $@ $<

$(NET_DIR)/echo_client-riscv64: tests/net/echo_client.c
	@mkdir -p $(@D)
	$(RISCV64_CC) $(NET_CFLAGS) -static -o $@ $<

$(NET_DIR)/echo_client-aarch64: tests/net/echo_client.c
	@mkdir -p $(@D)
	$(AARCH64_CC) $(NET_CFLAGS) -static -o $@ $<

$(NET_DIR)/echo_client-aarch64-musl: tests/net/echo_client.c
	@mkdir -p $(@D)
	$(AARCH64_MUSL_CC) $(NET_CFLAGS) -static -o $@ $<

# build tern first when testing the in-tree one
NET_TERN_DEP = $(if $(filter $(BUILD)/tern,$(firstword $(TERN))),$(BUILD)/tern)

.PHONY: net-check
net-check: $(NET_BINS) $(NET_TERN_DEP)
	@TERN='$(TERN)' NET_DIR='$(NET_DIR)' NET_FLAVOURS='$(NET_FLAVOURS)' bash tests/net/run.sh
