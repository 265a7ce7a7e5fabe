package io.pactum.cli.chain;

import io.pactum.chain.client.DirectSender;
import io.pactum.chain.client.Mined;
import io.pactum.chain.client.TxFailedException;
import io.pactum.chain.registry.CidRegistryGateway;
import io.pactum.chain.registry.DidRegistryGateway;
import io.pactum.chain.registry.SoulRegistryGateway;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.cli.CliException;
import io.pactum.cli.config.CliConfig;
import io.pactum.cli.config.Signer;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.did.Delegation;
import io.pactum.protocol.did.Did;
import io.pactum.protocol.did.DidState;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@link Registries} on the chain module's registry gateways; writes through a {@link DirectSender}
 * like {@link LiveChain}. Each registry address comes from the profile's deployment and is only
 * required by the commands that use it.
 */
public final class LiveRegistries implements Registries {
    private final ChainConnection chain;
    private final CliConfig.Deployment deployment;
    private final Signer signer; // null: read-only
    private final DirectSender sender;

    private LiveRegistries(ChainConnection chain, CliConfig.Deployment deployment, Signer signer) {
        this.chain = chain;
        this.deployment = deployment;
        this.signer = signer;
        this.sender = signer == null ? null : new DirectSender(chain, signer.key(), Duration.ofMinutes(2));
    }

