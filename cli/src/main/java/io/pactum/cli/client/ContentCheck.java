package io.pactum.cli.client;

import io.pactum.cli.CliException;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.cid.UnixFsImporter;

/**
 * Verification by hash of what the client sends and receives: the CID of a byte string is
 * recomputed locally (UnixFS, CIDv1, raw leaves, 1 MiB chunks: what Pactum asks Kubo for) and must
 * equal the CID the store announced or the one the deal names.
 */
public final class ContentCheck {
    private static final UnixFsImporter IMPORTER = new UnixFsImporter(UnixFsImporter.Options.pactumDefault());

    private ContentCheck() {}

    public static Cid cidOf(byte[] bytes) {
        return IMPORTER.cidOf(bytes);
    }

    /** Adds and checks the store answered with the locally computed CID. */
    public static Cid addVerified(Content content, String name, byte[] bytes) {
        Cid expected = cidOf(bytes);
        Cid got = content.add(name, bytes);
        if (!got.equals(expected)) {
            throw CliException.failure("the content store stored " + name + " as " + got + ", expected " + expected
                    + " (does it use cid-version=1, raw-leaves and 1 MiB chunks?)");
        }
        return got;
    }

    /** Fetches and checks the bytes hash to {@code cid}. */
    public static byte[] catVerified(Content content, Cid cid, String what) {
        byte[] bytes = content.cat(cid);
        if (cid.codec() == Cid.RAW ? !cid.verify(bytes) : !cidOf(bytes).equals(cid.toV1())) {
            throw CliException.failure("the " + what + " fetched for " + cid + " does not hash to that CID");
        }
        return bytes;
    }
}
