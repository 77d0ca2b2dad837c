package dev.rustbin.schema;

/**
 * How far a running scan has got: {@code done} of {@code total} in {@code unit} (bytes of code for
 * a disassembly). Row sources that know implement {@link Reporting}; the others report nothing.
 */
public record ScanProgress(long done, long total, String unit) {

    /** A row source that can tell how far it has got, from any thread. */
    public interface Reporting {
        ScanProgress progress();
    }
}
