package io.pactum.devnet;

import java.util.List;

/** The per-service settings of the devnet: keys (anvil's dev keys), the node's offer terms, the mediators' bond. */
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
          "-Dpactum.node.offer.mediators=" + String.join(",", Devnet.acceptedMediators()),
          "-Dpactum.node.devnet-cheat=" + devnet.cheatingNode());
      case "mediator", "mediator-2", "mediator-3" -> List.of(
          "-Dpactum.chain.deployment=" + devnet.deploymentFile(),
          "-Dpactum.chain.confirmations=1",
          "-Dpactum.mediator.key=" + Devnet.mediatorKey(name),
          "-Dpactum.mediator.bond=" + Devnet.MEDIATOR_BOND,
          "-Dpactum.mediator.store-dir=" + devnet.state().resolve(name + "-store"),
          // modules and inputs: the client uploads them to the node's Kubo endpoint
          "-Dpactum.mediator.fallback-kubo-url=" + devnet.nodeUrl());
      default -> throw new DevnetException("unknown service " + name);
    };
  }
}
