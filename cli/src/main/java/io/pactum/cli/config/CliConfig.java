package io.pactum.cli.config;

import io.pactum.cli.CliException;
import io.pactum.protocol.crypto.Address;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything the client needs to reach a Pactum network, resolved once from the profile file,
 * the environment and the command line ({@link ConfigLoader}). Immutable; holds no key material
 * (the key is loaded on demand by {@link KeySource}). Components are null when not configured;
 * the {@code require...} accessors turn a missing setting into a usage error naming where to set
 * it, so read-only commands work with a partial profile.
 *
 * @param rpcUrls the chain's JSON-RPC endpoints, most preferred first (several: failover, W8);
 *     empty when not configured
 * @param chainId the chain id the profile was made for (checked against the node; EIP-155)
 * @param deployment the protocol contracts
 * @param solverUrl the solver's REST base URL
 * @param ipfsUrl the compute node's Kubo-compatible API base URL
 * @param key where the signing key comes from
 * @param source the profile file that was read, if any
 * @param mediators the mediators job offers name when the command gives none (profile key
 *     {@code mediators}; the devnet writes its mediator there)
 */
public record CliConfig(
        List<URI> rpcUrls,
        Long chainId,
        Deployment deployment,
        URI solverUrl,
        URI ipfsUrl,
        KeySource key,
        Optional<Path> source,
        List<Address> mediators) {

    public CliConfig {
        rpcUrls = rpcUrls == null ? List.of() : List.copyOf(rpcUrls);
        mediators = mediators == null ? List.of() : List.copyOf(mediators);
    }

    public CliConfig(List<URI> rpcUrls, Long chainId, Deployment deployment, URI solverUrl, URI ipfsUrl, KeySource key,
            Optional<Path> source) {
        this(rpcUrls, chainId, deployment, solverUrl, ipfsUrl, key, source, List.of());
    }

    /**
     * The three protocol contracts of one deployment, and the block it was deployed at (where
     * event queries start; 0 when unknown); the registries ({@code cidRegistry, didRegistry,
     * soulRegistry}) when the deployment has them (null otherwise).
     */
    public record Deployment(Address token, Address vault, Address dealManager, long deployBlock, Address cidRegistry,
            Address didRegistry, Address soulRegistry) {
        public Deployment(Address token, Address vault, Address dealManager, long deployBlock) {
            this(token, vault, dealManager, deployBlock, null, null, null);
        }

        /** The registry named {@code field} ("cidRegistry", ...), or a usage error saying the deployment lacks it. */
        public Address requireRegistry(String field) {
            Address a = switch (field) {
                case "cidRegistry" -> cidRegistry;
                case "didRegistry" -> didRegistry;
                case "soulRegistry" -> soulRegistry;
                default -> throw new IllegalArgumentException(field);
            };
            if (a == null) {
                throw CliException.usage("the deployment has no \"" + field + "\" (redeploy with the current "
                        + "Deploy.s.sol or set PACTUM_" + field.replaceAll("([A-Z])", "_$1").toUpperCase() + ")");
            }
            return a;
        }
    }

    /** The endpoints as {@code ChainConnection.open} takes them: one URL, or several comma-separated. */
    public String requireRpcUrl() {
        return require(rpcUrls.isEmpty() ? null : rpcUrls.stream().map(URI::toString).collect(Collectors.joining(",")),
                "rpcUrl", "PACTUM_RPC_URL", "--rpc-url");
    }

    public Deployment requireDeployment() {
        return require(deployment, "deployment", "PACTUM_TOKEN, PACTUM_VAULT, PACTUM_DEAL_MANAGER", null);
    }

    public URI requireSolverUrl() {
        return require(solverUrl, "solverUrl", "PACTUM_SOLVER_URL", "--solver-url");
    }

    public URI requireIpfsUrl() {
        return require(ipfsUrl, "ipfsUrl", "PACTUM_IPFS_URL", "--ipfs-url");
    }

    private <T> T require(T value, String field, String env, String flag) {
        if (value == null) {
            throw CliException.usage("no " + field + " configured: set \"" + field + "\" in the profile ("
                    + source.map(Path::toString).orElse("--config <file>") + "), " + env
                    + (flag == null ? "" : " or " + flag));
        }
        return value;
    }
}
