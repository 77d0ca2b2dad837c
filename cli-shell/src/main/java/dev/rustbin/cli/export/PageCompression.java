package dev.rustbin.cli.export;

import io.airlift.compress.Compressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How Parquet pages are compressed: Zstandard (the default) and Snappy by aircompressor, pure Java
 * and already in the driver for compressed DWARF; GZIP by the JDK's deflater; or not at all.
 * parquet-hadoop's own codec factory would load Hadoop's compression classes and native libraries,
 * which the shell does not ship. The shell only writes Parquet, so there is no decompressor.
 */
public enum PageCompression implements CompressionCodecFactory, CompressionCodecFactory.BytesInputCompressor {

    ZSTD(CompressionCodecName.ZSTD, ZstdCompressor::new),
    SNAPPY(CompressionCodecName.SNAPPY, SnappyCompressor::new),
    GZIP(CompressionCodecName.GZIP, null),
    NONE(CompressionCodecName.UNCOMPRESSED, null);

    public static final PageCompression DEFAULT = ZSTD;

    private final CompressionCodecName codec;
    /** A new compressor per page: aircompressor's keep state of the input they work on. */
    private final Supplier<Compressor> compressors;

    PageCompression(CompressionCodecName codec, Supplier<Compressor> compressors) {
        this.codec = codec;
        this.compressors = compressors;
    }

    /** {@code zstd}, {@code snappy}, {@code gzip} or {@code none}, in any case. */
    public static PageCompression named(String name) {
        for (PageCompression compression : values()) {
            if (compression.name().equalsIgnoreCase(name)) {
                return compression;
            }
        }
        throw new IllegalArgumentException("unknown compression '" + name + "' (use zstd, snappy, gzip or none)");
    }

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
        if (this == NONE) {
            return bytes;
        }
        if (this == GZIP) {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream((int) Math.min(bytes.size(), 1 << 20));
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 64 * 1024)) {
                bytes.writeAllTo(gzip);
            }
            return BytesInput.from(compressed);
        }
        byte[] input = bytes.toByteArray();
        Compressor compressor = compressors.get();
        byte[] output = new byte[compressor.maxCompressedLength(input.length)];
        int length = compressor.compress(input, 0, input.length, output, 0, output.length);
        return BytesInput.from(output, 0, length);
    }

    @Override
    public CompressionCodecName getCodecName() {
        return codec;
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
        if (codecName != codec) {
            throw new IllegalArgumentException("this writer compresses Parquet pages with " + codec + ", not " + codecName);
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

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
