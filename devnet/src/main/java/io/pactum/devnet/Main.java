package io.pactum.devnet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code pactum demo} and {@code pactum devnet up|down|status}. The demo starts a devnet on
 * random loopback ports (so it never collides with a running one), runs the example job, prints
 * its output and the deal's history, and stops everything.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    Path root = Path.of(System.getProperty("pactum.root", ".")).toAbsolutePath().normalize();
    try {
      System.exit(run(root, Arrays.asList(args), out));
    } catch (DevnetException e) {
      System.err.println("pactum: " + e.getMessage());
      System.exit(1);
    }
  }

  static int run(Path root, java.util.List<String> args, PrintStream out) {
    String command = args.isEmpty() ? "" : args.get(0);
    String sub = args.size() > 1 ? args.get(1) : "";
    Path state = root.resolve(".pactum");
    switch (command) {
      case "demo" -> {
        boolean cheat = args.contains("--cheat");
        try (Devnet devnet = new Devnet(root, state.resolve("demo"), Devnet.Ports.random(), out).cheatingNode(cheat)) {
          Runtime.getRuntime().addShutdownHook(new Thread(devnet::close));
          devnet.start();
          Demo demo = new Demo(devnet, out);
          return cheat ? demo.runCheat() : demo.run();
        }
      }
      case "devnet" -> {
        return switch (sub) {
          case "up" -> up(root, state.resolve("devnet"), out);
          case "down" -> down(state.resolve("devnet"), out);
          case "status" -> status(state.resolve("devnet"), out);
          default -> usage();
        };
      }
      default -> {
        return usage();
      }
    }
  }

  private static int up(Path root, Path state, PrintStream out) {
    Optional<ProcessHandle> running = runningDevnet(state);
    if (running.isPresent()) {
      System.err.println("pactum: a devnet is already running (pid " + running.get().pid() + "); `pactum devnet down` stops it");
      return 1;
    }
    Devnet devnet = new Devnet(root, state, Devnet.Ports.fixed(), out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      devnet.close();
      stopped.countDown();
    }));
    devnet.start();
    try {
      Files.writeString(state.resolve("devnet.pid"), Long.toString(ProcessHandle.current().pid()));
    } catch (IOException e) {
      throw new DevnetException("cannot write the pid file: " + e.getMessage(), e);
    }
    out.println("devnet: up. The pactum command uses " + devnet.cliConfigFile() + "; stop with `pactum devnet down` or Ctrl-C.");
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static int down(Path state, PrintStream out) {
    Optional<ProcessHandle> running = runningDevnet(state);
    if (running.isEmpty()) {
      out.println("devnet: not running");
      return 0;
    }
    running.get().destroy();
    running.get().onExit().join();
    out.println("devnet: stopped");
    return 0;
  }

  private static int status(Path state, PrintStream out) {
    Optional<ProcessHandle> running = runningDevnet(state);
    out.println(running.map(p -> "devnet: running (pid " + p.pid() + ")").orElse("devnet: not running"));
    return running.isPresent() ? 0 : 1;
  }

  private static Optional<ProcessHandle> runningDevnet(Path state) {
    Path pidFile = state.resolve("devnet.pid");
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static int usage() {
    System.err.println("usage: pactum demo [--cheat] | pactum devnet up|down|status");
    return 2;
  }
}
