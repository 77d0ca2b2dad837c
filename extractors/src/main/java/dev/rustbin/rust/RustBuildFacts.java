package dev.rustbin.rust;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryInfo;
import dev.rustbin.format.ImageAnalyses;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a Rust binary was built, as far as the binary itself tells: the rustc commit (from the
 * /rustc/&lt;commit&gt;/ paths std embeds), the target triple (architecture, and the OS and C library
 * from the format and interpreter), and the panic strategy (unwinding leaves a personality routine).
 */
public record RustBuildFacts(String rustcCommit, String targetTriple, String panicStrategy) {

    private static final Pattern RUSTC_COMMIT = Pattern.compile("^/rustc/([0-9a-f]{40})/");

    public static RustBuildFacts of(BinaryImage image) {
        return ImageAnalyses.of(image, "rust-build-facts", RustBuildFacts::compute);
    }

    private static RustBuildFacts compute(BinaryImage image) {
        String commit = null;
        for (PanicLocation location : ImageAnalyses.of(image, "panic-locations", PanicLocationScanner::scan)) {
            Matcher m = RUSTC_COMMIT.matcher(location.file());
            if (m.find()) {
                commit = m.group(1);
                break;
            }
        }
        boolean unwinds = image.symbols().stream().anyMatch(s -> s.name().equals("rust_eh_personality")
                || s.name().equals("_Unwind_Resume") || s.name().endsWith("rust_eh_personality"))
                || image.sections().stream().anyMatch(s -> s.name().equals(".gcc_except_table"));
        return new RustBuildFacts(commit, targetTriple(image.info()), unwinds ? "unwind" : "abort");
    }

    /** The rustc target triple these facts point to, or null when the format gives no OS hint. */
    static String targetTriple(BinaryInfo info) {
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
            case PE -> arch + "-pc-windows-msvc";
        };
    }
}
