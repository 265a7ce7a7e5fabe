package io.pactum.cli.client;

/** The steps of {@link JobClient#run}, in order; each is announced once to the {@link JobListener}. */
public enum JobPhase {
    /** Module, inputs and job spec uploaded to the node's content store. */
    UPLOADED,
    /** The vault free balance covers price and collateral (a deposit was made if needed). */
    FUNDED,
    /** The signed job offer is in the solver's order book. */
    OFFER_POSTED,
    /** The solver proposed a deal with a node; the client checked and signed it. */
    MATCHED,
    /** Both sides' collateral is locked on chain ({@code DealAgreed}). */
    AGREED,
    /** The node posted its result CID and fuel ({@code ResultPosted}). */
    RESULT_POSTED,
    /** The outcome record and stdout were fetched and verified by hash. */
    OUTPUT_FETCHED,
    /** The client accepted: node paid, network fee taken, client refunded ({@code DealAccepted}). */
    ACCEPTED
}
