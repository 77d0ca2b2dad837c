package dev.rustbin.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.memory.core.CoreFileReader;
import dev.rustbin.testing.ParkedMemdemo;
import dev.rustbin.testing.Tools;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessModulesTest {

    @TempDir
    Path dir;

    @Test
    void runtimeAddressesOfAPieProgramMapBackToItsSymbols() throws Exception {
        try (ParkedMemdemo demo = ParkedMemdemo.start();
             ProcessSnapshot snapshot = CoreFileReader.read(demo.gcore(dir));
             ProcessModules modules = ProcessModules.of(snapshot)) {
            ProcessModules.Module exe = modules.moduleAt(demo.magicAddress()).orElseThrow();
            assertEquals(demo.executable().toRealPath(), exe.path().toRealPath());
            String nm = Tools.run(List.of("nm", demo.executable().toString())).lines()
                    .filter(l -> l.endsWith(" MEMDEMO_MAGIC")).findFirst().orElseThrow();
            long staticMagic = Long.parseUnsignedLong(nm.split(" ")[0], 16);
            assertEquals(staticMagic, exe.staticAddress(demo.magicAddress()));
            assertEquals("MEMDEMO_MAGIC", exe.symbolAt(staticMagic + 3).orElseThrow().symbol().name());

            ProcessModules.Module libc = modules.byFileName("libc.so").orElseThrow();
            assertNotNull(libc.debugImage(), "libc6-dbg's debug file for " + libc.path());
            long mainArena = libc.symbol("main_arena").orElseThrow().address();
            assertTrue(libc.mappings().stream().anyMatch(m -> m.contains(libc.runtimeAddress(mainArena))));
            demo.release();
        }
    }
}
