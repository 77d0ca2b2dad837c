package dev.rustbin.rust;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryInfo;
import dev.rustbin.format.ImageAnalyses;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a Rust binary was built, as far as the binary itself tells: the rustc commit (from the
 * /rustc/&lt;commit&gt;/ paths std embeds), the target triple (architecture, and the OS and C library
 * from the format, interpreter and toolchain traces), and the panic strategy (unwinding leaves a
 * personality routine or LSDA tables).
 */
public record RustBuildFacts(String rustcCommit, String targetTriple, String panicStrategy) {

    private static final Pattern RUSTC_COMMIT = Pattern.compile("^/rustc/([0-9a-f]{40})/");

    public static RustBuildFacts of(BinaryImage image) {
        return ImageAnalyses.of(image, "rust-build-facts", RustBuildFacts::compute);
    }

    private static RustBuildFacts compute(BinaryImage image) {
        String commit = null;
        for (PanicLocation location : PanicLocationScanner.of(image)) {
            Matcher m = RUSTC_COMMIT.matcher(location.file());
            if (m.find()) {
                commit = m.group(1);
                break;
            }
        }
        boolean unwinds = image.symbols().stream().anyMatch(s -> unwindsThrough(s.name()))
                || image.imports().stream().anyMatch(i -> unwindsThrough(i.name()))
                || image.sections().stream().anyMatch(s -> s.name().equals(".gcc_except_table"));
        boolean gnuToolchain = image.sections().stream().anyMatch(s -> s.name().startsWith(".eh_fram"));
        return new RustBuildFacts(commit, targetTriple(image.info(), gnuToolchain), unwinds ? "unwind" : "abort");
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
