#!/usr/bin/env bash
# explain-sigill.sh — name the guest instruction tern refused.
#
# Usage: tests/guest/explain-sigill.sh GUEST-BINARY TERN-STDERR-FILE
#
# When tern meets an instruction its frontend does not implement it prints
# "guest illegal instruction at pc 0xADDR (insn 0xWORD)" and the guest gets
# SIGILL. The test runners call this on a failed run to print one line with
# the disassembly of that instruction (and its function, when the binary has
# symbols), so a report says which instruction to implement next. Prints
# nothing when the stderr has no such line or no objdump for the binary's
# architecture is installed; always exits 0.
bin=$1
err=$2
line=$(grep -m1 -o 'guest illegal instruction at pc 0x[0-9a-fA-F]* (insn 0x[0-9a-fA-F]*)' "$err" 2>/dev/null) || exit 0
pc=$(echo "$line" | sed 's/.*at pc \(0x[0-9a-fA-F]*\).*/\1/')
case $(od -An -tx1 -j18 -N1 "$bin" 2>/dev/null | tr -d ' ') in   # e_machine, low byte
b7) objdump=aarch64-linux-gnu-objdump ;;
f3) objdump=riscv64-linux-gnu-objdump ;;
*) exit 0 ;;
esac
command -v "$objdump" > /dev/null 2>&1 || exit 0
word=${line##*insn }
end=$(printf '0x%x' $((pc + 4)))
# the last "<func>:" header before the instruction names the function;
# the instruction line is "  addr:\tbytes \tmnemonic operands"
dis=$("$objdump" -d --start-address="$pc" --stop-address="$end" "$bin" 2>/dev/null)
func=$(echo "$dis" | sed -n 's/^[0-9a-f]* <\(.*\)>:$/\1/p' | tail -n1)
insn=$(echo "$dis" | grep -m1 "^ *${pc#0x}:" | cut -f3- | tr '\t' ' ')
echo "    first unimplemented instruction: pc $pc${func:+ in $func}: ${insn:-?} (insn ${word%)})"
exit 0
