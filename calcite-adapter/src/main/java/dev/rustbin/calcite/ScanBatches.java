package dev.rustbin.calcite;

import dev.rustbin.schema.BatchSource;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The batches of one scan and the child allocator they live in: every byte the scan allocated is
 * accounted for there and released when it closes. While open, the scan is among the connection's
 * {@link RunningScans}.
 */
public final class ScanBatches implements AutoCloseable {

    private final BufferAllocator allocator;
    private final BatchSource stream;
    private final RunningScans running;
    private final Supplier<Path> lastOpened;
    private boolean closed;

    /** @param lastOpened the binary the scan opened last (null before the first) */
    ScanBatches(BufferAllocator allocator, BatchSource stream, RunningScans running, Supplier<Path> lastOpened) {
        this.allocator = allocator;
        this.stream = stream;
        this.running = running;
        this.lastOpened = lastOpened;
        running.started(stream);
    }

    /** Fills the next batch; false at the end. A failing binary closes the scan before the error goes up. */
    public boolean next() {
        try {
            return stream.next();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    public VectorSchemaRoot root() {
        return stream.root();
    }

    /**
     * The binary the scan opened last, or null: a fault reading a mapped file can reach the thread a
     * little after the read that caused it (at the JVM's next check), past the scan's own handler, so
     * its consumer names this one.
     */
    public Path lastBinary() {
        return lastOpened.get();
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            running.finished(stream);
            try {
                stream.close();
            } finally {
                allocator.close();
            }
        }
    }
}
