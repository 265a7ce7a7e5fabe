package io.pactum.cli.commands;

import picocli.CommandLine.Command;

/** {@code pactum deal}: the group of deal commands. */
@Command(name = "deal", description = "Inspect deals.", subcommands = DealShowCommand.class)
final class DealCommand {}
