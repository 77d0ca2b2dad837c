/*
 * The line table's C fixture: small functions the compiler inlines at -O2 (into a loop and into
 * each other), so the tests compare line rows, inlined call chains and function sizes against
 * readelf, addr2line and nm. The tests compile it with -gdwarf-4 and with -gdwarf-5.
 */
#include <stdio.h>
#include <stdlib.h>

static volatile unsigned sink;

static inline unsigned linedemo_square(unsigned x) {
    return x * x;
}

static inline unsigned linedemo_mix(unsigned x, unsigned y) {
    unsigned s = linedemo_square(x);
    return s ^ (y << 3) ^ linedemo_square(y + 1);
}

__attribute__((noinline)) unsigned linedemo_sum(unsigned n) {
    unsigned total = 0;
    for (unsigned i = 0; i < n; i++) {
        total += linedemo_mix(i, n - i);
    }
    return total;
}

__attribute__((noinline)) unsigned linedemo_branchy(int argc) {
    if (argc > 3) {
        return linedemo_sum((unsigned) argc * 7);
    }
    return linedemo_mix((unsigned) argc, 5);
}

int main(int argc, char **argv) {
    unsigned n = argc > 1 ? (unsigned) strtoul(argv[1], NULL, 10) : 10;
    sink = linedemo_sum(n) + linedemo_branchy(argc);
    printf("%u\n", sink);
    return 0;
}
