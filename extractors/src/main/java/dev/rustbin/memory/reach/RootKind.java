package dev.rustbin.memory.reach;

/** Where a root word of the reachability scan lies. */
public enum RootKind {
    /** A general register of a thread. */
    REGISTER("register"),
    /** A thread's live stack: from its stack pointer (less the red zone) to the end of its stack mapping. */
    STACK("stack"),
    /** A module's writable data and bss. */
    STATIC("static"),
    /** A thread's static TLS blocks and thread descriptor. */
    TLS("tls");

    private final String label;

    RootKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
