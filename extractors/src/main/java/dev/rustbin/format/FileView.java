package dev.rustbin.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Fields at absolute {@code long} file offsets, in one byte order, read through the file's windows:
 * header and table readers index a file of any size with it. A read past the end of the file throws
 * {@link IndexOutOfBoundsException}, as a buffer would; readers turn that into "corrupt ...".
 */
public final class FileView {

    private record Current(long start, ByteBuffer bytes) {
    }

    private final MappedFile file;
    private final ByteOrder order;
    /** Replaced as a whole, so threads sharing the view each see one consistent window. */
    private volatile Current current = new Current(0, ByteBuffer.allocate(0));

    FileView(MappedFile file, ByteOrder order) {
        this.file = file;
        this.order = order;
    }

    public ByteOrder order() {
        return order;
    }

    public byte get(long at) {
        Current c = at(at, 1);
        return c.bytes().get((int) (at - c.start()));
    }

    public short getShort(long at) {
        Current c = at(at, 2);
        return c.bytes().getShort((int) (at - c.start()));
    }

    public int getInt(long at) {
        Current c = at(at, 4);
        return c.bytes().getInt((int) (at - c.start()));
    }

    public long getLong(long at) {
        Current c = at(at, 8);
        return c.bytes().getLong((int) (at - c.start()));
    }

    /** Copies {@code target.length} bytes from {@code at}. */
    public void get(long at, byte[] target) {
        file.require(at, target.length, "byte range");
        file.copy(at, target);
    }

    private Current at(long at, int length) {
        Current c = current;
        long inWindow = at - c.start();
        if (at >= 0 && inWindow >= 0 && inWindow <= c.bytes().limit() - length) {
            return c;
        }
        FileWindows.Window w = file.windowAt(at);
        c = new Current(w.start(), w.bytes().duplicate().order(order));
        current = c;
        return c;
    }
}
