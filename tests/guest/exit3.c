/* exit3 — exit status reaches the parent, and atexit handlers run (in reverse
 * order of registration) and their buffered output is flushed. */
#include <stdio.h>
#include <stdlib.h>

static void first(void) { printf("atexit: registered first, runs last\n"); }
static void second(void) { printf("atexit: registered second, runs first\n"); }

static void leave(int depth)
{
    if (depth < 0)
        return;
    if (depth == 0) {
        printf("leaving with status 3 from depth 5\n");
        exit(3);
    }
    leave(depth - 1);
    printf("not reached\n");
}

int main(void)
{
    atexit(first);
    atexit(second);
    leave(5);
    return 0;
}
