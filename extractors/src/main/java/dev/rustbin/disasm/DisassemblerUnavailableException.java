package dev.rustbin.disasm;

/**
 * The Capstone library cannot be used on this machine: not installed, not loadable, or of a version
 * whose structure layout we do not read. Unchecked because callers cannot recover beyond reporting
 * it; the message always says how to install the library.
 */
public final class DisassemblerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DisassemblerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
