package dev.rustbin.format.pe;

import dev.rustbin.format.ByteFields;
import dev.rustbin.format.FileView;
import dev.rustbin.format.MappedFile;

/**
 * The CodeView (RSDS) record of the debug directory: which PDB file holds the image's debug info.
 *
 * @param buildId the symbol-server key: the GUID as Windows prints it (first three fields in
 *                little-endian order) followed by the age, in lower-case hex without dashes
 * @param pdbPath the PDB path the linker recorded
 */
record PeCodeView(String buildId, String pdbPath) {

    private static final int DEBUG_ENTRY_SIZE = 28;
    private static final int IMAGE_DEBUG_TYPE_CODEVIEW = 2;
    private static final int RSDS = 0x53445352;

    /** The first CodeView RSDS record, or null when the image names no PDB. */
    static PeCodeView read(MappedFile file, FileView view, PeAddressMap addresses, PeHeaders headers) {
        long rva = headers.directoryRva(PeHeaders.DEBUG_DIRECTORY);
        long size = headers.directorySize(PeHeaders.DEBUG_DIRECTORY);
        if (rva == 0 || size < DEBUG_ENTRY_SIZE) {
            return null;
        }
        long length = size - size % DEBUG_ENTRY_SIZE;
        long entries = addresses.offset(rva, length, "debug directory");
        for (long p = entries; p < entries + length; p += DEBUG_ENTRY_SIZE) {
            long dataSize = ByteFields.u32(view, p + 16);
            long dataAt = ByteFields.u32(view, p + 24);
            if (view.getInt(p + 12) == IMAGE_DEBUG_TYPE_CODEVIEW && dataSize >= 24 && file.contains(dataAt, dataSize)
                    && view.getInt(dataAt) == RSDS) {
                long q = dataAt;
                String guid = String.format("%08x%04x%04x", view.getInt(q + 4), view.getShort(q + 8), view.getShort(q + 10));
                StringBuilder id = new StringBuilder(guid);
                for (int i = 12; i < 20; i++) {
                    id.append(String.format("%02x", view.get(q + i)));
                }
                id.append(Long.toHexString(ByteFields.u32(view, q + 20)));
                return new PeCodeView(id.toString(), ByteFields.cString(view, q + 24, dataAt + dataSize));
            }
        }
        return null;
    }
}
