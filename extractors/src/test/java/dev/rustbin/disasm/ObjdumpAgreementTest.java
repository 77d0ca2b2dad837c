package dev.rustbin.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Capstone against binutils' objdump on every executable section of real Rust binaries: the two
 * fixtures and the toolchain's 42 MB cargo.
 *
 * <p>Where the two may differ, and why the bounds below are not zero:
 * <ul>
 *   <li>objdump restarts decoding at every symbol while our sweep is linear; in code padded with
 *       int3/nop (all of these sections) both stay in step, but after bytes neither can decode
 *       they may resume at different places for a few instructions;
 *   <li>objdump prints each undecodable byte as {@code (bad)} and prints a lone REX or segment
 *       prefix as an instruction of its own, where Capstone's SKIPDATA makes {@code .byte} rows;
 *   <li>-z makes objdump list blocks of zeros (padding) as instructions instead of "...", as we do.
 * </ul>
 * On cargo 1.x (5.7 M instructions in .text) the counts differ by about 25, from a few data
 * islands; the fixtures agree exactly.
 */
class ObjdumpAgreementTest {

    /** Functions per section whose listing is compared instruction by instruction, chosen at random. */
    private static final int SAMPLE = 200;
    /** More functions, among those with instructions Capstone 4 cannot decode (cargo has them). */
    private static final int UNKNOWN_SAMPLE = 50;

    /** objdump tokens Capstone does not print as part of the mnemonic. */
    private static final Set<String> OBJDUMP_ONLY_PREFIXES =
            Set.of("cs", "ds", "es", "ss", "fs", "gs", "data16", "addr32", "notrack", "bnd", "{vex}");
    /** Prefixes that both print as part of the mnemonic ("lock cmpxchg", "rep stosq"). */
    private static final Set<String> MNEMONIC_PREFIXES = Set.of("lock", "rep", "repz", "repnz", "repe", "repne");
    /** objdump names string instructions by their operands (movs BYTE PTR ...); Capstone by suffix. */
    private static final Set<String> STRING_INSTRUCTIONS = Set.of("movs", "stos", "lods", "scas", "cmps", "ins", "outs");
    private static final Map<String, String> SIZE_SUFFIX = Map.of("BYTE", "b", "WORD", "w", "DWORD", "d", "QWORD", "q");
    /**
     * Other spellings, objdump's on the left. pclmulqdq's immediate selects the halves, which
     * objdump spells into the mnemonic; Capstone keeps the immediate operand.
     */
    private static final Map<String, String> SPELLINGS = Map.ofEntries(
            Map.entry("xchg ax,ax", "nop"),
            Map.entry("repz ret", "ret"),
            Map.entry("pushf", "pushfq"), Map.entry("popf", "popfq"),
            Map.entry("pclmullqlqdq", "pclmulqdq"), Map.entry("pclmulhqlqdq", "pclmulqdq"),
            Map.entry("pclmullqhqdq", "pclmulqdq"), Map.entry("pclmulhqhqdq", "pclmulqdq"),
            Map.entry("vpclmullqlqdq", "vpclmulqdq"), Map.entry("vpclmulhqlqdq", "vpclmulqdq"),
            Map.entry("vpclmullqhqdq", "vpclmulqdq"), Map.entry("vpclmulhqhqdq", "vpclmulqdq"));

    private static final Pattern DIRECT_OPERAND = Pattern.compile("^([0-9a-f]+)(?: <.*>)?$");

    static Stream<Path> binaries() throws Exception {
        return Stream.of(Binaries.fixture("demo-release"), Binaries.fixture("demo-debug"), Binaries.cargo());
    }

    /** An objdump line with its size (distance to the next line) and normalized mnemonic. */
    record ObjdumpInstruction(long address, long size, String mnemonic, String operands) {}

    /** A sampled function and objdump's listing of it. */
    record Function(long start, long end, String name, List<ObjdumpInstruction> objdump) {}

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaries")
    void everyExecutableSectionAgreesWithObjdump(Path file) throws Exception {
        ElfSections elf = new ElfSections(file);
        List<Objdump.Symbol> symbols = Objdump.functions(file);
        List<ElfSections.Section> sections = elf.executableSections();
        assertTrue(sections.stream().anyMatch(s -> s.name().equals(".text")), "no .text in " + file);
        try (Disassembler disassembler = new Disassembler(Architecture.X86_64, false)) {
            for (ElfSections.Section section : sections) {
                compareSection(file, elf, section, symbols, disassembler);
            }
        }
    }

