package dev.rustbin.cache;

import dev.rustbin.schema.BatchSource;
import dev.rustbin.schema.TableSchema;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * rustbin's cache of expensive tables: per binary version and table, Arrow IPC files in one
 * directory (never beside the user's files), named {@code TABLE-KEYHASH-COLUMNS.arrow} where
 * COLUMNS is the hex bit set of the table columns the entry stores; an entry serves any scan of a
 * subset of them. The directory's total size stays under a bound: after each new entry the least
 * recently used ones (by modification time, which a hit renews) are deleted. Several JVMs may share
 * the directory: entries appear by atomic rename, a file deleted while another process has it
 * mapped stays readable there, and an entry that disappears between listing and opening is a miss.
 */
public final class TableCache {

    public static final long DEFAULT_MAX_BYTES = 2L << 30;
    static final String FILLING = ".filling-";
    private static final String SUFFIX = ".arrow";
    /** A temporary file this old belongs to a process that died while filling it. */
    private static final Duration ABANDONED = Duration.ofHours(1);

    private final Path directory;
    private final long maxBytes;

    public TableCache(Path directory, long maxBytes) {
        this.directory = directory;
        this.maxBytes = maxBytes;
    }

    /** The bit set of the table's columns a scan of {@code projection} needs. */
    public static long columnsOf(int[] projection) {
        long columns = 0;
        for (int column : projection) {
            columns |= 1L << column;
        }
        return columns;
    }

    /** The table opted in to caching and can be cached: at most 64 columns, so a column set is one long. */
    public static boolean serves(TableSchema<?> table) {
        return table.isCached() && table.columns().size() <= Long.SIZE;
    }

    /** True when an entry of {@code key} holds at least {@code columns} (it is checked only when opened). */
    public boolean has(CacheKey key, long columns) {
        return !candidates(key, columns).isEmpty();
    }

    /**
     * The rows of {@code projection}'s columns from a checked entry of {@code key}, or null on a miss.
     * An entry that fails its checks is deleted, and the next candidate tried.
     */
    public BatchSource open(CacheKey key, TableSchema<?> table, int[] projection, BufferAllocator allocator) {
        for (Path entry : candidates(key, columnsOf(projection))) {
            try {
                MappedEntry opened = MappedEntry.open(entry, key.text(), table, projection, allocator);
                touch(entry);
                return opened;
            } catch (NoSuchFileException e) {
                // evicted or replaced by another process since it was listed
            } catch (IOException | MappedEntry.Unusable e) {
                delete(entry);
            }
        }
        return null;
    }

    /** A writer of a new entry of {@code key} holding {@code projection}'s columns, or null when none can be written. */
    public Filling fill(CacheKey key, int[] projection, VectorSchemaRoot root) {
        try {
            RustbinDirectories.privateDirectory(directory);
        } catch (RuntimeException e) {
            return null;
        }
        Path target = directory.resolve(key.stem() + "-" + Long.toHexString(columnsOf(projection)) + SUFFIX);
        EntryWriter writer = EntryWriter.start(target, Math.min(maxBytes / 2, Integer.MAX_VALUE), key.text(), root);
        return writer == null ? null : new Filling(writer);
    }

    /** One entry being written by a scan: each batch is appended, and only a scan that saw every row commits it. */
    public final class Filling {
        private final EntryWriter writer;

        private Filling(EntryWriter writer) {
            this.writer = writer;
        }

        public void append(VectorSchemaRoot root) {
            writer.append(root);
        }

        public void commit() {
            if (writer.commit()) {
                evict();
            }
        }

        public void abandon() {
            writer.abandon();
        }
    }

    /** Entries of {@code key} holding every column of {@code columns}, smallest first. */
    private List<Path> candidates(CacheKey key, long columns) {
        List<Path> found = new ArrayList<>();
        String prefix = key.stem() + "-";
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, prefix + "*" + SUFFIX)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                try {
                    long stored = Long.parseUnsignedLong(name.substring(prefix.length(), name.length() - SUFFIX.length()), 16);
                    if ((stored & columns) == columns) {
                        found.add(entry);
                    }
                } catch (NumberFormatException e) {
                    // not a name this cache writes
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        found.sort(Comparator.comparingLong(TableCache::sizeOf));
        return found;
    }

    /** Deletes least recently used entries until the directory fits the bound, and temporary files of dead processes. */
    void evict() {
        record Entry(Path path, long size, FileTime used) {
        }
        List<Entry> entries = new ArrayList<>();
        Instant abandoned = Instant.now().minus(ABANDONED);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    String name = file.getFileName().toString();
                    if (name.startsWith(FILLING) && attributes.lastModifiedTime().toInstant().isBefore(abandoned)) {
                        delete(file);
                    } else if (name.endsWith(SUFFIX) && !name.startsWith(FILLING)) {
                        entries.add(new Entry(file, attributes.size(), attributes.lastModifiedTime()));
                    }
                } catch (IOException e) {
                    // gone already
                }
            }
        } catch (IOException e) {
            return;
        }
        entries.sort(Comparator.comparing(Entry::used));
        long total = entries.stream().mapToLong(Entry::size).sum();
        for (Entry entry : entries) {
            if (total <= maxBytes) {
                break;
            }
            delete(entry.path());
            total -= entry.size();
        }
    }

    private static void touch(Path entry) {
        try {
            Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // an entry deleted meanwhile needs no renewal
        }
    }

    private static long sizeOf(Path entry) {
        try {
            return Files.size(entry);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // another process removed it, or will
        }
    }
}
