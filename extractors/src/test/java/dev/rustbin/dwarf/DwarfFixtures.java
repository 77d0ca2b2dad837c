package dev.rustbin.dwarf;

import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Tools;
import java.nio.file.Path;
import java.util.List;

/** Binaries with known DWARF the tests build on the spot, and glibc's installed debug file. */
final class DwarfFixtures {

    private DwarfFixtures() {
    }

    /** test-corpus/c/linedemo.c built with -O2 and the given -gdwarf-N flag. */
    static Path linedemo(Path dir, String dwarfFlag) {
        Path binary = dir.resolve("linedemo" + dwarfFlag);
        Tools.run(List.of("gcc", "-O2", dwarfFlag, "-o", binary.toString(), source("c/linedemo.c").toString()));
        return binary;
    }

    /** allocdemo built by rustc with -C dwarf-version=5 (cargo's default here is DWARF 4). */
    static Path rustDwarf5(Path dir) {
        Path binary = dir.resolve("allocdemo-dwarf5");
        Tools.run(List.of("rustc", "--edition", "2021", "-O", "-C", "debuginfo=1", "-C", "dwarf-version=5",
                "-o", binary.toString(), source("rust/allocdemo/src/main.rs").toString()));
        return binary;
    }

    static Path source(String relative) {
        return Corpus.fixtures().resolve("../..").resolve(relative).normalize();
    }

    /** The libc6-dbg debug file of the libc.so.6 this machine runs, found by its build id. */
    static Path libcDebugFile() {
        String notes = Tools.run(List.of("readelf", "-n", "/lib/x86_64-linux-gnu/libc.so.6"));
        String buildId = notes.replaceAll("(?s).*Build ID: ([0-9a-f]+).*", "$1");
        return DebugFiles.byBuildId(buildId).orElseThrow(() -> new IllegalStateException("libc6-dbg is not installed"));
    }
}
