# app_text — the text applets busybox sh would exec: sed, grep, wc, uniq, tr,
# cat, tail, od, cmp, diff, tee, base64. Each is its own translated process;
# pipelines join them through host pipes.

bb sed -e 's/a/A/g' -e '/^b/d' words.txt | bb md5sum
bb sed -n '10,14p' words.txt
bb sed -n '/^zulu/{=;p}' words.txt | bb head -n 4
bb sed 'y/abcdefghij/ABCDEFGHIJ/' words.txt | bb head -n 3
bb sed -n '1!G;h;$p' nums.txt | bb head -n 3
bb sed -E 's/([a-z]+) ([0-9]+) ([a-z]+)/\3:\2:\1/' words.txt | bb tail -n 3
bb sed '3q' words.txt
bb sed 's/[0-9]\{3\}/###/2; s/^\(.\)\(.\)/\2\1/' words.txt | bb head -n 3
bb cp words.txt w.txt && bb sed -i 's/ /_/g' w.txt && bb head -n 2 w.txt

bb grep -c e words.txt
bb grep -v e words.txt | bb wc -l
bb grep -n '^zulu' words.txt | bb head -n 3
bb grep -E 'x(ray|i) [0-9]{3} ' words.txt | bb head -n 3
bb grep -i 'ALPHA' words.txt | bb wc -l
bb grep -o '[0-9]\+' words.txt | bb sort -n | bb tail -n 2
bb grep -w 'mu' words.txt | bb head -n 2
bb grep -F -e '9 k' -e '0 a' words.txt | bb head -n 3
bb grep -l two -r tree | bb sort
bb grep -q zulu words.txt; echo "grep -q hit: $?"
bb grep nomatchanywhere words.txt; echo "grep miss: $?"
bb grep x /nonexistent 2> /dev/null; echo "grep error: $?"

bb wc words.txt nums.txt data.bin
bb wc -l < words.txt; bb wc -w < words.txt; bb wc -c < data.bin; bb wc -L words.txt
bb cut -d' ' -f1 words.txt | bb sort | bb uniq -c | bb sort -k1,1nr -k2,2 | bb head -n 5
bb cut -d' ' -f3 words.txt | bb sort | bb uniq -d | bb wc -l
bb cut -d' ' -f2 words.txt | bb sort | bb uniq -u | bb wc -l
bb tr 'a-z' 'A-Z' < words.txt | bb head -n 2
bb tr -d 'aeiou' < words.txt | bb head -n 2
bb tr -s 'a-z' < words.txt | bb tail -n 1
bb tr -cd '0-9\n' < words.txt | bb head -n 3
bb cat -n nums.txt | bb tail -n 2
bb tail -c 20 words.txt
bb tail -n +398 words.txt
bb od -An -tx1 -N 16 data.bin
bb od -c -N 12 crlf.txt
bb od -An -td4 -N 16 data.bin
bb cmp data.bin data.bin; echo "cmp same: $?"
bb head -c 5000 data.bin > part.bin
bb cmp data.bin part.bin 2>&1; echo "cmp short: $?"
bb sed 's/7/seven/' nums.txt > nums2.txt
bb diff nums.txt nums2.txt > d.out; echo "diff status: $?"
bb head -n 8 d.out
bb diff words.txt words.txt; echo "diff same: $?"
bb seq 5 | bb tee copy.txt | bb tail -n 1; bb cat copy.txt | bb wc -l
bb base64 data.bin | bb md5sum
bb base64 data.bin | bb base64 -d | bb cmp - data.bin && echo "base64 round trip ok"
