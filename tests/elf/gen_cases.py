#!/usr/bin/env python3
"""gen_cases.py — malformed ELF inputs for the loader, each with the exact
message and exit status tern must give.

usage: gen_cases.py VALID_ELF OUT_DIR

VALID_ELF is a static riscv64 ET_EXEC (tests/elf/valid.c). Every case below
starts from its bytes and breaks exactly one thing, so that exactly one of
the loader's checks fires; the loader checks in a fixed order (see
loader/elf_file.c) and the expected message names that check. Writes
OUT_DIR/<case> files and OUT_DIR/cases.tsv: name, path, status, reason —
tern must print "tern: <path>: <reason>" and exit with status.
"""
import os
import shutil
import struct
import sys

PT_NULL, PT_LOAD, PT_INTERP = 0, 1, 3
EHDR = struct.Struct("<16sHHIQQQIHHHHHH")
PHDR = struct.Struct("<IIQQQQQQ")


class Elf:
    def __init__(self, data):
        self.d = bytearray(data)

    @property
    def ehdr(self):
        return list(EHDR.unpack_from(self.d, 0))

    def set_ehdr(self, field, value):
        names = ["ident", "type", "machine", "version", "entry", "phoff", "shoff",
                 "flags", "ehsize", "phentsize", "phnum", "shentsize", "shnum", "shstrndx"]
        e = self.ehdr
        e[names.index(field)] = value
        EHDR.pack_into(self.d, 0, *e)

    def phoff(self):
        return self.ehdr[5]

    def phnum(self):
        return self.ehdr[10]

    def ph(self, i):
        return list(PHDR.unpack_from(self.d, self.phoff() + i * PHDR.size))

    def set_ph(self, i, **kw):
        names = ["type", "flags", "offset", "vaddr", "paddr", "filesz", "memsz", "align"]
        p = self.ph(i)
        for k, v in kw.items():
            p[names.index(k)] = v
        PHDR.pack_into(self.d, self.phoff() + i * PHDR.size, *p)

    def loads(self):
        return [i for i in range(self.phnum()) if self.ph(i)[0] == PT_LOAD]

    def spare_phdr(self):
        """a program header the loader ignores, free to turn into PT_INTERP"""
        for i in range(self.phnum()):
            if self.ph(i)[0] not in (PT_LOAD, PT_INTERP) and self.ph(i)[0] != 6:  # not PT_PHDR
                return i
        raise SystemExit("gen_cases: no spare program header in the input")

    def append(self, blob):
        off = len(self.d)
        self.d += blob
        return off


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    base = open(src, "rb").read()
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    out = os.path.abspath(out)
    cases = []

    def case(name, data, status, reason):
        path = os.path.join(out, name)
        if data is not None:
            with open(path, "wb") as f:
                f.write(bytes(data))
            os.chmod(path, 0o755)
        cases.append((name, path, status, reason))

    def mut(fn):
        e = Elf(base)
        fn(e)
        return e.d

    v = Elf(base)
    assert v.d[:4] == b"\x7fELF" and v.ehdr[1] == 2 and v.ehdr[2] == 243, \
        "input must be a riscv64 ET_EXEC"
    text, data = v.loads()[0], v.loads()[1]
    tp, dp = v.ph(text), v.ph(data)
    phend = v.phoff() + v.phnum() * PHDR.size

    # files that are not ELF at all, or not there
    case("missing", None, 127, "No such file or directory")
    os.makedirs(os.path.join(out, "directory"))
    cases.append(("directory", os.path.join(out, "directory"), 126, "not a regular file"))
    case("empty", b"", 126, "not an ELF file")
    case("script", b"#!/bin/sh\necho hi\n", 126, "not an ELF file")
    case("gzip", b"\x1f\x8b\x08\x00" + b"\x00" * 60, 126, "not an ELF file")

    # the ELF header
    case("trunc-ident", base[:10], 126, "truncated ELF file (header)")
    case("trunc-header", base[:40], 126, "truncated ELF file (header)")
    case("elf32", mut(lambda e: e.d.__setitem__(4, 1)), 126,
         "wrong ELF class (ELF32; only 64-bit programs are supported)")
    case("bad-class", mut(lambda e: e.d.__setitem__(4, 7)), 126, "invalid ELF class 7")
    case("big-endian", mut(lambda e: e.d.__setitem__(5, 2)), 126,
         "wrong endianness (big-endian; only little-endian programs are supported)")
    case("bad-data", mut(lambda e: e.d.__setitem__(5, 0)), 126, "invalid ELF data encoding 0")
    case("bad-version", mut(lambda e: e.d.__setitem__(6, 0)), 126, "unsupported ELF version 0")
    case("type-rel", mut(lambda e: e.set_ehdr("type", 1)), 126,
         "not an executable (ELF type 1: relocatable object)")
    case("type-core", mut(lambda e: e.set_ehdr("type", 4)), 126,
         "not an executable (ELF type 4: core dump)")
    case("machine-x86-64", mut(lambda e: e.set_ehdr("machine", 62)), 126,
         "unsupported machine 62 (x86-64)")
    case("machine-unknown", mut(lambda e: e.set_ehdr("machine", 0x1234)), 126,
         "unsupported machine 4660")
    case("phentsize", mut(lambda e: e.set_ehdr("phentsize", 32)), 126,
         "bad program header entry size 32 (expected 56)")
    case("phnum-xnum", mut(lambda e: e.set_ehdr("phnum", 0xffff)), 126,
         "too many program headers (65535)")
    case("phnum-zero", mut(lambda e: e.set_ehdr("phnum", 0)), 126, "no loadable segments")

    # the program headers
    case("phdrs-truncated", base[:phend - 30], 126,
         "truncated ELF file (program headers past end of file)")
    case("phoff-huge", mut(lambda e: e.set_ehdr("phoff", 0xffffffffffffff00)), 126,
         "truncated ELF file (program headers past end of file)")

    def no_load(e):
        for i in e.loads():
            e.set_ph(i, type=PT_NULL)
    case("no-load", mut(no_load), 126, "no loadable segments")

    # the segments
    cut = dp[2] + dp[5] // 2
    assert cut > phend
    case("segment-truncated", base[:cut], 126,
         "truncated ELF file (segment %d data past end of file)" % data)
    case("segment-offset-huge", mut(lambda e: e.set_ph(data, offset=1 << 62)), 126,
         "truncated ELF file (segment %d data past end of file)" % data)
    case("filesz-gt-memsz", mut(lambda e: e.set_ph(text, memsz=tp[5] - 0x1000)), 126,
         "segment %d: file size larger than memory size" % text)
    case("misaligned", mut(lambda e: e.set_ph(text, vaddr=tp[3] + 0x10)), 126,
         "segment %d: p_offset and p_vaddr differ modulo the page size" % text)
    ov = tp[3] + 0x1000 + (dp[2] & 0xfff)      # inside text, congruent with data's offset
    case("overlap", mut(lambda e: e.set_ph(data, vaddr=ov)), 126,
         "segments %d and %d overlap" % (min(text, data), max(text, data)))
    hv = 0xffff800000000000 + (tp[3] & 0xfff)
    case("beyond-task-size", mut(lambda e: e.set_ph(text, vaddr=hv)), 126,
         "segment %d (0x%x-0x%x) is outside the guest address space" % (text, hv, hv + tp[6]))
    wrap = (1 << 64) - 0x1000
    case("wraps", mut(lambda e: e.set_ph(data, memsz=wrap)), 126,
         "segment %d (0x%x-0x%x) is outside the guest address space"
         % (data, dp[3], (dp[3] + wrap) & ((1 << 64) - 1)))

    # PT_INTERP (dynamically linked programs)
    def interp(path_bytes, filesz=None, offset=None):
        def f(e):
            off = e.append(path_bytes)
            e.set_ph(e.spare_phdr(), type=PT_INTERP, offset=off if offset is None else offset,
                     vaddr=0, paddr=0, filesz=len(path_bytes) if filesz is None else filesz,
                     memsz=len(path_bytes), align=1)
        return f
    case("interp-missing", mut(interp(b"/nonexistent/ld-tern-test.so.1\0")), 127,
         "interpreter /nonexistent/ld-tern-test.so.1: No such file or directory")
    case("interp-not-elf", mut(interp(os.path.join(out, "script").encode() + b"\0")), 126,
         "interpreter %s: not an ELF file" % os.path.join(out, "script"))
    case("interp-unterminated", mut(interp(b"/lib/ld-linux-riscv64-lp64d.so.1X")), 126,
         "bad PT_INTERP (path not NUL-terminated)")
    case("interp-past-eof", mut(interp(b"/lib/ld.so\0", offset=1 << 40)), 126,
         "truncated ELF file (interpreter path past end of file)")

    def two_interps(e):
        interp(b"/lib/a.so\0")(e)
        i = e.spare_phdr()
        e.set_ph(i, type=PT_INTERP, offset=len(e.d) - 10, filesz=10, memsz=10, align=1)
    case("interp-twice", mut(two_interps), 126, "more than one PT_INTERP")

    with open(os.path.join(out, "cases.tsv"), "w") as f:
        for name, path, status, reason in cases:
            f.write("%s\t%s\t%d\t%s\n" % (name, path, status, reason))
    print("gen_cases: %d cases in %s" % (len(cases), out))


if __name__ == "__main__":
    main()
