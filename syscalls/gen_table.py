#!/usr/bin/env python3
"""gen_table.py -- generate syscalls/<arch>_table.c from the kernel headers.

    python3 syscalls/gen_table.py [arch ...]     (default: every arch below whose
                                                 headers are installed)

For each guest architecture this reads the kernel UAPI headers its Debian cross
toolchain installs (/usr/<triple>/include, from gcc-<triple>/linux-libc-dev-*-cross):

  * asm/unistd.h (which includes asm-generic/unistd.h): every __NR_<name> macro,
    resolved through the C preprocessor, so __NR3264_* aliases, the
    __ARCH_WANT_* conditions and arch-specific numbers such as
    __NR_riscv_flush_icache (__NR_arch_specific_syscall + 15) come out right;
  * asm/fcntl.h, asm/mman.h + linux/mman.h, asm/signal.h: the guest values of
    the open/mmap/prot flag families and whether struct sigaction has
    sa_restorer. The host (x86-64) column of each flag family comes from the
    host's /usr/include the same way.

It writes a C file defining `const struct syscall_table <arch>_syscall_table`:
defs[nr] names every syscall; a handler row `SC(name, "strace args")` in any
syscalls/handlers*.def (all listed in handlers_all.def) overrides that entry
with `sc_<name>` at compile time. The binding is made by the C preprocessor
through one macro per name, SCROW_<name>(fmt), which this file defines for the
union of every guest's syscall names (empty for names this guest lacks), so a
new handler needs only its .def row, never a regeneration, and a row naming no
syscall of any guest fails to compile.

Adding a guest that uses the asm-generic numbering (aarch64, loongarch64) is a
new ARCHES entry; the generated file is committed, so building tern never
needs the cross headers.
"""

import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

ARCHES = {
    "riscv64": {
        "triple": "riscv64-linux-gnu",
        # Syscalls newer than the installed headers, added from the kernel ABI
        # (numbers are fixed forever once released). Used only when the headers
        # do not define them.
        "extra": [
            # riscv_hwprobe: Linux 6.4, arch/riscv/include/uapi/asm/unistd.h:
            # __NR_riscv_hwprobe = __NR_arch_specific_syscall + 14 = 244 + 14 = 258.
            # Debian 12's headers (Linux 6.1) lack it.
            ("riscv_hwprobe", 258),
        ],
    },
    "aarch64": {
        "triple": "aarch64-linux-gnu",
        "extra": [],
    },
}

# ---- flag families: (name strace prints, macro to evaluate) ----
OPEN_FLAGS = [
    ("O_CREAT", "O_CREAT"), ("O_EXCL", "O_EXCL"), ("O_NOCTTY", "O_NOCTTY"),
    ("O_TRUNC", "O_TRUNC"), ("O_APPEND", "O_APPEND"), ("O_NONBLOCK", "O_NONBLOCK"),
    ("O_DSYNC", "O_DSYNC"), ("FASYNC", "FASYNC"), ("O_DIRECT", "O_DIRECT"),
    ("O_LARGEFILE", "O_LARGEFILE"), ("O_DIRECTORY", "O_DIRECTORY"),
    ("O_NOFOLLOW", "O_NOFOLLOW"), ("O_NOATIME", "O_NOATIME"),
    ("O_CLOEXEC", "O_CLOEXEC"), ("__O_SYNC", "__O_SYNC"), ("O_PATH", "O_PATH"),
    ("__O_TMPFILE", "__O_TMPFILE"),
]
OPEN_PASS = "O_ACCMODE"
OPEN_HEADERS = ["asm/fcntl.h"]

MMAP_FLAGS = [
    ("MAP_FIXED", "MAP_FIXED"), ("MAP_ANONYMOUS", "MAP_ANONYMOUS"),
    ("MAP_GROWSDOWN", "MAP_GROWSDOWN"), ("MAP_DENYWRITE", "MAP_DENYWRITE"),
    ("MAP_EXECUTABLE", "MAP_EXECUTABLE"), ("MAP_LOCKED", "MAP_LOCKED"),
    ("MAP_NORESERVE", "MAP_NORESERVE"), ("MAP_POPULATE", "MAP_POPULATE"),
    ("MAP_NONBLOCK", "MAP_NONBLOCK"), ("MAP_STACK", "MAP_STACK"),
    ("MAP_HUGETLB", "MAP_HUGETLB"), ("MAP_SYNC", "MAP_SYNC"),
    ("MAP_FIXED_NOREPLACE", "MAP_FIXED_NOREPLACE"),
]
# MAP_TYPE (shared/private/shared_validate) and the MAP_HUGE_* size field
# (which MAP_UNINITIALIZED shares) are the same on every Linux arch.
MMAP_PASS = "(MAP_TYPE | (MAP_HUGE_MASK << MAP_HUGE_SHIFT))"
MMAP_HEADERS = ["asm/mman.h", "linux/mman.h"]

