package dev.rustbin.memory.alloc;

import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/** A read-only channel over a memory-mapped file, so Arrow's file reader pages the file in instead of reading it. */
final class MappedReadChannel implements SeekableByteChannel {

    private final ByteBuffer mapped;
    private boolean open = true;

    MappedReadChannel(ByteBuffer mapped) {
        this.mapped = mapped.duplicate();
        this.mapped.position(0);
    }

    @Override
    public int read(ByteBuffer target) {
        if (!mapped.hasRemaining()) {
            return -1;
        }
        int n = Math.min(target.remaining(), mapped.remaining());
        ByteBuffer slice = mapped.slice();
        slice.limit(n);
        target.put(slice);
        mapped.position(mapped.position() + n);
        return n;
    }

    @Override
    public int write(ByteBuffer source) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() {
        return mapped.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        mapped.position((int) Math.min(newPosition, mapped.limit()));
        return this;
    }

    @Override
    public long size() {
        return mapped.limit();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
