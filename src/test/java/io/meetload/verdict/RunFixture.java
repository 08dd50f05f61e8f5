package io.meetload.verdict;

import io.meetload.bridge.BridgeSeries;
import io.meetload.instance.HostSample;
import io.meetload.instance.InstanceFact;
import io.meetload.instance.InstanceReport;
import io.meetload.instance.ParticipantEvent;
import io.meetload.instance.ParticipantInfo;
import io.meetload.instance.ParticipantSample;
import io.meetload.instance.ParticipantState;
import io.meetload.plan.InstanceAssignment;
import io.meetload.plan.RunPlan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Synthetic instance reports as a worker writes them: every participant joins during the ramp-up,
 * media flows, samples every 10 s, everyone leaves at the end; then the test bends what it needs
 * (CPU from a minute on, a drop, a missing report...).
 */
final class RunFixture {

    static final Instant START = Instant.parse("2026-12-04T14:00:00Z");
    static final Duration EVERY = Duration.ofSeconds(10);
    static final long GIB = 1024L * 1024 * 1024;

    private final RunPlan plan;
    private final Map<Integer, TreeMap<Duration, Double>> cpu = new HashMap<>();
    private final Map<Integer, TreeMap<Duration, Long>> memory = new HashMap<>();
    private final Map<Integer, Long> oomKillsAt = new HashMap<>();
    private final Map<String, ParticipantEvent> endings = new HashMap<>();
    private final Map<String, TreeMap<Duration, Double>> receiveBps = new HashMap<>();
    private final Map<String, TreeMap<Duration, Double>> loss = new HashMap<>();
    private final Map<String, TreeMap<Duration, Double>> fps = new HashMap<>();
    private final Set<String> neverSampled = new HashSet<>();
    private final Map<String, ParticipantState> stuck = new HashMap<>();
    private final Map<String, Duration> silentDrops = new HashMap<>();
    private final Set<Integer> noHostSamples = new HashSet<>();
    private final Map<Integer, Duration> hostGaps = new HashMap<>();
    private double[] costs;
    private final Set<Integer> missingReports = new HashSet<>();
    private final Map<Integer, InstanceFact> facts = new HashMap<>();
    private final Map<Integer, Double> coresPerParticipant = new HashMap<>();
    private Optional<String> cancelled = Optional.empty();
    private Optional<BridgeSeries> bridge = Optional.empty();
    private Duration end;
    private double jitter;

    private RunFixture(RunPlan plan) {
        this.plan = plan;
        this.end = plan.totalDuration();
    }

    static RunPlan plan(int participants, int videoSenders, int instances, Duration duration, Duration rampUp,
                        double cpuCores) {
        return new RunPlan(RunPlan.SCHEMA, participants + "p-" + videoSenders + "cam",
                new RunPlan.Target(RunPlan.Driver.JITSI, "https://meet.example.org", "loadtest"), 1, participants,
                videoSenders, Math.min(2, participants), instances, duration, rampUp, RunPlan.Video.DEFAULT,
                RunPlan.Media.BUILT_IN,
                new RunPlan.InstanceSize(Format.cores(cpuCores), "4Gi", cpuCores, 4 * GIB),
                RunPlan.Thresholds.DEFAULT, Optional.empty());
    }

    /** The same plan with other audio senders and thresholds. */
    static RunPlan with(RunPlan p, int audioSenders, RunPlan.Thresholds thresholds) {
        return new RunPlan(p.schema(), p.name(), p.target(), p.rooms(), p.participants(), p.videoSenders(),
                audioSenders, p.instances(), p.duration(), p.rampUp(), p.video(), p.media(), p.instanceSize(),
                thresholds, p.bridge());
    }

    static RunFixture of(RunPlan plan) {
        return new RunFixture(plan);
    }

    /** A small healthy run: 4 participants, 3 cameras, 2 instances of 2 CPUs, 10 minutes. */
    static RunFixture small() {
        return of(plan(4, 3, 2, Duration.ofMinutes(10), Duration.ofSeconds(20), 2));
    }

