package io.pactum.protocol.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pactum.protocol.crypto.Bytes32;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReceiptsTreeTest {
    static Bytes32 k(String s) {
        return Bytes32.keccak(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldBuildThePositionalTreeOfPoSeLib() {
        ReceiptsTree t = ReceiptsTree.of(List.of(k("a"), k("b"), k("c")));
        // cast: ab = keccak(0x01‖a‖b), cz = keccak(0x01‖c‖0), root = keccak(0x01‖ab‖cz)
        assertThat(t.root()).isEqualTo(
                Bytes32.fromHex("0xf804821b3481a726485e7b47e088f0f8d5f5572df6e232b7d41cf01817b09fee"));
        assertThat(t.depth()).isEqualTo(2);
        assertThat(t.proof(2)).containsExactly(Bytes32.ZERO,
                Bytes32.fromHex("0x82bb4cfba0e54ea8cf3e7928b2afeb764e964163cff346fe612f9ba0b4154295"));
    }

    @Test
    void shouldProveEveryIndexAndOnlyThatIndex() {
        for (int n : new int[] {1, 2, 3, 5, 8, 13}) {
            List<Bytes32> leaves = IntStream.range(0, n).mapToObj(i -> k("leaf" + i)).toList();
            ReceiptsTree t = ReceiptsTree.of(leaves);
            assertThat(t.depth()).isEqualTo(ReceiptsTree.depthOf(n));
            for (int i = 0; i < n; i++) {
                List<Bytes32> proof = t.proof(i);
                assertThat(ReceiptsTree.verify(t.root(), n, i, leaves.get(i), proof)).isTrue();
                if (n > 1) {
                    assertThat(ReceiptsTree.verify(t.root(), n, i ^ 1, leaves.get(i), proof)).isFalse();
                }
                assertThat(ReceiptsTree.verify(t.root(), n, i, k("other"), proof)).isFalse();
            }
        }
        assertThat(ReceiptsTree.of(List.of(k("x"))).root()).isEqualTo(k("x"));
    }

    @Test
    void shouldSeparateLeavesFromNodes() {
        // a padding slot (index 3 of 3 leaves) can never be proven, nor can an internal node as a leaf
        List<Bytes32> leaves = new ArrayList<>(List.of(k("a"), k("b"), k("c"), k("d")));
        ReceiptsTree t = ReceiptsTree.of(leaves);
        Bytes32 inner = ReceiptsTree.node(k("a"), k("b"));
        assertThat(ReceiptsTree.verify(t.root(), 4, 0, inner, List.of(t.proof(0).get(1)))).isFalse();
        ReceiptsTree three = ReceiptsTree.of(leaves.subList(0, 3));
        assertThat(ReceiptsTree.verify(three.root(), 3, 3, Bytes32.ZERO, List.of(k("c"), three.proof(0).get(1))))
                .isFalse();
        assertThatThrownBy(() -> ReceiptsTree.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> three.proof(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
