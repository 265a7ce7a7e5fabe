package io.pactum.protocol.cid;

import static io.pactum.protocol.cid.TestData.MIB;
import static io.pactum.protocol.cid.TestData.pseudoRandom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pactum.protocol.cid.UnixFsImporter.Options;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnixFsImporterTest {
    static final UnixFsImporter KUBO_V0 = new UnixFsImporter(Options.kuboV0());
    static final UnixFsImporter DEFAULT = new UnixFsImporter(Options.pactumDefault());

    /**
     * Expected CIDv0 from Debian's {@code ipfs_cid} (Kubo-identical: 256 KiB chunks, 174 links,
     * dag-pb leaves) over the files {@link TestData#main} writes.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "256 KiB (one chunk),       256,      262144,    QmdSXh3wYVBMhzUejYEMB79DHKvKBub2WQNXvCDB2HUQbg",
        "1 MiB (4 chunks),          1,        1048576,   QmeBNe9TfiUPvKrp3jTFWtDKigrAS3yMtF5JmuzbGWeK9T",
        "5 MiB (20 chunks),         5,        5242880,   QmVmxyReH4n72amj7mZA3ZqCgAUwdXnNaCKthFehPf93S2",
        "174 chunks (full root),    174,      45613056,  QmZ9EfsctoEsm1TdYH2v5vZ6u2KWZxXkuaT6RvpPmPikNY",
        "175 chunks (depth 2),      44,       45613057,  QmShCDrC1v6bdiyWyL1RhKdtEdJJaCMyaYm8zA2AeMHmHy",
        "50 MiB (200 chunks),       50,       52428800,  QmYs5dwdbTipgefXtPqhKDd4AXpuVyPQWpigD5Ua6Q9KCB",
    })
    void shouldMatchKuboCidV0ForPseudoRandomFiles(String name, long seed, int size, String expected) {
        assertThat(KUBO_V0.cidOf(pseudoRandom(seed, size)).toString()).isEqualTo(expected);
    }

    @Test
    void shouldMatchKuboCidV0ForSmallAndEmptyFiles() {
        assertThat(KUBO_V0.cidOf("hello world\n".getBytes(StandardCharsets.US_ASCII)).toString())
                .isEqualTo("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o");
        assertThat(KUBO_V0.cidOf(new byte[0]).toString()).isEqualTo("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
    }

    @Test
    void shouldGiveTheRawLeafForOneChunkWithRawLeaves() {
        assertThat(DEFAULT.cidOf(new byte[0]).toString()).isEqualTo(CidTest.EMPTY_RAW);
        assertThat(DEFAULT.cidOf("hello world\n".getBytes(StandardCharsets.US_ASCII)).toString())
                .isEqualTo(CidTest.HELLO_RAW);
        byte[] oneChunk = pseudoRandom(7, MIB);
        UnixFsImporter.Result result = DEFAULT.importBytes(oneChunk);
        assertThat(result.root()).isEqualTo(Cid.rawOf(oneChunk));
        assertThat(result.blocks()).hasSize(1);
    }

    @Test
    void shouldBuildABalancedTreeOfRawLeaves() throws IOException {
        byte[] data = pseudoRandom(5, 5 * MIB + 3);
        UnixFsImporter.Result result = DEFAULT.importBytes(data);
        assertThat(result.fileSize()).isEqualTo(data.length);
        assertThat(result.root().version()).isEqualTo(1);
        assertThat(result.root().codec()).isEqualTo(Cid.DAG_PB);
        assertThat(result.blocks()).hasSize(7); // 6 raw leaves + root
        DagPb.Node root = DagPb.decodeNode(last(result.blocks()).data());
        assertThat(root.links()).hasSize(6).allSatisfy(l -> {
            assertThat(l.cid().codec()).isEqualTo(Cid.RAW);
            assertThat(l.name()).isEmpty();
        });
        assertThat(root.links().get(5).tsize()).isEqualTo(3);
        DagPb.UnixFsData fs = DagPb.decodeUnixFs(root.data());
        assertThat(fs.type()).isEqualTo(DagPb.TYPE_FILE);
        assertThat(fs.fileSize()).isEqualTo(data.length);
        assertThat(fs.blockSizes()).containsExactly((long) MIB, (long) MIB, (long) MIB, (long) MIB, (long) MIB, 3L);
        assertThat(cat(result)).isEqualTo(data);
        // regression vector (self-derived; the v0 mode above is checked against Kubo's algorithm)
        assertThat(result.root().toString()).isEqualTo(DEFAULT.cidOf(data).toString());
    }

    @Test
    void shouldKeepLeavesAtOneDepthInDeepTrees() throws IOException {
        // 3 links per node, 10 chunks: depth 3 (27 ≥ 10 > 9); the last subtree keeps full depth.
        UnixFsImporter small = new UnixFsImporter(new Options(4, 3, true, 1));
        byte[] data = pseudoRandom(3, 38);
        UnixFsImporter.Result result = small.importBytes(data);
        Map<Cid, byte[]> store = store(result);
        assertThat(depths(result.root(), store, 0)).containsOnly(3);
        DagPb.Node root = DagPb.decodeNode(store.get(result.root()));
        assertThat(root.links()).hasSize(2);
        DagPb.Node second = DagPb.decodeNode(store.get(root.links().get(1).cid()));
        assertThat(second.links()).hasSize(1); // a one-link node, not the leaf itself
        assertThat(cat(result)).isEqualTo(data);
        long tsize = root.links().stream().mapToLong(DagPb.Link::tsize).sum()
                + store.get(result.root()).length;
        assertThat(tsize).isEqualTo(result.blocks().stream().mapToLong(b -> b.data().length).sum());
    }

    @Test
    void shouldNotAddAnEmptyChunkAfterAnExactMultiple() {
        UnixFsImporter small = new UnixFsImporter(new Options(4, 3, true, 1));
        UnixFsImporter.Result result = small.importBytes(pseudoRandom(1, 8));
        assertThat(result.blocks()).hasSize(3);
    }

    @Test
    void shouldRejectInconsistentOptions() {
        assertThatThrownBy(() -> new Options(1024, 174, true, 0)).hasMessageContaining("raw leaves need CIDv1");
        assertThatThrownBy(() -> new Options(0, 174, true, 1)).hasMessageContaining("chunkSize");
        assertThatThrownBy(() -> new Options(1024, 1, true, 1)).hasMessageContaining("maxLinks");
    }

    @Test
    void shouldRefuseATamperedBlockOnCat() {
        UnixFsImporter small = new UnixFsImporter(new Options(4, 3, true, 1));
        UnixFsImporter.Result result = small.importBytes(pseudoRandom(2, 20));
        Map<Cid, byte[]> store = store(result);
        Cid leaf = result.blocks().get(0).cid();
        store.put(leaf, new byte[] {1, 2, 3, 4});
        assertThatThrownBy(() -> UnixFsReader.cat(result.root(), store::get, new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("does not match");
    }

    static byte[] cat(UnixFsImporter.Result result) throws IOException {
        Map<Cid, byte[]> store = store(result);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UnixFsReader.cat(result.root(), store::get, out);
        return out.toByteArray();
    }

    static Map<Cid, byte[]> store(UnixFsImporter.Result result) {
        Map<Cid, byte[]> store = new HashMap<>();
        result.blocks().forEach(b -> store.put(b.cid(), b.data()));
        return store;
    }

    static List<Integer> depths(Cid cid, Map<Cid, byte[]> store, int depth) {
        if (cid.codec() == Cid.RAW) {
            return List.of(depth);
        }
        return DagPb.decodeNode(store.get(cid)).links().stream()
                .flatMap(l -> depths(l.cid(), store, depth + 1).stream())
                .toList();
    }

    static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
