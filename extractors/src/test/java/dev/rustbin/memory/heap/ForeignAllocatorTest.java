package dev.rustbin.memory.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.memory.ProcessModules;
import dev.rustbin.memory.ProcessSnapshot;
import dev.rustbin.memory.core.CoreFileReader;
import dev.rustbin.testing.ParkedMemdemo;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** memdemo with another allocator preloaded (Debian's libjemalloc2 and libmimalloc2.0): a note and no chunks, never glibc's guesses. */
class ForeignAllocatorTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2, 'allocator not glibc malloc (jemalloc symbols found in libjemalloc.so.2): heap chunks not listed'",
            "/usr/lib/x86_64-linux-gnu/libmimalloc.so.2, 'allocator not glibc malloc (mimalloc symbols found in libmimalloc.so.2.0): heap chunks not listed'"})
    void aPreloadedAllocatorGetsANoteAndNoChunks(String library, String method) {
        try (ParkedMemdemo demo = ParkedMemdemo.start(Map.of("LD_PRELOAD", library));
             ProcessSnapshot snapshot = CoreFileReader.read(demo.gcore(dir));
             ProcessModules modules = ProcessModules.of(snapshot)) {
            assertTrue(modules.modules().stream().anyMatch(m -> m.path().toString().startsWith(library)), library + " is mapped");
            HeapReport report = HeapWalker.walk(snapshot, modules);
            assertEquals(method, report.method());
            assertFalse(report.chunksListed());
            assertFalse(report.liveChunks().hasNext());
            assertEquals(8, demo.liveStrings().size());
            demo.release();
        }
    }
}
