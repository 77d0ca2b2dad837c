package dev.rustbin.cli.export;

import java.util.Locale;

/**
 * How Parquet pages are compressed: Zstandard (the default), Snappy, GZIP or not at all. Only names:
 * the command line parses it where neither Parquet nor the compressors are on the class path (the
 * launcher's default-target check); {@link PageCodecs} compresses.
 */
public enum PageCompression {
    ZSTD, SNAPPY, GZIP, NONE;

    public static final PageCompression DEFAULT = ZSTD;

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
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
