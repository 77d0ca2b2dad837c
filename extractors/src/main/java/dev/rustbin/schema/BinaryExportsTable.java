package dev.rustbin.schema;

import static dev.rustbin.schema.Column.int32;
import static dev.rustbin.schema.Column.uint64;
import static dev.rustbin.schema.Column.utf8;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.Export;
import java.util.List;

/** {@code binary_exports}: the symbols each binary offers to other binaries. */
public final class BinaryExportsTable {

    private BinaryExportsTable() {
    }

    public static final TableSchema<Export> TABLE = TableSchema.ofImage("binary_exports",
            "One row per exported symbol: ELF defined global and weak .dynsym entries of default or protected visibility, "
                    + "Mach-O export trie entries (else external definitions), PE export directory entries.",
            BinaryImage::exports,
            List.of(
                    Column.path(),
                    utf8("symbol_name", "exported symbol as stored (mangled); NULL for PE exports by ordinal only", (b, e) -> e.name(), true),
                    uint64("address", "virtual address of the definition (PE: image base + RVA); 0 for PE forwarders", (b, e) -> e.address(), false),
                    int32("export_ordinal", "PE export ordinal; NULL otherwise", (b, e) -> e.ordinal(), true),
                    utf8("forwarded_to", "PE forwarder, e.g. NTDLL.RtlAllocateHeap, or Mach-O re-export as library.symbol; NULL otherwise", (b, e) -> e.forwardedTo(), true)));
}
