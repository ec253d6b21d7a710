# shx_report — a small "real" shell program on the guest shell: a word
# frequency report, a checksum manifest written and verified, a column
# summary and a rotated log, mixing shell functions and loops with exec'd
# applets (sed, grep, sort, uniq, wc, tail, gzip, tar) and forked ones (awk,
# sort, md5sum). Oracle: the amd64 build of the same busybox (see run.sh).

report() {
    echo "== $1"
    shift
    "$@"
}
freq() {
    tr ' ' '\n' < words.txt | grep -v '^[0-9]*$' | sort | uniq -c | sort -k1,1nr -k2,2 | head -n "$1"
}
report "top words" freq 6
report "numbers" sh -c 'cut -d" " -f2 words.txt | sort -n | sed -n "1p;\$p"'

manifest() {
    find tree -type f -print0 | xargs -0 sha256sum | sort -k2 > MANIFEST
    wc -l < MANIFEST
    sha256sum -c MANIFEST | sort
}
report "manifest" manifest
echo changed >> tree/a/one.txt
sha256sum -c MANIFEST 2> /dev/null | grep -c FAILED

summary() {
    awk '{ n[$3]++; s[$3] += $2 } END { for (k in n) printf "%s %d %d\n", k, n[k], s[k] }' words.txt |
        sort -k3,3nr -k1,1 | head -n 5
}
report "by third column" summary

rotate() {
    i=0
    while [ $i -lt 5 ]; do
        grep "^$(sed -n "$((i + 1))p" words.txt | cut -d' ' -f1) " words.txt > log.$i
        [ -s log.$i ] && gzip log.$i
        i=$((i + 1))
    done
    ls log.* | sort
    for f in log.*.gz; do printf '%s %s\n' "$f" "$(zcat "$f" | wc -l)"; done
    tar cf logs.tar log.*.gz && tar tf logs.tar | sort | tr '\n' ' '
    echo
}
report "rotated logs" rotate
echo "exit codes: $(true; echo $?) $(false; echo $?) $(grep -q zulu words.txt; echo $?)"
