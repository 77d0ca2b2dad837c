package dev.rustbin.rust;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a source path embedded by rustc reveals about its crate: cargo registry checkouts carry name
 * and version ({@code .../registry/src/index.crates.io-<hash>/serde-1.0.219/src/de.rs}), git
 * checkouts the name ({@code .../git/checkouts/name-<hash>/<rev>/...}); std's own crates.io
 * dependencies appear as {@code /rust/deps/name-version/}; the standard library gives its
 * crate ({@code /rustc/<commit>/library/core/src/...}); anything else is a local path crate.
 *
 * @param kind "registry", "git", "std" or "path"
 */
public record CrateSource(String crate, String version, String kind) {

    /** Cargo registry checkouts, and the crates.io dependencies of std that rustc remaps to /rust/deps. */
    private static final Pattern REGISTRY = Pattern.compile("(?:/registry/src/[^/]+|^/rust/deps)/([A-Za-z0-9_.-]+?)-(\\d+\\.\\d+\\.\\d+[A-Za-z0-9.+-]*)/");
    private static final Pattern GIT = Pattern.compile("/git/checkouts/([A-Za-z0-9_.-]+?)-[0-9a-f]{16}/");
    /** std's own files: /rustc/&lt;commit&gt;/library/... on Unix targets, a bare library\... on Windows ones. */
    private static final Pattern STD = Pattern.compile("^(?:/rustc/[0-9a-f]{40}/)?library/([a-z_]+)/");
    private static final Pattern LOCAL = Pattern.compile("(?:^|/)([A-Za-z0-9_.-]+)/(?:src|benches|examples|tests)/[^/]");

    public static CrateSource of(String file) {
        String path = file.replace('\\', '/');
        Matcher m = REGISTRY.matcher(path);
        if (m.find()) {
            return new CrateSource(m.group(1).replace('-', '_'), m.group(2), "registry");
        }
        m = GIT.matcher(path);
        if (m.find()) {
            return new CrateSource(m.group(1).replace('-', '_'), null, "git");
        }
        m = STD.matcher(path);
        if (m.find()) {
            return new CrateSource(m.group(1), null, "std");
        }
        m = LOCAL.matcher(path);
        String crate = null;
        while (m.find()) {
            crate = m.group(1);
        }
        return new CrateSource(crate == null ? null : crate.replace('-', '_'), null, "path");
    }
}
