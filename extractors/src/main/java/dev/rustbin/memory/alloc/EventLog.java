package dev.rustbin.memory.alloc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A recording's events in an Arrow IPC file in rustbin's cache directory: appended in batches while
 * the program runs (one batch in memory at a time), read back memory-mapped one batch at a time.
 */
final class EventLog {

    static final int BATCH_ROWS = 1 << 16;

    private static final Schema SCHEMA = new Schema(List.of(
            field("sequence", new ArrowType.Int(64, true)), field("elapsed_ms", new ArrowType.Int(64, true)),
            field("kind", new ArrowType.Int(8, true)), field("pointer", new ArrowType.Int(64, true)),
            field("size", new ArrowType.Int(64, true)), field("trace", new ArrowType.Int(32, true)),
            field("previous_pointer", new ArrowType.Int(64, true))));

    private EventLog() {
    }

    private static Field field(String name, ArrowType type) {
        return new Field(name, FieldType.notNullable(type), null);
    }

    /** Appends events; {@link #close()} writes the footer and releases every Arrow buffer. */
    static final class Writer implements AutoCloseable {
        private final BufferAllocator allocator = new RootAllocator();
        private final VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        private final FileChannel channel;
        private final ArrowFileWriter writer;
        private int rows;

        Writer(Path file) {
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                writer = new ArrowFileWriter(root, null, channel);
                writer.start();
            } catch (IOException e) {
                close();
                throw new UncheckedIOException("cannot write the allocation events to " + file + " (" + e.getMessage() + ")", e);
            }
            root.allocateNew();
        }

        void add(long sequence, long millis, AllocationEvent.Kind kind, long pointer, long size, int trace, long previous) {
            ((BigIntVector) root.getVector(0)).setSafe(rows, sequence);
            ((BigIntVector) root.getVector(1)).setSafe(rows, millis);
            ((TinyIntVector) root.getVector(2)).setSafe(rows, kind.ordinal());
            ((BigIntVector) root.getVector(3)).setSafe(rows, pointer);
            ((BigIntVector) root.getVector(4)).setSafe(rows, size);
            ((IntVector) root.getVector(5)).setSafe(rows, trace);
            ((BigIntVector) root.getVector(6)).setSafe(rows, previous);
            if (++rows == BATCH_ROWS) {
                flush();
            }
        }

        private void flush() {
            if (rows == 0) {
                return;
            }
            root.setRowCount(rows);
            try {
                writer.writeBatch();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the allocation events (" + e.getMessage() + ")", e);
            }
            rows = 0;
            root.allocateNew();
        }

        @Override
        public void close() {
            try {
                if (writer != null) {
                    flush();
                    writer.end();
                    writer.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot finish the allocation events file (" + e.getMessage() + ")", e);
            } finally {
                root.close();
                allocator.close();
                try {
                    if (channel != null) {
                        channel.close();
                    }
                } catch (IOException ignored) {
                    // the file's contents were already written or the error above says why not
                }
            }
        }
    }

    /**
     * The events of a finished log, in order. Each batch is copied out of Arrow into plain arrays and
     * its buffers released before the first of its rows is returned, so an abandoned iteration holds nothing to close.
     */
    static Iterator<AllocationEvent> read(Path file, AllocationRecording recording) {
        int batches;
        try (Batch first = Batch.open(file)) {
            batches = first.reader.getRecordBlocks().size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the allocation events in " + file + " (" + e.getMessage() + ")", e);
        }
        return new Iterator<>() {
            private int nextBatch;
            private long[][] columns = new long[7][0];
            private int row;
            private int rows;

            @Override
            public boolean hasNext() {
                while (row == rows && nextBatch < batches) {
                    load(nextBatch++);
                }
                return row < rows;
            }

            @Override
            public AllocationEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int i = row++;
                return new AllocationEvent(recording, columns[0][i], columns[1][i], AllocationEvent.Kind.values()[(int) columns[2][i]],
                        columns[3][i], columns[4][i], (int) columns[5][i], columns[6][i]);
            }

            private void load(int index) {
                try (Batch batch = Batch.open(file)) {
                    ArrowBlock block = batch.reader.getRecordBlocks().get(index);
                    batch.reader.loadRecordBatch(block);
                    VectorSchemaRoot root = batch.reader.getVectorSchemaRoot();
                    rows = root.getRowCount();
                    row = 0;
                    long[][] copied = new long[7][rows];
                    for (int r = 0; r < rows; r++) {
                        copied[0][r] = ((BigIntVector) root.getVector(0)).get(r);
                        copied[1][r] = ((BigIntVector) root.getVector(1)).get(r);
                        copied[2][r] = ((TinyIntVector) root.getVector(2)).get(r);
                        copied[3][r] = ((BigIntVector) root.getVector(3)).get(r);
                        copied[4][r] = ((BigIntVector) root.getVector(4)).get(r);
                        copied[5][r] = ((IntVector) root.getVector(5)).get(r);
                        copied[6][r] = ((BigIntVector) root.getVector(6)).get(r);
                    }
                    columns = copied;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the allocation events in " + file + " (" + e.getMessage() + ")", e);
                }
            }
        };
    }

    /** An open reader over the mapped file, with its own allocator. */
    private static final class Batch implements AutoCloseable {
        final BufferAllocator allocator = new RootAllocator();
        final FileChannel file;
        final ArrowFileReader reader;

        private Batch(Path path) throws IOException {
            file = FileChannel.open(path, StandardOpenOption.READ);
            long size = file.size();
            SeekableByteChannel channel = size <= Integer.MAX_VALUE
                    ? new MappedReadChannel(file.map(FileChannel.MapMode.READ_ONLY, 0, size)) : file;
            reader = new ArrowFileReader(channel, allocator);
        }

        static Batch open(Path path) {
            try {
                return new Batch(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the allocation events in " + path + " (" + e.getMessage() + ")", e);
            }
        }

        @Override
        public void close() {
            try {
                reader.close();
                file.close();
            } catch (IOException ignored) {
                // read-only: nothing is lost
            } finally {
                allocator.close();
            }
        }
    }
}