PROT_FLAGS = [
    ("PROT_READ", "PROT_READ"), ("PROT_WRITE", "PROT_WRITE"),
    ("PROT_EXEC", "PROT_EXEC"), ("PROT_SEM", "PROT_SEM"),
    ("PROT_GROWSDOWN", "PROT_GROWSDOWN"), ("PROT_GROWSUP", "PROT_GROWSUP"),
]
PROT_PASS = "0"


def die(msg):
    sys.stderr.write("gen_table.py: %s\n" % msg)
    sys.exit(1)


def cpp_cmd(triple):
    """The preprocessor for the guest headers: the cross cpp when installed,
    else the host cpp restricted to the guest's include dir (the asm-generic
    headers only need an LP64 compiler, which the x86-64 host is)."""
    inc = "/usr/%s/include" % triple
    cross = shutil.which("%s-cpp" % triple)
    if cross:
        return [cross, "-nostdinc", "-isystem", inc]
    return ["cpp", "-nostdinc", "-isystem", inc]


HOST_CPP = ["cpp"]


def run_cpp(cmd, source, extra=()):
    p = subprocess.run(cmd + list(extra) + ["-P", "-"], input=source,
                       capture_output=True, text=True)
    if p.returncode != 0:
        die("%s failed:\n%s" % (" ".join(cmd), p.stderr))
    return p.stdout


_LIT = re.compile(r"\b(0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]*\b")


def c_eval(expr):
    """Value of an integer constant expression the preprocessor left, or None
    if it still names an identifier (the macro was not defined)."""
    def lit(m):
        t = m.group(1)
        if t.lower().startswith("0x"):
            return str(int(t, 16))
        if len(t) > 1 and t.startswith("0"):
            return str(int(t, 8))
        return t
    py = _LIT.sub(lit, expr)
    if re.search(r"[A-Za-z_]", py):
        return None
    if not re.fullmatch(r"[0-9\s()+\-*|&<>~]*", py):
        return None
    return eval(py, {"__builtins__": {}}, {})


def eval_macros(cmd, headers, names):
    """{name: value or None} for macro expressions after including headers."""
    src = "".join("#include <%s>\n" % h for h in headers)
    for i, n in enumerate(names):
        src += '"@%d@" = %s\n' % (i, n)
    out = run_cpp(cmd, src)
    vals = {}
    for line in out.splitlines():
        m = re.match(r'\s*"@(\d+)@"\s*=\s*(.*)$', line)
        if m:
            vals[names[int(m.group(1))]] = c_eval(m.group(2).strip())
    return vals


def syscall_numbers(cmd):
    """{number: name} from asm/unistd.h."""
    defs = run_cpp(cmd, "#include <asm/unistd.h>\n", ["-dM"])
    macros = sorted(set(re.findall(r"^#define (__NR(?:3264)?_\w+)", defs, re.M)))
    skip = {"__NR_syscalls", "__NR_arch_specific_syscall"}
    macros = [m for m in macros if m not in skip]
    vals = eval_macros(cmd, ["asm/unistd.h"], macros)
    bynr = {}
    # __NR_<name> first; __NR3264_<name> only for numbers no __NR_ name covers
    for prefer3264 in (False, True):
        for m in macros:
            is3264 = m.startswith("__NR3264_")
            if is3264 != prefer3264:
                continue
            v = vals.get(m)
            if v is None:
                die("cannot evaluate %s" % m)
            name = m[len("__NR3264_"):] if is3264 else m[len("__NR_"):]
            if v in bynr:
                if not is3264 and bynr[v] != name:
                    die("two names for syscall %d: %s, %s" % (v, bynr[v], name))
                continue
            bynr[v] = name
    return bynr


def flag_family(gcmd, headers, rows, pass_expr):
    names = [macro for _, macro in rows] + [pass_expr]
    g = eval_macros(gcmd, headers, names)
    h = eval_macros(HOST_CPP, headers, names)
    out = []
    for disp, macro in rows:
        if g[macro] is None or h[macro] is None:
            die("%s undefined in the %s headers" %
                (macro, "guest" if g[macro] is None else "host"))
        out.append((disp, g[macro], h[macro]))
    if g[pass_expr] != h[pass_expr]:
        die("pass-through mask %s differs between guest and host" % pass_expr)
    return out, g[pass_expr]


def guest_defined(gcmd, header, macro):
    return eval_macros(gcmd, [header], [macro])[macro] is not None


def emit_family(lines, cname, rows):
    lines.append("static const struct flag_xlat %s[] = {" % cname)
    lines.append("    /* name                       guest        host */")
    for disp, g, h in rows:
        lines.append('    { %-26s 0%08o, 0%08o },' % ('"%s",' % disp, g, h))
    lines.append("};")


