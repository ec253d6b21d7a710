/* nonl — output still buffered in stdio at exit is not lost, including a last
 * line without a newline and more than one buffer's worth written with
 * putchar/fwrite (stdout is a pipe under the harness, so fully buffered). */
#include <stdio.h>
#include <string.h>

int main(void)
{
    for (int i = 0; i < 20000; i++)
        putchar('a' + i % 26);           /* no newline: several buffer flushes */
    putchar('\n');
    static const char chunk[] = "0123456789abcdef";
    for (int i = 0; i < 700; i++)
        fwrite(chunk, 1, strlen(chunk), stdout);
    printf("\nlast line without a newline: %d", 42);
    return 0;   /* stdio flushes in exit() */
}
