package dev.rustbin.memory.alloc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the text stream heaptrack's preload library writes (the "raw" format heaptrack_interpret
 * consumes): one event per line, a type character then hexadecimal fields. Fed bytes as they
 * arrive, split anywhere; only the current line is held.
 * <ul>
 *   <li>{@code + SIZE NODE POINTER}: an allocation (realloc writes {@code - OLD} right before it);</li>
 *   <li>{@code - POINTER}: a free;</li>
 *   <li>{@code t IP PARENT}: a new backtrace node (numbered from 1 in order of appearance);</li>
 *   <li>{@code m LENGTH FILE BIAS [VADDR MEMSZ]...}: a loaded module ({@code m 1 -} starts a new list,
 *       {@code x} names the executable);</li>
 *   <li>{@code c MILLIS}: time since the library started; {@code x LENGTH PATH}: the executable.</li>
 * </ul>
 * Other lines (version, command line, system info, RSS) are skipped.
 */
final class HeaptrackParser {

    /** Receives each line's meaning, in stream order. */
    interface Listener {
        void modulesReset();

        void module(String file, long bias, long[] segments);

        void executable(String path);

        void trace(long ip, int parent);

        void alloc(long size, int node, long pointer);

        void free(long pointer);

        void elapsed(long millis);

        /** After each line: the stream offset just past its newline. */
        void lineEnd(long offset);
    }

    private final Listener listener;
    private byte[] line = new byte[512];
    private int length;
    private long offset;
    /** Where {@link #hex()} and {@link #text} read next in the current line. */
    private int position;

    HeaptrackParser(Listener listener) {
        this.listener = listener;
    }

    /** Bytes consumed so far. */
    long offset() {
        return offset;
    }

    void feed(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = data[i];
            if (b == '\n') {
                offset += length + 1;
                dispatch();
                length = 0;
                listener.lineEnd(offset);
            } else {
                if (length == line.length) {
                    line = Arrays.copyOf(line, length * 2);
                }
                line[length++] = b;
            }
        }
    }

    private void dispatch() {
        if (length < 2) {
            return;
        }
        position = 2;
        switch (line[0]) {
            case '+' -> {
                long size = hex();
                int node = (int) hex();
                listener.alloc(size, node, hex());
            }
            case '-' -> listener.free(hex());
            case 't' -> {
                long ip = hex();
                listener.trace(ip, (int) hex());
            }
            case 'c' -> listener.elapsed(hex());
            case 'm' -> module();
            case 'x' -> listener.executable(text((int) hex()));
            default -> {
                // version, command line, system info, RSS, suppressions: nothing to keep
            }
        }
    }

    private void module() {
        int nameLength = (int) hex();
        String name = text(nameLength);
        if (name.equals("-")) {
            listener.modulesReset();
            return;
        }
        long bias = hex();
        long[] segments = new long[8];
        int n = 0;
        while (position < length) {
            if (n == segments.length) {
                segments = Arrays.copyOf(segments, n * 2);
            }
            segments[n++] = hex();
        }
        listener.module(name, bias, Arrays.copyOf(segments, n & ~1));
    }

    /** The next hexadecimal field, past the spaces before it. */
    private long hex() {
        while (position < length && line[position] == ' ') {
            position++;
        }
        long value = 0;
        while (position < length) {
            int c = line[position];
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (digit < 0) {
                break;
            }
            value = (value << 4) | digit;
            position++;
        }
        return value;
    }

    /** A length-prefixed text field: {@code n} bytes after one space. */
    private String text(int n) {
        int start = Math.min(position + 1, length);
        int end = Math.min(start + Math.max(n, 0), length);
        position = end;
        return new String(line, start, end - start, StandardCharsets.UTF_8);
    }
}
