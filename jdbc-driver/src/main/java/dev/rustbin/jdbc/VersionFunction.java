package dev.rustbin.jdbc;

/** SQL {@code version()}, as PostgreSQL and MySQL clients call it on connect: what answers and on what engine. */
public final class VersionFunction {

    private VersionFunction() {
    }

    public static String version() {
        return "rustbin " + RustbinDriver.version() + " (Apache Calcite " + RustbinDriver.versionOf("calcite")
                + ", Apache Arrow " + RustbinDriver.versionOf("arrow") + ")";
    }
}
