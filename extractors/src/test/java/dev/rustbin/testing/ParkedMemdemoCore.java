package dev.rustbin.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For a test class ({@code @RegisterExtension static final ParkedMemdemoCore MEMDEMO = new ParkedMemdemoCore();}):
 * the parked memdemo started and a gcore core of it taken before the class's tests, in a
 * temporary directory they may also write to; after them the program is released and the directory
 * deleted.
 */
public final class ParkedMemdemoCore implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private ParkedMemdemo demo;
    private Path core;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("rustbin-memdemo-core");
        demo = ParkedMemdemo.start();
        core = demo.gcore(dir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (demo != null) {
                demo.release();
                demo.close();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public ParkedMemdemo demo() {
        return demo;
    }

    /** The core taken while the program was parked. */
    public Path core() {
        return core;
    }

    /** The temporary directory the core is in. */
    public Path dir() {
        return dir;
    }
}
