package dev.rustbin.cli.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;

/**
 * Rows as Arrow IPC: the stream format (schema, then batches; read from a pipe) or the file format
 * (the same, framed by magic bytes and a footer of batch offsets: Feather v2, memory-mappable). One
 * batch of {@link RowBatches} is held at a time.
 */
public final class ArrowIpc {

    private ArrowIpc() {
    }

    /** Writes every row; returns how many. */
    public static long write(ResultSet rows, OutputStream out, boolean fileFormat, BufferAllocator allocator)
            throws SQLException, IOException {
        try (RowBatches batches = new RowBatches(rows, allocator);
             ArrowWriter writer = fileFormat
                     ? new ArrowFileWriter(batches.root(), null, Channels.newChannel(out))
                     : new ArrowStreamWriter(batches.root(), null, Channels.newChannel(out))) {
            writer.start();
            long count = 0;
            while (batches.next()) {
                writer.writeBatch();
                count += batches.root().getRowCount();
            }
            writer.end();
            return count;
        }
    }
}
