package io.pactum.cli.chain;

/** A mined, successful transaction of the client. */
public record Tx(String hash, long block) {}
