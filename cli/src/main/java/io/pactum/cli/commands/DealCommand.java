package io.pactum.cli.commands;

import picocli.CommandLine.Command;

/** {@code pactum deal}: the group of deal commands. */
@Command(name = "deal", description = "Inspect, dispute and appeal deals.",
        subcommands = {DealShowCommand.class, DealDisputeCommand.class, DealAppealCommand.class})
final class DealCommand {}
