package dev.rustbin.disasm;

import com.sun.jna.CallbackReference;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * The SKIPDATA setup ({@code cs_opt_skipdata}) of an x86 handle: a callback that steps over a whole
 * instruction when {@link X86MissingInstructions} recognizes one Capstone cannot decode, and over the
 * single byte Capstone would skip by default otherwise. Every step longer than one byte is
 * therefore an {@link InstructionFlags#UNKNOWN} instruction, which is how {@link Disassembler}
 * tells them from data.
 *
 * <p>Capstone keeps only the callback's address: the handle's owner must keep this object.
 */
final class X86SkipData {

    private final CapstoneLibrary.SkipDataCallback callback;
    /** cs_opt_skipdata, followed by the mnemonic string it points to. */
    private final Memory setup;

    X86SkipData(boolean mode64) {
        callback = (code, codeSize, offset, userData) -> step(code, codeSize, offset, mode64);
        setup = new Memory(CapstoneLibrary.SKIPDATA_SETUP_SIZE + Disassembler.DATA_MNEMONIC.length() + 1);
        setup.setString(CapstoneLibrary.SKIPDATA_SETUP_SIZE, Disassembler.DATA_MNEMONIC, "US-ASCII");
        // Capstone 4 takes the mnemonic pointer as given and crashes on NULL, so set it
        setup.setPointer(0, setup.share(CapstoneLibrary.SKIPDATA_SETUP_SIZE));
        setup.setPointer(8, CallbackReference.getFunctionPointer(callback));
        setup.setPointer(16, null);
    }

    /** The value for {@code cs_option(CS_OPT_SKIPDATA_SETUP)}. */
    long address() {
        return Pointer.nativeValue(setup);
    }

    private static long step(Pointer code, long codeSize, long offset, boolean mode64) {
        long available = Math.min(codeSize - offset, X86VectorLength.MAX_LENGTH);
        int length = X86MissingInstructions.length(code.getByteBuffer(offset, available), mode64);
        return length > 0 ? length : 1;
    }
}
