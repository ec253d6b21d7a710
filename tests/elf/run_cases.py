#!/usr/bin/env python3
"""run_cases.py — runs tern on every case gen_cases.py wrote and checks the
one-line message and the exit status.

usage: run_cases.py TERN CASES_TSV

A case passes when tern exits with the expected status and its stderr holds
the line "tern: <path>: <reason>". Prints one line per failure and a summary;
exits 1 if anything failed.
"""
import subprocess
import sys


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    tern, tsv = sys.argv[1], sys.argv[2]
    failed = total = 0
    for line in open(tsv):
        name, path, status, reason = line.rstrip("\n").split("\t")
        total += 1
        want = "tern: %s: %s" % (path, reason)
        try:
            r = subprocess.run([tern, path], stdin=subprocess.DEVNULL, capture_output=True,
                               timeout=20)
            got_status, err = r.returncode, r.stderr.decode(errors="replace")
        except subprocess.TimeoutExpired:
            got_status, err = "timeout", ""
        lines = err.splitlines()
        if got_status != int(status) or want not in lines:
            failed += 1
            print("FAIL %s: want status %s and %r; got status %s and %r"
                  % (name, status, want, got_status, err.strip()))
    print("elf-check: %d/%d cases passed" % (total - failed, total))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