    static Duration at(int minutes, int seconds) {
        return Duration.ofMinutes(minutes).plusSeconds(seconds);
    }

    static Instant instant(Duration sinceStart) {
        return START.plus(sinceStart);
    }

    RunPlan plan() {
        return plan;
    }

    /** Instance CPU ratio from {@code from} on (until another call changes it). */
    RunFixture cpu(int instance, Duration from, double ratio) {
        cpu.computeIfAbsent(instance, i -> new TreeMap<>()).put(from, ratio);
        return this;
    }

    /** CPU ratios wobble by up to this much (deterministic), as real ones do. */
    RunFixture jitter(double amplitude) {
        jitter = amplitude;
        return this;
    }

    RunFixture memory(int instance, Duration from, long bytes) {
        memory.computeIfAbsent(instance, i -> new TreeMap<>()).put(from, bytes);
        return this;
    }

    RunFixture oomKill(int instance, Duration at) {
        oomKillsAt.put(instance, at.toMillis());
        return this;
    }

    /** The instance's cores come from this per-participant cost, except where {@link #cpu} says otherwise. */
    RunFixture coresPerParticipant(int instance, double cores) {
        coresPerParticipant.put(instance, cores);
        return this;
    }

    /** Host CPU from a cost per receiver and per sender (cores), except where {@link #cpu} says otherwise. */
    RunFixture costs(double perReceiver, double perSender) {
        costs = new double[] {perReceiver, perSender};
        return this;
    }

    /** No host samples at all in the instance's report. */
    RunFixture noHostSamples(int instance) {
        noHostSamples.add(instance);
        return this;
    }

    /** The instance took no host sample for a minute from {@code from}. */
    RunFixture hostGap(int instance, Duration from) {
        hostGaps.put(instance, from);
        return this;
    }

    /** Joins, then every sample stays in {@code state} and no later event comes (JOINING: never joins). */
    RunFixture stuck(String participant, ParticipantState state) {
        stuck.put(participant, state);
        return this;
    }

    /** Media flows, then a sample says DROPPED at {@code at}, with no event telling why. */
    RunFixture dropSilently(String participant, Duration at) {
        silentDrops.put(participant, at);
        return this;
    }

    RunFixture drop(String participant, Duration at, String reason) {
        endings.put(participant, event(at, participant, ParticipantState.MEDIA_FLOWING, ParticipantState.DROPPED,
                reason, "conference error: " + reason.toLowerCase()));
        return this;
    }

    /** Leaves as planned at {@code at}, before the run's end (its instance ended first). */
    RunFixture leave(String participant, Duration at) {
        endings.put(participant, event(at, participant, ParticipantState.MEDIA_FLOWING, ParticipantState.LEFT,
                null, null));
        return this;
    }

    RunFixture failJoin(String participant) {
        endings.put(participant, event(Duration.ofSeconds(-1), participant, ParticipantState.JOINING,
                ParticipantState.FAILED_TO_JOIN, null, "APP.conference.isJoined() stayed false for 60 s"));
        return this;
    }

    RunFixture noMedia(String participant) {
        endings.put(participant, event(Duration.ofSeconds(-2), participant, ParticipantState.JOINED,
                ParticipantState.NO_MEDIA, null, "0 kbps received for 30 s"));
        return this;
    }

    RunFixture crash(String participant, Duration at) {
        endings.put(participant, event(at, participant, ParticipantState.MEDIA_FLOWING,
                ParticipantState.BROWSER_CRASHED, null, "session deleted because of page crash"));
        return this;
    }

    RunFixture receiveBps(String participant, Duration from, double bps) {
        receiveBps.computeIfAbsent(participant, p -> new TreeMap<>()).put(from, bps);
        return this;
    }

    RunFixture loss(String participant, Duration from, double ratio) {
        loss.computeIfAbsent(participant, p -> new TreeMap<>()).put(from, ratio);
        return this;
    }

