package dev.rustbin.jdbc;

/**
 * Calcite types string literals as ISO-8859-1 unless told otherwise, and then refuses
 * {@code where symbol_name like '%日本%'} ("Failed to encode"), though Rust names and paths are
 * UTF-8. Calcite reads these JVM-wide settings once, when its type factory first loads: before
 * any connection, so the driver sets them as it registers, unless the host chose its own.
 */
final class UnicodeLiterals {

    private UnicodeLiterals() {
    }

    static void enable() {
        setIfAbsent("calcite.default.charset", "UTF-8");
        setIfAbsent("calcite.default.nationalcharset", "UTF-8");
        setIfAbsent("calcite.default.collation.name", "UTF-8$en_US");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
