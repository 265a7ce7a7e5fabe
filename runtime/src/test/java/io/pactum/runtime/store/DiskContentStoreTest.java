package io.pactum.runtime.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pactum.protocol.cid.Block;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.cid.UnixFsImporter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskContentStoreTest {

    static final UnixFsImporter IMPORTER = new UnixFsImporter(UnixFsImporter.Options.pactumDefault());

    @TempDir
    Path dir;

    static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void shouldAddASmallFileAsOneRawBlockWithTheImportersCid() throws Exception {
        DiskContentStore store = new DiskContentStore(dir);
        byte[] data = "hello pactum\n".getBytes(UTF_8);

        Cid cid = store.add(data);

        assertThat(cid).isEqualTo(IMPORTER.cidOf(data)).isEqualTo(Cid.rawOf(data));
        assertThat(cid.toString()).startsWith("bafkrei");
        assertThat(store.catBytes(cid, 1024)).isEqualTo(data);
        assertThat(store.getBlock(cid)).isEqualTo(data);
        assertThat(store.has(cid)).isTrue();
        assertThat(store.isPinned(cid)).isTrue();
    }

    @Test
    void shouldAddAndCatAMultiChunkFile() throws Exception {
        DiskContentStore store = new DiskContentStore(dir);
        byte[] data = randomBytes(2 * 1024 * 1024 + 12_345, 1);
        UnixFsImporter.Result expected = IMPORTER.importBytes(data);

        Cid root = store.add(data);

        assertThat(root).isEqualTo(expected.root());
        assertThat(root.codec()).isEqualTo(Cid.DAG_PB);
        for (Block block : expected.blocks()) {
            assertThat(store.getBlock(block.cid())).isEqualTo(block.data());
        }
        try (InputStream in = store.cat(root)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void shouldStoreBlocksInShardedFilesNamedByCid() throws Exception {
        DiskContentStore store = new DiskContentStore(dir);
        Cid cid = store.add("sharded".getBytes(UTF_8));
        String name = cid.toString();

        assertThat(dir.resolve("blocks").resolve(name.substring(name.length() - 3, name.length() - 1)).resolve(name))
                .exists()
                .hasContent("sharded");
    }

    @Test
    void shouldRefuseABlockThatDoesNotMatchItsCid() throws Exception {
        DiskContentStore store = new DiskContentStore(dir);
        Cid cid = Cid.rawOf("right".getBytes(UTF_8));

        assertThatThrownBy(() -> store.putBlock(cid, "wrong".getBytes(UTF_8)))
                .isInstanceOf(ContentCorruptException.class)
                .hasMessageContaining(cid.toString());
        assertThat(store.has(cid)).isFalse();
    }

    @Test
    void shouldDetectABlockCorruptedOnDisk() throws Exception {
        DiskContentStore store = new DiskContentStore(dir);
        Cid cid = store.add("precious".getBytes(UTF_8));
        try (Stream<Path> files = Files.walk(dir.resolve("blocks"))) {
            Path file = files.filter(Files::isRegularFile).findFirst().orElseThrow();
            Files.writeString(file, "tampered");
        }

        assertThatThrownBy(() -> store.getBlock(cid)).isInstanceOf(ContentCorruptException.class);
        assertThatThrownBy(() -> store.catBytes(cid, 100)).isInstanceOf(ContentCorruptException.class);
    }

    @Test
    void shouldReportMissingContent() throws Exception {
        DiskContentStore store = new DiskContentStore(dir);
        Cid missing = Cid.rawOf("nowhere".getBytes(UTF_8));

        assertThatThrownBy(() -> store.getBlock(missing))
                .isInstanceOf(ContentNotFoundException.class)
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> store.cat(missing)).isInstanceOf(ContentNotFoundException.class);
        assertThatThrownBy(() -> store.pin(missing)).isInstanceOf(ContentNotFoundException.class);
        assertThat(store.has(missing)).isFalse();
        assertThat(store.isPinned(missing)).isFalse();
    }

    @Test
    void shouldRefuseToReadMoreThanTheCallersLimit() throws Exception {
        DiskContentStore store = new DiskContentStore(dir);
        byte[] data = randomBytes(1_500_000, 2);
        Cid root = store.add(data);

        assertThatThrownBy(() -> store.catBytes(root, 1_499_999)).isInstanceOf(ContentTooLargeException.class);
        assertThat(store.catBytes(root, 1_500_000)).isEqualTo(data);
    }

    @Test
    void shouldPullAMissingTreeFromItsFallbackWhenPinning() throws Exception {
        DiskContentStore client = new DiskContentStore(dir.resolve("client"));
        byte[] data = randomBytes(3 * 1024 * 1024 + 7, 3);
        Cid root = client.add(data);
        DiskContentStore node = new DiskContentStore(dir.resolve("node"), client);

        assertThat(node.has(root)).isFalse();
        node.pin(root);

        assertThat(node.isPinned(root)).isTrue();
        for (Block block : IMPORTER.importBytes(data).blocks()) {
            assertThat(node.has(block.cid())).isTrue();
        }
        DiskContentStore nodeAlone = new DiskContentStore(dir.resolve("node"));
        assertThat(nodeAlone.catBytes(root, data.length)).isEqualTo(data);
    }

    @Test
    void shouldNotKeepCorruptBlocksFromItsFallback() throws Exception {
        Cid cid = Cid.rawOf("genuine".getBytes(UTF_8));
        DiskContentStore node = new DiskContentStore(dir.resolve("node"), new LyingStore(cid));

        assertThatThrownBy(() -> node.getBlock(cid)).isInstanceOf(ContentCorruptException.class);
        assertThat(node.has(cid)).isFalse();
    }

    private Stream<Path> tempFiles() throws Exception {
        return Files.list(dir.resolve("tmp")).toList().stream();
    }

    /** A fallback that answers every block with the wrong bytes. */
    private record LyingStore(Cid cid) implements ContentStore {
        @Override public Cid add(InputStream in) { throw new UnsupportedOperationException(); }
        @Override public InputStream cat(Cid root) { throw new UnsupportedOperationException(); }
        @Override public byte[] getBlock(Cid c) { return "forged".getBytes(UTF_8); }
        @Override public void putBlock(Cid c, byte[] data) { throw new UnsupportedOperationException(); }
        @Override public boolean has(Cid c) { return true; }
        @Override public void pin(Cid root) { }
        @Override public boolean isPinned(Cid root) { return false; }
    }
}
