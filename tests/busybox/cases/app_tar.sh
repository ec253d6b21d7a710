# app_tar — tar create/list/extract (uncompressed: tar -z would fork/exec a
# gzip, see app_targz), each tar a separate translated process. Listings are
# sorted (archive order follows readdir order, which the filesystem decides).

bb tar cf t.tar tree; echo "create: $?"
bb tar tf t.tar | bb sort
bb tar tvf t.tar | bb awk '{ $2 = "(owner)"; print }' | bb sort -k6
bb mkdir out
bb tar xf t.tar -C out; echo "extract: $?"
mapfile -t files < <(cd out && bb find . -type f | bb sort)
(cd out && bb md5sum "${files[@]}")
# (a symlink's own time is the extraction time, a directory's size the filesystem's)
bb stat -c '%s %Y %F %n' out/tree/a/one.txt out/tree/c/three.dat
bb stat -c '%Y %F %n' out/tree/empty
bb stat -c '%s %F %n' out/tree/link
bb readlink out/tree/link
bb tar xOf t.tar tree/a/one.txt tree/c/three.dat | bb md5sum
# streams through pipes, -C, several members, --strip-components
bb tar cf - -C tree a c | bb tar tf - | bb sort
bb mkdir strip
bb tar cf - tree/c | bb tar xf - -C strip --strip-components 2
bb ls -1 strip
# append-free re-create from the extracted copy lists the same names
(cd out && bb tar cf ../t2.tar tree)
[ "$(bb tar tf t2.tar | bb sort)" = "$(bb tar tf t.tar | bb sort)" ] && echo "same names" || echo "BAD names differ"
bb tar tf /nonexistent.tar 2> /dev/null; echo "missing archive: status $?"
