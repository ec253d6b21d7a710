# sh_pipes — what the shell does with processes: pipelines, command
# substitution, subshells, background jobs and wait, redirections, while-read
# loops fed by pipes, pipeline exit statuses. Every stage is the shell itself
# or an applet busybox runs in a forked child (seq, sort, awk, head, md5sum,
# xargs, ...), so the translator has to fork, pipe, dup2 and wait.

echo "sum 1..50: $(seq 1 50 | awk '{ s += $1 } END { print s }')"
echo "nested: $(echo "outer $(echo "inner $(echo deepest)")")"
x=$(seq 5 | sort -rn | head -n 2)
echo "two largest: $x" | sort
echo "lines of words.txt: $(awk 'END { print NR }' words.txt)"

seq 100 | while read -r n; do [ $((n % 7)) -eq 0 ] && printf '%s ' "$n"; done; echo
count=0
while read -r w rest; do count=$((count + 1)); done < words.txt
echo "read loop saw $count lines"

# pipeline status is the last command's
false | true; echo "false|true: $?"
true | false; echo "true|false: $?"
seq 3 | sort -r | head -n 1 | awk '{ exit $1 }'; echo "awk exit: $?"

# redirections
echo one > out.txt; echo two >> out.txt; echo three >> out.txt
sort -r < out.txt
{ echo to-stdout; echo to-stderr >&2; } 2>&1 | sort
{ echo kept; echo dropped >&2; } 2> /dev/null
exec 3> fd3.txt; echo "via fd 3" >&3; exec 3>&-
head -n 1 fd3.txt
sort << EOF | head -n 2
pear
apple
fig
EOF

# subshells do not leak, groups do
v=outer; (v=inner; echo "in subshell $v"); echo "after subshell $v"
{ v=group; }; echo "after group $v"
(cd tree/a && echo "subshell cwd holds: $(ls)"); echo "still here: $(ls -d tree)"
( exit 7 ); echo "subshell exit $?"

# background jobs
( seq 1 3 > bg1.txt ) &
( seq 4 6 > bg2.txt ) &
wait
sort -n bg1.txt bg2.txt | awk '{ printf "%s ", $1 } END { print "" }'
seq 2 > /dev/null & pid=$!; wait $pid; echo "waited for seq: $?"
( exit 3 ) & wait $!; echo "background exit: $?"

# longer pipelines
seq 1 3000 | awk '{ print ($1 * 7919) % 1000 }' | sort -n | sort -u -n | head -n 5 | awk '{ printf "%s,", $1 } END { print "" }'
seq 1 2000 | awk '{ print $1 * $1 }' | md5sum
seq 1 10 | xargs echo
seq 1 12 | xargs -n 5 echo chunk
printf 'words.txt\nnums.txt\n' | xargs md5sum
awk '{ print $1 }' words.txt | sort | awk '{ c[$1]++ } END { for (w in c) print c[w], w }' | sort -k1,1nr -k2,2 | head -n 5

# command substitution strips trailing newlines, keeps inner ones
y=$(printf 'a\nb\n\n\n'); echo "[$y]"
lines=$(seq 3); set -- $lines; echo "split into $#"
