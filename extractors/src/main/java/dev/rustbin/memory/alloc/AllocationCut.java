package dev.rustbin.memory.alloc;

import java.util.Arrays;

/**
 * Where one snapshot falls in its recording's event stream. At the freeze, the stream holds what
 * the program wrote so far ({@link #written}); the events heaptrack had buffered but not written yet
 * (up to one pipe buffer, {@link #WINDOW} bytes) are the next bytes of the stream. The reader keeps
 * those next bytes and the event count at each line end among them, so the snapshot can later take
 * exactly the events its own memory shows were buffered.
 */
public final class AllocationCut {

    /** heaptrack's LineWriter buffer: PIPE_BUF bytes. */
    static final int WINDOW = 4096;

    private final AllocationRecorder recorder;
    final long written;
    /** The heaptrack output's descriptor in the program, or -1 when it was already closed (the program is exiting). */
    final int targetFd;
    private final byte[] following = new byte[WINDOW];
    private int followingLength;
    private long eventsAtWritten;
    private int[] lineEnds = new int[64];
    private long[] eventsAtLineEnds = new long[64];
    private int lines;

    AllocationCut(AllocationRecorder recorder, long written, int targetFd, long eventsSoFar) {
        this.recorder = recorder;
        this.written = written;
        this.targetFd = targetFd;
        this.eventsAtWritten = eventsSoFar;
    }

    /** The recording this cut belongs to, once the program has exited and the recording is finished. */
    public AllocationRecording recording() {
        return recorder.recording();
    }

    /** True while lines ending after {@code offset} may still end inside this cut's window. */
    boolean open(long offset) {
        return offset < written + WINDOW;
    }

    /** Bytes {@code data[from, to)} sit at stream offset {@code start}: keeps those of the window. */
    void bytes(long start, byte[] data, int from, int to) {
        long begin = Math.max(start, written);
        long end = Math.min(start + (to - from), written + WINDOW);
        for (long o = begin; o < end; o++) {
            following[(int) (o - written)] = data[from + (int) (o - start)];
        }
        followingLength = (int) Math.max(followingLength, end - written);
    }

    void lineEnd(long offset, long events) {
        if (offset <= written) {
            eventsAtWritten = events;
        } else if (offset <= written + WINDOW) {
            if (lines == lineEnds.length) {
                lineEnds = Arrays.copyOf(lineEnds, lines * 2);
                eventsAtLineEnds = Arrays.copyOf(eventsAtLineEnds, lines * 2);
            }
            lineEnds[lines] = (int) (offset - written);
            eventsAtLineEnds[lines++] = events;
        }
    }

    /** Events written before the freeze. */
    long eventsWritten() {
        return eventsAtWritten;
    }

    /**
     * Events before the freeze when heaptrack still held {@code buffered} (its unwritten buffer,
     * read from the snapshot), or -1 when those bytes are not what the stream went on with.
     */
    long eventsWith(byte[] buffered) {
        if (buffered.length > followingLength || !Arrays.equals(buffered, 0, buffered.length, following, 0, buffered.length)) {
            return -1;
        }
        long events = eventsAtWritten;
        for (int i = 0; i < lines && lineEnds[i] <= buffered.length; i++) {
            events = eventsAtLineEnds[i];
        }
        return events;
    }
}
