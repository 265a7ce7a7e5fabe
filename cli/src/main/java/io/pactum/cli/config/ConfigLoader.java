package io.pactum.cli.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.cli.CliException;
import io.pactum.protocol.crypto.Address;
import java.io.Console;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Resolves a {@link CliConfig}. Each setting comes from, in order of precedence: a command-line
 * flag, an environment variable ({@code PACTUM_*}), the profile file. The profile file is
 * {@code --config}, else {@code PACTUM_CONFIG}, else {@code .pactum/devnet/cli.json} in the
 * current directory or the nearest ancestor that has one (the devnet launcher writes it at the
 * repository root).
 *
 * <p>Profile format (unknown fields are rejected):
 *
 * <pre>{@code
 * {
 *   "rpcUrl": "http://127.0.0.1:8545",   // or several, comma-separated, most preferred first (failover)
 *   "chainId": 31337,
 *   "deployment": {"token": "0x…", "vault": "0x…", "dealManager": "0x…", "deployBlock": 0},
 *                 // or the path of the JSON Deploy.s.sol wrote (relative to this file)
 *   "solverUrl": "http://127.0.0.1:8081",
 *   "ipfsUrl": "http://127.0.0.1:8082",
 *   "key": "0x…",              // development only: a plain private key
 *   "keystore": "path/to/keystore.json"   // production: encrypted JSON keystore (relative to the file)
 * }
 * }</pre>
 *
 * Environment: {@code PACTUM_CONFIG, PACTUM_RPC_URL, PACTUM_CHAIN_ID, PACTUM_TOKEN, PACTUM_VAULT,
 * PACTUM_DEAL_MANAGER, PACTUM_SOLVER_URL, PACTUM_IPFS_URL, PACTUM_KEY, PACTUM_KEYSTORE,
 * PACTUM_KEYSTORE_PASSWORD}.
 */
public final class ConfigLoader {
    public static final Path DEFAULT_PROFILE = Path.of(".pactum", "devnet", "cli.json");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Values given on the command line; null when not given. */
    public record Overrides(Path config, String rpcUrl, String solverUrl, String ipfsUrl, Path keystore) {
        public static Overrides none() {
            return new Overrides(null, null, null, null, null);
        }
    }

    /** The profile file as written on disk. */
    record Profile(
            @JsonProperty("rpcUrl") String rpcUrl,
            @JsonProperty("chainId") Long chainId,
            @JsonProperty("deployment") JsonNode deployment,
            @JsonProperty("solverUrl") String solverUrl,
            @JsonProperty("ipfsUrl") String ipfsUrl,
            @JsonProperty("key") String key,
            @JsonProperty("keystore") String keystore,
            @JsonProperty("mediators") List<String> mediators) {
        static final Profile EMPTY = new Profile(null, null, null, null, null, null, null, null);
    }

    /** A deployment: the object Deploy.s.sol writes (its extra fields are accepted). */
    // Written by contracts/script/Deploy.s.sol, which gains a key with every contract: the CLI reads
    // the addresses it uses and ignores the rest (the profile's own keys stay strict).
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProfileDeployment(
            @JsonProperty("token") String token,
            @JsonProperty("vault") String vault,
            @JsonProperty("dealManager") String dealManager,
            @JsonProperty("deployBlock") Long deployBlock,
            @JsonProperty("cidRegistry") String cidRegistry,
            @JsonProperty("didRegistry") String didRegistry,
            @JsonProperty("soulRegistry") String soulRegistry) {}

    private final Map<String, String> env;
    private final Path workingDir;
    private final Supplier<Console> console;

    public ConfigLoader(Map<String, String> env, Path workingDir, Supplier<Console> console) {
        this.env = env;
        this.workingDir = workingDir.toAbsolutePath().normalize();
        this.console = console;
    }

    /** The loader of the running process (real environment, cwd, console). */
    public static ConfigLoader system() {
        return new ConfigLoader(System.getenv(), Path.of(""), System::console);
    }

