package io.pactum.protocol.bench;

import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.cid.TestData;
import io.pactum.protocol.cid.UnixFsImporter;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Keccak;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.crypto.Signatures;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.DealFixtures;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Hot paths of the protocol module. Run (from {@code protocol/}, a short run):
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test-cp.txt) org.openjdk.jmh.Main \
 *     io.pactum.protocol.bench -f 1 -wi 2 -w 1s -i 3 -r 2s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ProtocolBenchmark {
    private final byte[] input64 = TestData.pseudoRandom(64, 64);
    private final byte[] data64MiB = TestData.pseudoRandom(6464, 64 * TestData.MIB);
    private final UnixFsImporter importer = new UnixFsImporter(UnixFsImporter.Options.pactumDefault());
    private Deal deal;
    private byte[] digest;
    private Signature signature;

    @Setup
    public void setup() {
        deal = DealFixtures.deal();
        digest = deal.digest(DealFixtures.DOMAIN);
        signature = deal.sign(DealFixtures.CLIENT_KEY, DealFixtures.DOMAIN);
    }

    @Benchmark
    public byte[] keccak64Bytes() {
        return Keccak.keccak256(input64);
    }

    @Benchmark
    public Signature dealStructHashAndSign() {
        return deal.sign(DealFixtures.CLIENT_KEY, DealFixtures.DOMAIN);
    }

    @Benchmark
    public Address recover() {
        return Signatures.recover(digest, signature);
    }

    /** Ops/s of importing 64 MiB (1 MiB raw leaves, CIDv1); multiply by 64 for MiB/s. */
    @Benchmark
    public Cid unixFsImport64MiB() {
        return importer.cidOf(data64MiB);
    }
}
