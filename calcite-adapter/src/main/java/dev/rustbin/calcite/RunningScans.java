package dev.rustbin.calcite;

import dev.rustbin.schema.BatchSource;
import dev.rustbin.schema.ScanProgress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scans of one connection that are running now, so a client can show how far a long query
 * has got (the CLI's progress bar) while another thread runs it.
 */
public final class RunningScans {

    private final Set<BatchSource> streams = ConcurrentHashMap.newKeySet();

    void started(BatchSource stream) {
        streams.add(stream);
    }

    void finished(BatchSource stream) {
        streams.remove(stream);
    }

    /** The progress of a running scan that can tell it (a disassembly), or null. */
    public ScanProgress progress() {
        for (BatchSource stream : streams) {
            ScanProgress progress = stream.progress();
            if (progress != null) {
                return progress;
            }
        }
        return null;
    }
}
