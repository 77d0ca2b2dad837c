package dev.rustbin.rust;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryInfo;
import dev.rustbin.format.ImageAnalyses;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a Rust binary was built, as far as the binary itself tells: the rustc commit (from the
 * /rustc/&lt;commit&gt;/ paths std embeds), the rustc version (from .comment, else from the
 * .../rustc-VERSION/library/ paths of a std that a distribution built from rustc's source tarball,
 * with {@code rustcVersionSource} saying which), the target triple (architecture, and the OS and C library
 * from the format, interpreter and toolchain traces), and the panic strategy (unwinding leaves a
 * personality routine or LSDA tables).
 */
public record RustBuildFacts(String rustcCommit, String rustcVersion, String rustcVersionSource, String targetTriple,
                             String panicStrategy) {

    private static final Pattern RUSTC_COMMIT = Pattern.compile("^/rustc/([0-9a-f]{40})/");
    private static final Pattern RUSTC_SOURCE_TREE = Pattern.compile("/rustc-(\\d+\\.\\d+\\.\\d+(?:-beta[.0-9]*)?)(?:-src)?/library/");
    private static final String FROM_COMMENT = ".comment";
    private static final String FROM_STD_PATHS = "std source paths";

    public static RustBuildFacts of(BinaryImage image) {
        return ImageAnalyses.of(image, "rust-build-facts", RustBuildFacts::compute);
    }

    private static RustBuildFacts compute(BinaryImage image) {
        String commit = null;
        String version = image.info().rustcVersion();
        String versionSource = version == null ? null : FROM_COMMENT;
        for (PanicLocation location : PanicLocationScanner.of(image)) {
            Matcher m = RUSTC_COMMIT.matcher(location.file());
            if (commit == null && m.find()) {
                commit = m.group(1);
            }
            Matcher tree = RUSTC_SOURCE_TREE.matcher(location.file());
            if (version == null && tree.find()) {
                version = tree.group(1);
                versionSource = FROM_STD_PATHS;
            }
            if (commit != null && version != null) {
                break;
            }
        }
        boolean unwinds = image.symbols().stream().anyMatch(s -> unwindsThrough(s.name()))
                || image.imports().stream().anyMatch(i -> unwindsThrough(i.name()))
                || image.sections().stream().anyMatch(s -> s.name().equals(".gcc_except_table"));
        boolean gnuToolchain = image.sections().stream().anyMatch(s -> s.name().startsWith(".eh_fram"));
        return new RustBuildFacts(commit, version, versionSource, targetTriple(image.info(), gnuToolchain), unwinds ? "unwind" : "abort");
    }

    /** Unwinding entry points: Rust's personality, the Itanium unwinder, and MSVC's frame handlers. */
    private static boolean unwindsThrough(String name) {
        return name != null && (name.endsWith("rust_eh_personality") || name.endsWith("_Unwind_Resume")
                || name.startsWith("__CxxFrameHandler") || name.equals("_GCC_specific_handler"));
    }

    /**
     * The rustc target triple these facts point to. A PE file built by the GNU toolchain keeps an
     * .eh_frame section (".eh_fram" in PE's 8-character names); MSVC builds have none.
     */
    static String targetTriple(BinaryInfo info, boolean gnuToolchain) {
        String arch = switch (info.architecture()) {
            case "x86" -> "i686";
            case "arm" -> "armv7";
            default -> info.architecture();
        };
        return switch (info.format()) {
            case ELF -> {
                String interpreter = info.interpreter() == null ? "" : info.interpreter();
                if (interpreter.contains("musl")) {
                    yield arch + "-unknown-linux-musl";
                }
                if (interpreter.startsWith("/system/bin/linker")) {
                    yield arch + "-linux-android";
                }
                yield arch + "-unknown-linux-gnu" + (arch.equals("armv7") ? "eabihf" : "");
            }
            case MACH_O -> arch.equals("aarch64") ? "aarch64-apple-darwin" : arch + "-apple-darwin";
            case PE -> arch + (gnuToolchain ? "-pc-windows-gnu" : "-pc-windows-msvc");
        };
    }
}
