package dev.rustbin.format;

/**
 * File-level facts about one binary: the row of {@code binary_files}.
 *
 * @param architecture "x86_64", "aarch64", ...
 * @param fileType     "executable", "pie-executable", "shared-object", "relocatable", "core"
 * @param buildId      hex of the GNU build id (ELF), LC_UUID (Mach-O) or CodeView GUID (PE); null if none
 * @param interpreter  the program interpreter (ELF PT_INTERP), null if none
 * @param rustcVersion "1.95.0 (59807616e 2026-04-14)" when the binary names the compiler that built it
 * @param debugFile    where the debug info lives when it is outside the binary (PE: the PDB path), else null
 * @param subsystem    PE subsystem ("windows-cui", "windows-gui", ...), null for other formats
 */
public record BinaryInfo(
        BinaryFormat format,
        String architecture,
        int bits,
        String endianness,
        String fileType,
        long entryAddress,
        String buildId,
        String interpreter,
        boolean stripped,
        boolean hasDebugInfo,
        String rustcVersion,
        String debugFile,
        String subsystem) {
}
