package dev.rustbin.cli.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet's GZIP pages through the JDK's own deflater: parquet-hadoop's codec factory would load
 * Hadoop's compression classes, which the shell does not ship. The shell only writes Parquet.
 */
final class GzipCodec implements CompressionCodecFactory, CompressionCodecFactory.BytesInputCompressor {

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream((int) Math.min(bytes.size(), 1 << 20));
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 64 * 1024)) {
            bytes.writeAllTo(gzip);
        }
        return BytesInput.from(compressed);
    }

    @Override
    public CompressionCodecName getCodecName() {
        return CompressionCodecName.GZIP;
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
        if (codecName != CompressionCodecName.GZIP) {
            throw new IllegalArgumentException("rustbin writes Parquet pages with GZIP only, not " + codecName);
        }
        return this;
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
        throw new UnsupportedOperationException("rustbin writes Parquet files, it does not read them");
    }

    @Override
    public void release() {
        // The deflater of each page is closed with its stream.
    }
}
