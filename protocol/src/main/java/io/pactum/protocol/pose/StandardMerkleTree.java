package io.pactum.protocol.pose;

import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Keccak;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * A Merkle tree in the format of OpenZeppelin's {@code StandardMerkleTree} (JS library
 * {@code @openzeppelin/merkle-tree}), which {@code MerkleProof.verify} checks on-chain:
 *
 * <ul>
 *   <li>leaf = {@code keccak256(keccak256(abi.encode(values)))} (double hashing keeps a leaf from
 *       being a 64-byte internal node's preimage);
 *   <li>internal node = {@code keccak256(min(a, b) ‖ max(a, b))} (sorted pairs, so proofs carry no
 *       positions);
 *   <li>layout: a complete binary tree in an array of {@code 2n - 1} nodes, the root at 0, children
 *       of {@code i} at {@code 2i + 1} and {@code 2i + 2}; the leaves, sorted by hash, fill the
 *       array's end in reverse order. Equal inputs therefore give the library's root and proofs.
 * </ul>
 *
 * @param <T> the value type; {@code encoder} gives its {@code abi.encode}.
 */
public final class StandardMerkleTree<T> {
    private final List<T> values;
    private final Bytes32[] tree;
    private final int[] treeIndex; // value index -> position in tree

    private StandardMerkleTree(List<T> values, Bytes32[] tree, int[] treeIndex) {
        this.values = values;
        this.tree = tree;
        this.treeIndex = treeIndex;
    }

    /** Builds the tree of {@code values} (at least one), leaves given by {@code abiEncode}. */
    public static <T> StandardMerkleTree<T> of(List<T> values, Function<T, byte[]> abiEncode) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a Merkle tree has at least one leaf");
        }
        int n = values.size();
        Bytes32[] hashes = new Bytes32[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = leafHash(abiEncode.apply(values.get(i)));
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparing((Integer i) -> hashes[i]));
        Bytes32[] tree = new Bytes32[2 * n - 1];
        int[] treeIndex = new int[n];
        for (int k = 0; k < n; k++) {
            int pos = tree.length - 1 - k;
            tree[pos] = hashes[order[k]];
            treeIndex[order[k]] = pos;
        }
        for (int i = tree.length - 1 - n; i >= 0; i--) {
            tree[i] = hashPair(tree[2 * i + 1], tree[2 * i + 2]);
        }
        return new StandardMerkleTree<>(List.copyOf(values), tree, treeIndex);
    }

    /** The reward tree of an epoch ({@code RewardDistributor}'s leaves). */
    public static StandardMerkleTree<RewardLeaf> ofRewards(List<RewardLeaf> rewards) {
        return of(rewards, RewardLeaf::abiEncode);
    }

    /** {@code keccak256(keccak256(abiEncoded))}. */
    public static Bytes32 leafHash(byte[] abiEncoded) {
        return Bytes32.of(Keccak.keccak256(Keccak.keccak256(abiEncoded)));
    }

    /** {@code keccak256(sorted(a, b))}. */
    public static Bytes32 hashPair(Bytes32 a, Bytes32 b) {
        return a.compareTo(b) <= 0
                ? Bytes32.of(Keccak.keccak256(a.toArray(), b.toArray()))
                : Bytes32.of(Keccak.keccak256(b.toArray(), a.toArray()));
    }

    public Bytes32 root() {
        return tree[0];
    }

    public int size() {
        return values.size();
    }

    /** The values in the order they were given. */
    public List<T> values() {
        return values;
    }

    public Bytes32 leafHashAt(int valueIndex) {
        return tree[treeIndex[valueIndex]];
    }

    /** The proof of the value at {@code valueIndex} (in the order given), bottom up. */
    public List<Bytes32> proof(int valueIndex) {
        int i = treeIndex[valueIndex];
        List<Bytes32> proof = new ArrayList<>();
        while (i > 0) {
            int sibling = (i % 2 == 1) ? i + 1 : i - 1;
            proof.add(tree[sibling]);
            i = (i - 1) / 2;
        }
        return List.copyOf(proof);
    }

    /** The proof of {@code value} (by equality), or an exception if it is not a leaf. */
    public List<Bytes32> proof(T value) {
        int idx = values.indexOf(value);
        if (idx < 0) throw new IllegalArgumentException("not a leaf: " + value);
        return proof(idx);
    }

    /** OpenZeppelin {@code MerkleProof.verify}: folds the proof with sorted-pair hashing. */
    public static boolean verify(Bytes32 root, Bytes32 leaf, List<Bytes32> proof) {
        Bytes32 h = leaf;
        for (Bytes32 p : proof) h = hashPair(h, p);
        return h.equals(root);
    }

    /** The internal node at array position {@code i} (0 = root), as the library's {@code dump().tree}. */
    public Bytes32 node(int i) {
        return tree[i];
    }
}
