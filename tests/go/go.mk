# tests/go/go.mk — Go programs (Debian's golang-go, CGO_ENABLED=0) cross-built
# for arm64 and riscv64 and run under tern; stdout and exit status must equal
# the native amd64 build's. The Go runtime is a demanding guest: threads
# created with raw clone, futexes, signals for goroutine preemption (SIGURG),
# timers, its own signal handlers and stack switching.
#
#   make go-check            both guests
#   make go-check GO_TESTS=goroutines
.PHONY: go-check
GO        ?= go
GO_SRCS   := $(wildcard tests/go/*.go)
GO_TESTS  ?= $(notdir $(GO_SRCS:.go=))
GO_ENV     = env GOCACHE=$(abspath $(BUILD))/gocache GOPATH=$(abspath $(BUILD))/gopath \
             GOFLAGS=-mod=mod GO111MODULE=off CGO_ENABLED=0 HOME=$(abspath $(BUILD))

$(BUILD)/go/%/stamp: $(GO_SRCS)
	@mkdir -p $(@D)
	@for t in $(GO_TESTS); do \
	  $(GO_ENV) GOARCH=$* $(GO) build -o $(@D)/$$t tests/go/$$t.go || exit 1; \
	done; touch $@

go-check: $(BUILD)/go/arm64/stamp $(BUILD)/go/riscv64/stamp $(BUILD)/go/amd64/stamp $(GUEST_TERN_DEP)
	@pass=0; fail=0; \
	for t in $(GO_TESTS); do \
	  env -i GOMAXPROCS=4 $(BUILD)/go/amd64/$$t > $(BUILD)/go/$$t.native 2>/dev/null; ns=$$?; \
	  for a in arm64 riscv64; do \
	    env -i GOMAXPROCS=4 timeout 120 $(TERN) $(BUILD)/go/$$a/$$t > $(BUILD)/go/$$t.$$a 2>$(BUILD)/go/$$t.$$a.err; gs=$$?; \
	    if [ $$gs = $$ns ] && cmp -s $(BUILD)/go/$$t.native $(BUILD)/go/$$t.$$a; then \
	      echo "PASS go $$t ($$a)"; pass=$$((pass+1)); \
	    else \
	      echo "FAIL go $$t ($$a): status $$gs, native $$ns"; \
	      diff $(BUILD)/go/$$t.native $(BUILD)/go/$$t.$$a | head -20 | sed 's/^/    /'; \
	      tail -5 $(BUILD)/go/$$t.$$a.err | sed 's/^/    stderr: /'; fail=$$((fail+1)); \
	    fi; \
	  done; \
	done; echo "$$pass passed, $$fail failed"; [ $$fail = 0 ]