def generate(arch, cfg, allnames):
    triple = cfg["triple"]
    inc = "/usr/%s/include" % triple
    if not os.path.exists(os.path.join(inc, "asm/unistd.h")):
        return None
    gcmd = cpp_cmd(triple)
    bynr = syscall_numbers(gcmd)
    extras = []
    for name, nr in cfg["extra"]:
        if name in bynr.values():
            continue
        if nr in bynr:
            die("%s: extra %s=%d collides with %s" % (arch, name, nr, bynr[nr]))
        bynr[nr] = name
        extras.append((name, nr))

    ofl, opass = flag_family(gcmd, OPEN_HEADERS, OPEN_FLAGS, OPEN_PASS)
    mfl, mpass = flag_family(gcmd, MMAP_HEADERS, MMAP_FLAGS, MMAP_PASS)
    pfl, ppass = flag_family(gcmd, MMAP_HEADERS, PROT_FLAGS, PROT_PASS)
    restorer = guest_defined(gcmd, "asm/signal.h", "SA_RESTORER")

    L = []
    L.append("/* %s_table.c -- GENERATED by syscalls/gen_table.py; do not edit." % arch)
    L.append(" * Regenerate with `make syscall-tables`.")
    L.append(" *")
    L.append(" * Sources: %s/asm/unistd.h (syscall numbers)," % inc)
    L.append(" * asm/fcntl.h, asm/mman.h, linux/mman.h, asm/signal.h (guest ABI),")
    L.append(" * the host's /usr/include (host column of the flag tables),")
    L.append(" * syscalls/handlers_all.def (implemented handlers, bound at compile time).")
    for name, nr in extras:
        L.append(" * %s (%d) is not in the installed headers; added from the kernel" % (name, nr))
        L.append(" * ABI (see ARCHES in gen_table.py).")
    L.append(" */")
    L.append('#include "syscalls/sc.h"')
    L.append("")
    emit_family(L, "open_flags", ofl)
    L.append("")
    emit_family(L, "mmap_flags", mfl)
    L.append("")
    emit_family(L, "prot_flags", pfl)
    L.append("")

    def fam(cname, rows, passmask):
        ident = "true" if all(g == h for _, g, h in rows) else "false"
        return ("{ %s, %d, 0x%x, %s }" % (cname, len(rows), passmask, ident))

    L.append("static const struct syscall_abi abi = {")
    L.append("    .open_flags = %s," % fam("open_flags", ofl, opass))
    L.append("    .mmap_flags = %s," % fam("mmap_flags", mfl, mpass))
    L.append("    .prot_flags = %s," % fam("prot_flags", pfl, ppass))
    L.append("    .sigaction_restorer = %s," % ("true" if restorer else "false"))
    L.append("};")
    L.append("")
    L.append("/* SCROW_<name>(fmt): the defs[] entry of a handler row for <name>; empty")
    L.append(" * for names of other guests that this one lacks */")
    bynm = {name: nr for nr, name in bynr.items()}
    for name in sorted(allnames):
        if name in bynm:
            L.append('#define SCROW_%s(fmt) [%d] = { "%s", sc_%s, fmt },'
                     % (name, bynm[name], name, name))
        else:
            L.append("#define SCROW_%s(fmt)" % name)
    L.append("")
    L.append("/* the implemented rows override the unimplemented defaults above them */")
    L.append("#if defined(__clang__)")
    L.append('#pragma clang diagnostic ignored "-Winitializer-overrides"')
    L.append("#else")
    L.append('#pragma GCC diagnostic ignored "-Woverride-init"')
    L.append("#endif")
    L.append("static const struct syscall_def defs[] = {")
    L.append("    /* [nr]  name                         handler  strace */")
    for nr in sorted(bynr):
        L.append('    [%3d] = { %-28s NULL,    NULL },' % (nr, '"%s",' % bynr[nr]))
    L.append("#define SC(name, fmt) SCROW_##name(fmt)")
    L.append('#include "syscalls/handlers_all.def"')
    L.append("#undef SC")
    L.append("};")
    L.append("")
    L.append("const struct syscall_table %s_syscall_table = {" % arch)
    L.append('    "%s", (int)(sizeof defs / sizeof defs[0]), defs, &abi' % arch)
    L.append("};")
    return "\n".join(L) + "\n"


def main(argv):
    wanted = argv[1:] or list(ARCHES)
    # the union of every guest's names (headers permitting), for SCROW_ macros
    allnames = set()
    for arch, cfg in ARCHES.items():
        if os.path.exists("/usr/%s/include/asm/unistd.h" % cfg["triple"]):
            allnames |= set(syscall_numbers(cpp_cmd(cfg["triple"])).values())
        allnames |= set(n for n, _ in cfg["extra"])
    done = 0
    for arch in wanted:
        if arch not in ARCHES:
            die("unknown arch %s (known: %s)" % (arch, ", ".join(ARCHES)))
        text = generate(arch, ARCHES[arch], allnames)
        if text is None:
            msg = "%s: /usr/%s/include/asm/unistd.h not installed" % (
                arch, ARCHES[arch]["triple"])
            if argv[1:]:
                die(msg)
            sys.stderr.write("gen_table.py: skipping %s\n" % msg)
            continue
        out = os.path.join(HERE, "%s_table.c" % arch)
        with open(out, "w") as f:
            f.write(text)
        print("gen_table.py: wrote %s" % os.path.relpath(out))
        done += 1
    if not done:
        die("no tables generated")


if __name__ == "__main__":
    main(sys.argv)
