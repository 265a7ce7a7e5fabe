package io.pactum.protocol.pose;

import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Keccak;
import java.util.ArrayList;
import java.util.List;

/**
 * The positional, domain-separated receipts tree an aggregator commits ({@code
 * PoSeLib.verifyPositional}): leaves are {@link ReceiptLeaf#hash()} (already prefixed with 0x00),
 * internal nodes {@code keccak256(0x01 ‖ left ‖ right)}, depth {@code ceil(log2(count))} (0 for
 * one leaf), missing leaves {@code bytes32(0)}. Leaves keep their order: the index is part of
 * what a proof proves. A proof lists the siblings from the bottom up; bit {@code i} of the index
 * says whether level {@code i}'s node is a right child.
 */
public final class ReceiptsTree {
    private final int count;
    private final List<Bytes32[]> levels; // levels.get(0) = padded leaves, last = {root}

    private ReceiptsTree(int count, List<Bytes32[]> levels) {
        this.count = count;
        this.levels = levels;
    }

    /** Builds the tree of {@code leafHashes} (at least one), in this order. */
    public static ReceiptsTree of(List<Bytes32> leafHashes) {
        if (leafHashes.isEmpty()) {
            throw new IllegalArgumentException("a receipts tree has at least one leaf");
        }
        int depth = depthOf(leafHashes.size());
        Bytes32[] level = new Bytes32[1 << depth];
        for (int i = 0; i < level.length; i++) {
            level[i] = i < leafHashes.size() ? leafHashes.get(i) : Bytes32.ZERO;
        }
        List<Bytes32[]> levels = new ArrayList<>();
        levels.add(level);
        while (level.length > 1) {
            Bytes32[] next = new Bytes32[level.length / 2];
            for (int i = 0; i < next.length; i++) {
                next[i] = node(level[2 * i], level[2 * i + 1]);
            }
            levels.add(next);
            level = next;
        }
        return new ReceiptsTree(leafHashes.size(), levels);
    }

    /** Builds the tree of the leaves' hashes. */
    public static ReceiptsTree ofLeaves(List<ReceiptLeaf> leaves) {
        return of(leaves.stream().map(ReceiptLeaf::hash).toList());
    }

    /** {@code PoSeLib.depthOf}: the least d with 2^d ≥ count. */
    public static int depthOf(int count) {
        int depth = 0;
        while ((1L << depth) < count) depth++;
        return depth;
    }

    /** An internal node: {@code keccak256(0x01 ‖ left ‖ right)}. */
    public static Bytes32 node(Bytes32 left, Bytes32 right) {
        return Bytes32.of(Keccak.keccak256(new byte[] {0x01}, left.toArray(), right.toArray()));
    }

    public Bytes32 root() {
        return levels.get(levels.size() - 1)[0];
    }

    public int count() {
        return count;
    }

    public int depth() {
        return levels.size() - 1;
    }

    public Bytes32 leaf(int index) {
        checkIndex(index);
        return levels.get(0)[index];
    }

    /** The siblings of leaf {@code index}, bottom up. */
    public List<Bytes32> proof(int index) {
        checkIndex(index);
        List<Bytes32> proof = new ArrayList<>(depth());
        int i = index;
        for (int d = 0; d < depth(); d++) {
            proof.add(levels.get(d)[i ^ 1]);
            i >>= 1;
        }
        return List.copyOf(proof);
    }

    /** {@code PoSeLib.verifyPositional}. */
    public static boolean verify(Bytes32 root, int count, int index, Bytes32 leaf, List<Bytes32> proof) {
        if (index < 0 || index >= count || proof.size() != depthOf(count)) return false;
        Bytes32 h = leaf;
        for (int i = 0; i < proof.size(); i++) {
            h = ((index >> i) & 1) == 0 ? node(h, proof.get(i)) : node(proof.get(i), h);
        }
        return h.equals(root);
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("leaf " + index + " of " + count);
        }
    }
}
