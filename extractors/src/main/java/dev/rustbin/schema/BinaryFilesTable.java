package dev.rustbin.schema;

import static dev.rustbin.schema.Column.bool;
import static dev.rustbin.schema.Column.int32;
import static dev.rustbin.schema.Column.uint64;
import static dev.rustbin.schema.Column.utf8;

import dev.rustbin.format.BinaryInfo;
import dev.rustbin.format.LoadedBinary;
import dev.rustbin.rust.RustBuildFacts;
import java.util.List;
import java.util.function.Function;

/** {@code binary_files}: one row per binary, including files of a directory that could not be read. */
public final class BinaryFilesTable {

    private BinaryFilesTable() {
    }

    public static final TableSchema<LoadedBinary> TABLE = TableSchema.perBinary("binary_files",
            "One row per binary: format, architecture, entry point, build id, toolchain; or why it could not be read.",
            List.of(
                    Column.path(),
                    utf8("file_name", "file name without directory", (b, r) -> String.valueOf(r.path().getFileName()), false),
                    utf8("format", "ELF, Mach-O or PE", info(i -> i.format().displayName()), true),
                    utf8("architecture", "x86_64, aarch64, x86, arm, ...", info(BinaryInfo::architecture), true),
                    int32("bits", "32 or 64", info(BinaryInfo::bits), true),
                    utf8("endianness", "little or big", info(BinaryInfo::endianness), true),
                    utf8("file_type", "executable, pie-executable (ELF: ET_DYN with DF_1_PIE, as readelf and file say), shared-object, relocatable or core; Mach-O also bundle, dsym, ...", info(BinaryInfo::fileType), true),
                    uint64("entry_address", "virtual address where execution starts (0 when none)", info(BinaryInfo::entryAddress), true),
                    utf8("build_id", "build id as lower-case hex: ELF GNU build id, Mach-O LC_UUID, PE CodeView GUID and age (the symbol-server key)", info(BinaryInfo::buildId), true),
                    utf8("interpreter", "program interpreter (dynamic loader) requested by the binary (ELF PT_INTERP, Mach-O LC_LOAD_DYLINKER)", info(BinaryInfo::interpreter), true),
                    uint64("file_size", "size of the file in bytes (of the slice, for one slice of a universal file)", (b, r) -> r.image() == null ? null : r.image().fileSize(), true),
                    bool("is_stripped", "true when the binary has no static symbol table (ELF .symtab, PE COFF symbols; Mach-O: no local symbols)", info(BinaryInfo::stripped), true),
                    bool("has_debug_info", "true when DWARF debug info (.debug_info, __DWARF,__debug_info) is in the file", info(BinaryInfo::hasDebugInfo), true),
                    utf8("rustc_version", "rustc version the binary records (.comment, e.g. 1.95.0 (59807616e 2026-04-14)), else the VERSION "
                            + "of the .../rustc-VERSION/library/ paths a distribution-built std embeds (Debian: /usr/src/rustc-1.63.0/)",
                            rust(RustBuildFacts::rustcVersion), true),
                    utf8("rustc_version_source", "where rustc_version comes from: .comment or std source paths",
                            rust(RustBuildFacts::rustcVersionSource), true),
                    utf8("rustc_commit", "full commit hash of the rustc that built std, from the /rustc/<commit>/ paths std embeds",
                            rust(RustBuildFacts::rustcCommit), true),
                    utf8("target_triple", "rustc target the format, architecture and interpreter point to, e.g. x86_64-unknown-linux-gnu",
                            rust(RustBuildFacts::targetTriple), true),
                    utf8("panic_strategy", "unwind when the binary carries unwinding machinery (personality routine, LSDA tables), else abort",
                            rust(RustBuildFacts::panicStrategy), true),
                    int32("section_count", "number of sections", (b, r) -> r.image() == null ? null : r.image().sections().size(), true),
                    int32("segment_count", "number of rows this binary has in binary_segments", (b, r) -> r.image() == null ? null : r.image().segments().size(), true),
                    int32("symbol_count", "number of rows this binary has in binary_symbols", (b, r) -> r.image() == null ? null : r.image().symbols().size(), true),
                    utf8("slice", "architecture slice of a universal Mach-O file (arm64, x86_64), also appended to path as #arm64; NULL otherwise",
                            (b, r) -> r.target().slice(), true),
                    utf8("debug_file", "where the debug info is kept when it is outside the binary (PE: the PDB path); NULL otherwise",
                            info(BinaryInfo::debugFile), true),
                    utf8("subsystem", "PE subsystem: windows-cui, windows-gui, efi-application, ...; NULL for ELF and Mach-O", info(BinaryInfo::subsystem), true),
                    utf8("error", "why the file could not be read (files found in a directory only); NULL when it was read", (b, r) -> r.error(), true)));

    private static <T> java.util.function.BiFunction<LoadedBinary, LoadedBinary, T> rust(Function<RustBuildFacts, T> field) {
        return (b, r) -> r.image() == null ? null : field.apply(RustBuildFacts.of(r.image()));
    }

    /** A column value from the file's facts, NULL for a file that could not be read. */
    private static <T> java.util.function.BiFunction<LoadedBinary, LoadedBinary, T> info(Function<BinaryInfo, T> field) {
        return (b, r) -> r.image() == null ? null : field.apply(r.image().info());
    }
}
