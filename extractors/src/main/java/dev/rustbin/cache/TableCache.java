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
import java.util.OptionalLong;
import java.util.stream.IntStream;
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

    /**
     * The columns to fill a new entry of {@code key} with, for a scan of {@code projection} that found
     * none: {@code projection} itself when the key has no entry, else, in table order, its columns and
     * those of every entry of the key, so that the new entry serves every query the old ones did and
     * replaces them (one entry per binary, not one per set of columns queried). Not widened when the
     * key's entries already take a quarter of the bound: the wider entry might then not fit in the
     * half of it an entry may take, and the scan's own columns alone would.
     */
    public int[] widened(CacheKey key, int[] projection) {
        long columns = columnsOf(projection);
        long stored = 0;
        long bytes = 0;
        for (Path entry : candidates(key, 0)) {
            stored |= storedColumns(key, entry).orElseThrow();
            bytes += sizeOf(entry);
        }
        if ((stored & ~columns) == 0 || bytes > maxBytes / 4) {
            return projection.clone();
        }
        long all = columns | stored;
        return IntStream.range(0, Long.SIZE).filter(c -> (all & (1L << c)) != 0).toArray();
    }

    /** A writer of a new entry of {@code key} holding {@code projection}'s columns, or null when none can be written. */
    public Filling fill(CacheKey key, int[] projection, VectorSchemaRoot root) {
        try {
            RustbinDirectories.privateDirectory(directory);
        } catch (RuntimeException e) {
            return null;
        }
        long columns = columnsOf(projection);
        Path target = directory.resolve(key.stem() + "-" + Long.toHexString(columns) + SUFFIX);
        EntryWriter writer = EntryWriter.start(target, Math.min(maxBytes / 2, Integer.MAX_VALUE), key.text(), root);
        return writer == null ? null : new Filling(writer, key, columns);
    }

    /** One entry being written by a scan: each batch is appended, and only a scan that saw every row commits it. */
    public final class Filling {
        private final EntryWriter writer;
        private final CacheKey key;
        private final long columns;

        private Filling(EntryWriter writer, CacheKey key, long columns) {
            this.writer = writer;
            this.key = key;
            this.columns = columns;
        }

        public void append(VectorSchemaRoot root) {
            writer.append(root);
        }

        /** Puts the entry in place, deletes the key's entries of fewer columns (it serves their scans) and evicts. */
        public void commit() {
            if (writer.commit()) {
                for (Path narrower : candidates(key, 0)) {
                    long stored = storedColumns(key, narrower).orElseThrow();
                    if (stored != columns && (stored & ~columns) == 0) {
                        delete(narrower);
                    }
                }
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
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, key.stem() + "-*" + SUFFIX)) {
            for (Path entry : entries) {
                OptionalLong stored = storedColumns(key, entry);
                if (stored.isPresent() && (stored.getAsLong() & columns) == columns) {
                    found.add(entry);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        found.sort(Comparator.comparingLong(TableCache::sizeOf));
        return found;
    }

    /** The column set an entry's name says it stores; empty for a name this cache does not write. */
    private static OptionalLong storedColumns(CacheKey key, Path entry) {
        String name = entry.getFileName().toString();
        String prefix = key.stem() + "-";
        try {
            return OptionalLong.of(Long.parseUnsignedLong(name.substring(prefix.length(), name.length() - SUFFIX.length()), 16));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return OptionalLong.empty();
        }
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
