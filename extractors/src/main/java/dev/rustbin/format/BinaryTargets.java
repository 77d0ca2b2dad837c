package dev.rustbin.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Turns what a user names (files and directories) into the list of binaries to query. A named file
 * must be a binary; a directory contributes every regular file directly inside it whose first bytes
 * are a binary's magic number, so scripts and text files next to a program are skipped (files it may
 * not read are kept, to be reported). A universal
 * Mach-O file becomes one target per architecture slice.
 */
public final class BinaryTargets {

    private static final String LOOP = "too many levels of symbolic links";

    private BinaryTargets() {
    }

    public static List<BinaryTarget> resolve(List<Path> named) {
        List<BinaryTarget> binaries = new ArrayList<>();
        for (Path target : named) {
            Path path = target.toAbsolutePath().normalize();
            if (Files.isDirectory(path)) {
                List<Path> found = binariesIn(path);
                if (found.isEmpty()) {
                    throw new BinaryFormatException(path, "directory holds no ELF, Mach-O or PE binaries");
                }
                found.forEach(p -> addSlices(binaries, p, true));
            } else if (!Files.exists(path)) {
                throw new BinaryFormatException(path, whyMissing(path));
            } else if (!Files.isRegularFile(path)) {
                // opening a FIFO to read its magic would block until a writer comes
                throw new BinaryFormatException(path, "not a regular file (a FIFO, socket or device)");
            } else if (!Files.isReadable(path)) {
                throw new BinaryFormatException(path, "permission denied");
            } else if (formatOf(path) == null) {
                throw new BinaryFormatException(path, "not an ELF, Mach-O or PE binary");
            } else {
                addSlices(binaries, path, false);
            }
        }
        return binaries;
    }

    /**
     * The binaries directly in {@code dir} whose file name matches the glob {@code pattern} (as
     * {@link java.nio.file.FileSystem#getPathMatcher} reads it), taken as a directory's members are.
     */
    public static List<BinaryTarget> matching(Path dir, String pattern) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new BinaryFormatException(absolute, Files.exists(absolute) ? "not a directory" : whyMissing(absolute));
        }
        PathMatcher matcher = absolute.getFileSystem().getPathMatcher("glob:" + pattern);
        List<BinaryTarget> binaries = new ArrayList<>();
        binariesIn(absolute).stream().filter(p -> matcher.matches(p.getFileName())).forEach(p -> addSlices(binaries, p, true));
        if (binaries.isEmpty()) {
            throw new BinaryFormatException(absolute.resolve(pattern), "no ELF, Mach-O or PE binaries match");
        }
        return binaries;
    }

    /** "no such file or directory", or for a symbolic link what stops it from resolving (a loop, a missing target). */
    private static String whyMissing(Path path) {
        if (Files.isSymbolicLink(path)) {
            try {
                path.toRealPath();
            } catch (FileSystemException e) {
                String reason = e.getReason() == null ? "" : e.getReason().toLowerCase(Locale.ROOT);
                // the JDK adds "or unable to access attributes of symbolic link" to ELOOP's text
                return reason.startsWith(LOOP) ? LOOP : reason.isEmpty() ? "symbolic link to a missing file" : reason;
            } catch (IOException e) {
                return "symbolic link cannot be followed (" + e.getMessage() + ")";
            }
        }
        return "no such file or directory";
    }

    private static void addSlices(List<BinaryTarget> binaries, Path file, boolean fromDirectory) {
        List<String> slices = List.of();
        if (formatOf(file) == BinaryFormat.MACH_O) {
            try {
                slices = BinaryOpener.sliceNames(file);
            } catch (BinaryFormatException e) {
                // A broken universal header stays one target: opening it reports the problem.
            }
        }
        if (slices.isEmpty()) {
            binaries.add(new BinaryTarget(file, fromDirectory));
        }
        slices.forEach(slice -> binaries.add(new BinaryTarget(file, slice, fromDirectory)));
    }

    private static List<Path> binariesIn(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            // a file this user may not read could be a binary: it is listed, and opening it says why it cannot be read
            return entries.filter(Files::isRegularFile).filter(p -> !Files.isReadable(p) || formatOf(p) != null).sorted().toList();
        } catch (IOException e) {
            throw new BinaryFormatException(dir, "cannot list directory (" + e.getMessage() + ")", e);
        }
    }

    /** The format a file's magic announces, or null if it is not a binary or cannot be read. */
    public static BinaryFormat formatOf(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(8);
            channel.read(head);
            head.flip();
            return BinaryOpener.sniff(head);
        } catch (IOException e) {
            return null;
        }
    }
}
