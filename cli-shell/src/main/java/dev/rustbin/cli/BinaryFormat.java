package dev.rustbin.cli;

import dev.rustbin.cli.export.ArrowIpc;
import dev.rustbin.cli.export.PageCompression;
import dev.rustbin.cli.export.ParquetFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Arrow IPC (stream or file) or Parquet (its pages compressed with {@code compression}), with the
 * result's own column types (see {@link dev.rustbin.cli.export.ResultSchema}).
 */
record BinaryFormat(Kind kind, PageCompression compression) implements ResultFormat {

    /** Far above what one batch needs; a bound so a runaway value fails clearly instead of exhausting the machine. */
    static final long ALLOCATOR_LIMIT = 1L << 30;

    enum Kind {
        ARROW_STREAM, ARROW_FILE, PARQUET;

        /** Arrow's file format (Feather v2) for a file named so, its stream format otherwise (a pipe, .arrows). */
        static Kind of(Path output) {
            String name = output == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".arrow") || name.endsWith(".feather") ? ARROW_FILE : ARROW_STREAM;
        }
    }

    @Override
    public void print(ResultSet rows, PrintStream out) throws SQLException, IOException {
        try (BufferAllocator allocator = new RootAllocator(ALLOCATOR_LIMIT)) {
            switch (kind) {
                case ARROW_STREAM -> ArrowIpc.write(rows, out, false, allocator);
                case ARROW_FILE -> ArrowIpc.write(rows, out, true, allocator);
                case PARQUET -> ParquetFile.write(rows, out, allocator, compression);
            }
        }
        if (out.checkError()) {
            throw new IOException("could not write the " + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " output");
        }
    }

    @Override
    public boolean binary() {
        return true;
    }
}
