package dev.rustbin.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A whole binary mapped read-only: readers index into it instead of copying bytes onto the heap. */
public final class MappedFile {

    private final Path path;
    private final MappedByteBuffer buffer;
    private final FileIdentity identity;

    private MappedFile(Path path, MappedByteBuffer buffer, FileIdentity identity) {
        this.path = path;
        this.buffer = buffer;
        this.identity = identity;
    }

    /** Maps {@code path} read-only; the file is never opened for writing. */
    public static MappedFile map(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            FileIdentity identity = FileIdentity.of(path);
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new BinaryFormatException(path, "file is " + size + " bytes; files over 2 GiB are not supported");
            }
            MappedFile file = new MappedFile(path, channel.map(FileChannel.MapMode.READ_ONLY, 0, size), identity);
            if (size != identity.size()) {
                throw file.changed("size went from " + identity.size() + " to " + size + " bytes");
            }
            return file;
        } catch (AccessDeniedException e) {
            throw new BinaryFormatException(path, "permission denied", e);
        } catch (IOException e) {
            throw new BinaryFormatException(path, "cannot read file (" + e.getMessage() + ")", e);
        }
    }

    /** The version of the file that was mapped. */
    public FileIdentity identity() {
        return identity;
    }

    /**
     * Fails with "changed while being read" when the file on disk is no longer the version that was
     * mapped: rows read before and after a change would mix two versions of the binary.
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
        return buffer.capacity();
    }

    /** A view of the whole file with the given byte order; absolute reads only. */
    public ByteBuffer view(ByteOrder order) {
        return buffer.duplicate().order(order);
    }

    /** The underlying mapping, for libraries that take a MappedByteBuffer. */
    public MappedByteBuffer mapping() {
        return buffer;
    }

    /** True when {@code [offset, offset + length)} lies inside the file (overflow-safe). */
    public boolean contains(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= size() && length <= size() - offset;
    }

    /**
     * The bytes {@code [offset, offset + length)} as a file of their own, for one architecture slice of
     * a universal Mach-O file: offsets inside a slice count from its start, and errors still name this file.
     */
    public MappedFile region(long offset, long length) {
        require(offset, length, "byte range");
        return new MappedFile(path, buffer.slice((int) offset, (int) length), identity);
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
        require(offset, length, "byte range");
        return buffer.slice((int) offset, (int) length).asReadOnlyBuffer();
    }
}
