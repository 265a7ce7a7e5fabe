package io.pactum.protocol.pose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pactum.protocol.crypto.Bytes32;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks the Java tree against {@code contracts/test/fixtures/reward-tree.json}, which the
 * OpenZeppelin merkle-tree JS library produced ({@code contracts/test/fixtures/reward-tree.js}).
 */
class StandardMerkleTreeTest {

    static JsonNode fixture() throws IOException {
        return new ObjectMapper().readTree(
                Path.of(System.getProperty("pactum.root", ".."), "contracts/test/fixtures/reward-tree.json").toFile());
    }

    static List<RewardLeaf> leaves(JsonNode tree) {
        List<RewardLeaf> out = new ArrayList<>();
        for (JsonNode l : tree.get("leaves")) {
            out.add(new RewardLeaf(l.get("epochId").asLong(), Bytes32.fromHex(l.get("nodeId").asText()),
                    new BigInteger(l.get("amount").asText())));
        }
        return out;
    }

    @Test
    void shouldReproduceEveryFixtureTreeOfTheJsLibrary() throws IOException {
        JsonNode trees = fixture().get("trees");
        assertThat(trees.size()).isGreaterThanOrEqualTo(5);
        for (JsonNode t : trees) {
            List<RewardLeaf> rewards = leaves(t);
            StandardMerkleTree<RewardLeaf> tree = StandardMerkleTree.ofRewards(rewards);
            String name = t.get("name").asText();
            assertThat(tree.root()).as(name).isEqualTo(Bytes32.fromHex(t.get("root").asText()));
            if (rewards.size() > 1) {
                assertThat(tree.node(1)).as(name).isEqualTo(Bytes32.fromHex(t.get("internalNode").asText()));
            }
            for (int i = 0; i < rewards.size(); i++) {
                JsonNode l = t.get("leaves").get(i);
                assertThat(rewards.get(i).hash()).as(name).isEqualTo(Bytes32.fromHex(l.get("leafHash").asText()));
                assertThat(tree.leafHashAt(i)).isEqualTo(rewards.get(i).hash());
                List<Bytes32> expected = new ArrayList<>();
                l.get("proof").forEach(p -> expected.add(Bytes32.fromHex(p.asText())));
                assertThat(tree.proof(i)).as(name + " proof " + i).isEqualTo(expected);
                assertThat(tree.proof(rewards.get(i))).isEqualTo(expected);
                assertThat(StandardMerkleTree.verify(tree.root(), rewards.get(i).hash(), expected)).isTrue();
            }
        }
    }

    @Test
    void shouldNotAcceptATamperedAmountOrAnInternalNodeAsALeaf() throws IOException {
        JsonNode honest = fixture().get("trees").get(0);
        List<RewardLeaf> rewards = leaves(honest);
        StandardMerkleTree<RewardLeaf> tree = StandardMerkleTree.ofRewards(rewards);
        RewardLeaf first = rewards.get(0);
        RewardLeaf more = new RewardLeaf(first.epochId(), first.nodeId(), first.amount().add(BigInteger.ONE));
        assertThat(StandardMerkleTree.verify(tree.root(), more.hash(), tree.proof(0))).isFalse();
        // the internal node over leaves 0 and 1 verifies only as an internal node, never as a leaf hash
        Bytes32 inner = StandardMerkleTree.hashPair(tree.leafHashAt(0), tree.leafHashAt(1));
        assertThat(StandardMerkleTree.verify(tree.root(), inner, tree.proof(0).subList(1, 2))).isTrue();
        assertThat(inner).isNotEqualTo(StandardMerkleTree.leafHash(
                concat(tree.leafHashAt(0).toArray(), tree.leafHashAt(1).toArray())));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
