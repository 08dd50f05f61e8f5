package io.meetload.cli;

import io.meetload.plan.InvalidPlanException;
import io.meetload.plan.PlanError;
import io.meetload.plan.PlanFiles;
import io.meetload.plan.PlanParser;
import io.meetload.plan.RunPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Checks a plan without running it: exit 0, or 64 with every broken rule. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a run plan; exit 0 when valid, 64 with every error.")
public class ValidateCommand implements Callable<Integer> {

    static final int INVALID_PLAN = 64;

    @Parameters(index = "0", paramLabel = "PLAN.json", description = "the run plan")
    Path plan;

    @Spec
    CommandSpec spec;

    private final PlanParser parser;

    public ValidateCommand(PlanParser parser) {
        this.parser = parser;
    }

    @Override
    public Integer call() {
        RunPlan valid = read(parser, plan, spec);
        if (valid == null) {
            return INVALID_PLAN;
        }
        spec.commandLine().getOut().printf("%s: valid plan %s: %d participant(s) in %d room(s), %d instance(s), %s + %s ramp-up%n",
                plan, valid.name(), valid.participants(), valid.rooms(), valid.instances(), valid.duration(), valid.rampUp());
        return 0;
    }

    /** The plan, or null after printing why it is not one (every error, one a line). */
    static RunPlan read(PlanParser parser, Path plan, CommandSpec spec) {
        byte[] bytes = readBytes(plan, spec);
        return bytes == null ? null : parse(parser, plan, bytes, spec);
    }

    static byte[] readBytes(Path plan, CommandSpec spec) {
        try {
            return PlanFiles.read(plan);
        } catch (UncheckedIOException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return null;
        }
    }

    static RunPlan parse(PlanParser parser, Path plan, byte[] bytes, CommandSpec spec) {
        try {
            return parser.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (InvalidPlanException e) {
            spec.commandLine().getErr().printf("%s: invalid plan, %d error(s):%n", plan, e.errors().size());
            for (PlanError error : e.errors()) {
                spec.commandLine().getErr().println("  " + error.line());
            }
            return null;
        }
    }
}
