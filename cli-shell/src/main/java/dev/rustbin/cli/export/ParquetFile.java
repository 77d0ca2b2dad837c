package dev.rustbin.cli.export;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Rows as one Parquet file (pages compressed as asked, dictionary encoding where it pays), written front to back to
 * any stream, a pipe included. Memory holds one Arrow batch and the row group being built, at most
 * {@link #ROW_GROUP_BYTES}: Parquet writes a row group's column chunks only once the group is complete.
 */
public final class ParquetFile {

    static final long ROW_GROUP_BYTES = 32L << 20;

    private ParquetFile() {
    }

    /** Writes every row; returns how many. */
    public static long write(ResultSet rows, OutputStream out, BufferAllocator allocator, PageCompression compression)
            throws SQLException, IOException {
        PageCodecs codecs = new PageCodecs(compression);
        try (RowBatches batches = new RowBatches(rows, allocator);
             ParquetWriter<Integer> writer = new Builder(new StreamFile(out), new ParquetRows(batches.root()))
                     .withConf(new PlainParquetConfiguration())
                     .withCodecFactory(codecs)
                     .withCompressionCodec(codecs.getCodecName())
                     .withRowGroupSize(ROW_GROUP_BYTES)
                     .build()) {
            long total = 0;
            while (batches.next()) {
                int count = batches.root().getRowCount();
                for (int row = 0; row < count; row++) {
                    writer.write(row);
                }
                total += count;
            }
            return total;
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {

        private final ParquetRows rows;

        Builder(OutputFile file, ParquetRows rows) {
            super(file);
            this.rows = rows;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration configuration) {
            return rows;
        }

        /** Required by the abstract class; not called when a ParquetConfiguration is given. */
        @Override
        protected WriteSupport<Integer> getWriteSupport(org.apache.hadoop.conf.Configuration configuration) {
            return rows;
        }
    }

    /** A stream as Parquet's output file: written once, front to back, its position counted. */
    private record StreamFile(OutputStream out) implements OutputFile {

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    position++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    position += len;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }
}
