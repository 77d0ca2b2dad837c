package dev.rustbin.memory.alloc;

import java.util.Arrays;

/**
 * The backtraces of a recording as heaptrack numbers them: node i (from 1) is one instruction
 * pointer and the node of its caller (0: the outermost frame), so every allocation names one node
 * and shares its callers with every other allocation from the same path. Two arrays, never one
 * list per allocation.
 */
public final class TraceTree {

    private long[] ips = new long[1024];
    private int[] parents = new int[1024];
    private int size = 1;

    synchronized void add(long ip, int parent) {
        if (size == ips.length) {
            ips = Arrays.copyOf(ips, size * 2);
            parents = Arrays.copyOf(parents, size * 2);
        }
        ips[size] = ip;
        parents[size] = parent;
        size++;
    }

    /** Nodes so far, the root (0) included. */
    public synchronized int size() {
        return size;
    }

    /** The code address of a node: heaptrack already moved return addresses back into their call instruction. */
    public synchronized long ip(int node) {
        return ips[node];
    }

    /** The caller's node, 0 for the outermost frame. */
    public synchronized int parent(int node) {
        return parents[node];
    }

    /** True when {@code node} names a frame of this tree. */
    public synchronized boolean contains(int node) {
        return node > 0 && node < size;
    }
}