    private void compareSection(Path file, ElfSections elf, ElfSections.Section section,
            List<Objdump.Symbol> symbols, Disassembler disassembler) throws Exception {
        String where = file.getFileName() + " " + section.name();
        Listing capstone = new Listing(false);
        disassembler.disassemble(elf.bytes(section), section.address(), capstone);
        assertEquals(section.size(), capstone.totalSize(), where + ": every byte is covered");
        TreeMap<Long, Function> sample = sample(symbols, section, capstone);

        long[] objdumpCount = new long[1];
        List<String> objdumpOnly = new ArrayList<>();
        long[] objdumpOnlyCount = new long[1];
        long[] branchesChecked = new long[1];
        List<String> branchMismatches = new ArrayList<>();
        ObjdumpInstruction[] previous = new ObjdumpInstruction[1];
        Objdump.LineSink compare = (address, text) -> {
            // sizes come from the next line's address, so each line is handled one line late
            if (previous[0] != null) {
                ObjdumpInstruction done = new ObjdumpInstruction(previous[0].address(),
                        address - previous[0].address(), previous[0].mnemonic(), previous[0].operands());
                compareInstruction(done, capstone, sample, objdumpOnly, objdumpOnlyCount,
                        branchesChecked, branchMismatches);
                objdumpCount[0]++;
            }
            previous[0] = parse(address, text);
        };
        Objdump.disassemble(file, section.name(), -1, -1, compare);
        compare.line(section.address() + section.size(), "(end of section)");

        long tolerance = objdumpCount[0] / 1000;
        assertTrue(Math.abs(capstone.count - objdumpCount[0]) <= tolerance, String.format(
                "%s: Capstone decoded %d instructions, objdump %d", where, capstone.count, objdumpCount[0]));
        assertTrue(objdumpOnlyCount[0] <= tolerance, where + ": " + objdumpOnlyCount[0]
                + " objdump instructions start where Capstone has none, e.g. " + objdumpOnly);
        assertEquals(List.of(), branchMismatches, where + ": direct branch targets (" + branchesChecked[0]
                + " compared)");
        List<String> differences = new ArrayList<>();
        for (Function function : sample.values()) {
            differences.addAll(compareFunction(where, elf, section, function, disassembler));
        }
        assertEquals(List.of(), differences.subList(0, Math.min(20, differences.size())),
                where + ": " + differences.size() + " differences in " + sample.size() + " sampled functions");
    }

    private static void compareInstruction(ObjdumpInstruction objdump, Listing capstone,
            TreeMap<Long, Function> sample, List<String> objdumpOnly, long[] objdumpOnlyCount,
            long[] branchesChecked, List<String> branchMismatches) {
        Map.Entry<Long, Function> function = sample.floorEntry(objdump.address());
        if (function != null && objdump.address() < function.getValue().end()) {
            function.getValue().objdump().add(objdump);
        }
        int i = capstone.indexOf(objdump.address());
        if (i < 0) {
            objdumpOnlyCount[0]++;
            if (objdumpOnly.size() < 10) {
                objdumpOnly.add(Long.toHexString(objdump.address()) + " " + objdump.mnemonic());
            }
            return;
        }
        long target = directTarget(objdump);
        boolean capstoneDirect = InstructionFlags.hasTarget(capstone.flags[i]);
        if (target >= 0) {
            branchesChecked[0]++;
        }
        boolean agree = target < 0
                ? !capstoneDirect
                : capstoneDirect && capstone.targets[i] == target
                        && InstructionFlags.isCall(capstone.flags[i]) == objdump.mnemonic().equals("call");
        if (!agree && branchMismatches.size() < 10) {
            branchMismatches.add("objdump " + Long.toHexString(objdump.address()) + " " + objdump.mnemonic()
                    + " " + objdump.operands() + " vs capstone " + capstone.describe(i));
        }
    }

    /** The direct destination objdump printed for a call, jmp, jcc or loop, else -1. */
    private static long directTarget(ObjdumpInstruction objdump) {
        String mnemonic = objdump.mnemonic();
        boolean branch = mnemonic.equals("call") || mnemonic.startsWith("j") || mnemonic.startsWith("loop");
        Matcher m = DIRECT_OPERAND.matcher(objdump.operands());
        return branch && m.matches() ? Long.parseUnsignedLong(m.group(1), 16) : -1;
    }

