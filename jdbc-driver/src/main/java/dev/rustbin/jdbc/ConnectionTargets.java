package dev.rustbin.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads which binaries a connection queries: the path after {@code jdbc:rustbin:} (a file or a
 * directory, spaces allowed, taken verbatim), plus any extra paths in the {@link ConnectionProperties#PATHS} property,
 * one per line (the CLI passes several targets that way).
 */
final class ConnectionTargets {

    private ConnectionTargets() {
    }

    static List<Path> parse(String urlSuffix, Properties info) {
        List<Path> targets = new ArrayList<>();
        if (!urlSuffix.isBlank()) {
            targets.add(Path.of(urlSuffix));
        }
        String extra = ConnectionProperties.PATHS.valueIn(info);
        if (extra != null) {
            extra.lines().filter(line -> !line.isBlank()).map(Path::of).forEach(targets::add);
        }
        return targets;
    }
}
