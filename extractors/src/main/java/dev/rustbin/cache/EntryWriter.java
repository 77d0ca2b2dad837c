package dev.rustbin.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;

/**
 * Writes one cache entry while its rows are extracted: each batch of the scan's root is appended
 * to a temporary file in the cache directory, and only a scan that delivered every row renames it
 * (atomically) to the entry's name. Two processes filling the same entry each write their own
 * temporary file; the last rename wins and both files are whole. The Arrow file's footer holds the
 * key, the row count, and the length and CRC-32C of everything before the footer, which
 * {@link MappedEntry} checks before it serves a row. Nothing here fails a query: a write that fails
 * (a full disk) or grows past {@code maxBytes} just leaves no entry.
 */
final class EntryWriter {

    static final String KEY = "rustbin.key";
    static final String ROWS = "rustbin.rows";
    static final String LENGTH = "rustbin.length";
    static final String CRC32C = "rustbin.crc32c";

    private final Path temporary;
    private final Path target;
    private final long maxBytes;
    /** Read by the Arrow writer when it writes the footer, so filled just before. */
    private final Map<String, String> footer = new HashMap<>();
    private final Checksummed channel;
    private final ArrowFileWriter writer;
    private long rows;
    private boolean abandoned;

    private EntryWriter(Path temporary, Path target, long maxBytes, String key, VectorSchemaRoot root) throws IOException {
        this.temporary = temporary;
        this.target = target;
        this.maxBytes = maxBytes;
        footer.put(KEY, key);
        this.channel = new Checksummed(FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW));
        this.writer = new ArrowFileWriter(root, null, channel, footer);
    }

    /** A writer of {@code root}'s batches to {@code target}, or null when the cache directory cannot take one. */
    static EntryWriter start(Path target, long maxBytes, String key, VectorSchemaRoot root) {
        Path temporary = target.resolveSibling(TableCache.FILLING + UUID.randomUUID());
        try {
            return new EntryWriter(temporary, target, maxBytes, key, root);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temporary);
            return null;
        }
    }

    /** Appends the root's current batch. */
    void append(VectorSchemaRoot root) {
        if (abandoned) {
            return;
        }
        try {
            writer.writeBatch();
            rows += root.getRowCount();
            if (channel.length > maxBytes) {
                abandon();
            }
        } catch (IOException | RuntimeException e) {
            abandon();
        }
    }

    /** Ends the file and renames it to the entry's name; false when there is no entry after all. */
    boolean commit() {
        if (abandoned) {
            return false;
        }
        try {
            footer.put(ROWS, Long.toString(rows));
            // the writer's end-of-stream marker and footer come after what the checksum covers
            footer.put(LENGTH, Long.toString(channel.length));
            footer.put(CRC32C, Long.toString(channel.crc.getValue()));
            writer.end();
            writer.close();
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException | RuntimeException e) {
            abandon();
            return false;
        }
    }

    /** Stops writing and deletes the temporary file (a scan stopped early has not seen every row). */
    void abandon() {
        if (!abandoned) {
            abandoned = true;
            try {
                writer.close();
            } catch (RuntimeException e) {
                // the file is deleted whatever state the writer was left in
            }
            deleteQuietly(temporary);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temporary file is removed by a later eviction pass
        }
    }

    /** Counts and checksums every byte on its way to the file. */
    private static final class Checksummed implements WritableByteChannel {
        private final FileChannel file;
        private final CRC32C crc = new CRC32C();
        private long length;

        Checksummed(FileChannel file) {
            this.file = file;
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            ByteBuffer seen = source.duplicate();
            int written = file.write(source);
            seen.limit(seen.position() + written);
            crc.update(seen);
            length += written;
            return written;
        }

        @Override
        public boolean isOpen() {
            return file.isOpen();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
