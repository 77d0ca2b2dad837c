package dev.rustbin.format.elf;

import dev.rustbin.format.ByteFields;
import dev.rustbin.format.FileView;
import dev.rustbin.format.MappedFile;
import java.util.Arrays;
import java.util.List;

/**
 * Relative relocations with explicit addends (RELA): in a position-independent binary the file
 * holds zero where the loader will store "load base + addend", so the addend is the pointer's value.
 * REL and RELR relocations keep the value in place and need nothing here.
 */
final class ElfRelativeRelocations {

    private static final int SHT_RELA = 4;

    private final long[] offsets;
    private final long[] addends;

    private ElfRelativeRelocations(long[] offsets, long[] addends) {
        this.offsets = offsets;
        this.addends = addends;
    }

    static ElfRelativeRelocations read(MappedFile file, FileView view, ElfHeader header, List<ElfSectionHeader> sections) {
        int relativeType = relativeType(header.machine());
        int entrySize = header.is64() ? 24 : 12;
        int count = 0;
        for (ElfSectionHeader s : sections) {
            if (s.type() == SHT_RELA && s.entrySize() == entrySize) {
                count += (int) (s.size() / entrySize);
            }
        }
        long[] offsets = new long[count];
        long[] addends = new long[count];
        int n = 0;
        for (ElfSectionHeader s : sections) {
            if (s.type() != SHT_RELA || s.entrySize() != entrySize || relativeType < 0) {
                continue;
            }
            for (long p = s.offset(); p + entrySize <= s.offset() + s.size(); p += entrySize) {
                long type = header.is64() ? view.getLong(p + 8) & 0xffff_ffffL : view.getInt(p + 4) & 0xff;
                if (type == relativeType) {
                    offsets[n] = header.is64() ? view.getLong(p) : ByteFields.u32(view, p);
                    addends[n] = header.is64() ? view.getLong(p + 16) : view.getInt(p + 8) & 0xffff_ffffL;
                    n++;
                }
            }
        }
        long[] sortedOffsets = Arrays.copyOf(offsets, n);
        long[] sortedAddends = new long[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compareUnsigned(offsets[a], offsets[b]));
        for (int i = 0; i < n; i++) {
            sortedOffsets[i] = offsets[order[i]];
            sortedAddends[i] = addends[order[i]];
        }
        return new ElfRelativeRelocations(sortedOffsets, sortedAddends);
    }

    /** The addend relocated into {@code address}, or null when no relative relocation targets it. */
    Long addendAt(long address) {
        int lo = 0;
        int hi = offsets.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = Long.compareUnsigned(offsets[mid], address);
            if (cmp == 0) {
                return addends[mid];
            }
            if (cmp < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return null;
    }

    private static int relativeType(int machine) {
        return switch (machine) {
            case 62 -> 8;      // R_X86_64_RELATIVE
            case 183 -> 1027;  // R_AARCH64_RELATIVE
            case 243 -> 3;     // R_RISCV_RELATIVE
            case 3 -> 8;       // R_386_RELATIVE
            case 40 -> 23;     // R_ARM_RELATIVE
            default -> -1;
        };
    }
}
