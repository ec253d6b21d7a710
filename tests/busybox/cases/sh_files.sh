# sh_files — files and directories with applets busybox sh runs without
# exec: find (with -exec), xargs, ls, mkdir, cp, mv, rm, ln, readlink, stat,
# touch, truncate, test. Output never shows absolute paths (each run has its
# own temporary directory) nor times other than the pinned fixture ones.

find tree | sort
find tree -type f | sort
find tree -type d | sort
find tree -type l
find . -name '*.txt' | sort
find tree -type f -size +1k | sort
find tree -name '*.txt' -exec md5sum {} \; | sort -k2
find tree -type f -exec sha256sum {} + | sort -k2
find tree -empty | sort
find tree -newer tree/a/one.txt | sort; echo "none newer: $?"
find tree -type f | sort | xargs md5sum
find tree -name '*.txt' -print0 | xargs -0 ls -1
ls -1 tree; ls -1a tree/a; ls -1R tree
ls -1d tree/*/
ls -l tree/link | awk '{ print $1, $(NF-2), $(NF-1), $NF }'

mkdir -p made/x/y/z && echo "mkdir -p ok"
[ -d made/x/y/z ] && echo "is a directory"
cp -r tree copy && find copy | sort | md5sum
cp -a tree copy2 && stat -c '%s %Y %n' copy2/a/one.txt copy2/c/three.dat
mv copy/c copy/moved && ls -1 copy
rm -r copy/a && ls -1 copy
rm -rf copy copy2 && [ ! -e copy ] && echo "removed"
ln -s tree/c/three.dat sym && readlink sym && head -n 2 sym
ln tree/a/one.txt hard && stat -c '%h %s' hard
[ -L sym ] && [ -f sym ] && [ -r sym ] && echo "symlink tests ok"
[ tree/a/one.txt -ot words.txt ] || echo "fixture times are equal"

stat -c '%s %Y %n' tree/a/one.txt tree/a/b/two.txt tree/c/three.dat data.bin
stat -c '%F' tree tree/a/one.txt tree/link
touch -d '2000-01-02 03:04:05' old.txt && stat -c '%Y' old.txt
touch -d '2030-01-01 00:00:00' new.txt
[ new.txt -nt old.txt ] && echo "newer than"
ls -1t old.txt new.txt
truncate -s 1000 grow.txt && stat -c '%s' grow.txt && md5sum grow.txt
truncate -s 10 grow.txt && stat -c '%s' grow.txt
mkdir dir2 && touch dir2/f1 dir2/f2 dir2/f3 && ls dir2 | awk 'END { print NR " files" }'
rmdir dir2 2> /dev/null || echo "rmdir refuses a full directory"
rm dir2/* && rmdir dir2 && echo "rmdir ok"
for f in data.bin words.txt; do
    [ -s "$f" ] && echo "$f is not empty"
done
n=0; for f in tree/*/*; do n=$((n + 1)); done; echo "glob matched $n"
echo tree/c/*.dat tree/a/*.txt
