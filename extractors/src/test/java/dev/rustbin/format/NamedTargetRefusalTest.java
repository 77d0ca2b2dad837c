package dev.rustbin.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user may name that is not a file to read: refused at once, with the reason. */
class NamedTargetRefusalTest {

    @TempDir
    Path dir;

    private static String refusal(Path named) {
        return assertThrows(BinaryFormatException.class, () -> BinaryTargets.resolve(List.of(named))).getMessage();
    }

    /**
     * A writer stands ready the whole time, so a resolver that opened the FIFO would not wait but read
     * an empty file and fail with another message. The test then opens the FIFO itself to let the
     * writer go: no clock decides anything.
     */
    @Test
    void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Thread writer = new Thread(() -> {
            try (FileOutputStream ignored = new FileOutputStream(fifo.toFile())) {
                // opened and closed: any reader that opened the FIFO sees end of file
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "fifo-writer");
        writer.setDaemon(true);
        writer.start();
        assertEquals(fifo + ": not a regular file (a FIFO, socket or device)", refusal(fifo));
        try (FileInputStream release = new FileInputStream(fifo.toFile())) {
            writer.join();
        }
    }

    @Test
    void aSocketAndADeviceAreRefused() throws Exception {
        Path socket = dir.resolve("socket");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            assertEquals(socket + ": not a regular file (a FIFO, socket or device)", refusal(socket));
        }
        assertEquals("/dev/zero: not a regular file (a FIFO, socket or device)", refusal(Path.of("/dev/zero")));
    }

    @Test
    void aSymbolicLinkLoopSaysSo() throws Exception {
        Path a = dir.resolve("a");
        Files.createSymbolicLink(a, dir.resolve("b"));
        Files.createSymbolicLink(dir.resolve("b"), a);
        assertEquals(a + ": too many levels of symbolic links", refusal(a));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        assertEquals(dangling + ": symbolic link to a missing file", refusal(dangling));
    }
}
