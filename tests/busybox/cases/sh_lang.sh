# sh_lang — the shell language alone, in one process: no pipes, no command
# substitution, no external commands (only NOFORK builtins such as echo,
# printf, test), so it needs no fork from the translator. Loops, functions
# with locals and recursion, 64-bit arithmetic, parameter expansion, case
# patterns, positional parameters, field splitting, here-documents, getopts,
# eval, traps and exit statuses.

# ---- functions, recursion, locals ----
fib() {
    if [ "$1" -lt 2 ]; then R=$1; return; fi
    local n=$1 a
    fib $((n - 1)); a=$R
    fib $((n - 2)); R=$((a + R))
}
fib 16; echo "fib 16 = $R"

gcd() { local a=$1 b=$2 t; while [ "$b" -ne 0 ]; do t=$((a % b)); a=$b; b=$t; done; echo "gcd($1,$2) = $a"; }
gcd 1071 462; gcd 17 5; gcd 0 9

# ---- loops ----
i=0 s=0
while [ $i -lt 1000 ]; do s=$((s + i * i)); i=$((i + 1)); done
echo "sum of squares below 1000: $s"
for w in alpha beta gamma "delta epsilon"; do printf '%s:%d ' "$w" "${#w}"; done; echo
n=10; until [ $n -le 0 ]; do n=$((n - 3)); done; echo "until: $n"
for i in 1 2 3 4 5 6; do
    [ $i = 2 ] && continue
    [ $i = 5 ] && break
    printf 'i%s ' $i
done; echo
for o in 1 2 3; do for p in a b c; do [ $p = b ] && continue 2; printf '%s%s ' $o $p; done; done; echo

# primes below 600 by trial division: some real work for the interpreter
count=0 last=0 p=2
while [ $p -lt 600 ]; do
    d=2 prime=1
    while [ $((d * d)) -le $p ]; do
        if [ $((p % d)) -eq 0 ]; then prime=0; break; fi
        d=$((d + 1))
    done
    if [ $prime = 1 ]; then count=$((count + 1)); last=$p; fi
    p=$((p + 1))
done
echo "primes below 600: $count, largest $last"

# ---- arithmetic (64-bit) ----
echo "div/mod: $(( -17 / 5 )) $(( -17 % 5 )) $(( 17 / -5 )) $(( 17 % -5 ))"
echo "shifts: $(( 1 << 62 )) $(( 1 << 63 )) $(( -256 >> 4 )) $(( 0x7fffffffffffffff + 1 ))"
echo "bits: $(( ~0 )) $(( 0xf0 & 0x3c )) $(( 0xf0 | 0x0f )) $(( 0xff ^ 0x0f )) $(( 077 )) $(( 0x10 ))"
echo "logic: $(( 3 > 2 )) $(( 3 < 2 )) $(( 1 && 0 )) $(( 1 || 0 )) $(( !5 )) $(( 3 > 2 ? 10 : 20 ))"
echo "power: $(( 2 ** 10 )) $(( 3 ** 40 )) $(( 7 ** 0 ))"
x=5; : $((x += 3)); echo "x=$x post $((x++)) now $x pre $((--x)) mul $((x *= 7)) $x"
big=9223372036854775807; echo "wrap: $((big + 1)) $((big * 2)) $((-big - 1))"
h=0; for c in 1 2 3 4 5 6 7 8 9 10; do h=$(( (h * 31 + c * 2654435761) & 0xffffffff )); done; echo "hash $h"

# ---- parameter expansion ----
p=/usr/local/lib/libfoo.so.1.2
echo "${p##*/} ${p%/*} ${p#*/} ${p%%.*} ${p%.*} ${#p}"
echo "${p/lib/LIB} ${p//lib/LIB} ${p:5:5} ${p:10}"
echo "[${unset_var:-default}] [${unset_var-dash}] [${assigned:=now set}] [$assigned] [${p:+alt}] [${empty_var:+alt}]"
s="Hello World"; echo "${#s} ${s#Hello } ${s%World}x"

# ---- case ----
for f in a.c b.h Makefile x.tar.gz "with space" 9lives .hidden; do
    case $f in
    *.c) t=C ;;
    *.h) t=header ;;
    *.tar.*) t=tarball ;;
    *\ *) t=spaced ;;
    [A-Z]*) t=capital ;;
    [0-9]*) t=digit ;;
    .*) t=dot ;;
    *) t=other ;;
    esac
    echo "$f -> $t"
done

# ---- positional parameters and field splitting ----
set -- one "two words" three
echo "argc $#"
for a in "$@"; do printf '[%s]' "$a"; done; echo
for a in $*; do printf '<%s>' "$a"; done; echo
shift; echo "after shift: $# $1"
IFS=,; echo "joined: $*"; unset IFS
line="a:b::c:"
IFS=:; set -- $line; unset IFS
echo "$# fields: [$1] [$2] [$3] [$4]"
set -- $(( 6 * 7 )); echo "arith arg: $1"

# ---- here-documents and read ----
while read -r k v; do echo "key=$k val=$v"; done << 'EOF'
x 1
y 2 extra words
z
EOF
name=world
cat_like() { while IFS= read -r l; do echo "> $l"; done; }
cat_like << EOF
hello $name, $((6 * 7)) and \$literal
	tab kept
EOF
IFS=: read -r a b c << EOF
one:two:three:four
EOF
echo "read split: $a / $b / $c"

# ---- getopts ----
parse() {
    OPTIND=1
    while getopts "ab:c" o; do
        case $o in
        a) echo "opt a" ;;
        b) echo "opt b=$OPTARG" ;;
        c) echo "opt c" ;;
        *) echo "bad option" ;;
        esac
    done
    shift $((OPTIND - 1))
    echo "rest: $*"
}
parse -a -b value -c file1 file2
parse -cb x -- -a

# ---- eval, printf ----
eval 'v_1=first; v_2=second'
for i in 1 2; do eval "echo v_$i=\$v_$i"; done
printf '%5d|%-5s|%x|%X|%o|%c|%%|%s\n' 42 ab 255 255 8 xyz "a b"
printf '%e %.3f %g %g\n' 12345.678 2.5 0.0001 1e20
printf '%s-' a b c d; echo
printf 'a\tb\\n\n'
echo -n "no newline"; echo " then newline"
echo -e 'esc\tseq'

# ---- exit statuses and traps ----
ret() { return "$1"; }
ret 3; echo "status $?"
! ret 3; echo "negated $?"
ret 1 || echo "or-list ran"
ret 0 && echo "and-list ran"
if ret 2; then echo wrong; elif ret 0; then echo "elif taken"; fi
[ -z "" ] && [ -n x ] && [ 3 -eq 3 ] && [ abc != abd ] && [ 2 -lt 10 ] && echo "tests ok"
[ a \< b ] && echo "string order ok"
trap 'echo "trap on exit, status $?"' EXIT
exit 5
