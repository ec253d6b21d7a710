# sh_text — text and hashing applets that busybox sh runs without exec:
# sort, awk, cut, expr, head, tac, paste, fold, md5sum, sha1sum, sha256sum,
# sha512sum, sha3sum, hexdump, xxd, date, cal. Hashes of standard messages
# are checked against their known values (a mismatch prints BAD).

kat() {     # kat NAME GOT WANT
    if [ "$2" = "$3" ]; then echo "$1 ok"; else echo "BAD $1: got $2 want $3"; fi
}
h=$(printf abc | md5sum); kat "md5(abc)" "${h%% *}" 900150983cd24fb0d6963f7d28e17f72
h=$(printf abc | sha1sum); kat "sha1(abc)" "${h%% *}" a9993e364706816aba3e25717850c26c9cd0d89d
h=$(printf abc | sha256sum); kat "sha256(abc)" "${h%% *}" ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
h=$(printf abc | sha512sum)
kat "sha512(abc)" "${h%% *}" ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f
h=$(printf '' | sha256sum); kat "sha256()" "${h%% *}" e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
h=$(printf abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq | sha1sum)
kat "sha1(448 bits)" "${h%% *}" 84983e441c3bd26ebaae4aa1f95129e5e54670f1
h=$(printf abc | sha3sum -a 256); kat "sha3-256(abc)" "${h%% *}" 3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532
md5sum data.bin words.txt nums.txt
sha1sum data.bin
sha256sum data.bin words.txt
sha512sum data.bin
sha3sum data.bin
md5sum data.bin words.txt > sums.md5 && md5sum -c sums.md5

# sort in its many keys and orders
sort words.txt | md5sum
sort -n nums.txt | head -n 3
sort -rn nums.txt | head -n 3
sort -u -k1,1 words.txt | cut -d' ' -f1 | head -n 8 | paste -s -d,
sort -t' ' -k2,2n -k1,1 words.txt | head -n 4
tail_n() { awk -v n="$1" '{ l[NR] = $0 } END { for (i = NR - n + 1; i <= NR; i++) print l[i] }'; }
sort -k3,3 -k2,2nr words.txt | tail_n 3
sort -s -k3,3 words.txt | head -n 3
sort -c words.txt 2> /dev/null; echo "sort -c unsorted: $?"
sort nums.txt | sort -c; echo "sort -c sorted: $?"

# awk: fields, arrays, functions, printf, strings, maths
awk '{ c[$1]++; s[$1] += $2 } END { for (w in c) printf "%s %d %d\n", w, c[w], s[w] }' words.txt | sort | head -n 6
# (Debian's static build has no awk libm functions: sin, exp, ^ ... are absent)
awk 'BEGIN { printf "%.10f %.6e %d %d %.4f %g\n", 1 / 3, 10 / 7 * 1e20, int(-3.7), int(3.7), 2.5 * 2.5, 0.1 + 0.2 }'
awk 'BEGIN { x = 9007199254740992; printf "%.0f %.0f %d %s %s %s\n", x, x + 1, 2147483648, 1e300 * 1e10, -1e300 * 1e10, 1e300 * 1e10 - 1e300 * 1e10 }'
awk 'BEGIN { print length("hello"), substr("hello", 2, 3), index("hello", "ll"), toupper("MiXed"), tolower("MiXed") }'
awk 'BEGIN { n = split("a,b,,c", parts, ","); print n, parts[1] parts[4]; s = "foo bar foo"; print gsub(/foo/, "baz", s), s; t = "aaa"; sub(/a/, "b", t); print t }'
awk 'BEGIN { if (match("xxabcabcyy", /(abc)+/)) print RSTART, RLENGTH; printf "%c%c|%5.2f|%-4s|%04d|%x\n", 65, "hi", 3.14159, "ab", 42, 255 }'
awk 'function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) } BEGIN { for (i = 1; i <= 20; i += 6) print i, fact(i) }'
awk -F' ' '$2 > 990 { print NR ": " $0 }' words.txt
awk 'NR % 50 == 0 { printf "%s ", $3 } END { print "" }' words.txt
awk '{ t += $1; if ($1 > mx || NR == 1) mx = $1; if ($1 < mn || NR == 1) mn = $1 } END { print t, mn, mx, t / NR }' nums.txt
awk 'BEGIN { srand(7); for (i = 0; i < 5; i++) printf "%d ", int(rand() * 1000); print "" }'
awk 'BEGIN { printf "%d %d %d\n", 0x7fffffff + 1, -2147483648 - 1, 1e15 }'

# cut, expr, head, tac, paste, fold
cut -d' ' -f2 words.txt | head -n 5 | paste -s -d+
cut -c1-4,8- words.txt | head -n 3
expr 7 \* 6; expr 100 / 7; expr 100 % 7; expr -5 + 3
expr length "hello world"; expr substr "hello world" 7 5; expr index "hello" l
expr "abc123def" : '[a-z]*'; expr "abc123def" : '[a-z]*\([0-9]*\)'
expr 3 \< 10; expr abc \< abd; expr 0 \| 5; expr 0 \& 5; echo "expr false status $?"
head -c 64 data.bin | md5sum
head -n 3 words.txt; tac nums.txt | head -n 3
paste -d: nums.txt words.txt | head -n 3
fold -w 17 words.txt | head -n 4
head -c 48 data.bin | hexdump -C
xxd -l 40 data.bin
xxd -p -l 32 -s 1000 data.bin
dos2unix < crlf.txt | hexdump -C
date -u -d @1700000000 '+%Y-%m-%d %H:%M:%S %j %a %b'
date -u -d '2024-02-29 12:34:56' +%s
cal 2 2024
