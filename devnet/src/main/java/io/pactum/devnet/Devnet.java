package io.pactum.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.pactum.chain.mediation.MediationCourtGateway;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.protocol.crypto.Address;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole Pactum network on loopback: anvil (block time 1 s), the contracts deployed by the
 * Foundry script, one embedded PostgreSQL with a database per service, the solver (also the
 * keeper), a compute node and a mediator as separate JVMs, and funded demo accounts. Everything lives under {@code .pactum/devnet}
 * (or the state folder given) and is stopped by {@link #close()}.
 */
public final class Devnet implements AutoCloseable {
  /** anvil's well-known development keys; never use them anywhere else. */
  public static final String DEPLOYER_KEY =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
  public static final String CLIENT_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
  public static final String NODE_KEY =
      "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
  public static final String SOLVER_KEY =
      "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";
  public static final String MEDIATOR_ADDRESS = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
  public static final String MEDIATOR_KEY =
      "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a";
  /** The mediator's bond: the court's minimum (Deploy.s.sol default, 100 PACT). */
  public static final String MEDIATOR_BOND = "100000000000000000000";
  /**
   * The mediators of appeal panels (anvil dev keys #6 and #7): services {@code mediator-2} and
   * {@code mediator-3}, started on demand by {@link #startPanelMediators()}.
   */
  public static final List<String> PANEL_MEDIATOR_KEYS = List.of(
      "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
      "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356");
  /** A mediator key no service runs (anvil dev key #5): a test votes with it by hand (a bought vote). */
  public static final String HAND_MEDIATOR_KEY =
      "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba";
  public static final String CLIENT_ADDRESS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
  public static final String NODE_ADDRESS = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

  private static final BigInteger ONE_TOKEN = BigInteger.TEN.pow(18);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final Path state;
  private final PrintStream status;
  private final Ports ports;
  private ManagedProcess anvil;
  private EmbeddedPostgres postgres;
  private final Map<String, ManagedProcess> services = new LinkedHashMap<>();
  private JsonNode deployment;
  private volatile boolean cheatingNode;
  private final Map<String, Integer> extraPorts = new LinkedHashMap<>();

  /** The loopback ports of one devnet; {@link #fixed()} for the interactive one. */
  public record Ports(int anvil, int postgres, int solver, int node, int mediator) {
    public static Ports fixed() {
      return new Ports(8545, 15432, 8081, 8082, 8083);
    }

    public static Ports random() {
      return new Ports(freePort(), freePort(), freePort(), freePort(), freePort());
    }
  }

  public Devnet(Path root, Path state, Ports ports, PrintStream status) {
    this.root = root.toAbsolutePath().normalize();
    this.state = state.toAbsolutePath().normalize();
    this.ports = ports;
    this.status = status;
  }

  public Ports ports() {
    return ports;
  }

  /**
   * DEVNET ONLY: whether the compute node posts forged results ({@code pactum demo --cheat}); takes
   * effect at the node's next (re)start.
   */
  public Devnet cheatingNode(boolean on) {
    this.cheatingNode = on;
    return this;
  }

  public boolean cheatingNode() {
    return cheatingNode;
  }

  public String mediatorUrl() {
    return "http://127.0.0.1:" + ports.mediator();
  }

  public Path state() {
    return state;
  }

  public String rpcUrl() {
    return "http://127.0.0.1:" + ports.anvil();
  }

  public String solverUrl() {
    return "http://127.0.0.1:" + ports.solver();
  }

  public String nodeUrl() {
    return "http://127.0.0.1:" + ports.node();
  }

  public JsonNode deployment() {
    return deployment;
  }

  public Path deploymentFile() {
    return state.resolve("deployment.json");
  }

  public Path cliConfigFile() {
    return state.resolve("cli.json");
  }

  /** Starts everything; on failure stops what was started and rethrows. */
  public Devnet start() {
    try {
      cleanState();
      startAnvil();
      deploy();
      startPostgres();
      fundAccounts();
      startService("solver");
      startService("compute-node");
      startService("mediator");
      awaitMediatorRegistered(Duration.ofSeconds(60));
      writeCliConfig();
      status.printf("devnet: ready (anvil %s, solver %s, node %s, mediator %s)%n", rpcUrl(), solverUrl(), nodeUrl(),
          mediatorUrl());
      return this;
    } catch (RuntimeException | IOException | SQLException e) {
      close();
      throw e instanceof DevnetException de ? de : new DevnetException("devnet start failed: " + e.getMessage(), e);
    }
  }

  private void cleanState() throws IOException {
    if (Files.exists(state)) {
      try (var paths = Files.walk(state)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(state.resolve("logs"));
  }

  private void startAnvil() throws IOException {
    status.println("devnet: starting anvil (block time 1 s) on " + rpcUrl());
    anvil =
        ManagedProcess.start(
            "anvil",
            List.of(
                tool("anvil"),
                "--host", "127.0.0.1",
                "--port", Integer.toString(ports.anvil()),
                "--chain-id", "31337",
                "--block-time", "1"),
            state,
            Map.of(),
            state.resolve("logs/anvil.log"));
    anvil.awaitJsonRpc(rpcUrl(), Duration.ofSeconds(30));
  }

  private void deploy() throws IOException {
    status.println("devnet: deploying contracts (contracts/script/Deploy.s.sol)");
    Path contracts = root.resolve("contracts");
    // forge may only write inside contracts/ (fs_permissions): write there, then move it here.
    Path written = contracts.resolve("cache/devnet/deployment-" + ProcessHandle.current().pid()
        + "-" + System.nanoTime() + ".json");
    Files.createDirectories(written.getParent());
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PACTUM_DEPLOYMENT_OUT", written.toString());
    env.put("PRIVATE_KEY", DEPLOYER_KEY);
    run(
        "forge script",
        List.of(
            tool("forge"), "script", "script/Deploy.s.sol:Deploy",
            "--rpc-url", rpcUrl(),
            "--private-key", DEPLOYER_KEY,
            "--broadcast", "--slow", "--skip-simulation"),
        contracts,
        env,
        state.resolve("logs/deploy.log"),
        Duration.ofMinutes(3));
    Files.move(written, deploymentFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    deployment = JSON.readTree(deploymentFile().toFile());
    status.printf(
        "devnet: token %s, vault %s, deal manager %s, mediation court %s%n",
        deployment.path("token").asText(),
        deployment.path("vault").asText(),
        deployment.path("dealManager").asText(),
        deployment.path("mediationCourt").asText());
  }

  private void startPostgres() throws IOException, SQLException {
    status.println("devnet: starting embedded PostgreSQL on 127.0.0.1:" + ports.postgres());
    postgres =
        EmbeddedPostgres.builder()
            .setPort(ports.postgres())
            .setDataDirectory(state.resolve("postgres"))
            .setCleanDataDirectory(true)
            .start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE solver");
      s.execute("CREATE DATABASE node");
      s.execute("CREATE DATABASE mediator");
      s.execute("CREATE DATABASE mediator2");
      s.execute("CREATE DATABASE mediator3");
    }
  }

  private void fundAccounts() {
    String token = deployment.path("token").asText();
    String vault = deployment.path("vault").asText();
    BigInteger thousand = ONE_TOKEN.multiply(BigInteger.valueOf(1000));
    status.println("devnet: minting 1000 PACT to the client and the node; the node deposits 100 into the vault");
    cast(DEPLOYER_KEY, token, "mint(address,uint256)", CLIENT_ADDRESS, thousand.toString());
    cast(DEPLOYER_KEY, token, "mint(address,uint256)", NODE_ADDRESS, thousand.toString());
    BigInteger hundred = ONE_TOKEN.multiply(BigInteger.valueOf(100));
    cast(NODE_KEY, token, "approve(address,uint256)", vault, hundred.toString());
    cast(NODE_KEY, vault, "deposit(address,address,uint256)", token, NODE_ADDRESS, hundred.toString());
    status.println("devnet: minting 1000 PACT to the mediator, which deposits 200 (it bonds 100 itself)");
    cast(DEPLOYER_KEY, token, "mint(address,uint256)", MEDIATOR_ADDRESS, thousand.toString());
    BigInteger twoHundred = hundred.add(hundred);
    cast(MEDIATOR_KEY, token, "approve(address,uint256)", vault, twoHundred.toString());
    cast(MEDIATOR_KEY, vault, "deposit(address,address,uint256)", token, MEDIATOR_ADDRESS, twoHundred.toString());
  }

  /** The mediator registers itself (its bond setting) through its transaction manager: wait for it. */
  private void awaitMediatorRegistered(Duration timeout) throws IOException {
    awaitRegistered(Address.parse(MEDIATOR_ADDRESS), timeout);
  }

  /** Waits until {@code mediator} is eligible in the MediationCourt (its service registers itself). */
  private void awaitRegistered(Address mediator, Duration timeout) throws IOException {
    Address court = Address.parse(deployment.path("mediationCourt").asText());
    try (ChainConnection chain = ChainConnection.open(rpcUrl(), 31337L)) {
      MediationCourtGateway gateway = new MediationCourtGateway(chain, court);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!gateway.isEligible(mediator)) {
        if (System.nanoTime() > deadline) {
          throw new DevnetException("mediator " + mediator + " did not register within " + timeout + "; see "
              + state.resolve("logs"));
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new DevnetException("interrupted", e);
        }
      }
    }
    status.println("devnet: mediator " + mediator + " registered in the MediationCourt " + court);
  }

  private void cast(String key, String to, String signature, String... args) {
    List<String> command = new ArrayList<>(List.of(
        tool("cast"), "send", "--rpc-url", rpcUrl(), "--private-key", key, to, signature));
    command.addAll(List.of(args));
    run("cast send " + signature, command, state, Map.of(), state.resolve("logs/setup.log"), Duration.ofMinutes(1));
  }

  /** Starts (or restarts) one service JVM and waits for its health endpoint. */
  public ManagedProcess startService(String name) throws IOException {
    String module = name.startsWith("mediator") ? "mediator" : name;
    Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new DevnetException(jar + " is missing: build first (./mvnw install -DskipTests)");
    }
    int port = portOf(name);
    String database = databaseOf(name);
    List<String> command = new ArrayList<>(List.of(
        javaBin(), "-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dquarkus.http.host=127.0.0.1",
        "-Dquarkus.http.port=" + port,
        "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/" + database,
        "-Dquarkus.datasource.username=postgres",
        "-Dquarkus.datasource.password=postgres",
        "-Dpactum.chain.rpc-url=" + rpcUrl(),
        "-Dpactum.chain.chain-id=31337"));
    command.addAll(ServiceSettings.forService(name, this));
    command.add("-jar");
    command.add(jar.toString());
    status.println("devnet: starting " + name + " on 127.0.0.1:" + port);
    ManagedProcess process =
        ManagedProcess.start(name, command, state, Map.of(), state.resolve("logs/" + name + ".log"));
    services.put(name, process);
    process.awaitHttp("http://127.0.0.1:" + port + "/q/health/ready", Duration.ofSeconds(120));
    return process;
  }

  /**
   * Drops and recreates a stopped service's database, empty (W6: the service rebuilds what it needs
   * from the chain when it starts again).
   */
  public void recreateDatabase(String service) {
    if (services.containsKey(service) && services.get(service).isAlive()) {
      throw new DevnetException(service + " is running: stop it before its database is dropped");
    }
    String database = databaseOf(service);
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE " + database + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new DevnetException("cannot recreate the database of " + service + ": " + e.getMessage(), e);
    }
    status.println("devnet: database of " + service + " dropped and recreated empty");
  }

  private static String databaseOf(String service) {
    return switch (service) {
      case "solver" -> "solver";
      case "mediator" -> "mediator";
      case "mediator-2" -> "mediator2";
      case "mediator-3" -> "mediator3";
      default -> "node";
    };
  }

  private synchronized int portOf(String service) {
    return switch (service) {
      case "solver" -> ports.solver();
      case "mediator" -> ports.mediator();
      case "compute-node" -> ports.node();
      default -> extraPorts.computeIfAbsent(service, n -> freePort());
    };
  }

  /** Every mediator the devnet's node accepts: the devnet's own, the panel mediators and the hand-driven one. */
  static List<String> acceptedMediators() {
    List<String> all = new ArrayList<>(List.of(MEDIATOR_ADDRESS));
    PANEL_MEDIATOR_KEYS.forEach(k -> all.add(addressOf(k)));
    all.add(addressOf(HAND_MEDIATOR_KEY));
    return all;
  }

  /** The checksummed address of a key. */
  public static String addressOf(String key) {
    return io.pactum.protocol.crypto.EthKey.fromHex(key).address().toString();
  }

  /** The private key of a mediator service ({@code mediator}, {@code mediator-2}, {@code mediator-3}). */
  static String mediatorKey(String service) {
    return switch (service) {
      case "mediator" -> MEDIATOR_KEY;
      case "mediator-2" -> PANEL_MEDIATOR_KEYS.get(0);
      case "mediator-3" -> PANEL_MEDIATOR_KEYS.get(1);
      default -> throw new DevnetException("no mediator service " + service);
    };
  }

  /**
   * Mints 1000 PACT to {@code key}'s account and deposits {@code deposit} of it into the vault (a
   * mediator bonds from its free balance there).
   */
  public void fund(String key, BigInteger deposit) {
    String token = deployment.path("token").asText();
    String vault = deployment.path("vault").asText();
    String account = addressOf(key);
    cast(DEPLOYER_KEY, token, "mint(address,uint256)", account, ONE_TOKEN.multiply(BigInteger.valueOf(1000)).toString());
    cast(key, token, "approve(address,uint256)", vault, deposit.toString());
    cast(key, vault, "deposit(address,address,uint256)", token, account, deposit.toString());
  }

  /**
   * Starts the appeal-panel mediator services ({@code mediator-2}, {@code mediator-3}): funds them,
   * starts them and waits until they registered with the court.
   */
  public void startPanelMediators() throws IOException {
    BigInteger twoBonds = new BigInteger(MEDIATOR_BOND).multiply(BigInteger.TWO);
    for (int i = 0; i < PANEL_MEDIATOR_KEYS.size(); i++) {
      String name = "mediator-" + (i + 2);
      if (services.containsKey(name) && services.get(name).isAlive()) {
        continue;
      }
      fund(PANEL_MEDIATOR_KEYS.get(i), twoBonds);
      startService(name);
    }
    for (String key : PANEL_MEDIATOR_KEYS) {
      awaitRegistered(Address.parse(addressOf(key)), Duration.ofSeconds(60));
    }
  }

  public ManagedProcess service(String name) {
    return services.get(name);
  }

  private void writeCliConfig() throws IOException {
    ObjectNode cli = JSON.createObjectNode();
    cli.put("rpcUrl", rpcUrl());
    cli.put("chainId", 31337);
    cli.put("solverUrl", solverUrl());
    cli.put("ipfsUrl", nodeUrl());
    cli.put("key", CLIENT_KEY);
    cli.putArray("mediators").add(MEDIATOR_ADDRESS);
    cli.set("deployment", deployment);
    Files.writeString(cliConfigFile(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(cli));
  }

  @Override
  public void close() {
    List<String> names = new ArrayList<>(services.keySet());
    java.util.Collections.reverse(names);
    for (String name : names) {
      services.get(name).close();
    }
    services.clear();
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        status.println("devnet: PostgreSQL did not stop cleanly: " + e.getMessage());
      }
      postgres = null;
    }
    if (anvil != null) {
      anvil.close();
      anvil = null;
    }
  }

  String tool(String name) {
    Path bin = root.resolve("contracts/node_modules/@foundry-rs/" + name + "-linux-amd64/bin/" + name);
    if (!Files.isExecutable(bin)) {
      throw new DevnetException(bin + " is missing: run scripts/bootstrap.sh (the build does it)");
    }
    return bin.toString();
  }

  Path root() {
    return root;
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void run(
      String what, List<String> command, Path dir, Map<String, String> env, Path log, Duration timeout) {
    try (ManagedProcess p = ManagedProcess.start(what, command, dir, env, log)) {
      int code = p.waitForExit(timeout);
      if (code != 0) {
        throw new DevnetException(what + " failed with exit code " + code + "; see " + log);
      }
    } catch (IOException e) {
      throw new DevnetException(what + " could not start: " + e.getMessage(), e);
    }
  }

  /**
   * A free loopback port below the kernel's ephemeral range. A port from that range (what binding port
   * 0 gives) can be taken as the source port of any outgoing connection before the service binds it,
   * or while a service restarts; ports below it are only ever taken on purpose.
   */
  static int freePort() {
    int below = ephemeralRangeStart();
    int low = Math.min(20_000, below / 2);
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = random.nextInt(low, below);
      if (RESERVED.add(port)) {
        try (ServerSocket socket = new ServerSocket()) {
          socket.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 1);
          return port;
        } catch (IOException taken) {
          // in use: try another
        }
      }
    }
    throw new DevnetException("no free loopback port in " + low + ".." + below);
  }

  /** Ports handed out by this JVM: two devnets (or two services) never get the same one. */
  private static final java.util.Set<Integer> RESERVED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private static int ephemeralRangeStart() {
    try {
      // (readString reads a /proc file short: its size is reported as 0)
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
      int start = Integer.parseInt(range.split("\\s+")[0]);
      return start > 2_048 ? start : 32_768;
    } catch (IOException | RuntimeException e) {
      return 32_768; // not Linux, or unreadable: Linux's default start
    }
  }
}