    RunFixture fps(String participant, Duration from, double value) {
        fps.computeIfAbsent(participant, p -> new TreeMap<>()).put(from, value);
        return this;
    }

    RunFixture neverSampled(String participant) {
        neverSampled.add(participant);
        return this;
    }

    RunFixture missingReport(int instance) {
        missingReports.add(instance);
        return this;
    }

    RunFixture fact(int instance, InstanceFact.Outcome outcome, Duration at) {
        facts.put(instance, new InstanceFact(instance, outcome, instant(at), 137, "KILL", "pod " + outcome));
        return this;
    }

    RunFixture cancelled(String why, Duration at) {
        cancelled = Optional.of(why);
        end = at;
        return this;
    }

    RunFixture bridge(BridgeSeries series) {
        bridge = Optional.of(series);
        return this;
    }

    /** A flat bridge series of one quantity, one point every 10 s over the run. */
    BridgeSeries flatBridge(double stress, double participants) {
        List<BridgeSeries.Point> s = new ArrayList<>();
        List<BridgeSeries.Point> p = new ArrayList<>();
        for (Duration t = Duration.ZERO; t.compareTo(end) <= 0; t = t.plus(EVERY)) {
            s.add(new BridgeSeries.Point(instant(t), stress));
            p.add(new BridgeSeries.Point(instant(t), participants));
        }
        return new BridgeSeries("prometheus", Map.of("STRESS", s, "PARTICIPANTS", p), Map.of());
    }

    VerdictInput input() {
        Map<Integer, InstanceReport> reports = new HashMap<>();
        Map<Integer, InstanceFact> allFacts = new HashMap<>(facts);
        for (int i = 0; i < plan.instances(); i++) {
            if (missingReports.contains(i) || facts.containsKey(i) && facts.get(i).outcome() != InstanceFact.Outcome.REPORTED) {
                continue;
            }
            reports.put(i, report(InstanceAssignment.of(plan, i, plan.instances())));
            allFacts.putIfAbsent(i, new InstanceFact(i, InstanceFact.Outcome.REPORTED, instant(end), 0, null, null));
        }
        return new VerdictInput("r-test", plan, START, instant(end), reports, allFacts, cancelled, bridge);
    }

    private InstanceReport report(InstanceAssignment share) {
        int i = share.index();
        List<ParticipantInfo> infos = new ArrayList<>();
        List<ParticipantEvent> events = new ArrayList<>();
        List<ParticipantSample> samples = new ArrayList<>();
        int present = 0;
        for (InstanceAssignment.ParticipantSpec p : share.participants()) {
            infos.add(new ParticipantInfo(p.id(), p.number(), p.room(), p.video(), p.audio()));
            participant(p, events, samples);
        }
        List<HostSample> host = new ArrayList<>();
        long kills = 0;
        for (Duration t = Duration.ZERO; t.compareTo(end) < 0; t = t.plus(EVERY)) {
            if (noHostSamples.contains(i) || hostGaps.containsKey(i) && !t.minus(hostGaps.get(i)).isNegative()
                    && t.minus(hostGaps.get(i)).compareTo(Duration.ofMinutes(1)) < 0) {
                continue;
            }
            double ratio = value(cpu.get(i), t, 0.6) + jitter * Math.sin(t.getSeconds() / 7.0 + i);
            double cores = ratio * plan.instanceSize().cpuCores();
            boolean explicit = cpu.containsKey(i) && cpu.get(i).floorEntry(t) != null;
            if (!explicit && coresPerParticipant.containsKey(i)) {
                cores = coresPerParticipant.get(i) * share.participants().size();
            } else if (!explicit && costs != null) {
                long senders = share.participants().stream().filter(InstanceAssignment.ParticipantSpec::video).count();
                cores = costs[0] * (share.participants().size() - senders) + costs[1] * senders;
            }
            ratio = cores / plan.instanceSize().cpuCores();
            if (oomKillsAt.containsKey(i) && t.toMillis() >= oomKillsAt.get(i)) {
                kills = 1;
            }
            long mem = value(memory.get(i), t, 2 * GIB);
            host.add(new HostSample(instant(t), cores, plan.instanceSize().cpuCores(), ratio, mem,
                    plan.instanceSize().memoryBytes(), kills, cores * 0.9, mem * 9 / 10, 12));
        }
        return new InstanceReport(InstanceReport.SCHEMA, "r-test", "digest", i, plan.instances(), START,
                instant(end), cancelled.isPresent() ? "SIGTERM" : "COMPLETED", infos, events, samples, host);
    }

