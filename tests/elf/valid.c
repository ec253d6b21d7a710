/* valid.c — the well-formed static riscv64 program that tests/elf/gen_cases.py
 * breaks in one way per case. Its own behaviour does not matter. */
#include <stdio.h>

int counter = 7;        /* .data, so the binary has a RW segment with bss */
static char big[8192];  /* .bss beyond the file */

int main(int argc, char **argv)
{
    big[argc] = (char)counter;
    printf("valid %s %d\n", argv[0], big[argc]);
    return 0;
}
