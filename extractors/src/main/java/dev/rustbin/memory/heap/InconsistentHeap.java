package dev.rustbin.memory.heap;

/** A malloc structure that does not hold together: the walk of that heap stops with this message. */
final class InconsistentHeap extends RuntimeException {

    InconsistentHeap(String message) {
        super(message, null, false, false);
    }
}
