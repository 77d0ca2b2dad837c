package dev.rustbin.schema;

import dev.rustbin.format.BinaryCatalog;
import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryTarget;
import dev.rustbin.format.LoadedBinary;
import dev.rustbin.memory.SnapshotRegistry;
import dev.rustbin.memory.alloc.AllocationRecording;
import dev.rustbin.memory.SnapshotView;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The single definition of one table: name, meaning, ordered columns with their Arrow types, and
 * which rows a binary contributes. The SQL row type, the README and the tests all derive from it.
 */
public final class TableSchema<R> {

    /** Produces a binary's rows for one scan; sources that can skip work read the request. */
    @FunctionalInterface
    public interface RowSource<R> {
        Iterator<R> rows(LoadedBinary binary, ScanRequest request);
    }

    /** Produces one snapshot's rows for one scan, streamed. */
    @FunctionalInterface
    public interface SnapshotRowSource<R> {
        Iterator<R> rows(LoadedBinary binary, SnapshotView snapshot, ScanRequest request);
    }

    /** Produces one allocation recording's rows for one scan, streamed. */
    @FunctionalInterface
    public interface RecordingRowSource<R> {
        Iterator<R> rows(LoadedBinary binary, AllocationRecording recording, ScanRequest request);
    }

    /** How a table's rows are found: per binary, or per snapshot of a binary. */
    @FunctionalInterface
    private interface Rows<R> {
        Iterator<R> rows(LoadedBinary binary, ScanRequest request, SnapshotRegistry snapshots);
    }

    private final String name;
    private final String description;
    private final Rows<R> rows;
    private final List<Column<R>> columns;
    private final boolean reportsUnreadableFiles;
    private final boolean fromProcesses;
    private final boolean cached;
    private final Set<String> pruningColumns;

    private TableSchema(String name, String description, Rows<R> rows, List<Column<R>> columns,
                        boolean reportsUnreadableFiles, boolean fromProcesses, boolean cached, Set<String> pruningColumns) {
        this.name = name;
        this.description = description;
        this.rows = rows;
        this.columns = List.copyOf(columns);
        this.reportsUnreadableFiles = reportsUnreadableFiles;
        this.fromProcesses = fromProcesses;
        this.cached = cached;
        this.pruningColumns = pruningColumns;
    }

    private TableSchema(String name, String description, Rows<R> rows, List<Column<R>> columns,
                        boolean reportsUnreadableFiles, boolean fromProcesses) {
        this(name, description, rows, columns, reportsUnreadableFiles, fromProcesses, false, Set.of());
    }

    /** A table whose rows come from an opened image; binaries that failed to open contribute none. */
    public static <R> TableSchema<R> ofImage(String name, String description, Function<BinaryImage, List<R>> rows, List<Column<R>> columns) {
        return new TableSchema<>(name, description,
                (b, request, s) -> b.image() == null ? List.<R>of().iterator() : rows.apply(b.image()).iterator(), columns, false, false);
    }

    /** A table whose rows are streamed by a source that reads the scan request to skip work. */
    public static <R> TableSchema<R> streamed(String name, String description, RowSource<R> rows, List<Column<R>> columns) {
        return new TableSchema<>(name, description,
                (b, request, s) -> b.image() == null ? List.<R>of().iterator() : rows.rows(b, request), columns, false, false);
    }

    /** A table with one row per target, opened or not: the place where unreadable files say why. */
    public static TableSchema<LoadedBinary> perBinary(String name, String description, List<Column<LoadedBinary>> columns) {
        return new TableSchema<>(name, description, (b, request, s) -> List.of(b).iterator(), columns, true, false);
    }

