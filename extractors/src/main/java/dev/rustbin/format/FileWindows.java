package dev.rustbin.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file of any size mapped read-only in windows on demand, a few kept at a time, so no reader maps
 * or holds a whole file. Window {@code k} covers {@code [k*64 MiB, k*64 MiB + 128 MiB)}: windows
 * overlap by half, so every range of up to 64 MiB lies inside one window and is served as a slice of
 * it; a longer range gets a mapping of its own (a few of those are kept too, as whole sections are
 * asked for again and again). The channel belongs to the caller.
 */
public final class FileWindows {

    /** Builds the caller's error (naming its file) for a mapping the operating system refused. */
    public interface Failure {
        RuntimeException of(String message, IOException cause);
    }

    /** One window: its first file offset and its bytes. */
    public record Window(long start, ByteBuffer bytes) {
    }

    static final int STRIDE_SHIFT = 26;
    /** The longest range served from a shared window. */
    public static final long STRIDE = 1L << STRIDE_SHIFT;
    private static final long WINDOW = 2 * STRIDE;

    private final FileChannel channel;
    private final long size;
    private final Failure failure;
    private final Map<Long, Window> windows;
    private final Map<Span, MappedByteBuffer> spans;

    private record Span(long at, int length) {
    }

    public FileWindows(FileChannel channel, long size, int kept, Failure failure) {
        this.channel = channel;
        this.size = size;
        this.failure = failure;
        this.windows = lru(kept);
        this.spans = lru(kept);
    }

    private static <K, V> Map<K, V> lru(int kept) {
        return new LinkedHashMap<>(kept, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > kept;
            }
        };
    }

    public long size() {
        return size;
    }

    /** The window holding {@code [at, at + STRIDE)} (or up to the end of the file); {@code at} must be inside the file. */
    public synchronized Window windowAt(long at) {
        if (at < 0 || at >= size) {
            throw new IndexOutOfBoundsException("file offset " + at + " is outside the file (" + size + " bytes)");
        }
        return windows.computeIfAbsent(at >>> STRIDE_SHIFT, k -> {
            long start = k << STRIDE_SHIFT;
            return new Window(start, map(start, Math.min(WINDOW, size - start)));
        });
    }

    /** The bytes {@code [at, at + length)}, read-only; the caller has checked that they lie inside the file. */
    public ByteBuffer slice(long at, int length) {
        if (length == 0) {
            return ByteBuffer.allocate(0).asReadOnlyBuffer();
        }
        if (length <= STRIDE) {
            Window w = windowAt(at);
            return w.bytes().slice((int) (at - w.start()), length).asReadOnlyBuffer();
        }
        synchronized (this) {
            return spans.computeIfAbsent(new Span(at, length), s -> map(at, length)).asReadOnlyBuffer();
        }
    }

    /** Copies {@code [at, at + length)} into {@code target}, window by window. */
    public void copy(long at, byte[] target, int offset, int length) {
        int done = 0;
        while (done < length) {
            long position = at + done;
            Window w = windowAt(position);
            int inWindow = (int) (position - w.start());
            int n = (int) Math.min(length - done, w.bytes().limit() - inWindow);
            w.bytes().get(inWindow, target, offset + done, n);
            done += n;
        }
    }

    /** Drops the cached mappings (the operating system unmaps them once they are unreachable). */
    public synchronized void clear() {
        windows.clear();
        spans.clear();
    }

    private MappedByteBuffer map(long start, long length) {
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, start, length);
        } catch (ClosedChannelException e) {
            // the owner closed the file (a newer version replaced it in the catalog) while a reader still used it
            throw failure.of("closed while being read (at offset " + start + ")", e);
        } catch (IOException e) {
            throw failure.of("cannot map bytes at offset " + start + " (" + e.getMessage() + ")", e);
        }
    }
}
