# app_targz — tar x/t with -z: busybox tar forks a child that inflates into a
# pipe (no exec), so the translated tar must fork and pipe. (tar -cz would exec
# gzip instead, which needs binfmt: the archive is compressed by bb gzip.)

bb tar cf - tree | bb gzip -9 > t.tar.gz
bb tar tzf t.tar.gz | bb sort
bb mkdir out
bb tar xzf t.tar.gz -C out; echo "extract: $?"
mapfile -t files < <(cd out && bb find . -type f | bb sort)
(cd out && bb md5sum "${files[@]}")
bb tar xzOf t.tar.gz tree/c/three.dat | bb tail -n 1
