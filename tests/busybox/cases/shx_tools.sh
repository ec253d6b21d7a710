# shx_tools — the applets busybox sh runs by exec'ing itself (cat, grep,
# sed, tr, wc, uniq, tail, od, cmp, diff, tee, base64, gzip, gunzip, zcat,
# tar, basename via xargs and find -exec), used from inside the guest shell:
# every such command is an execve of /proc/self/exe that tern has to run as
# a translated aarch64 program again. The oracle is the amd64 build of the
# same busybox (see run.sh), so nothing here prints architecture details.

sort words.txt | uniq -c | sort -k1,1nr -k2,2 | head -n 5
cut -d' ' -f1 words.txt | sort | uniq -d | wc -l
cut -d' ' -f2 words.txt | sort -n | uniq -u | wc -l
grep -c e words.txt
grep -n '^zulu' words.txt | head -n 3
grep -v -e a -e e words.txt | tail -n 2
sed -n '10,12p' words.txt
sed 's/a/A/g; /^b/d' words.txt | md5sum
sed -E 's/([a-z]+) ([0-9]+) ([a-z]+)/\3-\2-\1/' words.txt | tail -n 2
tr a-z A-Z < words.txt | tail -n 2
tr -d '0-9' < words.txt | tr -s ' ' | head -n 2
cat nums.txt | wc -l
wc -c < data.bin
cat -n crlf.txt | od -c | head -n 3
od -An -tx1 -N 16 data.bin
tail -c 33 words.txt

# compression and archives
gzip -c < data.bin | gunzip | md5sum
md5sum < data.bin
gzip -c < words.txt > w.gz && zcat w.gz | sha256sum && sha256sum < words.txt
tar cf t.tar tree && tar tf t.tar | sort
mkdir out && tar xf t.tar -C out && find out -type f -print0 | xargs -0 md5sum | sort -k2
tar czf t.tgz tree && tar tzf t.tgz | sort | wc -l
tar xzOf t.tgz tree/c/three.dat | tail -n 1
base64 data.bin | base64 -d | cmp - data.bin && echo "base64 round trip"

# exec from find -exec and xargs, in loops and functions
find tree -name '*.txt' -exec grep -l e {} \; | sort
find tree -type f | sort | xargs -n 1 basename
seq 1 20 | xargs -n 4 echo | tr ' ' + | sed 's/$/ =/'
count() { grep -c -w "$1" words.txt; }
for w in alpha beta zulu omicron; do echo "$w $(count $w)"; done
i=0; while [ $i -lt 30 ]; do echo "line $i"; i=$((i + 1)); done | tail -n 2
printf 'pear\napple\nfig\n' | sort | tee sorted.txt | cat -n; cat sorted.txt | wc -l
sed 's/7/seven/' nums.txt > nums2.txt; diff nums.txt nums2.txt > d.txt; echo "diff status $?"; head -n 6 d.txt
grep -q nomatchanywhere words.txt; echo "grep miss $?"
false | cat; echo "false|cat $?"
cat /nonexistent 2> /dev/null; echo "cat missing $?"
