# app_unzip_fork — applets that fork a decompressor child inside the guest
# (no exec): tar x/t with -z and zcat of a file inflate in a forked child
# that writes into a pipe, so the translated process must fork and pipe.
# (tar -cz would exec gzip instead, which needs binfmt: the archive is
# compressed by bb gzip.)

bb tar cf - tree | bb gzip -9 > t.tar.gz
bb tar tzf t.tar.gz | bb sort
bb mkdir out
bb tar xzf t.tar.gz -C out; echo "extract: $?"
mapfile -t files < <(cd out && bb find . -type f | bb sort)
(cd out && bb md5sum "${files[@]}")
bb tar xzOf t.tar.gz tree/c/three.dat | bb tail -n 1
bb gzip -c < words.txt > words.gz
bb zcat words.gz | bb md5sum
bb md5sum < words.txt
{ bb gzip -c < nums.txt; bb gzip -c < words.txt; } > two.gz
bb zcat two.gz | bb wc -l
