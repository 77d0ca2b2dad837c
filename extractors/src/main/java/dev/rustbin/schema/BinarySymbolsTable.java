package dev.rustbin.schema;

import static dev.rustbin.schema.Column.bool;
import static dev.rustbin.schema.Column.uint64;
import static dev.rustbin.schema.Column.utf8;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.Symbol;
import dev.rustbin.rust.RustSymbols;
import java.util.List;

/** {@code binary_symbols}: the SOP's columns and types exactly, then binding, visibility and origin. */
public final class BinarySymbolsTable {

    private BinarySymbolsTable() {
    }

    public static final TableSchema<Symbol> TABLE = TableSchema.<Symbol>ofImage("binary_symbols",
            "One row per symbol: ELF .dynsym then .symtab (without each table's null entry 0), Mach-O LC_SYMTAB (STABS entries included, as type debug) "
                    + "then one local function per LC_FUNCTION_STARTS entry that no symbol names, called func_0x<address> (stripped executables "
                    + "keep only their exports), PE COFF symbol table.",
            BinaryImage::symbols,
            List.of(
                    Column.path(),
                    utf8("symbol_name", "symbol name as stored (mangled)", (b, s) -> s.name(), false),
                    utf8("symbol_type", "function, variable, section, file, tls, ifunc, common, debug or notype", (b, s) -> s.type(), false),
                    uint64("symbol_address", "symbol value: virtual address for defined symbols", (b, s) -> s.address(), false),
                    uint64("symbol_size", "size in bytes (0 when unknown; Mach-O: up to the next function start or symbol in the section; PE COFF: 0)", (b, s) -> s.size(), false),
                    utf8("section_name", "defining section; NULL when undefined, *ABS* for absolute, *COM* for common symbols",
                            (b, s) -> s.sectionName(), true),
                    utf8("binding", "local, global, weak or unique", (b, s) -> s.binding(), false),
                    utf8("visibility", "default, internal, hidden or protected", (b, s) -> s.visibility(), false),
                    bool("is_dynamic", "true for entries of the ELF dynamic symbol table (.dynsym); false for Mach-O and PE", (b, s) -> s.dynamic(), false),
                    bool("is_defined", "false for references to symbols defined elsewhere (undefined)", (b, s) -> s.defined(), false),
                    utf8("demangled_name", "the name demangled as c++filt prints it (Rust legacy and v0), without the legacy ::h<hash>;"
                            + " other names unchanged", (b, s) -> RustSymbols.demangle(s.name()), false),
                    utf8("crate_name", "the Rust crate that defines the symbol (std, core and alloc apart); NULL for non-Rust symbols",
                            (b, s) -> RustSymbols.crateOf(s.name()), true),
                    utf8("generic_name", "the demangled path without generic arguments or hashes, so all instantiations of one generic "
                            + "function group together; NULL for non-Rust symbols", (b, s) -> RustSymbols.genericName(s.name()), true),
                    bool("is_rust", "the name has a Rust mangling (legacy _ZN...17h<hash>E or v0 _R...)",
                            (b, s) -> RustSymbols.isRust(s.name()), false))).cached();
}
