package dev.rustbin.cache;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * Whether and where scans use the table cache, from a JDBC connection's properties or a Spark
 * read's options (the same names in both): {@code cache} (true or false), {@code cache_dir} (by
 * default {@link RustbinDirectories#tables()} of the machine that scans) and {@code cache_size}
 * (bytes, or with a k, m or g suffix). Kept as text and numbers, not an open cache, so a Spark
 * executor receives it and resolves the default directory on its own machine.
 *
 * @param directory the cache directory as given, or null for the default
 */
public record CacheSettings(boolean enabled, String directory, long maxBytes) implements Serializable {

    public static final String CACHE = "cache";
    public static final String CACHE_DIR = "cache_dir";
    public static final String CACHE_SIZE = "cache_size";
    /** {@link #CACHE_SIZE}'s default, as the setting takes it. */
    public static final String DEFAULT_CACHE_SIZE = "2g";

    public static final CacheSettings DEFAULT = new CacheSettings(true, null, TableCache.DEFAULT_MAX_BYTES);

    /** Reads the settings through {@code setting} (null for one not given); a malformed one fails, naming it. */
    public static CacheSettings of(Function<String, String> setting) {
        String enabled = setting.apply(CACHE);
        if (enabled != null && !enabled.trim().equalsIgnoreCase("true") && !enabled.trim().equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(CACHE + " must be true or false, not '" + enabled.trim() + "'");
        }
        String dir = setting.apply(CACHE_DIR);
        String size = setting.apply(CACHE_SIZE);
        return new CacheSettings(enabled == null || Boolean.parseBoolean(enabled.trim()), dir == null || dir.isBlank() ? null : dir.trim(),
                bytes(size == null ? DEFAULT_CACHE_SIZE : size));
    }

    /** The cache these settings name, or null when it is off. */
    public TableCache open() {
        if (!enabled) {
            return null;
        }
        return new TableCache(directory == null ? RustbinDirectories.tables() : Path.of(directory).toAbsolutePath(), maxBytes);
    }

    /** A size in bytes, or with a k, m or g suffix (powers of 1024). */
    private static long bytes(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        int shift = text.endsWith("k") ? 10 : text.endsWith("m") ? 20 : text.endsWith("g") ? 30 : 0;
        try {
            long number = Long.parseLong(shift == 0 ? text : text.substring(0, text.length() - 1));
            if (number < 0 || number > Long.MAX_VALUE >> shift) {
                throw new NumberFormatException();
            }
            return number << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(CACHE_SIZE + " must be a size in bytes (e.g. 500m, 2g), not '" + value + "'");
        }
    }
}
