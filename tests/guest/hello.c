/* hello — the smallest guest program; also what `make demo` runs. */
#include <stdio.h>

int main(void)
{
    puts("Hello, world!");
    return 0;
}
