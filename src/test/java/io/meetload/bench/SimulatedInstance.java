package io.meetload.bench;

import io.meetload.instance.Heartbeat;
import io.meetload.instance.HostSample;
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
import java.util.List;
import java.util.Random;

/**
 * What one healthy worker instance would send for a whole run: every participant joins, media
 * flows at plausible, noisy rates for {@code samples} sample intervals, then it leaves; the host
 * stays well under its CPU and memory limits. Deterministic: the same seed and index give the
 * same bytes. Simulated time starts at the run's start, so the verdict judges the samples as it
 * would a real run's.
 */
final class SimulatedInstance {

    static final Duration INTERVAL = Duration.ofSeconds(5);
    static final double CPU_LIMIT_CORES = 2.0;
    static final long MEMORY_LIMIT_BYTES = 4L << 30;

    private final String run;
    private final String planDigest;
    private final int index;
    private final int count;
    private final Instant start;
    private final int samples;
    private final InstanceAssignment assignment;
    private final RunPlan plan;
    private final long seed;

    SimulatedInstance(String run, String planDigest, RunPlan plan, int index, Instant start, int samples, long seed) {
        this.run = run;
        this.planDigest = planDigest;
        this.plan = plan;
        this.index = index;
        this.count = plan.instances();
        this.start = start;
        this.samples = samples;
        this.assignment = InstanceAssignment.of(plan, index, count);
        this.seed = seed;
    }

    /** The whole report, as the worker posts it at the end. */
    InstanceReport report() {
        Random random = random();
        List<ParticipantInfo> infos = new ArrayList<>();
        List<ParticipantEvent> events = new ArrayList<>();
        List<ParticipantSample> participantSamples = new ArrayList<>();
        for (InstanceAssignment.ParticipantSpec p : assignment.participants()) {
            infos.add(new ParticipantInfo(p.id(), p.number(), p.room(), p.video(), p.audio()));
            events.addAll(events(p));
            participantSamples.addAll(participantSamples(p, random));
        }
        List<HostSample> host = hostSamples(random);
        return new InstanceReport(InstanceReport.SCHEMA, run, planDigest, index, count, start, end(),
                "COMPLETED", infos, events, participantSamples, host);
    }

    /**
     * Heartbeat {@code k} of {@code of}: the latest sample of each participant and of the host at
     * that point of the simulated run; the first one carries the join events.
     */
    Heartbeat heartbeat(int k, int of) {
        Random random = random();
        int at = (int) ((long) samples * (k + 1) / (of + 1));
        List<ParticipantSample> latest = new ArrayList<>();
        List<ParticipantEvent> fresh = new ArrayList<>();
        for (InstanceAssignment.ParticipantSpec p : assignment.participants()) {
            latest.add(participantSamples(p, random).get(Math.min(at, samples - 1)));
            if (k == 0) {
                fresh.addAll(events(p).subList(0, 3));
            }
        }
        HostSample host = hostSamples(random).get(Math.min(at, samples - 1));
        return new Heartbeat(run, index, host.at(), latest, host, fresh);
    }

    private Random random() {
        return new Random(seed * 1_000_003L + index);
    }

    private Instant joinedAt(InstanceAssignment.ParticipantSpec p) {
        return start.plus(p.startAfter());
    }

    private Instant end() {
        Duration last = assignment.participants().stream().map(InstanceAssignment.ParticipantSpec::startAfter)
                .max(Duration::compareTo).orElse(Duration.ZERO);
        return start.plus(last).plus(INTERVAL.multipliedBy(samples)).plusSeconds(2);
    }

    private List<ParticipantEvent> events(InstanceAssignment.ParticipantSpec p) {
        Instant t = joinedAt(p);
        String id = p.id();
        return List.of(
                new ParticipantEvent(t, id, ParticipantState.STARTING, ParticipantState.JOINING, null,
                        "page opened"),
                new ParticipantEvent(t.plusSeconds(2), id, ParticipantState.JOINING, ParticipantState.JOINED, null,
                        "joined: the page says so"),
                new ParticipantEvent(t.plusSeconds(4), id, ParticipantState.JOINED, ParticipantState.MEDIA_FLOWING,
                        null, "media flowing: received and sent bytes grow"),
                new ParticipantEvent(t.plus(INTERVAL.multipliedBy(samples)).plusSeconds(1), id,
                        ParticipantState.MEDIA_FLOWING, ParticipantState.LEFT, null, "the run ended"));
    }

    private List<ParticipantSample> participantSamples(InstanceAssignment.ParticipantSpec p, Random random) {
        List<ParticipantSample> list = new ArrayList<>(samples);
        Instant t = joinedAt(p);
        long bytes = 0;
        long frames = 0;
        int width = plan.video().width();
        int height = plan.video().height();
        double fpsTarget = plan.video().fps();
        for (int k = 0; k < samples; k++) {
            double receive = Math.max(300_000, 1_200_000 + random.nextGaussian() * 120_000);
            double send = Math.max(300_000, 1_500_000 + random.nextGaussian() * 100_000);
            double loss = random.nextInt(10) == 0 ? Math.round(random.nextDouble() * 100) / 10_000.0 : 0.0;
            double fps = Math.round((fpsTarget - random.nextDouble() * 1.5) * 10) / 10.0;
            bytes += (long) (receive * INTERVAL.toSeconds() / 8);
            frames += (long) (fps * INTERVAL.toSeconds());
            list.add(new ParticipantSample(t.plus(INTERVAL.multipliedBy(k + 1)), p.id(),
                    ParticipantState.MEDIA_FLOWING, 1, Math.rint(receive), Math.rint(send), loss, fps, width, height,
                    "connected", bytes, frames));
        }
        return list;
    }

    private List<HostSample> hostSamples(Random random) {
        List<HostSample> list = new ArrayList<>(samples);
        for (int k = 0; k < samples; k++) {
            double ratio = Math.round((0.45 + random.nextGaussian() * 0.05) * 1000) / 1000.0;
            double cores = ratio * CPU_LIMIT_CORES;
            long memory = 2_400_000_000L + (long) (random.nextGaussian() * 50_000_000);
            list.add(new HostSample(start.plus(INTERVAL.multipliedBy(k + 1)), cores, CPU_LIMIT_CORES, ratio,
                    memory, MEMORY_LIMIT_BYTES, 0, cores * 0.9, memory - 300_000_000L, 14));
        }
        return list;
    }
}
