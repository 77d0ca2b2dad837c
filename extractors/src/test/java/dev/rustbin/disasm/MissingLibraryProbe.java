package dev.rustbin.disasm;

/** Run by {@link MissingLibraryTest} in a JVM whose rustbin.capstone.library names no library. */
public final class MissingLibraryProbe {

    private MissingLibraryProbe() {}

    public static void main(String[] args) {
        // touching these must not need the library
        System.out.println("classes loaded: " + Architecture.X86_64 + " " + InstructionFlags.CALL
                + " " + Disassembler.class.getSimpleName());
        try (Disassembler disassembler = new Disassembler(Architecture.X86_64, false)) {
            System.out.println("unexpectedly opened " + disassembler.architecture());
        } catch (DisassemblerUnavailableException e) {
            System.out.println(e);
        }
    }
}
