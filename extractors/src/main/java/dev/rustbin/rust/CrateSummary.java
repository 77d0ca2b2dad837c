package dev.rustbin.rust;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.ImageAnalyses;
import dev.rustbin.format.Section;
import dev.rustbin.format.Symbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One crate linked into a binary: its symbols and the bytes they occupy (from the symbol table:
 * .symtab when present, else .dynsym), and its version and source: from the cargo-auditable
 * dependency list when the binary carries one, else from the paths of its panic locations (the
 * most frequent reading wins).
 */
public record CrateSummary(String crate, String version, String source, long symbols, long codeBytes, long dataBytes,
                           long panicLocations) {

    private static final Set<String> STD_CRATES = Set.of("std", "core", "alloc", "proc_macro", "test", "panic_unwind",
            "panic_abort", "unwind", "compiler_builtins", "std_detect", "__rustc");

    public static List<CrateSummary> of(BinaryImage image) {
        return ImageAnalyses.of(image, "crate-summary", CrateSummary::compute);
    }

    private static final class Tally {
        long symbols;
        long codeBytes;
        long dataBytes;
        long locations;
        final Map<CrateSource, Integer> sources = new HashMap<>();
    }

    private static List<CrateSummary> compute(BinaryImage image) {
        Map<String, Tally> crates = new TreeMap<>();
        Set<String> code = new HashSet<>();
        for (Section s : image.sections()) {
            if (s.permissions().executable()) {
                code.add(s.name());
            }
        }
        boolean hasStaticTable = image.symbols().stream().anyMatch(s -> !s.dynamic());
        for (Symbol symbol : image.symbols()) {
            if (!symbol.defined() || symbol.dynamic() == hasStaticTable) {
                continue;
            }
            String crate = RustSymbols.crateOf(symbol.name());
            if (crate == null) {
                continue;
            }
            Tally tally = crates.computeIfAbsent(crate, c -> new Tally());
            tally.symbols++;
            if (code.contains(symbol.sectionName())) {
                tally.codeBytes += symbol.size();
            } else if (symbol.type().equals("variable") || symbol.type().equals("tls")) {
                tally.dataBytes += symbol.size();
            }
        }
        for (PanicLocation location : PanicLocationScanner.of(image)) {
            if (location.source().crate() != null) {
                Tally tally = crates.computeIfAbsent(location.source().crate(), c -> new Tally());
                tally.locations++;
                tally.sources.merge(location.source(), 1, Integer::sum);
            }
        }
        Map<String, AuditableDependencies.Package> audited = new HashMap<>();
        for (AuditableDependencies.Package p : AuditableDependencies.of(image)) {
            audited.put(p.crate(), p);
            crates.computeIfAbsent(p.crate(), c -> new Tally());
        }
        List<CrateSummary> rows = new ArrayList<>(crates.size());
        crates.forEach((crate, tally) -> {
            CrateSource source = tally.sources.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
            AuditableDependencies.Package listed = audited.get(crate);
            String version = listed != null ? listed.version() : source == null ? null : source.version();
            String kind = listed != null && listed.source() != null ? listed.source()
                    : source != null ? source.kind() : STD_CRATES.contains(crate) ? "std" : null;
            rows.add(new CrateSummary(crate, version, kind, tally.symbols, tally.codeBytes, tally.dataBytes, tally.locations));
        });
        return rows;
    }
}
