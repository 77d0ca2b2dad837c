/*
 * The unwinder's C fixture: a thread blocked in read() inside a signal handler, under a few levels
 * of recursion. The tests compile it twice: with -g and no unwind tables (its own frames described
 * only by .debug_frame) and without -g (no CFI at all: frame pointers only).
 * "unwinddemo spin" instead reads the clock in a loop, so a snapshot mostly finds it in the vdso.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile int sink;

__attribute__((noinline)) void unwinddemo_block(void) {
    char c;
    sink += (int) read(0, &c, 1);
}

__attribute__((noinline)) void unwinddemo_handler(int sig) {
    unwinddemo_block();
    sink += sig;
}

__attribute__((noinline)) void unwinddemo_nested(int depth) {
    if (depth > 0) {
        unwinddemo_nested(depth - 1);
        sink++;
        return;
    }
    raise(SIGUSR1);
}

__attribute__((noinline)) void unwinddemo_spin(void) {
    struct timespec now;
    for (;;) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        sink += (int) now.tv_nsec;
    }
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "spin") == 0) {
        unwinddemo_spin();
    }
    signal(SIGUSR1, unwinddemo_handler);
    unwinddemo_nested(3);
    printf("done %d\n", sink);
    return 0;
}
