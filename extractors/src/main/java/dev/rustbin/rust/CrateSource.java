package dev.rustbin.rust;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a source path embedded by rustc reveals about its crate.
 * <ul>
 *   <li>registry: a directory named NAME-VERSION in cargo's registry checkout
 *       ({@code .../registry/src/index.crates.io-<hash>/serde-1.0.219/}, also under Arch's and
 *       Homebrew's build-time CARGO_HOME), in a distribution's crate registry
 *       ({@code /usr/share/cargo/registry/NAME-VERSION/}: Debian, Ubuntu and Fedora), in a vendor
 *       directory ({@code /usr/src/rustc-VERSION/vendor/NAME-VERSION/}, Nix's
 *       {@code cargo-vendor-dir}; plain {@code vendor/NAME/} gives no version), in the Nix store
 *       ({@code /nix/store/<hash>-NAME-VERSION/}), or std's own dependencies as rustc remaps them
 *       ({@code /rust/deps/NAME-VERSION/});
 *   <li>git: {@code .../git/checkouts/REPO-<hash>/<rev>/path/CRATE/src/...}, named after the
 *       directory that holds {@code src/} (the repository's name when that is its root);
 *   <li>std: the standard library's crates, {@code /rustc/<commit>/library/CRATE/} as rustup's
 *       toolchains remap them, {@code .../rustc-VERSION[-src]/library/CRATE/} where a distribution
 *       built rustc from its source tarball, a bare {@code library\CRATE\} on Windows targets;
 *   <li>path: anything else, named after the directory that holds {@code src/}.
 * </ul>
 *
 * @param kind "registry", "git", "std" or "path"
 */
public record CrateSource(String crate, String version, String kind) {

    private static final String NAME_VERSION = "([A-Za-z0-9_.-]+?)-(\\d+\\.\\d+\\.\\d+(?:[-+][A-Za-z0-9.+-]*)?)/";
    private static final Pattern REGISTRY = Pattern.compile(
            "(?:(?:/registry/src/[^/]+|^/rust/deps|/share/cargo/registry|/[^/]*vendor[^/]*)/|^/nix/store/[0-9a-z]{32}-)" + NAME_VERSION);
    private static final Pattern UNVERSIONED_VENDOR = Pattern.compile("/vendor/([A-Za-z0-9_.-]+)/(?:src|build\\.rs)");
    private static final Pattern GIT = Pattern.compile("/git/checkouts/([A-Za-z0-9_.-]+?)-[0-9a-f]{16}/[^/]+/(.*)$");
    private static final Pattern STD = Pattern.compile("^(?:/rustc/[0-9a-f]{40}/|.*/rustc-\\d+\\.\\d+\\.\\d+[^/]*/)?library/([a-z_]+)/");
    private static final Pattern LOCAL = Pattern.compile("(?:^|/)([A-Za-z0-9_.-]+)/(?:src|benches|examples|tests)/[^/]");
    private static final Pattern CRATE_ROOT = Pattern.compile("(?:^|/)([A-Za-z0-9_.-]+)/(?:src|benches|examples|tests)/");

    public static CrateSource of(String file) {
        String path = file.replace('\\', '/');
        Matcher m = REGISTRY.matcher(path);
        if (m.find()) {
            return new CrateSource(identifier(m.group(1)), m.group(2), "registry");
        }
        m = GIT.matcher(path);
        if (m.find()) {
            Matcher root = CRATE_ROOT.matcher(m.group(1) + "/" + m.group(2));
            return new CrateSource(identifier(root.find() ? root.group(1) : m.group(1)), null, "git");
        }
        m = STD.matcher(path);
        if (m.find()) {
            return new CrateSource(m.group(1), null, "std");
        }
        m = UNVERSIONED_VENDOR.matcher(path);
        if (m.find()) {
            return new CrateSource(identifier(m.group(1)), null, "registry");
        }
        m = LOCAL.matcher(path);
        String crate = null;
        while (m.find()) {
            crate = m.group(1);
        }
        return new CrateSource(crate == null ? null : identifier(crate), null, "path");
    }

    /** Cargo package names allow '-', crate names are identifiers with '_'. */
    private static String identifier(String name) {
        return name.replace('-', '_');
    }
}
