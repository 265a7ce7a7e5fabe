package io.pactum.cli.commands;

import picocli.CommandLine.Command;

/** {@code pactum job}: the group of job commands. */
@Command(name = "job", description = "Run jobs.", subcommands = JobRunCommand.class)
final class JobCommand {}
