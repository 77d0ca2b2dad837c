package dev.rustbin.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.memory.core.CoreFileReader;
import dev.rustbin.testing.ParkedMemdemo;
import dev.rustbin.testing.Tools;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreFileReaderTest {

    @TempDir
    Path dir;

    @Test
    void coreOfParkedMemdemoHasItsThreadsMappingsAndStatics() throws Exception {
        try (ParkedMemdemo demo = ParkedMemdemo.start()) {
            Path core = demo.gcore(dir);
            try (ProcessSnapshot snapshot = CoreFileReader.read(core)) {
                assertEquals(demo.pid(), snapshot.pid());
                assertEquals(demo.executable().toRealPath(), snapshot.executable().toRealPath());
                assertEquals(3, snapshot.threads().size());
                assertEquals(demo.pid(), snapshot.threads().get(0).tid());
                long magic = snapshot.memory().readU64(demo.magicAddress()).orElseThrow();
                assertEquals(0x6d656d64656d6f21L, magic);
                ParkedMemdemo.LiveString first = demo.liveStrings().get(0);
                byte[] text = new byte[first.text().length()];
                assertTrue(snapshot.memory().read(first.address(), text, 0, text.length));
                assertEquals(first.text(), new String(text));
                List<String> loads = Tools.run(List.of("readelf", "-lW", core.toString())).lines()
                        .filter(l -> l.strip().startsWith("LOAD")).toList();
                assertEquals(loads.size(), snapshot.mappings().size());
                for (int i = 0; i < loads.size(); i++) {
                    String[] f = loads.get(i).strip().split("\\s+");
                    MemoryMapping m = snapshot.mappings().get(i);
                    assertEquals(Long.parseUnsignedLong(f[2].substring(2), 16), m.start(), loads.get(i));
                    assertEquals(Long.parseLong(f[5].substring(2), 16), m.size(), loads.get(i));
                }
                assertTrue(demo.isAlive());
            }
            assertTrue(demo.release().stream().anyMatch(l -> l.startsWith("done 8 4")));
        }
    }
}
