# app_gzip — gzip and gunzip: each a separate translated busybox process,
# piped together by the host shell (busybox sh would run these applets by
# exec'ing itself, see run.sh). gzip output from stdin carries no name or
# time, so the compressed bytes themselves are compared. Nothing here forks
# inside the guest (zcat of a file forks a decompressor: see app_unzip_fork).

kat() { if [ "$2" = "$3" ]; then echo "$1 ok"; else echo "BAD $1: got $2 want $3"; fi; }
sum() { local h; h=$(bb md5sum); echo "${h%% *}"; }

orig=$(sum < data.bin)
echo "data.bin $orig"
for lvl in 1 9; do
    bb gzip -$lvl -c < data.bin > data.$lvl.gz
    bb gzip -$lvl -c < words.txt > words.$lvl.gz
    echo "level $lvl: data $(sum < data.$lvl.gz) words $(sum < words.$lvl.gz) $(bb wc -c < words.$lvl.gz) bytes"
    kat "round trip data level $lvl" "$(bb gunzip -c < data.$lvl.gz | sum)" "$orig"
    kat "round trip words level $lvl" "$(bb gunzip -c < words.$lvl.gz | sum)" "$(sum < words.txt)"
done
bb gzip -t data.9.gz; echo "gzip -t: $?"
bb head -c 1000 data.9.gz > truncated.gz
bb gunzip -c truncated.gz > /dev/null 2>&1; echo "truncated stream: status $?"
# in place: file.gz replaces file and back
bb cp words.txt w.txt
bb gzip w.txt; [ -e w.txt ] && echo "BAD w.txt still there"; echo "w.txt.gz $(sum < w.txt.gz)"
bb gunzip w.txt.gz && kat "in-place round trip" "$(sum < w.txt)" "$(sum < words.txt)"
# concatenated members decompress as one stream
{ bb gzip -c < nums.txt; bb gzip -c < words.txt; } > two.gz
kat "two members" "$(bb gunzip -c < two.gz | sum)" "$({ bb cat nums.txt words.txt; } | sum)"
# a highly compressible input and an empty one
bb seq 1 20000 | bb gzip -9 | bb gunzip | bb tail -n 2
printf '' | bb gzip -c | bb wc -c
printf '' | bb gzip -c | bb gunzip -c | bb wc -c
