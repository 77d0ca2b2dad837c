package dev.rustbin.disasm;

import com.sun.jna.Callback;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct-mapped JNA binding of the few libcapstone functions we call. Direct mapping
 * ({@link Native#register}) avoids the reflective per-call cost of interface mapping, which matters
 * because {@code cs_disasm} is called once per batch of instructions on hot paths.
 *
 * <p>Registration is lazy ({@link #ensureLoaded()}), so loading this class, or any class that names
 * it, never fails on a machine without Capstone; only opening a {@link Disassembler} does.
 *
 * <p>{@code csh} and {@code size_t} are mapped to {@code long}: valid only on 64-bit platforms,
 * which {@link #ensureLoaded()} checks.
 */
final class CapstoneLibrary {

    /** System property naming the library to load instead of the defaults (a name or a path). */
    static final String LIBRARY_PROPERTY = "rustbin.capstone.library";

    /** Each command installs Capstone 4 or 5, both of which rustbin reads. */
    static final String INSTALL_HINT = "install the Capstone library (version 4 or 5): apt-get install libcapstone4"
            + " (Debian 12, Ubuntu 22.04) or libcapstone5 (Ubuntu 24.04, Debian 13), dnf install capstone (Fedora),"
            + " brew install capstone (macOS)";

    /**
     * "capstone" finds libcapstone.so, which only the -dev package provides; the runtime packages
     * ship just the versioned sonames, hence the fallbacks.
     */
    private static final List<String> DEFAULT_NAMES = List.of("capstone", "libcapstone.so.5", "libcapstone.so.4");

    static final int CS_ERR_OK = 0;
    static final int CS_OPT_DETAIL = 2;
    static final int CS_OPT_SKIPDATA = 5;
    static final int CS_OPT_SKIPDATA_SETUP = 6;
    /** Size of {@code cs_opt_skipdata}: mnemonic, callback and user data pointers. */
    static final int SKIPDATA_SETUP_SIZE = 24;
    static final long CS_OPT_ON = 3;

    private static StructLayout layout;
    private static DisassemblerUnavailableException failure;

    private CapstoneLibrary() {}

    /** Loads and registers the library once; afterwards rethrows the first failure, if any. */
    static synchronized void ensureLoaded() {
        if (layout != null) {
            return;
        }
        if (failure != null) {
            throw failure;
        }
        try {
            if (Native.SIZE_T_SIZE != 8) {
                throw new DisassemblerUnavailableException(
                        "rustbin's Capstone binding needs a 64-bit JVM", null);
            }
            Native.register(CapstoneLibrary.class, open(candidateNames()));
            int major = cs_version(null, null) >>> 8;
            StructLayout found = StructLayout.forMajor(major).orElseThrow(() -> new DisassemblerUnavailableException("found Capstone "
                    + major + ".x but rustbin reads the structures of Capstone 4.x and 5.x; " + INSTALL_HINT, null));
            sortX86RegisterTable();
            layout = found;
        } catch (DisassemblerUnavailableException e) {
            failure = e;
            throw e;
        }
    }

    /**
     * Capstone's x86 printer sorts a global table (the registers that instructions such as
     * {@code cmp eax, imm32} name in their encoding) the first time it needs it, without a lock
     * (capstone issue #1647, in 4.x and 5.x): two threads decoding x86 at once for the first time
     * can corrupt it for the life of the process, and those instructions then lose that register
     * from their operands. One decode here, under this class's lock and before any handle is
     * handed out, has it sorted before any second thread decodes.
     */
    private static void sortX86RegisterTable() {
        Memory handleSlot = new Memory(8);
        if (cs_open(Architecture.X86_64.csArch, Architecture.X86_64.csMode, handleSlot) != CS_ERR_OK) {
            return;
        }
        try {
            long handle = handleSlot.getLong(0);
            cs_option(handle, CS_OPT_DETAIL, CS_OPT_ON);
            Memory cmpEax = new Memory(CMP_EAX_IMM32.length);
            cmpEax.write(0, CMP_EAX_IMM32, 0, CMP_EAX_IMM32.length);
            Memory insnOut = new Memory(8);
            long count = cs_disasm(handle, cmpEax, CMP_EAX_IMM32.length, 0x1000, 1, insnOut);
            if (count > 0) {
                cs_free(insnOut.getPointer(0), count);
            }
        } finally {
            cs_close(handleSlot);
        }
    }

    /** {@code cmp eax, 0x8000}: its eax is looked up in the table {@link #sortX86RegisterTable} has sorted. */
    static final byte[] CMP_EAX_IMM32 = {0x3d, 0x00, (byte) 0x80, 0x00, 0x00};

    /** The structure layout of the loaded library's version. */
    static synchronized StructLayout layout() {
        ensureLoaded();
        return layout;
    }

    private static List<String> candidateNames() {
        String configured = System.getProperty(LIBRARY_PROPERTY);
        return configured == null || configured.isBlank() ? DEFAULT_NAMES : List.of(configured);
    }

    /** Opens the first of {@code names} that loads; package-private so tests can try a bogus name. */
    static NativeLibrary open(List<String> names) {
        List<String> errors = new ArrayList<>();
        for (String name : names) {
            try {
                return NativeLibrary.getInstance(name);
            } catch (UnsatisfiedLinkError e) {
                errors.add(name + ": " + e.getMessage());
            }
        }
        UnsatisfiedLinkError cause = new UnsatisfiedLinkError(String.join("; ", errors));
        throw new DisassemblerUnavailableException(
                "Capstone disassembler library not found (tried " + String.join(", ", names) + "); "
                        + INSTALL_HINT, cause);
    }

    /** {@code cs_skipdata_cb_t}: how many bytes SKIPDATA steps over at {@code code + offset}. */
    interface SkipDataCallback extends Callback {
        long invoke(Pointer code, long codeSize, long offset, Pointer userData);
    }

    static native int cs_version(Pointer major, Pointer minor);

    /** @param handleOut receives the {@code csh} (8 bytes) */
    static native int cs_open(int arch, int mode, Pointer handleOut);

    /** @param handleIn points to the {@code csh}, which Capstone zeroes */
    static native int cs_close(Pointer handleIn);

    static native int cs_option(long handle, int type, long value);

    static native int cs_errno(long handle);

    static native String cs_strerror(int code);

    /** @param insnOut receives a {@code cs_insn*} array that must be given back to {@link #cs_free} */
    static native long cs_disasm(long handle, Pointer code, long codeSize, long address, long count,
            Pointer insnOut);

    static native void cs_free(Pointer insn, long count);

    static native String cs_reg_name(long handle, int regId);

    static native String cs_insn_name(long handle, int insnId);

    static native String cs_group_name(long handle, int groupId);

    /**
     * Registers read and written, explicit operands included (the {@code cs_detail} lists hold only
     * the implicit ones). Arrays are {@code uint16_t[64]}; counts are single bytes.
     */
    static native int cs_regs_access(long handle, Pointer insn, Pointer regsRead, Pointer readCount,
            Pointer regsWrite, Pointer writeCount);
}
