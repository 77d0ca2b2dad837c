package dev.rustbin.memory.reach;

import dev.rustbin.memory.SnapshotRegistry;
import dev.rustbin.memory.SnapshotView;
import dev.rustbin.memory.core.CoreFileReader;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Time to index a core's live chunks and roots, to mark what is reachable, and to stream every
 * heap reference once, with the JVM heap retained afterwards: run by bench/heapwalk.sh, which also
 * measures the process's peak RSS. Not a unit test: timings on a shared machine are not assertions.
 *
 * <p>Arguments: CORE. Prints one line of key=value pairs.
 */
public final class ReachBenchmark {

    private ReachBenchmark() {}

    public static void main(String[] args) {
        try (SnapshotRegistry registry = new SnapshotRegistry()) {
            SnapshotView view = registry.add(CoreFileReader.read(Path.of(args[0])));
            view.heap();
            long start = System.nanoTime();
            HeapGraph graph = HeapGraph.of(view);
            long indexed = System.nanoTime();
            long unreachable = graph.unreachableChunks();
            long marked = System.nanoTime();
            long references = 0;
            for (Iterator<HeapReference> it = graph.references(ReferenceFilter.ALL); it.hasNext(); it.next()) {
                references++;
            }
            long streamed = System.nanoTime();
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("chunks=%d unreachable=%d references=%d index_seconds=%.3f mark_seconds=%.3f references_seconds=%.3f retained_heap_kb=%d%n",
                    view.heap().totals().liveChunks(), unreachable, references, (indexed - start) / 1e9, (marked - indexed) / 1e9,
                    (streamed - marked) / 1e9, (rt.totalMemory() - rt.freeMemory()) / 1024);
        }
    }
}
