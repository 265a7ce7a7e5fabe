package io.pactum.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pactum.chain.client.DirectSender;
import io.pactum.chain.client.TxFailedException;
import io.pactum.chain.deals.DealEvent;
import io.pactum.chain.deals.DealManagerGateway;
import io.pactum.chain.deals.DealQueries;
import io.pactum.chain.errors.ProtocolError;
import io.pactum.chain.mediation.MediationCourtGateway;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.vault.VaultGateway;
import io.pactum.cli.chain.DealPhase;
import io.pactum.cli.client.JobPhase;
import io.pactum.cli.client.JobRequest;
import io.pactum.cli.client.JobResult;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.deal.Deal;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;

/**
 * Disputes, slashing and every timeout on a whole devnet: the solver (relayer and keeper), a compute
 * node (honest, or restarted with the devnet cheat), the mediator service, and the client library the
 * {@code pactum} command uses. Deadlines are reached by moving anvil's clock ({@code evm_increaseTime});
 * the solver's keeper triggers them and is paid the bounty by the party at fault.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediationEndToEndIT {
  private Devnet devnet;

  @org.junit.jupiter.api.extension.RegisterExtension
  final WorkerLogsOnFailure logsOnFailure = new WorkerLogsOnFailure(() -> devnet);
  private Demo demo;
  private ChainConnection chain;
  private DealQueries queries;
  private VaultGateway vault;
  private Address token;
  private static final Address KEEPER = EthKey.fromHex(Devnet.SOLVER_KEY).address();
  private static final Address MEDIATOR = Address.parse(Devnet.MEDIATOR_ADDRESS);
  private static final Address CLIENT = Address.parse(Devnet.CLIENT_ADDRESS);
  private static final Address NODE = Address.parse(Devnet.NODE_ADDRESS);

  @BeforeAll
  void startDevnet() throws IOException {
    Path root = Path.of(System.getProperty("pactum.root", "..")).toAbsolutePath().normalize();
    Path state = Files.createTempDirectory("pactum-mediation-it");
    devnet = new Devnet(root, state, Devnet.Ports.random(), System.out).start();
    demo = new Demo(devnet, System.out);
    chain = ChainConnection.open(devnet.rpcUrl(), 31337L);
    queries = new DealQueries(chain, Address.parse(devnet.deployment().path("dealManager").asText()),
        devnet.deployment().path("deployBlock").asLong());
    vault = new VaultGateway(chain, Address.parse(devnet.deployment().path("vault").asText()));
    token = Address.parse(devnet.deployment().path("token").asText());
  }

  @AfterAll
  void stopDevnet() {
    if (chain != null) {
      chain.close();
    }
    if (devnet != null) {
      devnet.close();
    }
  }

  /** The demo job, not accepted automatically: the client looks at the result first. */
  private JobRequest judgedByHand() {
    JobRequest r = Demo.defaultRequest(devnet);
    return new JobRequest(r.module(), r.inputs(), r.args(), r.maxFuel(), r.maxPrice(), r.collateral(), r.mediationFee(),
        r.mediators(), r.resultTimeout(), r.judgeTimeout(), r.mediationTimeout(), r.cpuMillis(), r.memoryMiB(), r.offerTtl(),
        r.matchTimeout(), false);
  }

  private BigInteger free(Address who) throws IOException {
    return vault.freeBalance(token, who);
  }

  private <T extends DealEvent> T event(Bytes32 dealId, Class<T> type) throws IOException {
    List<DealEvent> history = queries.history(dealId);
    return history.stream().filter(type::isInstance).map(type::cast).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + history));
  }

  private long count(Bytes32 dealId, Class<? extends DealEvent> type) throws IOException {
    return queries.history(dealId).stream().filter(type::isInstance).count();
  }

  /** Moves anvil's clock forward; the next blocks carry the new time. */
  private void warp(long seconds) {
    rpc("evm_increaseTime", List.of(seconds));
    rpc("evm_mine", List.of());
  }

  private void rpc(String method, List<?> params) {
    try {
      var response = new org.web3j.protocol.core.Request<>(method, params, chain.service(),
          org.web3j.protocol.core.methods.response.VoidResponse.class).send();
      assertThat(response.hasError()).as(method).isFalse();
    } catch (IOException e) {
      throw new IllegalStateException(method, e);
    }
  }

  private void restart(String service) throws IOException {
    devnet.service(service).kill();
    devnet.startService(service);
  }

  private long votes(Bytes32 dealId) throws IOException {
    EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.ZERO), DefaultBlockParameter.valueOf("latest"),
        devnet.deployment().path("mediationCourt").asText());
    filter.addSingleTopic(MediationCourtGateway.VOTED);
    filter.addOptionalTopics(dealId.toHex());
    return chain.send(chain.web3j().ethGetLogs(filter)).getLogs().size();
  }

  @Test
  void shouldPayTheHonestNodeWhenTheClientDisputes_theClientPaysTheFee() throws Exception {
    JobResult result = demo.runJob(judgedByHand());
    assertThat(result.phase()).isEqualTo(DealPhase.RESULT_POSTED);
    BigInteger mediatorBefore = free(MEDIATOR);

    assertThat(demo.cli("deal", "dispute", result.dealId().toHex())).isZero();
    assertThat(demo.awaitEnd(result.dealId(), Duration.ofMinutes(2))).isEqualTo(DealPhase.MEDIATED_CORRECT);

    Deal d = result.deal();
    DealEvent.Mediated m = event(result.dealId(), DealEvent.Mediated.class);
    assertThat(m.correct()).isTrue();
    BigInteger payment = d.price(); // fixed price
    assertThat(m.nodePayment().add(m.networkFee())).as("node paid as accepted").isEqualTo(payment);
    assertThat(m.clientRefund()).as("client gets only its collateral back").isEqualTo(d.clientCollateral());
    assertThat(m.mediators()).containsExactly(MEDIATOR);
    assertThat(m.mediatorPay()).as("the client's fee goes to the mediator").isEqualTo(d.mediationFee());
    assertThat(free(MEDIATOR).subtract(mediatorBefore)).isEqualTo(d.mediationFee());
    assertThat(votes(result.dealId())).isEqualTo(1);
  }

  @Test
  void shouldSlashACheatingNode_theClientIsRefunded() throws Exception {
    devnet.cheatingNode(true);
    restart("compute-node");
    try {
      BigInteger nodeBefore = free(NODE);
      JobResult result = demo.runJob(judgedByHand());
      assertThat(new String(result.stdout())).contains("forged");
      assertThat(demo.cli("deal", "dispute", result.dealId().toHex())).isZero();
      assertThat(demo.awaitEnd(result.dealId(), Duration.ofMinutes(2))).isEqualTo(DealPhase.MEDIATED_INCORRECT);

      Deal d = result.deal();
      DealEvent.Mediated m = event(result.dealId(), DealEvent.Mediated.class);
      assertThat(m.correct()).isFalse();
      assertThat(m.nodePayment()).isZero();
      assertThat(m.clientRefund()).as("stake back + the cheating collateral less the mediators' pay")
          .isEqualTo(d.price().add(d.clientCollateral()).add(d.cheatingCollateral()));
      assertThat(m.mediatorPay()).isEqualTo(d.mediationFee());
      assertThat(nodeBefore.subtract(free(NODE))).as("the node lost its cheating collateral")
          .isEqualTo(d.cheatingCollateral());
    } finally {
      devnet.cheatingNode(false);
      restart("compute-node");
    }
  }

  @Test
  void shouldTimeOutTheResult_keeperPaidByTheNode_clientGetsTheNodesCollateral() throws Exception {
    BigInteger keeperBefore = free(KEEPER);
    Bytes32[] dealId = new Bytes32[1];
    try {
      assertThatThrownBy(() -> demo.runJob(Demo.defaultRequest(devnet), (phase, line, details) -> {
        if (phase == JobPhase.MATCHED) {
          dealId[0] = Bytes32.fromHex((String) details.get("dealId"));
        }
        if (phase == JobPhase.AGREED) {
          devnet.service("compute-node").kill(); // the node stalls
          warp(121); // past the result deadline (resultTimeout 120 s)
        }
      })).hasMessageContaining("result deadline").hasMessageContaining("passed");
    } finally {
      devnet.startService("compute-node");
    }
    Bytes32 id = dealId[0];
    // nobody but the keeper acts: the solver's keeper triggers timeoutResult for the bounty
    assertThat(demo.awaitEnd(id, Duration.ofMinutes(1))).isEqualTo(DealPhase.RESULT_TIMED_OUT);
    DealEvent.ResultTimedOut t = event(id, DealEvent.ResultTimedOut.class);
    DealEvent.KeeperPaid k = event(id, DealEvent.KeeperPaid.class);
    assertThat(k.keeper()).isEqualTo(KEEPER);
    assertThat(t.nodeCollateralToClient().add(k.bounty())).as("the bounty comes out of the node's collateral")
        .isEqualTo(new BigInteger(devnetNodeCollateral()));
    assertThat(free(KEEPER).subtract(keeperBefore)).isEqualTo(k.bounty());
  }

  @Test
  void shouldTreatAJudgeTimeoutAsAcceptance_keeperPaidByTheClient() throws Exception {
    JobResult result = demo.runJob(judgedByHand());
    BigInteger keeperBefore = free(KEEPER);
    warp(61); // the client never judges (judgeTimeout 60 s)
    assertThat(demo.awaitEnd(result.dealId(), Duration.ofMinutes(1))).isEqualTo(DealPhase.ACCEPTED);
    DealEvent.Accepted a = event(result.dealId(), DealEvent.Accepted.class);
    DealEvent.KeeperPaid k = event(result.dealId(), DealEvent.KeeperPaid.class);
    assertThat(a.byClient()).isFalse();
    assertThat(a.nodePayment().add(a.networkFee())).as("the node is paid in full").isEqualTo(result.deal().price());
    assertThat(a.clientRefund().add(k.bounty())).isEqualTo(result.deal().clientCollateral());
    assertThat(k.keeper()).isEqualTo(KEEPER);
    assertThat(free(KEEPER).subtract(keeperBefore)).isEqualTo(k.bounty());
  }

  @Test
  void shouldRefundBothWhenTheMediatorStalls_keeperPaidFromItsBond() throws Exception {
    JobResult result = demo.runJob(judgedByHand());
    devnet.service("mediator").kill(); // the mediator stalls
    try {
      assertThat(demo.cli("deal", "dispute", result.dealId().toHex())).isZero();
      warp(121); // past the mediation deadline (mediationTimeout 120 s)
      assertThat(demo.awaitEnd(result.dealId(), Duration.ofMinutes(1))).isEqualTo(DealPhase.MEDIATION_TIMED_OUT);
    } finally {
      devnet.startService("mediator");
    }
    Deal d = result.deal();
    DealEvent.MediationTimedOut t = event(result.dealId(), DealEvent.MediationTimedOut.class);
    assertThat(t.clientRefund()).isEqualTo(d.price().add(d.clientCollateral()).add(d.mediationFee()));
    assertThat(t.nodeRefund()).isEqualTo(d.cheatingCollateral());
    assertThat(votes(result.dealId())).isZero();
    // the court paid the keeper from the silent mediator's bond; the mediator tops its bond up again
    MediationCourtGateway court = new MediationCourtGateway(chain,
        Address.parse(devnet.deployment().path("mediationCourt").asText()));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!court.isEligible(MEDIATOR) && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    assertThat(court.mediator(MEDIATOR).bond()).isEqualTo(new BigInteger(Devnet.MEDIATOR_BOND));
  }

  @Test
  void shouldExpireAHalfAgreedDeal_theLonePartyKeepsItsStakeWhenItEndsItself() throws Exception {
    // the two-call path: the client agrees alone (the node never does); the deadline passes
    EthKey client = EthKey.fromHex(Devnet.CLIENT_KEY);
    Address dm = Address.parse(devnet.deployment().path("dealManager").asText());
    long now = queries.chainTime();
    byte[] salt = new byte[32];
    new java.security.SecureRandom().nextBytes(salt);
    Deal deal = new Deal(client.address(), NODE, Bytes32.of(salt), Bytes32.of(salt), Bytes.of(new byte[] {1, 85, 1}), 1000,
        BigInteger.TEN.pow(17), BigInteger.ZERO, BigInteger.TEN.pow(16), BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
        List.of(), now + 30, 60, 60, 60);
    DirectSender sender = new DirectSender(chain, client, Duration.ofSeconds(30));
    BigInteger stake = deal.price().add(deal.clientCollateral());
    if (free(CLIENT).compareTo(stake) < 0) {
      sender.send("approve", token, io.pactum.chain.token.TokenGateway.approve(vault.address(), stake));
      sender.send("deposit", vault.address(), VaultGateway.deposit(token, CLIENT, stake));
    }
    BigInteger before = free(CLIENT);
    sender.send("agree", dm, DealManagerGateway.agree(deal));
    assertThat(before.subtract(free(CLIENT))).isEqualTo(stake);
    warp(31);
    sender.send("expireAgreement", dm, DealManagerGateway.expireAgreement(deal));
    assertThat(free(CLIENT)).as("C7: all of the stake back, no bounty when the party ends it itself").isEqualTo(before);
    assertThat(count(deal.id(), DealEvent.KeeperPaid.class)).isZero();
  }

  /**
   * An appeal overturns a single bought vote. The deal names three mediators: a bought one (its key is
   * the test's) and two mediator services not yet running. When the first panel is drawn only the bought
   * one is registered, so k = 1 draws it; it calls the cheating node's forged result correct. The two
   * honest services start and register, the client appeals for a second fee, the panel of 2k+1 = 3 is
   * drawn, and the services re-run the job and vote incorrect: the node loses its cheating collateral,
   * the honest mediators share the pay, the bought one gets nothing.
   */
  @Test
  void shouldOverturnASingleBoughtVoteOnAppeal() throws Exception {
    EthKey bought = EthKey.fromHex(Devnet.HAND_MEDIATOR_KEY);
    MediationCourtGateway court = new MediationCourtGateway(chain,
        Address.parse(devnet.deployment().path("mediationCourt").asText()));
    DirectSender asBought = new DirectSender(chain, bought, Duration.ofSeconds(30));
    if (!court.isEligible(bought.address())) {
      devnet.fund(Devnet.HAND_MEDIATOR_KEY, new BigInteger(Devnet.MEDIATOR_BOND));
      asBought.send("register", court.address(),
          MediationCourtGateway.register(new BigInteger(Devnet.MEDIATOR_BOND), MediationCourtGateway.CAPABILITY_WASM));
    }
    List<Address> honest = Devnet.PANEL_MEDIATOR_KEYS.stream().map(k -> EthKey.fromHex(k).address()).toList();
    JobRequest r = judgedByHand();
    JobRequest request = new JobRequest(r.module(), r.inputs(), r.args(), r.maxFuel(), r.maxPrice(), r.collateral(),
        r.mediationFee(), List.of(bought.address(), honest.get(0), honest.get(1)), r.resultTimeout(), 120, 300,
        r.cpuMillis(), r.memoryMiB(), r.offerTtl(), r.matchTimeout(), false);
    devnet.cheatingNode(true);
    restart("compute-node");
    try {
      JobResult result = demo.runJob(request);
      Deal d = result.deal();
      assertThat(d.mediators()).containsExactlyInAnyOrder(bought.address(), honest.get(0), honest.get(1));
      BigInteger clientBefore = free(CLIENT);
      BigInteger boughtBefore = free(bought.address());
      assertThat(demo.cli("deal", "dispute", result.dealId().toHex())).isZero();

      // first round: only the bought mediator is eligible, so it is the panel; it calls the forged result correct
      sendOnceTheSeedIsMined(asBought, "draw", court.address(), MediationCourtGateway.draw(d));
      assertThat(court.panelOf(d).members()).containsExactly(bought.address());
      devnet.startPanelMediators();
      asBought.send("vote", court.address(), MediationCourtGateway.vote(d, true));
      MediationCourtGateway.CaseState first = court.caseOf(result.dealId());
      assertThat(first.verdictPending()).as("three agreed mediators: the verdict waits for an appeal").isTrue();
      assertThat(first.verdict0()).as("correct").isEqualTo(1);

      // the client appeals; the honest services sit on the panel of three and outvote the bought one
      assertThat(demo.cli("deal", "appeal", result.dealId().toHex())).isZero();
      assertThat(awaitEndExplained(result.dealId(), d, court, Duration.ofMinutes(3))).isEqualTo(DealPhase.MEDIATED_INCORRECT);

      DealEvent.Mediated m = event(result.dealId(), DealEvent.Mediated.class);
      assertThat(m.correct()).isFalse();
      assertThat(m.nodePayment()).isZero();
      assertThat(m.mediators()).as("paid: the appeal panel's majority").containsExactlyInAnyOrderElementsOf(honest);
      assertThat(votes(result.dealId())).as("the bought vote and the two honest ones").isEqualTo(3);
      assertThat(free(bought.address())).as("the bought mediator earns nothing").isEqualTo(boughtBefore);
      // measured from before the dispute: the dispute's fee and the appeal's fee both came from the client
      assertThat(free(CLIENT).subtract(clientBefore)).as("client: its stake and the cheating collateral back, both fees paid")
          .isEqualTo(d.price().add(d.clientCollateral()).add(d.cheatingCollateral())
              .subtract(d.mediationFee().multiply(BigInteger.TWO)));
    } finally {
      devnet.cheatingNode(false);
      restart("compute-node");
      for (String panel : List.of("mediator-2", "mediator-3")) {
        if (devnet.service(panel) != null) {
          devnet.service(panel).close();
        }
      }
    }
  }

  /**
   * {@link Demo#awaitEnd}, and when it times out, a failure that says where the court stands and which
   * mediator services still run (the services' own logs follow from {@link WorkerLogsOnFailure}).
   */
  private DealPhase awaitEndExplained(Bytes32 dealId, Deal deal, MediationCourtGateway court, Duration timeout)
      throws IOException {
    try {
      return demo.awaitEnd(dealId, timeout);
    } catch (DevnetException e) {
      MediationCourtGateway.CaseState c = court.caseOf(dealId);
      StringBuilder services = new StringBuilder();
      for (String name : List.of("mediator", "mediator-2", "mediator-3", "compute-node")) {
        ManagedProcess p = devnet.service(name);
        services.append(' ').append(name).append(p == null ? "=absent" : p.isAlive() ? "=up" : "=down");
      }
      throw new AssertionError(e.getMessage() + "; court: round " + c.round() + ", panel " + court.panelOf(deal).members()
          + ", voted correct/incorrect bits " + c.votedCorrect() + "/" + c.votedIncorrect() + " of " + deal.mediators()
          + ", appealed at " + c.appealedAt() + ", chain time " + queries.chainTime() + ", block "
          + chain.blockNumber() + ";" + services, e);
    }
  }

  /** Sends once the dispute's seed block is mined (the court refuses to draw before it). */
  private void sendOnceTheSeedIsMined(DirectSender sender, String what, Address to, byte[] data) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        sender.send(what, to, data);
        return;
      } catch (TxFailedException e) {
        boolean tooEarly = e.reason().map(r -> r.is(ProtocolError.COURT_DRAW_TOO_EARLY)).orElse(false);
        if (attempt >= 20 || !tooEarly) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }

  @Test
  void shouldVoteExactlyOnceWhenTheMediatorIsKilledDuringTheDispute() throws Exception {
    JobResult result = demo.runJob(judgedByHand());
    assertThat(demo.cli("deal", "dispute", result.dealId().toHex())).isZero();
    // kill -9 the mediator as the dispute lands (its seed block is one block away), then restart it
    restart("mediator");
    assertThat(demo.awaitEnd(result.dealId(), Duration.ofMinutes(2))).isEqualTo(DealPhase.MEDIATED_CORRECT);
    assertThat(votes(result.dealId())).isEqualTo(1);
    assertThat(count(result.dealId(), DealEvent.Mediated.class)).isEqualTo(1);
  }

  // ------------------------------------------------------------------ helpers

  private String devnetNodeCollateral() {
    return "100000000000000"; // pactum.node.offer.node-collateral default
  }
}
