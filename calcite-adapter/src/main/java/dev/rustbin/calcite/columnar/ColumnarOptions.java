package dev.rustbin.calcite.columnar;

import dev.rustbin.cache.RustbinDirectories;
import dev.rustbin.cache.TableCache;
import dev.rustbin.calcite.gandiva.Engine;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * How a connection runs its scans, from its properties: {@code pushdown=false} leaves every
 * filter to Calcite's row engine (as before columnar execution); {@code gandiva=false} evaluates
 * pushed expressions in Java on the Arrow vectors; {@code gandiva=always} compiles even for small
 * inputs; {@code gandivaMinRows} is the input size from which compiling pays (default: one full batch);
 * {@code cache=false} extracts every table anew for every query, {@code cache_dir} and
 * {@code cache_size} say where the table cache is and how large it may grow.
 *
 * @param cache the table cache, or null when it is off
 */
public record ColumnarOptions(boolean pushdown, Engine engine, int gandivaMinRows, TableCache cache) {

    public static final String PUSHDOWN = "pushdown";
    public static final String GANDIVA = "gandiva";
    public static final String GANDIVA_MIN_ROWS = "gandivaMinRows";
    public static final String CACHE = "cache";
    public static final String CACHE_DIR = "cache_dir";
    public static final String CACHE_SIZE = "cache_size";
    /** {@link #CACHE_SIZE}'s default, as the property takes it. */
    public static final String DEFAULT_CACHE_SIZE = "2g";

    public static final ColumnarOptions DEFAULT = new ColumnarOptions(true, Engine.AUTO, 8192,
            new TableCache(RustbinDirectories.tables(), TableCache.DEFAULT_MAX_BYTES));

    /** Reads the options from a connection's settings; absent ones take their defaults. */
    public static ColumnarOptions of(Properties settings) {
        boolean pushdown = flag(settings.getProperty(PUSHDOWN), PUSHDOWN, true);
        Object gandiva = settings.getProperty(GANDIVA);
        Engine engine = "always".equalsIgnoreCase(String.valueOf(gandiva)) ? Engine.GANDIVA
                : flag(gandiva, GANDIVA, true) ? Engine.AUTO : Engine.JAVA;
        Object minRows = settings.getProperty(GANDIVA_MIN_ROWS);
        int rows = DEFAULT.gandivaMinRows();
        if (minRows != null) {
            try {
                rows = Integer.parseInt(minRows.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(GANDIVA_MIN_ROWS + " must be a number of rows, not '" + minRows + "'");
            }
        }
        TableCache cache = null;
        if (flag(settings.getProperty(CACHE), CACHE, true)) {
            String dir = settings.getProperty(CACHE_DIR);
            cache = new TableCache(dir == null || dir.isBlank() ? RustbinDirectories.tables() : Path.of(dir.trim()).toAbsolutePath(),
                    bytes(settings.getProperty(CACHE_SIZE, DEFAULT_CACHE_SIZE)));
        }
        return new ColumnarOptions(pushdown, engine, rows, cache);
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

    private static boolean flag(Object value, String name, boolean absent) {
        if (value == null) {
            return absent;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException(name + " must be true or false" + (name.equals(GANDIVA) ? " (or always)" : "")
                + ", not '" + text + "'");
    }
}
