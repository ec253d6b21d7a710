# tests/busybox/busybox.mk — Debian's arm64 busybox under tern (included by
# tests/tests.mk).
#
#   make busybox-check      fetch busybox-static:arm64 and :amd64 once (cached
#                           in $(BUILD)/busybox/), run tests/busybox/cases/*
#                           under $(TERN) and compare with qemu-aarch64-static
#                           (sh_, app_ cases) or with the amd64 busybox (shx_)
#   make busybox-check TERN=qemu-aarch64-static   check the harness itself (the
#                           shx_ cases then fail unless binfmt_misc runs the
#                           exec'd aarch64 busybox)
#   make busybox-check BUSYBOX_CASES="sh_lang app_tar"   only these cases
#   make busybox-fetch      only fetch
#
# The binary is a real third-party program (static glibc, built by Debian's
# compiler), so it exercises the frontend on code nobody wrote for tern.
# See tests/busybox/run.sh for what the cases may use and why.

BUSYBOX_DIR := $(BUILD)/busybox

# no prerequisites: present means fetched (never re-downloaded)
$(BUSYBOX_DIR)/busybox:
	@bash tests/busybox/fetch.sh $(BUSYBOX_DIR) busybox-static:arm64

# after the arm64 one: never two apt-get runs at once
$(BUSYBOX_DIR)/native/busybox: | $(BUSYBOX_DIR)/busybox
	@bash tests/busybox/fetch.sh $(BUSYBOX_DIR)/native busybox-static:amd64

.PHONY: busybox-fetch busybox-check
busybox-fetch: $(BUSYBOX_DIR)/busybox $(BUSYBOX_DIR)/native/busybox

busybox-check: busybox-fetch $(GUEST_TERN_DEP)
	@TERN='$(TERN)' QEMU='$(QEMU_AARCH64)' BUSYBOX='$(BUSYBOX_DIR)/busybox' \
	  NATIVE_BUSYBOX='$(BUSYBOX_DIR)/native/busybox' bash tests/busybox/run.sh $(BUSYBOX_CASES)