    /** Decodes one sampled function on its own and lists where it differs from objdump's listing. */
    private static List<String> compareFunction(String where, ElfSections elf, ElfSections.Section section,
            Function function, Disassembler disassembler) {
        Listing capstone = new Listing(true);
        disassembler.disassemble(elf.bytes(section, function.start(), function.end()), function.start(), capstone);
        List<ObjdumpInstruction> objdump = function.objdump();
        String context = where + " " + function.name();
        if (objdump.size() != capstone.count) {
            return List.of(context + ": objdump lists " + objdump.size() + " instructions, Capstone " + capstone.count);
        }
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < capstone.count; i++) {
            ObjdumpInstruction expected = objdump.get(i);
            boolean same = expected.address() == capstone.addresses[i] && expected.size() == capstone.sizes[i]
                    && (InstructionFlags.isUnknown(capstone.flags[i])
                            // Capstone 4 cannot name it; objdump must have decoded it all the same
                            ? !expected.mnemonic().equals("(bad)")
                            : expected.mnemonic().equals(normalize(capstone.mnemonics[i])));
            if (!same) {
                differences.add(context + ": objdump " + Long.toHexString(expected.address()) + " size "
                        + expected.size() + " " + expected.mnemonic() + " " + expected.operands()
                        + " vs capstone " + capstone.describe(i));
            }
        }
        return differences;
    }

    /**
     * Non-overlapping function symbols of the section, chosen reproducibly: {@link #SAMPLE} at
     * random, and {@link #UNKNOWN_SAMPLE} among those where Capstone reported
     * {@link InstructionFlags#UNKNOWN} instructions, whose lengths we computed ourselves.
     */
    private static TreeMap<Long, Function> sample(List<Objdump.Symbol> symbols, ElfSections.Section section,
            Listing capstone) {
        List<Objdump.Symbol> inside = new ArrayList<>();
        long end = section.address() + section.size();
        for (Objdump.Symbol symbol : symbols) {
            if (symbol.size() > 0 && symbol.address() >= section.address() && symbol.address() + symbol.size() <= end) {
                inside.add(symbol);
            }
        }
        inside.sort((a, b) -> Long.compare(a.address(), b.address()));
        TreeMap<Long, Objdump.Symbol> disjoint = new TreeMap<>();
        long previousEnd = Long.MIN_VALUE;
        for (Objdump.Symbol symbol : inside) {
            if (symbol.address() >= previousEnd) {
                disjoint.put(symbol.address(), symbol);
                previousEnd = symbol.address() + symbol.size();
            }
        }
        Set<Objdump.Symbol> withUnknown = new LinkedHashSet<>();
        for (int i = 0; i < capstone.count; i++) {
            Map.Entry<Long, Objdump.Symbol> containing = disjoint.floorEntry(capstone.addresses[i]);
            if (InstructionFlags.isUnknown(capstone.flags[i]) && containing != null
                    && capstone.addresses[i] < containing.getKey() + containing.getValue().size()) {
                withUnknown.add(containing.getValue());
            }
        }
        Random random = new Random(20261124L);
        List<Objdump.Symbol> chosen = pick(new ArrayList<>(disjoint.values()), SAMPLE, random);
        chosen.addAll(pick(new ArrayList<>(withUnknown), UNKNOWN_SAMPLE, random));
        TreeMap<Long, Function> sample = new TreeMap<>();
        for (Objdump.Symbol symbol : chosen) {
            sample.put(symbol.address(), new Function(symbol.address(), symbol.address() + symbol.size(),
                    symbol.name(), new ArrayList<>()));
        }
        return sample;
    }

    private static List<Objdump.Symbol> pick(List<Objdump.Symbol> from, int count, Random random) {
        Collections.shuffle(from, random);
        return new ArrayList<>(from.subList(0, Math.min(count, from.size())));
    }

    /** Splits objdump's text into a mnemonic spelled as Capstone spells it, and the operands. */
    private static ObjdumpInstruction parse(long address, String text) {
        String[] tokens = text.trim().split("\\s+");
        int i = 0;
        while (i < tokens.length - 1 && (OBJDUMP_ONLY_PREFIXES.contains(tokens[i]) || tokens[i].startsWith("rex"))) {
            i++;
        }
        String mnemonic = tokens[i++];
        if (MNEMONIC_PREFIXES.contains(mnemonic) && i < tokens.length) {
            mnemonic = mnemonic + " " + tokens[i++];
        }
        String operands = String.join(" ", List.of(tokens).subList(i, tokens.length));
        String base = mnemonic.substring(mnemonic.lastIndexOf(' ') + 1);
        if (STRING_INSTRUCTIONS.contains(base) && i < tokens.length && SIZE_SUFFIX.containsKey(tokens[i])) {
            mnemonic += SIZE_SUFFIX.get(tokens[i]);
        }
        String spelled = SPELLINGS.get(mnemonic + " " + operands);
        mnemonic = spelled != null ? spelled : SPELLINGS.getOrDefault(mnemonic, mnemonic);
        return new ObjdumpInstruction(address, 0, mnemonic, operands);
    }

    /** Capstone prints notrack and bnd into the mnemonic; objdump's side drops them, so ours too. */
    private static String normalize(String capstoneMnemonic) {
        String[] tokens = capstoneMnemonic.split(" ");
        int i = 0;
        while (i < tokens.length - 1 && OBJDUMP_ONLY_PREFIXES.contains(tokens[i])) {
            i++;
        }
        return String.join(" ", List.of(tokens).subList(i, tokens.length));
    }

}
