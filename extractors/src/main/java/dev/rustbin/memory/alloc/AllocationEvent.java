package dev.rustbin.memory.alloc;

/**
 * One allocation, free or realloc of a tracked program.
 *
 * @param sequence        the event's position among the recording's allocation and free lines, from 0
 * @param elapsedMillis   heaptrack's clock when it was recorded: milliseconds since the program started, 10 ms resolution
 * @param pointer         the block allocated (alloc, realloc) or freed
 * @param size            bytes asked for; for a free, those of the block freed (0 when it was allocated before tracking)
 * @param trace           the backtrace node (see {@link TraceTree}); for a free, the node that allocated the block
 * @param previousPointer for a realloc the block it replaced, else 0
 */
public record AllocationEvent(AllocationRecording recording, long sequence, long elapsedMillis, Kind kind, long pointer,
                              long size, int trace, long previousPointer) {

    public enum Kind {
        ALLOC("alloc"), FREE("free"), REALLOC("realloc");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** When it happened, in ns since the epoch: the program's start plus heaptrack's clock. */
    public long timestampNanos() {
        return recording.startedAtNanos() + elapsedMillis * 1_000_000L;
    }
}
