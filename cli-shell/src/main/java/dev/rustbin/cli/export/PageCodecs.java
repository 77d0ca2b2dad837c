package dev.rustbin.cli.export;

import io.airlift.compress.Compressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet's page compressor for one {@link PageCompression}: Zstandard and Snappy by aircompressor
 * (pure Java, in the driver for compressed DWARF), GZIP by the JDK's deflater. parquet-hadoop's own
 * codec factory would load Hadoop's compression classes and native libraries, which the shell does
 * not ship. The shell only writes Parquet, so there is no decompressor.
 */
final class PageCodecs implements CompressionCodecFactory, CompressionCodecFactory.BytesInputCompressor {

    private final PageCompression compression;

    PageCodecs(PageCompression compression) {
        this.compression = compression;
    }

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
        return switch (compression) {
            case NONE -> bytes;
            case GZIP -> {
                ByteArrayOutputStream compressed = new ByteArrayOutputStream((int) Math.min(bytes.size(), 1 << 20));
                try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 64 * 1024)) {
                    bytes.writeAllTo(gzip);
                }
                yield BytesInput.from(compressed);
            }
            // a new compressor per page: aircompressor's keep state of the input they work on
            case ZSTD -> compressed(new ZstdCompressor(), bytes.toByteArray());
            case SNAPPY -> compressed(new SnappyCompressor(), bytes.toByteArray());
        };
    }

    private static BytesInput compressed(Compressor compressor, byte[] input) {
        byte[] output = new byte[compressor.maxCompressedLength(input.length)];
        int length = compressor.compress(input, 0, input.length, output, 0, output.length);
        return BytesInput.from(output, 0, length);
    }

    @Override
    public CompressionCodecName getCodecName() {
        return switch (compression) {
            case ZSTD -> CompressionCodecName.ZSTD;
            case SNAPPY -> CompressionCodecName.SNAPPY;
            case GZIP -> CompressionCodecName.GZIP;
            case NONE -> CompressionCodecName.UNCOMPRESSED;
        };
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
        if (codecName != getCodecName()) {
            throw new IllegalArgumentException("this writer compresses Parquet pages with " + getCodecName() + ", not " + codecName);
        }
        return this;
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
        throw new UnsupportedOperationException("rustbin writes Parquet files, it does not read them");
    }

    @Override
    public void release() {
        // nothing is kept between pages
    }
}
