package io.meetload.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The one binary: its sub-commands are the roles and tools. */
@TopCommand
@Command(name = "meetload", mixinStandardHelpOptions = true,
        description = "Load tests for WebRTC conferences with real browsers.",
        subcommands = {RunCommand.class, ValidateCommand.class, ServeCommand.class,
                io.meetload.worker.WorkerCommand.class, io.meetload.sfu.JanusCommand.class})
public class MeetloadCommand {
}
