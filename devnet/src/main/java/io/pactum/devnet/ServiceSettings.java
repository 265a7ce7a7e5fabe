package io.pactum.devnet;

import java.util.List;

/** The per-service settings of the devnet: keys (anvil's dev keys) and the node's offer terms. */
final class ServiceSettings {
  private ServiceSettings() {}

  static List<String> forService(String name, Devnet devnet) {
    return switch (name) {
      case "solver" -> List.of(
          "-Dpactum.chain.deployment-file=" + devnet.deploymentFile(),
          "-Dpactum.chain.relayer-private-key=" + Devnet.SOLVER_KEY,
          "-Dpactum.solver.tick=1s");
      case "compute-node" -> List.of(
          "-Dpactum.chain.deployment=" + devnet.deploymentFile(),
          "-Dpactum.node.key=" + Devnet.NODE_KEY,
          "-Dpactum.node.solver-url=" + devnet.solverUrl(),
          "-Dpactum.node.store-dir=" + devnet.state().resolve("node-store"),
          "-Dpactum.node.offer.mediators=" + Devnet.MEDIATOR_ADDRESS);
      default -> throw new DevnetException("unknown service " + name);
    };
  }
}