    /** Connects to the profile's chain; {@code signer} may be null for read-only use. */
    public static LiveRegistries open(CliConfig config, Signer signer) {
        String url = config.requireRpcUrl();
        CliConfig.Deployment deployment = config.requireDeployment();
        try {
            return new LiveRegistries(ChainConnection.open(url, config.chainId()), deployment, signer);
        } catch (IllegalStateException e) { // chain id mismatch
            throw CliException.usage("wrong chain at " + url + ": " + e.getMessage());
        } catch (IOException e) {
            throw CliException.failure("cannot reach the chain at " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long chainId() {
        return chain.chainId();
    }

    @Override
    public Address account() {
        if (signer == null) {
            throw CliException.usage("this command needs a key (see --keystore or the profile's \"key\")");
        }
        return signer.address();
    }

    @Override
    public byte[] sign(Bytes32 digest) {
        account();
        return signer.key().sign(digest.toArray()).toBytes();
    }

    @Override
    public Address didRegistry() {
        return deployment.requireRegistry("didRegistry");
    }

    private DidRegistryGateway dids() {
        return new DidRegistryGateway(chain, didRegistry(), chain.chainId());
    }

    private SoulRegistryGateway souls() {
        return new SoulRegistryGateway(chain, deployment.requireRegistry("soulRegistry"));
    }

    private CidRegistryGateway cids() {
        return new CidRegistryGateway(chain, deployment.requireRegistry("cidRegistry"));
    }

    // ------------------------------------------------------------------ DIDs

    @Override
    public Optional<DidState> did(Did did) {
        DidRegistryGateway g = dids();
        return read("identity on the DIDRegistry " + g.address(), () -> g.read(did));
    }

    @Override
    public Tx didCreate(int capabilities) {
        return Tx.of(send("create", didRegistry(), DidRegistryGateway.create(capabilities)));
    }

    @Override
    public Tx didSetMethod(Address did, Address account, int purposes) {
        return Tx.of(send("setMethod", didRegistry(), DidRegistryGateway.setMethod(did, account, purposes)));
    }

    @Override
    public Tx didRegisterDelegation(Delegation d, byte[] signature) {
        return Tx.of(send("registerDelegation", didRegistry(), DidRegistryGateway.registerDelegation(d, signature)));
    }

    @Override
    public Tx didRevoke(Bytes32 delegationId) {
        return Tx.of(send("revokeDelegation", didRegistry(), DidRegistryGateway.revokeDelegation(delegationId)));
    }

    @Override
    public Tx didChangeController(Address did, Address controller) {
        return Tx.of(send("changeController", didRegistry(), DidRegistryGateway.changeController(did, controller)));
    }

    @Override
    public Tx didSetCapabilities(Address did, int capabilities) {
        return Tx.of(send("setCapabilities", didRegistry(), DidRegistryGateway.setCapabilities(did, capabilities)));
    }

    @Override
    public Tx didRemoveMethod(Address did, Address account) {
        return Tx.of(send("removeMethod", didRegistry(), DidRegistryGateway.removeMethod(did, account)));
    }

    @Override
    public Tx didSetService(Address did, String endpoint) {
        return Tx.of(send("setService", didRegistry(), DidRegistryGateway.setService(did, endpoint)));
    }

    @Override
    public Tx didBumpDelegationEpoch(Address did) {
        return Tx.of(send("bumpDelegationEpoch", didRegistry(), DidRegistryGateway.bumpDelegationEpoch(did)));
    }

    @Override
    public Optional<DelegationView> delegation(Bytes32 id) {
        DidRegistryGateway g = dids();
        DidRegistryGateway.DelegationRecord r = read("delegation on the DIDRegistry " + g.address(), () -> g.delegation(id));
        if (r.depth() == 0) {
            return Optional.empty();
        }
        boolean valid = read("isDelegationValid on the DIDRegistry " + g.address(), () -> g.isDelegationValid(id));
        return Optional.of(new DelegationView(r.root(), r.depth(), r.revoked(), r.capabilities(), r.issuer(), r.delegate(),
                r.expiry(), r.parent(), valid));
    }

    // ------------------------------------------------------------------ souls

    @Override
    public Optional<SoulView> soul(BigInteger id) {
        SoulRegistryGateway g = souls();
        String where = "the SoulRegistry " + g.address();
        SoulRegistryGateway.Soul s = read("soul on " + where, () -> g.soul(id));
        if (!s.exists()) {
            return Optional.empty();
        }
        List<Address> guardians = read("guardians on " + where, () -> g.guardians(id));
        byte[] cid = read("backupCid on " + where, () -> g.backupCid(id));
        SoulRegistryGateway.RecoveryState state = read("recoveryState on " + where, () -> g.recoveryState(id));
        SoulRegistryGateway.PendingRecovery p = read("pendingRecovery on " + where, () -> g.pendingRecovery(id));
        boolean pending = state != SoulRegistryGateway.RecoveryState.NONE;
        return Optional.of(new SoulView(id, s.owner(), s.recoveryNonce(), guardians,
                SoulRegistryGateway.threshold(guardians.size()), cid, s.createdAt(), state.name().toLowerCase(),
                pending ? p.newOwner() : null, pending ? p.readyAt() : 0));
    }

    @Override
    public BigInteger soulOf(Address owner) {
        SoulRegistryGateway g = souls();
        return read("soulOf on the SoulRegistry " + g.address(), () -> g.soulOf(owner));
    }

    @Override
    public Created soulCreate(byte[] backupCid, List<Address> guardians) {
        SoulRegistryGateway g = souls();
        Mined m = send("create", g.address(), SoulRegistryGateway.create(backupCid, guardians));
        BigInteger id = g.createdSoulId(m.receipt()).orElseThrow(() -> CliException.failure(
                "create was mined (tx " + m.txHash() + ") but emitted no SoulCreated event"));
        return new Created(Tx.of(m), id);
    }

    @Override
    public Approved soulApprove(BigInteger id, Address newOwner, long nonce) {
        SoulRegistryGateway g = souls();
        Mined m = send("approveRecovery", g.address(), SoulRegistryGateway.approveRecovery(id, newOwner, nonce));
        Optional<SoulRegistryGateway.PendingRecovery> s = g.scheduled(m.receipt());
        return new Approved(Tx.of(m), s.isPresent(), s.map(SoulRegistryGateway.PendingRecovery::readyAt).orElse(0L));
    }

    @Override
    public Tx soulExecuteRecovery(BigInteger id) {
        return Tx.of(send("executeRecovery", souls().address(), SoulRegistryGateway.executeRecovery(id)));
    }

    @Override
    public Tx soulCancelRecovery(BigInteger id) {
        return Tx.of(send("cancelRecovery", souls().address(), SoulRegistryGateway.cancelRecovery(id)));
    }

    @Override
    public Tx soulSetBackupCid(BigInteger id, byte[] backupCid) {
        return Tx.of(send("setBackupCid", souls().address(), SoulRegistryGateway.setBackupCid(id, backupCid)));
    }

    @Override
    public Tx soulTransfer(BigInteger id, Address newOwner) {
        return Tx.of(send("transfer", souls().address(), SoulRegistryGateway.transfer(id, newOwner)));
    }

    @Override
    public Tx soulProposeGuardians(BigInteger id, List<Address> guardians) {
        return Tx.of(send("proposeGuardians", souls().address(), SoulRegistryGateway.proposeGuardians(id, guardians)));
    }

    @Override
    public Tx soulExecuteGuardians(BigInteger id) {
        return Tx.of(send("executeGuardians", souls().address(), SoulRegistryGateway.executeGuardians(id)));
    }

    @Override
    public Tx soulCancelGuardians(BigInteger id) {
        return Tx.of(send("cancelGuardians", souls().address(), SoulRegistryGateway.cancelGuardians(id)));
    }

    @Override
    public Optional<PendingGuardiansView> soulPendingGuardians(BigInteger id) {
        SoulRegistryGateway g = souls();
        SoulRegistryGateway.PendingGuardians p = read("pendingGuardians on the SoulRegistry " + g.address(),
                () -> g.pendingGuardians(id));
        return p.readyAt() == 0 ? Optional.empty() : Optional.of(new PendingGuardiansView(p.guardians(), p.readyAt()));
    }

    // ------------------------------------------------------------------ CIDs

    @Override
    public Tx cidAnchor(byte[] cid, Bytes32 contentHash, int kind) {
        return Tx.of(send("anchor", cids().address(), CidRegistryGateway.anchor(cid, contentHash, kind)));
    }

    @Override
    public Tx cidAnchorBatch(List<byte[]> cids, List<Bytes32> contentHashes, List<Integer> kinds) {
        return Tx.of(send("anchorBatch", cids().address(), CidRegistryGateway.anchorBatch(cids, contentHashes, kinds)));
    }

    @Override
    public Optional<AnchorView> cidAnchorOf(byte[] cid, Address owner) {
        CidRegistryGateway g = cids();
        CidRegistryGateway.Anchor a = read("anchorOf on the CidRegistry " + g.address(),
                () -> g.anchorOf(CidRegistryGateway.cidKey(cid), owner));
        return a.exists() ? Optional.of(new AnchorView(a.kind(), a.anchoredAt(), a.codec(), a.hashFunction()))
                : Optional.empty();
    }

    @Override
    public long chainTime() {
        return read("latest block", () -> chain.latestHeader().getTimestamp().longValueExact());
    }

    // ------------------------------------------------------------------ helpers

    private interface Read<T> {
        T get() throws IOException;
    }

    private static <T> T read(String what, Read<T> read) {
        try {
            return read.get();
        } catch (IOException e) {
            throw CliException.failure(what + " failed: " + DirectSender.describe(e), e);
        }
    }

    private Mined send(String what, Address to, byte[] calldata) {
        account();
        try {
            return sender.send(what, to, calldata);
        } catch (TxFailedException e) {
            throw CliException.failure(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        chain.close();
    }
}
