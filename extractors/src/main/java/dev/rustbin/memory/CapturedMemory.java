package dev.rustbin.memory;

import dev.rustbin.format.FileWindows;
import dev.rustbin.format.SortedAddresses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.List;

/**
 * An {@link AddressSpace} whose bytes lie in a file: a core's PT_LOAD segments, or the spill file a
 * live snapshot wrote. The file is mapped in windows on demand, a few at a time ({@link FileWindows}),
 * so cores of any size are read without holding them on the heap or mapping them whole.
 */
public final class CapturedMemory implements AddressSpace, AutoCloseable {

    /** One captured address range and where its bytes start in the file. */
    public record Range(long address, long size, long fileOffset) {
        long end() {
            return address + size;
        }
    }

    private static final int WINDOWS_KEPT = 4;

    private final String origin;
    private final FileChannel file;
    private final long fileSize;
    private final long[] starts;
    private final Range[] ranges;
    private final FileWindows windows;

    /**
     * @param origin names the file in errors
     * @param file   an open channel, owned (closed) by this object from now on
     * @param ranges the captured ranges; they must not overlap
     */
    public CapturedMemory(String origin, FileChannel file, List<Range> ranges) {
        this.origin = origin;
        this.file = file;
        try {
            this.fileSize = file.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.windows = new FileWindows(file, fileSize, WINDOWS_KEPT, (message, cause) -> new SnapshotException(origin + ": " + message, cause));
        this.ranges = ranges.stream().filter(r -> r.size() > 0)
                .sorted((a, b) -> Long.compareUnsigned(a.address(), b.address())).toArray(Range[]::new);
        this.starts = Arrays.stream(this.ranges).mapToLong(Range::address).toArray();
    }

    public List<Range> ranges() {
        return List.of(ranges);
    }

    @Override
    public boolean contains(long address, long length) {
        Range r = rangeOf(address);
        return r != null && length >= 0 && Long.compareUnsigned(address - r.address(), r.size()) <= 0
                && Long.compareUnsigned(length, r.size() - (address - r.address())) <= 0;
    }

    @Override
    public boolean read(long address, byte[] target, int offset, int length) {
        if (!contains(address, length)) {
            return false;
        }
        Range r = rangeOf(address);
        long at = r.fileOffset() + (address - r.address());
        if (at + length > fileSize) {
            return false;
        }
        windows.copy(at, target, offset, length);
        return true;
    }

    /**
     * The captured bytes {@code [address, address + length)}, read-only, never copied onto the heap: a
     * view of a cached window, or a mapping of their own when they are longer. Null when not captured.
     */
    public ByteBuffer bytes(long address, int length) {
        if (!contains(address, length)) {
            return null;
        }
        Range r = rangeOf(address);
        long at = r.fileOffset() + (address - r.address());
        if (at + length > fileSize) {
            return null;
        }
        return windows.slice(at, length);
    }

    private Range rangeOf(long address) {
        int hi = SortedAddresses.lastAtOrBelow(starts, 0, starts.length, address);
        if (hi < 0) {
            return null;
        }
        Range r = ranges[hi];
        return Long.compareUnsigned(address - r.address(), r.size()) < 0 || (address == r.end()) ? r : null;
    }

    @Override
    public void close() {
        windows.clear();
        try {
            file.close();
        } catch (IOException e) {
            throw new SnapshotException(origin + ": cannot close (" + e.getMessage() + ")", e);
        }
    }
}