    public CliConfig load(Overrides o) {
        Optional<Path> file = profilePath(o);
        Profile p = file.map(ConfigLoader::read).orElse(Profile.EMPTY);
        Path base = file.map(f -> f.toAbsolutePath().getParent()).orElse(workingDir);

        List<URI> rpc = uris("rpcUrl", first(o.rpcUrl(), env.get("PACTUM_RPC_URL"), p.rpcUrl()));
        URI solver = uri("solverUrl", first(o.solverUrl(), env.get("PACTUM_SOLVER_URL"), p.solverUrl()));
        URI ipfs = uri("ipfsUrl", first(o.ipfsUrl(), env.get("PACTUM_IPFS_URL"), p.ipfsUrl()));
        Long chainId = p.chainId();
        String chainIdEnv = env.get("PACTUM_CHAIN_ID");
        if (chainIdEnv != null) {
            try {
                chainId = Long.parseLong(chainIdEnv.trim());
            } catch (NumberFormatException e) {
                throw CliException.usage("PACTUM_CHAIN_ID is not a number: " + chainIdEnv);
            }
        }
        if (chainId != null && chainId <= 0) {
            throw CliException.usage("chainId must be positive, got " + chainId);
        }

        ProfileDeployment d = deployment(p.deployment(), base, file);
        String token = first(env.get("PACTUM_TOKEN"), d == null ? null : d.token());
        String vault = first(env.get("PACTUM_VAULT"), d == null ? null : d.vault());
        String dm = first(env.get("PACTUM_DEAL_MANAGER"), d == null ? null : d.dealManager());
        CliConfig.Deployment deployment = null;
        if (token != null || vault != null || dm != null) {
            deployment = new CliConfig.Deployment(
                    address("deployment.token", token), address("deployment.vault", vault),
                    address("deployment.dealManager", dm),
                    d == null || d.deployBlock() == null ? 0 : d.deployBlock(),
                    optionalAddress("deployment.cidRegistry",
                            first(env.get("PACTUM_CID_REGISTRY"), d == null ? null : d.cidRegistry())),
                    optionalAddress("deployment.didRegistry",
                            first(env.get("PACTUM_DID_REGISTRY"), d == null ? null : d.didRegistry())),
                    optionalAddress("deployment.soulRegistry",
                            first(env.get("PACTUM_SOUL_REGISTRY"), d == null ? null : d.soulRegistry())));
        }

        KeySource key;
        String keystore = o.keystore() != null ? o.keystore().toString() : first(env.get("PACTUM_KEYSTORE"), null);
        if (keystore != null) {
            key = new KeySource.Keystore(workingDir.resolve(keystore), env, console);
        } else if (env.get("PACTUM_KEY") != null) {
            key = new KeySource.HexKey(env.get("PACTUM_KEY").trim());
        } else if (p.keystore() != null) {
            key = new KeySource.Keystore(base.resolve(p.keystore()), env, console);
        } else if (p.key() != null) {
            key = new KeySource.HexKey(p.key().trim());
        } else {
            key = new KeySource.None();
        }
        List<Address> mediators = new ArrayList<>();
        if (p.mediators() != null) {
            for (int i = 0; i < p.mediators().size(); i++) {
                mediators.add(address("mediators[" + i + "]", p.mediators().get(i)));
            }
        }
        return new CliConfig(rpc, chainId, deployment, solver, ipfs, key, file, mediators);
    }

    private Optional<Path> profilePath(Overrides o) {
        if (o.config() != null) {
            Path f = workingDir.resolve(o.config());
            if (!Files.isRegularFile(f)) {
                throw CliException.usage("config file not found: " + o.config());
            }
            return Optional.of(f);
        }
        String fromEnv = env.get("PACTUM_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path f = workingDir.resolve(fromEnv);
            if (!Files.isRegularFile(f)) {
                throw CliException.usage("config file not found (PACTUM_CONFIG): " + fromEnv);
            }
            return Optional.of(f);
        }
        for (Path dir = workingDir; dir != null; dir = dir.getParent()) {
            Path f = dir.resolve(DEFAULT_PROFILE);
            if (Files.isRegularFile(f)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static ProfileDeployment deployment(JsonNode node, Path base, Optional<Path> file) {
        if (node == null || node.isNull()) {
            return null;
        }
        String where = "config " + file.map(Path::toString).orElse("") + ": deployment";
        try {
            if (node.isTextual()) {
                Path f = base.resolve(node.asText());
                if (!Files.isRegularFile(f)) {
                    throw CliException.usage(where + " file not found: " + f);
                }
                return JSON.readValue(Files.readAllBytes(f), ProfileDeployment.class);
            }
            return JSON.treeToValue(node, ProfileDeployment.class);
        } catch (UnrecognizedPropertyException e) {
            throw CliException.usage(where + ": unknown field \"" + e.getPropertyName() + "\"");
        } catch (IOException e) {
            throw CliException.usage(where + " is not valid: " + firstLine(message(e)));
        }
    }

    static Profile read(Path file) {
        try {
            return JSON.readValue(Files.readAllBytes(file), Profile.class);
        } catch (UnrecognizedPropertyException e) {
            throw CliException.usage("config " + file + ": unknown field \"" + e.getPropertyName() + "\"");
        } catch (IOException e) {
            throw CliException.usage("config " + file + " is not valid JSON: " + firstLine(message(e)));
        }
    }

    private static String message(IOException e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : String.valueOf(e.getMessage());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** One http(s) URL or a comma-separated list of them ({@link ChainConnection#urls}); empty when not set. */
    private static List<URI> uris(String name, String value) {
        if (value == null) {
            return List.of();
        }
        try {
            return ChainConnection.urls(value).stream().map(URI::create).toList();
        } catch (IllegalArgumentException e) {
            throw CliException.usage(name + ": " + e.getMessage());
        }
    }

    private static URI uri(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            URI u = URI.create(value.trim());
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw CliException.usage(name + " is not an http(s) URL: " + value);
        }
    }

    private static Address address(String name, String value) {
        if (value == null) {
            throw CliException.usage(name + " is missing from the configuration");
        }
        try {
            return Address.parse(value.trim());
        } catch (IllegalArgumentException e) {
            throw CliException.usage(name + ": " + e.getMessage());
        }
    }

    private static Address optionalAddress(String name, String value) {
        return value == null ? null : address(name, value);
    }
}
