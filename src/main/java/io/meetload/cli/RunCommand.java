package io.meetload.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.meetload.coordinator.AtomicFiles;
import io.meetload.coordinator.RunQueries;
import io.meetload.coordinator.RunService;
import io.meetload.coordinator.RunState;
import io.meetload.instance.Json;
import io.meetload.plan.PlanParser;
import io.meetload.plan.RunPlan;
import io.meetload.sfu.LocalJanus;
import io.meetload.verdict.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * Runs a plan on this machine: an embedded coordinator (this process, loopback port) and local
 * worker processes; exits with the verdict: 0 PASS, 1 FAIL, 2 INCONCLUSIVE, 64 invalid plan.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a plan here and write DIR/verdict.json and DIR/report.html. "
                + "Exit 0 PASS, 1 FAIL, 2 INCONCLUSIVE, 64 invalid plan.")
public class RunCommand implements Callable<Integer> {

    /** A run always ends by its deadline; this is how much longer the command waits for it. */
    private static final Duration OVERRUN = Duration.ofMinutes(2);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    @Parameters(index = "0", arity = "0..1", paramLabel = "PLAN.json",
            description = "the run plan (default: the embedded demo plan, against a Janus started here)")
    Path plan;

    @Option(names = "--local-janus", description = "start a Janus on loopback for this run and point the plan's "
            + "janus target at it (implied when no plan is given)")
    boolean localJanus;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where verdict.json and report.html go")
    Path out;

    @Spec
    CommandSpec spec;

    private final PlanParser parser;
    private final RunService service;
    private final RunQueries queries;
    private final CliRun cliRun;

    public RunCommand(PlanParser parser, RunService service, RunQueries queries, CliRun cliRun) {
        this.parser = parser;
        this.service = service;
        this.queries = queries;
        this.cliRun = cliRun;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path source = plan == null ? Path.of(DemoPlan.NAME) : plan;
        byte[] bytes = plan == null ? DemoPlan.bytes() : ValidateCommand.readBytes(plan, spec);
        RunPlan valid = bytes == null ? null : ValidateCommand.parse(parser, source, bytes, spec);
        if (valid == null) {
            return ValidateCommand.INVALID_PLAN;
        }
        Files.createDirectories(out);
        PrintWriter console = spec.commandLine().getOut();
        if (plan == null || localJanus) {
            if (valid.target().driver() != RunPlan.Driver.JANUS) {
                spec.commandLine().getErr().println("--local-janus: needs a plan whose target driver is janus, was "
                        + valid.target().driver().id());
                return ValidateCommand.INVALID_PLAN;
            }
            try (LocalJanus janus = DemoPlan.startJanus(out.resolve("janus"), console)) {
                byte[] pointed = DemoPlan.pointAt(bytes, janus.apiUrl());
                return runAndConclude(pointed, parser.parse(new String(pointed, java.nio.charset.StandardCharsets.UTF_8)),
                        console);
            }
        }
        return runAndConclude(bytes, valid, console);
    }

    private int runAndConclude(byte[] bytes, RunPlan valid, PrintWriter console) throws IOException, InterruptedException {
        service.start();
        RunState run = service.create(bytes);
        cliRun.watch(run.id());
        console.printf("run %s: %s, %d participant(s) on %d local instance(s), %s + %s ramp-up%n", run.id(),
                valid.name(), valid.participants(), valid.instances(), valid.duration(), valid.rampUp());
        console.flush();
        RunState finished = follow(run.id(), valid, console);
        cliRun.watch(null);
        return conclude(finished, console);
    }

    private RunState follow(String id, RunPlan valid, PrintWriter console) throws InterruptedException {
        boolean live = System.console() != null;
        Instant giveUp = Instant.now().plus(valid.totalDuration()).plus(Duration.ofMinutes(1)).plus(OVERRUN);
        Instant nextLog = Instant.now();
        RunState state = service.state(id);
        while (!state.status().finished()) {
            if (Instant.now().isAfter(giveUp)) {
                console.printf("%nrun %s did not end by %s: cancelling it%n", id, giveUp);
                state = service.cancel(id);
                break;
            }
            String line = ProgressLine.of(queries.view(id));
            if (live) {
                console.print("\r" + line + "\u001b[K");
                console.flush();
            } else if (!Instant.now().isBefore(nextLog)) {
                console.println(line);
                console.flush();
                nextLog = Instant.now().plus(LOG_EVERY);
            }
            Thread.sleep(500);
            state = service.state(id);
        }
        if (live) {
            console.println();
        }
        return state;
    }

    private int conclude(RunState run, PrintWriter console) throws IOException {
        Path runDir = service.store().dir(run.id());
        byte[] verdictBytes = Files.readAllBytes(service.store().verdictFile(run.id()));
        AtomicFiles.write(out.resolve("verdict.json"), verdictBytes);
        AtomicFiles.write(out.resolve("report.html"), Files.readAllBytes(service.store().htmlFile(run.id())));
        JsonNode verdict = Json.MAPPER.readTree(verdictBytes);
        Verdict.Status status = Verdict.Status.valueOf(verdict.path("status").asText());
        console.printf("run %s: %s%n", run.id(), status);
        for (JsonNode reason : verdict.path("reasons")) {
            console.printf("  %s: %s%n", reason.path("kind").asText(), reason.path("message").asText());
        }
        for (JsonNode warning : verdict.path("warnings")) {
            console.printf("  warning %s: %s%n", warning.path("kind").asText(), warning.path("message").asText());
        }
        console.printf("report: %s%nverdict: %s%nrun folder (logs): %s%n", out.resolve("report.html").toAbsolutePath(),
                out.resolve("verdict.json").toAbsolutePath(), runDir);
        console.flush();
        return status.exitCode;
    }

}
