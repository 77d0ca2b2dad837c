package dev.rustbin.jdbc;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLDecoder;
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

    /**
     * The properties with those of the URL's query added ({@code jdbc:rustbin:/app?core=/tmp/core}):
     * a suffix whose part after the last '?' is key=value pairs joined by '&amp;'. Explicit properties win.
     */
    static Properties withUrlQuery(String urlSuffix, Properties info) {
        Properties merged = new Properties();
        String query = queryOf(urlSuffix);
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                merged.setProperty(URLDecoder.decode(pair.substring(0, eq), UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), UTF_8));
            }
        }
        if (info != null) {
            merged.putAll(info);
        }
        return merged;
    }

    /** The URL suffix without its query, if it has one. */
    static String withoutQuery(String urlSuffix) {
        return queryOf(urlSuffix) == null ? urlSuffix : urlSuffix.substring(0, urlSuffix.lastIndexOf('?'));
    }

    private static String queryOf(String urlSuffix) {
        int q = urlSuffix.lastIndexOf('?');
        if (q < 0) {
            return null;
        }
        String query = urlSuffix.substring(q + 1);
        return query.matches("[A-Za-z_]+=[^&]*(&[A-Za-z_]+=[^&]*)*") ? query : null;
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
