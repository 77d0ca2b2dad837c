package dev.rustbin.format;

/** The container formats rustbin reads; each has one reader behind {@link BinaryImage}. */
public enum BinaryFormat {
    ELF("ELF"),
    MACH_O("Mach-O"),
    PE("PE");

    private final String displayName;

    BinaryFormat(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
