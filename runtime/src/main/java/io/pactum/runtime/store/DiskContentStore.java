package io.pactum.runtime.store;

import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.cid.UnixFsImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Blocks as files under {@code <root>/blocks/<shard>/<cid>} (the CIDv1 text; the shard is the two
 * characters before its last, like Kubo's flatfs {@code next-to-last/2}), recursive pins as empty files
 * under {@code <root>/pins/}.
 *
 * <p>Writes are atomic: a block is written and synced to a temporary file in {@code <root>/tmp}, then
 * renamed into place, so a crash leaves either the whole block or none. Reads are verified against the
 * CID. A block missing here is fetched from the optional fallback store (e.g. the client's node), verified
 * and kept: so {@link #pin} or {@link #cat} of a client's upload pulls the whole tree.
 *
 * <p>Safe for concurrent use by several threads and processes sharing the directory (blocks are immutable
 * and renames atomic).
 */
public final class DiskContentStore implements ContentStore {

    private final Path blocks;
    private final Path pins;
    private final Path tmp;
    private final ContentStore fallback;
    private final UnixFsImporter importer = new UnixFsImporter(ContentStore.importOptions());

    /** A store without fallback. */
    public DiskContentStore(Path root) throws IOException {
        this(root, null);
    }

    /**
     * @param root directory of the store (created if missing)
     * @param fallback where missing blocks are fetched from, or null
     */
    public DiskContentStore(Path root, ContentStore fallback) throws IOException {
        Objects.requireNonNull(root, "root");
        this.blocks = Files.createDirectories(root.resolve("blocks"));
        this.pins = Files.createDirectories(root.resolve("pins"));
        this.tmp = Files.createDirectories(root.resolve("tmp"));
        this.fallback = fallback;
    }

    @Override
    public Cid add(InputStream in) throws IOException {
        Cid root;
        try {
            root = importer.importStream(in, block -> {
                try {
                    putBlock(block.cid(), block.data());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writeAtomically(pinPath(root), new byte[0]);
        return root;
    }

    @Override
    public InputStream cat(Cid root) throws IOException {
        return UnixFsStream.open(root, this::getBlock);
    }

    @Override
    public byte[] getBlock(Cid cid) throws IOException {
        Path path = blockPath(cid);
        byte[] data;
        try {
            if (Files.size(path) > MAX_BLOCK_BYTES) {
                throw new ContentCorruptException(cid, "stored block " + cid + " is larger than any valid block");
            }
            data = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return fetch(cid);
        }
        if (!cid.verify(data)) {
            throw new ContentCorruptException(cid, "stored block " + cid + " does not match its hash (" + path + ")");
        }
        return data;
    }

    private byte[] fetch(Cid cid) throws IOException {
        if (fallback == null) {
            throw new ContentNotFoundException(cid);
        }
        byte[] data = fallback.getBlock(cid);
        putBlock(cid, data); // verifies again: the fallback is not trusted
        return data;
    }

    @Override
    public void putBlock(Cid cid, byte[] data) throws IOException {
        if (data.length > MAX_BLOCK_BYTES) {
            throw new ContentTooLargeException(cid, MAX_BLOCK_BYTES);
        }
        if (!cid.verify(data)) {
            throw new ContentCorruptException(cid, "block does not match its CID " + cid);
        }
        Path path = blockPath(cid);
        if (!Files.exists(path)) {
            writeAtomically(path, data);
        }
    }

    @Override
    public boolean has(Cid cid) {
        return Files.exists(blockPath(cid));
    }

    @Override
    public void pin(Cid root) throws IOException {
        UnixFsStream.walk(root, this::getBlock, cid -> !has(cid), cid -> {});
        writeAtomically(pinPath(root), new byte[0]);
    }

    @Override
    public boolean isPinned(Cid root) {
        return Files.exists(pinPath(root));
    }

    private Path blockPath(Cid cid) {
        String name = cid.toV1().toString();
        return blocks.resolve(name.substring(name.length() - 3, name.length() - 1)).resolve(name);
    }

    private Path pinPath(Cid cid) {
        return pins.resolve(cid.toV1().toString());
    }

    private void writeAtomically(Path target, byte[] data) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(tmp, "put-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(data);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the store's tmp and blocks directories must be on one file system", e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