    /**
     * A table whose rows come from the snapshots of a binary's process (memory tables). A filter on
     * {@code snapshot_id} skips the other snapshots before any of their rows is made.
     */
    public static <R> TableSchema<R> perSnapshot(String name, String description, SnapshotRowSource<R> rows, List<Column<R>> columns) {
        return new TableSchema<>(name, description, (b, request, snapshots) -> {
            ScanRequest.AddressRange ids = request.rangeOf("snapshot_id");
            // Streamed snapshot by snapshot: one snapshot's rows (millions of heap chunks) are never all held.
            return concat(snapshots.of(b.path()).stream().filter(view -> ids.contains(view.id())).iterator(),
                    view -> rows.rows(b, view, request));
        }, columns, false, true);
    }

    /**
     * A table whose rows come from the allocation recordings of a binary's tracked launches
     * (snapshot-independent: every event of the run, not only those live at a snapshot).
     */
    public static <R> TableSchema<R> perRecording(String name, String description, RecordingRowSource<R> rows, List<Column<R>> columns) {
        return new TableSchema<>(name, description, (b, request, snapshots) -> concat(snapshots.recordingsOf(b.path()).iterator(),
                recording -> rows.rows(b, recording, request)), columns, false, true);
    }

    /** The rows of each source in turn, each source's started only when the previous one's are used up (never buffered). */
    private static <S, R> Iterator<R> concat(Iterator<S> sources, Function<S, Iterator<R>> rows) {
        return new Iterator<R>() {
            private Iterator<R> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && sources.hasNext()) {
                    current = rows.apply(sources.next());
                }
                return current.hasNext();
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /**
     * This table with its rows kept in rustbin's table cache between queries: for per-binary tables
     * whose rows cost far more to extract (disassembly, demangling) than to read back.
     * {@code pruningColumns} are those whose filters make the row source skip part of a binary: a
     * scan filtered on one reads too little to fill the cache, and so cheaply that it need not read it.
     */
    public TableSchema<R> cached(String... pruningColumns) {
        for (String column : pruningColumns) {
            columnIndex(column);
        }
        return new TableSchema<>(name, description, rows, columns, reportsUnreadableFiles, fromProcesses, true, Set.of(pruningColumns));
    }

    public boolean isCached() {
        return cached;
    }

    /** True when {@code request} lets the row source skip part of a binary (see {@link #cached}). */
    public boolean prunedBy(ScanRequest request) {
        return pruningColumns.stream().anyMatch(c -> request.allowedValues().containsKey(c) || request.ranges().containsKey(c));
    }

    /**
     * The table's name and its columns' names, types and nullability in order: rows stored under
     * another definition (an older rustbin) are never read back as this table's.
     */
    public String definition() {
        StringBuilder definition = new StringBuilder(name);
        for (Column<R> column : columns) {
            definition.append('\n').append(column.name()).append(' ').append(column.type()).append(column.nullable() ? " null" : " not null");
        }
        return definition.toString();
    }

    /** True for the memory tables: rows only from a connection's snapshots or tracked launches, none from a binary alone. */
    public boolean fromProcesses() {
        return fromProcesses;
    }

    /**
     * Opens {@code target} for a scan of this table. Files found in a directory, and every file for a
     * table that reports unreadable files as rows (with their error), are opened leniently.
     */
    public LoadedBinary load(BinaryCatalog catalog, BinaryTarget target) {
        return catalog.load(target, target.fromDirectory() || reportsUnreadableFiles);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public List<Column<R>> columns() {
        return columns;
    }

    public int columnIndex(String columnName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(columnName)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " has no column " + columnName);
    }

    public Iterator<R> rowsOf(LoadedBinary binary, ScanRequest request, SnapshotRegistry snapshots) {
        return rows.rows(binary, request, snapshots);
    }

    public Schema arrowSchema() {
        return new Schema(columns.stream().map(Column::field).toList());
    }

    /** The Arrow schema of the given columns, in the given order. */
    public Schema arrowSchema(int[] projection) {
        Field[] fields = new Field[projection.length];
        for (int i = 0; i < projection.length; i++) {
            fields[i] = columns.get(projection[i]).field();
        }
        return new Schema(List.of(fields));
    }
}
