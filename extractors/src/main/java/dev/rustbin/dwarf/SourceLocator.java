package dev.rustbin.dwarf;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.ImageAnalyses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Source locations of code addresses of one binary, as {@code addr2line -i -f} gives them: the
 * line table row of the address and the chain of inlined calls around it. One locator per opened
 * image ({@link #of}); the sequence index is built by the first lookup, function scopes are read
 * per unit on demand, and recent units, sequences and answers stay cached, so repeated lookups of
 * the same code (the frames of many backtraces) cost a map probe.
 */
public final class SourceLocator {

    private static final int CACHED_UNITS = 64;
    private static final int CACHED_ANSWERS = 1 << 14;

    private final DebugInfo dwarf;
    private final BinaryImage image;
    private final LineTables tables;
    private final FunctionNames names;
    private LineSequences sequences;
    private final Map<Integer, FunctionScopes> scopes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, FunctionScopes> eldest) {
            return size() > CACHED_UNITS;
        }
    };
    private final Map<Long, List<SourceLocation>> answers = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<SourceLocation>> eldest) {
            return size() > CACHED_ANSWERS;
        }
    };

    private SourceLocator(BinaryImage image, DebugInfo dwarf) {
        this.image = image;
        this.dwarf = dwarf;
        this.tables = new LineTables(dwarf);
        this.names = new FunctionNames(dwarf);
    }

    /** The locator of an image (its own DWARF or its separate debug file's), made once per image. */
    public static SourceLocator of(BinaryImage image) {
        return ImageAnalyses.of(image, "source-locator", i -> new SourceLocator(i, DebugInfo.of(i)));
    }

    /** The locator of an image whose separate debug file the caller has opened (ProcessModules' modules). */
    public static SourceLocator of(BinaryImage image, BinaryImage debugImage) {
        return ImageAnalyses.of(image, "source-locator", i -> new SourceLocator(i, DebugInfo.of(i, debugImage)));
    }

    /**
     * The source location chain of a code address in the file's own address space (as in
     * {@code binary_symbols}; subtract a module's load bias first), innermost first: the inlined
     * calls, then the function that holds them. Empty when no line table covers the address.
     */
    public synchronized List<SourceLocation> locate(long address) {
        List<SourceLocation> answer = answers.get(address);
        if (answer == null) {
            answer = compute(address);
            answers.put(address, answer);
        }
        return answer;
    }

    /** The innermost frame of {@link #locate}, or null. */
    public SourceLocation innermost(long address) {
        List<SourceLocation> chain = locate(address);
        return chain.isEmpty() ? null : chain.get(0);
    }

    /**
     * Only the line table row of an address (function null, not inlined), or null: what
     * {@code objdump -l} prints beside an instruction; cheaper than {@link #locate}, and not cached.
     */
    public synchronized SourceLocation lineAt(long address) {
        int sequence = sequences().find(address);
        if (sequence < 0) {
            return null;
        }
        LineProgramHeader header = tables.header(sequences.unit(sequence));
        LineSequences.Rows rows = sequences.rows(sequence);
        int row = LineSequences.rowAt(rows, address);
        if (row < 0 || header == null) {
            return null;
        }
        return new SourceLocation(null, null, header.filePath(rows.files()[row]), rows.lines()[row], rows.columns()[row], false);
    }

    private LineSequences sequences() {
        if (sequences == null) {
            sequences = new LineSequences(dwarf, tables, image);
        }
        return sequences;
    }

    private List<SourceLocation> compute(long address) {
        SourceLocation row = lineAt(address);
        if (row == null) {
            return List.of();
        }
        int unit = sequences.unit(sequences.find(address));
        LineProgramHeader header = tables.header(unit);
        String file = row.file();
        long line = row.line();
        long column = row.column();
        FunctionScopes unitScopes = scopesOf(unit);
        List<SourceLocation> chain = new ArrayList<>();
        for (int s = unitScopes == null ? -1 : unitScopes.innermost(address); s >= 0; ) {
            FunctionScopes.Scope scope = unitScopes.scope(s);
            FunctionNames.Names n = names.of(scope.entry());
            chain.add(new SourceLocation(n.name(), n.linkageName(), file, line, column, scope.inlined()));
            if (scope.inlined()) {
                file = header.filePath(scope.callFile());
                line = scope.callLine();
                column = scope.callColumn();
            }
            s = scope.parent();
        }
        if (chain.isEmpty()) {
            chain.add(new SourceLocation(null, null, file, line, column, false));
        }
        return List.copyOf(chain);
    }

    private synchronized FunctionScopes scopesOf(int unit) {
        FunctionScopes found = scopes.get(unit);
        if (found == null) {
            try {
                found = FunctionScopes.read(dwarf, unit);
            } catch (DwarfFormatException e) {
                return null;
            }
            scopes.put(unit, found);
        }
        return found;
    }
}
