package dev.rustbin.calcite.columnar;

import dev.rustbin.cache.CacheSettings;
import dev.rustbin.cache.TableCache;
import dev.rustbin.calcite.gandiva.Engine;
import java.util.Properties;

/**
 * How a connection runs its scans, from its properties: {@code pushdown=false} leaves every
 * filter to Calcite's row engine (as before columnar execution); {@code gandiva=false} evaluates
 * pushed expressions in Java on the Arrow vectors; {@code gandiva=always} compiles even for small
 * inputs; {@code gandivaMinRows} is the input size from which compiling pays (default: one full batch);
 * the {@link CacheSettings} say whether and where tables are cached.
 *
 * @param cache the table cache, or null when it is off
 */
public record ColumnarOptions(boolean pushdown, Engine engine, int gandivaMinRows, TableCache cache) {

    public static final String PUSHDOWN = "pushdown";
    public static final String GANDIVA = "gandiva";
    public static final String GANDIVA_MIN_ROWS = "gandivaMinRows";

    public static final ColumnarOptions DEFAULT = new ColumnarOptions(true, Engine.AUTO, 8192, CacheSettings.DEFAULT.open());

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
        return new ColumnarOptions(pushdown, engine, rows, CacheSettings.of(settings::getProperty).open());
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
