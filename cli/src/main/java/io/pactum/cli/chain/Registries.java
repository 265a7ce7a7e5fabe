package io.pactum.cli.chain;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.did.Delegation;
import io.pactum.protocol.did.Did;
import io.pactum.protocol.did.DidState;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The registries (CidRegistry, DIDRegistry, SoulRegistry) as the {@code pactum did|soul|cid}
 * commands use them: reads, and the configured key's own transactions, each waited for until
 * mined. A revert is a {@code CliException} (exit 1) with the decoded protocol error.
 */
public interface Registries extends AutoCloseable {
    long chainId();

    /** The account transactions are sent from (the configured key); a usage error without a key. */
    Address account();

    /** Signs {@code digest} with the configured key (65-byte r ‖ s ‖ v). */
    byte[] sign(Bytes32 digest);

    /** The DIDRegistry's address (its EIP-712 domain's verifying contract). */
    Address didRegistry();

    // ------------------------------------------------------------------ DIDs

    Optional<DidState> did(Did did);

    Tx didCreate(int capabilities);

    Tx didSetMethod(Address did, Address account, int purposes);

    Tx didRegisterDelegation(Delegation d, byte[] signature);

    Tx didRevoke(Bytes32 delegationId);

    Tx didChangeController(Address did, Address controller);

    Tx didSetCapabilities(Address did, int capabilities);

    Tx didRemoveMethod(Address did, Address account);

    /** Sets the service endpoint; {@code ""} clears it. */
    Tx didSetService(Address did, String endpoint);

    Tx didBumpDelegationEpoch(Address did);

    /** A delegation as stored, with whether its whole chain is valid now; empty for an unknown id. */
    Optional<DelegationView> delegation(Bytes32 id);

    record DelegationView(Address root, int depth, boolean revoked, int capabilities, Address issuer, Address delegate,
            long expiry, Bytes32 parent, boolean valid) {}

    // ------------------------------------------------------------------ souls

    record SoulView(BigInteger id, Address owner, long recoveryNonce, List<Address> guardians, int threshold,
            byte[] backupCid, long createdAt, String recoveryState, Address pendingOwner, long readyAt) {}

    /** The soul, empty when there is none with that id. */
    Optional<SoulView> soul(BigInteger id);

    /** The soul {@code owner} owns, 0 when none. */
    BigInteger soulOf(Address owner);

    /** Creates the key's soul; returns the transaction and the new soul's id. */
    Created soulCreate(byte[] backupCid, List<Address> guardians);

    record Created(Tx tx, BigInteger soulId) {}

    /** Approves recovering {@code id} to {@code newOwner} under {@code nonce}; whether that scheduled it. */
    Approved soulApprove(BigInteger id, Address newOwner, long nonce);

    record Approved(Tx tx, boolean scheduled, long readyAt) {}

    Tx soulExecuteRecovery(BigInteger id);

    Tx soulCancelRecovery(BigInteger id);

    Tx soulSetBackupCid(BigInteger id, byte[] backupCid);

    Tx soulTransfer(BigInteger id, Address newOwner);

    Tx soulProposeGuardians(BigInteger id, List<Address> guardians);

    Tx soulExecuteGuardians(BigInteger id);

    Tx soulCancelGuardians(BigInteger id);

    /** The proposed guardian set of soul {@code id}; empty when none is pending. */
    Optional<PendingGuardiansView> soulPendingGuardians(BigInteger id);

    record PendingGuardiansView(List<Address> guardians, long readyAt) {}

    // ------------------------------------------------------------------ CIDs

    Tx cidAnchor(byte[] cid, Bytes32 contentHash, int kind);

    /** Anchors several CIDs in one transaction (all or nothing); the three lists have equal lengths. */
    Tx cidAnchorBatch(List<byte[]> cids, List<Bytes32> contentHashes, List<Integer> kinds);

    /** {@code owner}'s anchor of {@code cid}; empty when none. */
    Optional<AnchorView> cidAnchorOf(byte[] cid, Address owner);

    record AnchorView(int kind, long anchoredAt, long codec, long hashFunction) {}

    /** The chain's latest block time. */
    long chainTime();

    @Override
    default void close() {}
}
