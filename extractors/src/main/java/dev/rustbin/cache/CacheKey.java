package dev.rustbin.cache;

import dev.rustbin.format.FileIdentity;
import dev.rustbin.format.LoadedBinary;
import dev.rustbin.format.MappingFaults;
import dev.rustbin.schema.ScanRequest;
import dev.rustbin.schema.TableSchema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * What the rows of one table of one binary depend on: the table's definition (columns, types) and one
 * version of the file (path as the path column shows it, device and inode, size, modification time
 * to the nanosecond, build id). Any change to either gives another key, so stale rows are never found.
 * A key may also name a part of the binary's rows (one code slice that a Spark task reads whole).
 *
 * @param text the whole key, stored in the entry and compared on open
 * @param stem the start of the file names of this key's entries (one per set of stored columns)
 */
public record CacheKey(String text, String stem) {

    /** Bumped when the entry layout itself changes. */
    static final String FORMAT = "rustbin table cache 1";

    /** The key of all the table's rows of {@code binary}. */
    public static CacheKey of(TableSchema<?> table, LoadedBinary binary) {
        return of(table, binary, ScanRequest.UNRESTRICTED);
    }

    /**
     * The key of the rows of {@code binary} that {@code part}'s predicates select. Reads the build id
     * from the mapped file: one that shrank since it was opened fails as having changed.
     */
    public static CacheKey of(TableSchema<?> table, LoadedBinary binary, ScanRequest part) {
        FileIdentity file = binary.image().identity();
        String buildId;
        try {
            buildId = binary.image().info().buildId();
        } catch (InternalError e) {
            if (MappingFaults.isFault(e)) {
                throw MappingFaults.changed(binary.path(), e);
            }
            throw e;
        }
        String text = String.join("\n", FORMAT,
                "table " + table.definition(),
                "path " + binary.pathText(),
                "file " + file.key() + " size " + file.size() + " mtime_ns " + file.modified().to(TimeUnit.NANOSECONDS),
                "build_id " + buildId)
                + (part.restricts() ? "\npart " + part.restrictionText() : "");
        return new CacheKey(text, table.name() + "-" + sha256(text));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
