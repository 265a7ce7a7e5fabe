package io.pactum.solver.config;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.eip712.Eip712Domain;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import java.util.Optional;

/** Resolves the typed configuration into the immutable {@link Settings} once. */
public class SettingsProducer {

    @Produces
    @Singleton
    Settings settings(ChainConfig chain, SolverConfig solver) {
        return resolve(chain, solver);
    }

    static Settings resolve(ChainConfig chain, SolverConfig solver) {
        Optional<Deployment> deployment = chain.deploymentFile().map(f -> Deployment.read(Path.of(f)));
        long chainId = chain.chainId()
                .or(() -> deployment.map(Deployment::chainId))
                .orElseThrow(() -> new IllegalStateException(
                        "set pactum.chain.chain-id or pactum.chain.deployment-file"));
        String dm = chain.dealManager()
                .or(() -> deployment.map(Deployment::dealManager))
                .orElseThrow(() -> new IllegalStateException(
                        "set pactum.chain.deal-manager or pactum.chain.deployment-file"));
        deployment.ifPresent(d -> {
            if (d.chainId() != chainId) {
                throw new IllegalStateException("pactum.chain.chain-id " + chainId
                        + " disagrees with the deployment file's chainId " + d.chainId());
            }
        });
        Address dealManager;
        try {
            dealManager = Address.parse(dm);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("pactum.chain.deal-manager: " + e.getMessage(), e);
        }
        Optional<Address> didRegistry = chain.didRegistry().or(() -> deployment.flatMap(Deployment::didRegistry))
                .map(a -> {
                    try {
                        return Address.parse(a);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalStateException("pactum.chain.did-registry: " + e.getMessage(), e);
                    }
                });
        long startBlock = chain.startBlock().or(() -> deployment.map(Deployment::deployBlock)).orElse(0L);
        return new Settings(
                chainId,
                dealManager,
                Eip712Domain.pactum(chainId, dealManager),
                solver.agreeWindow().toSeconds(),
                solver.proposalTtl().toSeconds(),
                solver.maxBodyBytes(),
                solver.matchBatch(),
                startBlock,
                didRegistry);
    }
}
