package dev.rustbin.memory.heap;

import dev.rustbin.memory.ProcessModules;
import dev.rustbin.memory.ProcessSnapshot;
import dev.rustbin.memory.core.CoreFileReader;
import java.nio.file.Path;

/**
 * Time to walk the heap of a core and to stream every live chunk once, with the JVM heap retained
 * afterwards: run by bench/heapwalk.sh, which also measures the process's peak RSS. Not a unit test:
 * timings on a shared machine are not assertions.
 *
 * <p>Arguments: CORE. Prints one line of key=value pairs.
 */
public final class HeapWalkBenchmark {

    private HeapWalkBenchmark() {}

    public static void main(String[] args) {
        try (ProcessSnapshot snapshot = CoreFileReader.read(Path.of(args[0])); ProcessModules modules = ProcessModules.of(snapshot)) {
            long start = System.nanoTime();
            HeapReport report = HeapWalker.walk(snapshot, modules);
            long walked = System.nanoTime();
            long[] counts = new long[2];
            report.forEachLiveChunk(c -> {
                counts[0]++;
                counts[1] += c.usableSize();
            });
            long streamed = System.nanoTime();
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("chunks=%d usable_bytes=%d walk_seconds=%.3f stream_seconds=%.3f retained_heap_kb=%d notes=%d method=\"%s\"%n",
                    counts[0], counts[1], (walked - start) / 1e9, (streamed - walked) / 1e9,
                    (rt.totalMemory() - rt.freeMemory()) / 1024, report.notes().size(), report.method());
        }
    }
}
