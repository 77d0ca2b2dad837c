package dev.rustbin.dwarf;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.Section;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Where a binary's separate debug file is, found as gdb finds it: by build id under
 * /usr/lib/debug/.build-id, else by the name and CRC in {@code .gnu_debuglink}, looked for beside
 * the binary, in its .debug directory and under /usr/lib/debug with the binary's directory.
 */
public final class DebugFiles {

    private static final Path DEBUG_ROOT = Path.of("/usr/lib/debug");

    private DebugFiles() {
    }

    /** The separate debug file of {@code image}, if one is installed. */
    public static Optional<Path> find(BinaryImage image) {
        return byBuildId(image.info().buildId()).or(() -> byDebugLink(image));
    }

    /** /usr/lib/debug/.build-id/xx/rest.debug for the hex build id xxrest. */
    public static Optional<Path> byBuildId(String buildId) {
        if (buildId == null || buildId.length() <= 2) {
            return Optional.empty();
        }
        Path debug = DEBUG_ROOT.resolve(".build-id").resolve(buildId.substring(0, 2)).resolve(buildId.substring(2) + ".debug");
        return Files.isRegularFile(debug) ? Optional.of(debug) : Optional.empty();
    }

    private static Optional<Path> byDebugLink(BinaryImage image) {
        Section link = image.sections().stream().filter(s -> s.name().equals(".gnu_debuglink") && s.fileSize() > 4).findFirst().orElse(null);
        if (link == null) {
            return Optional.empty();
        }
        ByteBuffer bytes = image.contentOf(link);
        int nul = 0;
        while (nul < bytes.limit() && bytes.get(nul) != 0) {
            nul++;
        }
        if (nul == 0 || nul >= bytes.limit()) {
            return Optional.empty();
        }
        byte[] nameBytes = new byte[nul];
        bytes.get(0, nameBytes);
        String name = new String(nameBytes, StandardCharsets.UTF_8);
        int crcAt = (nul + 4) & ~3;
        if (crcAt + 4 > bytes.limit() || name.contains("/")) {
            return Optional.empty();
        }
        long crc = bytes.order(ByteOrder.LITTLE_ENDIAN).getInt(crcAt) & 0xffff_ffffL;
        Path binary = image.path().toAbsolutePath();
        Path dir = binary.getParent();
        List<Path> candidates = new ArrayList<>();
        candidates.add(dir.resolve(name));
        candidates.add(dir.resolve(".debug").resolve(name));
        candidates.add(DEBUG_ROOT.resolve(dir.getRoot().relativize(dir)).resolve(name));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate) && !sameFile(candidate, binary) && crcOf(candidate) == crc) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static long crcOf(Path file) {
        CRC32 crc = new CRC32();
        byte[] chunk = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(chunk); n > 0; n = in.read(chunk)) {
                crc.update(chunk, 0, n);
            }
        } catch (IOException e) {
            return -1;
        }
        return crc.getValue();
    }
}
