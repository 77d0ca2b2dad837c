package dev.rustbin.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A binary open read-only and mapped in windows on demand ({@link FileWindows}): readers index into
 * it through {@link #view} and {@link #slice} instead of copying bytes onto the heap, and a file of
 * any size is read without mapping it whole. The channel stays open (so a file replaced under its
 * name is still the version that was opened) until {@link #close}.
 */
public final class MappedFile implements AutoCloseable {

    private static final int WINDOWS_KEPT = 8;

    private final Path path;
    private final FileChannel channel;
    private final FileWindows windows;
    private final FileIdentity identity;
    /** Where this file's byte 0 lies in the channel: not 0 only for a slice of a universal Mach-O file. */
    private final long base;
    private final long size;

    private MappedFile(Path path, FileChannel channel, FileWindows windows, FileIdentity identity, long base, long size) {
        this.path = path;
        this.channel = channel;
        this.windows = windows;
        this.identity = identity;
        this.base = base;
        this.size = size;
    }

    /** Opens {@code path} read-only; the file is never opened for writing. */
    public static MappedFile map(Path path) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            FileIdentity identity = FileIdentity.of(path);
            long size = channel.size();
            FileWindows windows = new FileWindows(channel, size, WINDOWS_KEPT,
                    (message, cause) -> new BinaryFormatException(path, message, cause));
            MappedFile file = new MappedFile(path, channel, windows, identity, 0, size);
            if (size != identity.size()) {
                throw file.changed("size went from " + identity.size() + " to " + size + " bytes");
            }
            return file;
        } catch (AccessDeniedException e) {
            throw new BinaryFormatException(path, "permission denied", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new BinaryFormatException(path, "cannot read file (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the open already failed; that failure is the one to report
            }
        }
    }

    /** The version of the file that was opened. */
    public FileIdentity identity() {
        return identity;
    }

    /**
     * Fails with "changed while being read" when the file on disk is no longer the version that was
     * opened: rows read before and after a change would mix two versions of the binary.
     */
    public void verifyUnchanged() {
        FileIdentity now;
        try {
            now = FileIdentity.of(path);
        } catch (IOException e) {
            throw changed("it can no longer be read: " + e.getMessage());
        }
        String difference = identity.differenceTo(now);
        if (difference != null) {
            throw changed(difference);
        }
    }

    private BinaryFormatException changed(String how) {
        return new BinaryFormatException(path, "changed while being read (" + how + ")");
    }

    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    /** Fields at absolute offsets of the file, in the given byte order. */
    public FileView view(ByteOrder order) {
        return new FileView(this, order);
    }

    /** True when {@code [offset, offset + length)} lies inside the file (overflow-safe). */
    public boolean contains(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= size() && length <= size() - offset;
    }

    /**
     * The bytes {@code [offset, offset + length)} as a file of their own, for one architecture slice of
     * a universal Mach-O file: offsets inside a slice count from its start, and errors still name this file.
     * The slice shares this file's channel: closing either closes both.
     */
    public MappedFile region(long offset, long length) {
        require(offset, length, "byte range");
        return new MappedFile(path, channel, windows, identity, base + offset, length);
    }

    /** Fails with "{@code what} at 0x...+0x... lies past the end of the file" unless the range is inside the file. */
    public void require(long offset, long length, String what) {
        if (!contains(offset, length)) {
            throw new BinaryFormatException(path, String.format(
                    "%s at 0x%x+0x%x lies past the end of the file (%d bytes)", what, offset, length, size()));
        }
    }

    /** A read-only view of a validated file range. */
    public ByteBuffer slice(long offset, long length) {
        return slice(offset, length, "byte range");
    }

    /**
     * A read-only view of a validated file range that {@code what} names in errors. One buffer holds
     * at most 2 GiB; a longer range (a section that big, read whole) is refused with an error saying so.
     */
    public ByteBuffer slice(long offset, long length, String what) {
        require(offset, length, what);
        if (length > Integer.MAX_VALUE) {
            throw new BinaryFormatException(path, String.format(
                    "%s at 0x%x+0x%x is %d bytes; rustbin reads at most 2 GiB of it at once", what, offset, length, length));
        }
        return windows.slice(base + offset, (int) length);
    }

    /** The window holding {@code at} (a file offset), cut to this file's end; its start may lie before this file's byte 0. */
    FileWindows.Window windowAt(long at) {
        if (at < 0 || at >= size) {
            throw new IndexOutOfBoundsException("file offset " + at + " is outside the file (" + size + " bytes)");
        }
        FileWindows.Window w = windows.windowAt(base + at);
        long end = Math.min(w.bytes().limit(), base + size - w.start());
        ByteBuffer bytes = end == w.bytes().limit() ? w.bytes() : w.bytes().slice(0, (int) end);
        return new FileWindows.Window(w.start() - base, bytes);
    }

    /** Copies {@code target.length} bytes at a validated offset. */
    void copy(long at, byte[] target) {
        windows.copy(base + at, target, 0, target.length);
    }

    @Override
    public void close() {
        windows.clear();
        closeQuietly(channel);
    }
}
