# packaging/packaging.mk — installing tern and packaging it (included by the
# top-level Makefile), and the container check.
#
#   make install [PREFIX=/usr/local] [DESTDIR=]   tern, its tern-<arch> links, tern-binfmt,
#                                                 tern-mkroot, the docs and examples
#   make uninstall [PREFIX=...] [DESTDIR=...]     removes exactly what install put there
#   make deb [VERSION=...]                        $(BUILD)/tern_<version>_amd64.deb (dpkg-deb)
#   make deb-check                                builds the .deb and checks it (packaging/check-deb.sh)
#   make container-check                          the arm64 root under new namespaces (tests/container)
#
# The package is tern built with PREFIX=/usr, plus /usr/lib/binfmt.d/tern-<arch>.conf
# (written by `tern-binfmt export --systemd`: systemd-binfmt registers tern
# with flag F at boot) and maintainer scripts: postinst registers the entries
# now, prerm removes them (packaging/deb/).
# tern is static: the package depends on nothing. The version is VERSION, by
# default runner/tern.h's TERN_VERSION plus +git<commits>.<hash> (a Debian
# version: it starts with a digit and grows with every commit).

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  := $(PREFIX)/bin
DOCDIR  := $(PREFIX)/share/doc/tern

TERN_VERSION_H := $(shell sed -n 's/^\#define TERN_VERSION "\(.*\)"/\1/p' runner/tern.h)
GIT_COUNT      := $(shell git rev-list --count HEAD 2>/dev/null)
GIT_HASH       := $(shell git rev-parse --short HEAD 2>/dev/null)
VERSION ?= $(TERN_VERSION_H)$(if $(GIT_HASH),+git$(GIT_COUNT).$(GIT_HASH))

INSTALL_DOCS := README.md $(wildcard docs/*.md)
INSTALL_EXAMPLES := $(wildcard packaging/k8s/*.yaml)

.PHONY: install uninstall deb deb-check container-check
install: $(BUILD)/tern $(BUILD)/tern-binfmt
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DOCDIR)/examples
	install -m 755 $(BUILD)/tern $(DESTDIR)$(BINDIR)/tern
	$(foreach a,$(ARCHES),ln -sf tern $(DESTDIR)$(BINDIR)/tern-$(a);)
	install -m 755 $(BUILD)/tern-binfmt $(DESTDIR)$(BINDIR)/tern-binfmt
	install -m 755 sysroot-tools/tern-mkroot $(DESTDIR)$(BINDIR)/tern-mkroot
	install -m 644 $(INSTALL_DOCS) $(DESTDIR)$(DOCDIR)/
	$(if $(INSTALL_EXAMPLES),install -m 644 $(INSTALL_EXAMPLES) $(DESTDIR)$(DOCDIR)/examples/)

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/tern $(foreach a,$(ARCHES),$(DESTDIR)$(BINDIR)/tern-$(a)) \
	      $(DESTDIR)$(BINDIR)/tern-binfmt $(DESTDIR)$(BINDIR)/tern-mkroot
	rm -f $(addprefix $(DESTDIR)$(DOCDIR)/,$(notdir $(INSTALL_DOCS))) \
	      $(addprefix $(DESTDIR)$(DOCDIR)/examples/,$(notdir $(INSTALL_EXAMPLES)))
	-rmdir $(DESTDIR)$(DOCDIR)/examples $(DESTDIR)$(DOCDIR) 2>/dev/null

DEB      := $(BUILD)/tern_$(VERSION)_amd64.deb
DEB_ROOT := $(BUILD)/deb/tern
deb: $(DEB)
$(DEB): $(BUILD)/tern $(BUILD)/tern-binfmt sysroot-tools/tern-mkroot $(INSTALL_DOCS) $(INSTALL_EXAMPLES) \
        $(wildcard packaging/deb/*) packaging/packaging.mk
	rm -rf $(DEB_ROOT)
	$(MAKE) --no-print-directory install BUILD=$(BUILD) PREFIX=/usr DESTDIR=$(abspath $(DEB_ROOT))
	install -d $(DEB_ROOT)/usr/lib/binfmt.d $(DEB_ROOT)/DEBIAN
	$(BUILD)/tern-binfmt export --arch all --systemd $(DEB_ROOT)/usr/lib/binfmt.d \
	    --path $(abspath $(DEB_ROOT))/usr/bin/tern >/dev/null
	sed -i 's|:$(abspath $(DEB_ROOT))/usr/bin/tern:|:/usr/bin/tern:|' $(DEB_ROOT)/usr/lib/binfmt.d/*.conf
	! grep -l '$(abspath $(DEB_ROOT))' $(DEB_ROOT)/usr/lib/binfmt.d/*.conf
	install -m 755 packaging/deb/postinst packaging/deb/prerm $(DEB_ROOT)/DEBIAN/
	printf '%s\n' \
	  'Package: tern' \
	  'Version: $(VERSION)' \
	  'Architecture: amd64' \
	  'Maintainer: tern developers <tern@localhost>' \
	  'Installed-Size: '"$$(du -sk --exclude=DEBIAN $(DEB_ROOT) | cut -f1)" \
	  'Section: otherosfs' \
	  'Priority: optional' \
	  'Suggests: debootstrap, python3' \
	  'Description: user-mode binary translator for aarch64 and riscv64 Linux programs' \
	  ' tern runs Linux programs built for aarch64 (arm64) and riscv64 on x86-64' \
	  ' hosts: a JIT translates their machine code, their system calls go to the' \
	  ' host kernel. Whole Debian userlands run in a chroot or a container.' \
	  ' .' \
	  ' The package registers tern with binfmt_misc (flag F) for both guest' \
	  ' architectures, so foreign programs run by name. tern-mkroot builds' \
	  ' foreign Debian roots (debootstrap suggested); tern is static.' \
	  > $(DEB_ROOT)/DEBIAN/control
	cd $(DEB_ROOT) && find usr -type f -exec md5sum {} + | sort -k2 > DEBIAN/md5sums
	dpkg-deb --root-owner-group -Zxz --build $(DEB_ROOT) $@.tmp >/dev/null
	mv -f $@.tmp $@
	@echo "built $@"

deb-check: $(DEB)
	bash packaging/check-deb.sh $(DEB) $(VERSION) $(BUILD)

container-check: $(BUILD)/tern $(BUILD)/tern-binfmt
	bash tests/container/run.sh --tern $(abspath $(BUILD)/tern)
