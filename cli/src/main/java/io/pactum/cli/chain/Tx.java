package io.pactum.cli.chain;

import io.pactum.chain.client.DirectSender;
import io.pactum.chain.client.Mined;

/** A mined, successful transaction of the client. */
public record Tx(String hash, long block) {
    /** The receipt facts the CLI shows of a transaction {@link DirectSender} saw mined. */
    public static Tx of(Mined m) {
        return new Tx(m.txHash(), m.blockNumber());
    }
}
