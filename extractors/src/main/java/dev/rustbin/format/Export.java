package dev.rustbin.format;

/**
 * A symbol the binary offers to other binaries.
 *
 * @param name        symbol name; null for PE exports by ordinal only
 * @param address     virtual address (PE: image base + RVA); 0 for PE forwarders
 * @param ordinal     PE export ordinal, else null
 * @param forwardedTo PE forwarder ("NTDLL.RtlAllocateHeap"), else null
 */
public record Export(String name, long address, Integer ordinal, String forwardedTo) {
}