    private void participant(InstanceAssignment.ParticipantSpec p, List<ParticipantEvent> events,
                             List<ParticipantSample> samples) {
        Duration start = p.startAfter();
        Duration joined = start.plusSeconds(5);
        Duration flowing = start.plusSeconds(8);
        ParticipantEvent ending = endings.get(p.id());
        events.add(event(start, p.id(), ParticipantState.STARTING, ParticipantState.JOINING, null, null));
        if (stuck.containsKey(p.id())) {
            ParticipantState state = stuck.get(p.id());
            if (state != ParticipantState.JOINING) {
                events.add(event(joined, p.id(), ParticipantState.JOINING, ParticipantState.JOINED, null, null));
            }
            for (Duration t = joined; t.compareTo(end) < 0; t = t.plus(EVERY)) {
                samples.add(new ParticipantSample(instant(t), p.id(), state, 0, 0.0, 0.0, null, null, null, null,
                        "new", null, null));
            }
            return;
        }
        if (ending != null && ending.to() == ParticipantState.FAILED_TO_JOIN) {
            events.add(event(start.plusSeconds(60), p.id(), ParticipantState.JOINING, ParticipantState.FAILED_TO_JOIN,
                    null, ending.evidence()));
            return;
        }
        events.add(event(joined, p.id(), ParticipantState.JOINING, ParticipantState.JOINED, null, null));
        if (ending != null && ending.to() == ParticipantState.NO_MEDIA) {
            events.add(event(joined.plusSeconds(30), p.id(), ParticipantState.JOINED, ParticipantState.NO_MEDIA,
                    null, ending.evidence()));
            return;
        }
        events.add(event(flowing, p.id(), ParticipantState.JOINED, ParticipantState.MEDIA_FLOWING, null, null));
        Duration silentDrop = silentDrops.get(p.id());
        Duration stop = ending != null ? Duration.between(START, ending.at()) : silentDrop != null ? silentDrop : end;
        if (!neverSampled.contains(p.id())) {
            int others = plan.participants() - 1;
            for (Duration t = flowing; t.compareTo(stop) < 0; t = t.plus(EVERY)) {
                samples.add(new ParticipantSample(instant(t), p.id(), ParticipantState.MEDIA_FLOWING, others,
                        value(receiveBps.get(p.id()), t, 1_500_000.0), p.video() ? 1_200_000.0 : 0.0,
                        value(loss.get(p.id()), t, 0.01), value(fps.get(p.id()), t, 25.0), 1280, 720,
                        "connected", null, null));
            }
        }
        if (silentDrop != null) {
            samples.add(new ParticipantSample(instant(silentDrop), p.id(), ParticipantState.DROPPED, 0, 0.0, 0.0,
                    null, null, null, null, "closed", null, null));
        } else if (ending != null) {
            events.add(ending);
        } else if (cancelled.isEmpty()) {
            events.add(event(end, p.id(), ParticipantState.MEDIA_FLOWING, ParticipantState.LEFT, null, null));
        }
    }

    private static ParticipantEvent event(Duration at, String participant, ParticipantState from, ParticipantState to,
                                          String reason, String evidence) {
        return new ParticipantEvent(instant(at), participant, from, to, reason, evidence);
    }

    private static <T> T value(TreeMap<Duration, T> changes, Duration t, T base) {
        if (changes == null || changes.floorEntry(t) == null) {
            return base;
        }
        return changes.floorEntry(t).getValue();
    }
}
