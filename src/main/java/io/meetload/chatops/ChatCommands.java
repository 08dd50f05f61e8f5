package io.meetload.chatops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meetload.coordinator.ApiProblem;
import io.meetload.coordinator.RunQueries;
import io.meetload.coordinator.RunService;
import io.meetload.coordinator.RunState;
import io.meetload.instance.Json;
import io.meetload.plan.Durations;
import io.meetload.plan.InvalidPlanException;
import io.meetload.plan.PlanError;
import io.meetload.plan.PlanParser;
import io.meetload.plan.RunPlan;
import io.meetload.security.LogSafe;
import io.meetload.security.RunAdmission;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * What each chat command does, answered as Slack text (whatever came from outside escaped). A run
 * goes through the same door as a plan posted to the API (parser, policy, limits), then starts in
 * the background: the answer waits for the run id at most {@code reply-wait}, so chat gets it
 * within Slack's 3 seconds.
 */
@ApplicationScoped
public class ChatCommands {

    private static final Logger LOG = Logger.getLogger(ChatCommands.class);
    private static final int LISTED_RUNS = 10;

    private final Presets presets;
    private final PlanParser parser;
    private final RunAdmission admission;
    private final RunService service;
    private final RunQueries queries;
    private final ChatNotifier notifier;
    private final Duration replyWait;
    private final Clock clock;
    private final ExecutorService starts = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "meetload-chat-start");
        t.setDaemon(true);
        return t;
    });

    /** Who asked, and where answers and links go. */
    record Context(URI responseUrl, URI base) {
    }

    public ChatCommands(Presets presets, PlanParser parser, RunAdmission admission, RunService service,
                        RunQueries queries, ChatNotifier notifier, ChatOpsConfig config, Clock clock) {
        this.presets = presets;
        this.parser = parser;
        this.admission = admission;
        this.service = service;
        this.queries = queries;
        this.notifier = notifier;
        this.replyWait = config.replyWait();
        this.clock = clock;
    }

    /** The answer to a command's text; refusals are answers too, saying why. */
    String answer(String text, Context context) {
        try {
            ChatCommand command = ChatCommand.parse(SlackText.unescape(text == null ? "" : text));
            if (command instanceof ChatCommand.Run run) {
                return run(run, context);
            } else if (command instanceof ChatCommand.Status status) {
                return status(status.id(), context);
            } else if (command instanceof ChatCommand.Cancel cancel) {
                return cancel(cancel.id(), context);
            } else if (command instanceof ChatCommand.ListRuns) {
                return list();
            }
            return help();
        } catch (ChatCommand.Refused | ApiProblem refused) {
            return "Cannot do that: " + SlackText.escape(refused.getMessage());
        }
    }

    private String run(ChatCommand.Run command, Context context) {
        String name = command.preset();
        String text = presets.load(name).orElseThrow(() -> unknownPreset(name));
        ObjectNode tree = presetTree(name, text);
        command.overrides().forEach((key, value) -> {
            if (ChatCommand.COUNTS.contains(key)) {
                tree.put(key, Long.parseLong(value));
            } else {
                tree.put(key, value);
            }
        });
        RunPlan plan;
        try {
            plan = parser.parse(tree);
        } catch (InvalidPlanException e) {
            throw new ChatCommand.Refused("run " + name + ": the plan is invalid: " + lines(e.errors()));
        }
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree is always JSON", e);
        }
        RunAdmission.Place place = admission.admit(plan);
        AtomicBoolean answered = new AtomicBoolean();
        Future<RunState> started = starts.submit(() -> {
            try (place) {
                RunState state = service.create(bytes);
                notifier.watch(state.id(), new ChatNotifier.Watch(context.responseUrl(), clock.instant(), context.base()));
                if (!answered.compareAndSet(false, true)) {
                    notifier.say(context.responseUrl(), startedText(state, plan, context));
                }
                return state;
            } catch (RuntimeException e) {
                if (!answered.compareAndSet(false, true)) {
                    notifier.say(context.responseUrl(), "Run " + SlackText.escape(name) + " did not start: "
                            + SlackText.escape(e.getMessage()));
                }
                throw e;
            }
        });
        try {
            RunState state = started.get(replyWait.toMillis(), TimeUnit.MILLISECONDS);
            answered.set(true);
            return startedText(state, plan, context);
        } catch (TimeoutException slow) {
            if (answered.compareAndSet(false, true)) {
                return "Starting " + SlackText.escape(name) + ": the run id follows here in a moment.";
            }
            return waitAgain(started, plan, context);
        } catch (ExecutionException failed) {
            answered.set(true);
            Throwable why = failed.getCause();
            LOG.warnf("chat run of preset %s did not start: %s", name, LogSafe.text(why.getMessage()));
            throw new ChatCommand.Refused("run " + name + " did not start: " + why.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatCommand.Refused("run " + name + ": interrupted while starting");
        }
    }

    /** The start finished right as the wait ended: its own message went out or goes out; answer the same. */
    private String waitAgain(Future<RunState> started, RunPlan plan, Context context) {
        try {
            return startedText(started.get(), plan, context);
        } catch (ExecutionException | InterruptedException e) {
            return "The run did not start: " + SlackText.escape(String.valueOf(e.getCause()));
        }
    }

    private ObjectNode presetTree(String name, String text) {
        JsonNode tree;
        try {
            tree = parser.tree(text);
        } catch (InvalidPlanException e) {
            throw new ChatCommand.Refused("preset " + name + " is not a valid plan: " + lines(e.errors()));
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new ChatCommand.Refused("preset " + name + " is not a valid plan: (plan): must be a JSON object");
        }
        return object.deepCopy();
    }

    private ChatCommand.Refused unknownPreset(String name) {
        List<String> names = presets.names();
        return new ChatCommand.Refused("unknown preset \"" + name + "\": "
                + (names.isEmpty() ? "there are no presets on this coordinator" : "the presets are " + String.join(", ", names)));
    }

    private static String startedText(RunState state, RunPlan plan, Context context) {
        String link = SlackText.link(Links.run(context.base(), state.id()), state.id());
        if (state.status().finished()) {
            return "Run " + link + " of " + SlackText.escape(plan.name()) + " ended at once (" + state.ending() + ": "
                    + SlackText.escape(state.endNote()) + "); its verdict follows here.";
        }
        return "Run " + link + " started: " + SlackText.escape(plan.name()) + ", " + plan.participants()
                + " participants on " + plan.instances() + " instance(s) for " + Durations.human(plan.duration())
                + " (+ " + Durations.human(plan.rampUp()) + " ramp-up). The verdict will be posted here when it ends.";
    }

    private String status(String id, Context context) {
        RunQueries.RunView view = queries.view(id);
        String link = SlackText.link(Links.run(context.base(), id), id);
        StringBuilder out = new StringBuilder("Run ").append(link).append(" (").append(SlackText.escape(view.plan()))
                .append("): ").append(view.status());
        if (view.verdict() != null) {
            out.append(", verdict *").append(view.verdict()).append("* ")
                    .append(SlackText.link(Links.report(context.base(), id), "report"));
        } else if (view.progress() != null) {
            out.append(", ").append(view.progress().joined()).append(" of ").append(view.progress().participants())
                    .append(" participants joined");
            if (view.progress().failed() > 0) {
                out.append(", ").append(view.progress().failed()).append(" failed");
            }
            if (view.progress().timeLeftSeconds() != null) {
                out.append(", ").append(Durations.human(Duration.ofSeconds(view.progress().timeLeftSeconds()))).append(" left");
            }
        }
        return out.toString();
    }

    private String cancel(String id, Context context) {
        RunState state = service.cancel(id);
        return "Run " + SlackText.link(Links.run(context.base(), id), id) + " cancelled (" + state.status()
                + "): it ends INCONCLUSIVE, " + SlackText.link(Links.report(context.base(), id), "report");
    }

    private String list() {
        List<RunQueries.RunSummary> runs = queries.list();
        if (runs.isEmpty()) {
            return "No runs yet.";
        }
        return runs.stream().limit(LISTED_RUNS)
                .map(r -> "`" + r.id() + "` " + SlackText.escape(r.plan()) + " " + r.status()
                        + (r.verdict() == null ? "" : " " + r.verdict()))
                .collect(Collectors.joining("\n", "Latest runs:\n", ""));
    }

    static String help() {
        return String.join("\n",
                "meetload commands:",
                "`run PRESET [participants=N duration=PT10M instances=N videoSenders=N audioSenders=N rampUp=PT1M rooms=N]`"
                        + " start a run of a preset plan",
                "`status ID` how a run is doing",
                "`cancel ID` stop a run (it ends INCONCLUSIVE)",
                "`list` the latest runs",
                "`help` this text");
    }

    private static String lines(List<PlanError> errors) {
        return errors.stream().map(PlanError::line).collect(Collectors.joining("; "));
    }

    @PreDestroy
    void stop() {
        starts.shutdown();
    }
}
