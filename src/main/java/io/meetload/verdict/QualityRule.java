package io.meetload.verdict;

import io.meetload.instance.ParticipantSampleColumns;
import io.meetload.plan.RunPlan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoublePredicate;
import java.util.function.IntToDoubleFunction;

/**
 * The plan's quality thresholds, judged per participant over the samples taken while its media
 * flowed, once every sender of its room had media (see {@link RunData#qualityFrom}) and until the
 * first of them ended (see {@link RunData#qualityUntil}: instances end one after the other, and a
 * receiver whose senders have left gets nothing by design), and only for participants that should
 * receive something: LOW_BITRATE (receive bitrate p5 under minReceiveBitrateKbps), PACKET_LOSS
 * (max loss over maxPacketLossRatio), LOW_FRAME_RATE (received fps p5 under minReceiveFps, when
 * that is set and someone else sends video). A sample without the value is not counted for it.
 * Values are read from the sample columns by index: a thousand-instance run has millions.
 */
final class QualityRule implements FailureRule {

    /** The kinds of failure this rule finds: what a participant received. */
    static final java.util.Set<String> KINDS = java.util.Set.of("LOW_BITRATE", "PACKET_LOSS", "LOW_FRAME_RATE");

    @Override
    public List<Failure> failures(RunData run) {
        RunPlan.Thresholds t = run.plan.thresholds();
        List<Failure> failures = new ArrayList<>();
        for (ParticipantData p : run.participants) {
            if (!run.expectsRemoteMedia(p)) {
                continue;
            }
            Optional<Instant> from = run.qualityFrom(p);
            if (from.isEmpty()) {
                continue; // no sender of its room ever had media: their own failures say so
            }
            ParticipantSampleColumns flowing = p.flowingSamples().between(from.get(), run.qualityUntil(p).orElse(null));
            IntToDoubleFunction kbps = i -> flowing.receiveBitsPerSecond(i) / 1000.0;
            double[] bitrate = Stats.sorted(flowing.size(), kbps);
            if (t.minReceiveBitrateKbps() > 0 && bitrate.length > 0) {
                double p5 = Stats.percentile(bitrate, 5);
                if (p5 < t.minReceiveBitrateKbps()) {
                    failures.add(failure(run, "LOW_BITRATE", p, flowing, kbps, v -> v < t.minReceiveBitrateKbps(),
                            p.id() + " received too little at p5: required " + Format.number(t.minReceiveBitrateKbps())
                                    + " kbps, actual " + Format.number(p5), "below"));
                }
            }
            double[] loss = Stats.sorted(flowing.size(), flowing::packetLossRatio);
            if (loss.length > 0) {
                double max = loss[loss.length - 1];
                if (max > t.maxPacketLossRatio()) {
                    failures.add(failure(run, "PACKET_LOSS", p, flowing, flowing::packetLossRatio,
                            v -> v > t.maxPacketLossRatio(),
                            p.id() + " lost too many packets: required at most "
                                    + Format.number(t.maxPacketLossRatio()) + ", actual " + Format.number(max),
                            "over"));
                }
            }
            if (t.minReceiveFps() > 0 && run.expectsRemoteVideo(p)) {
                double[] fps = Stats.sorted(flowing.size(), flowing::receiveFramesPerSecond);
                if (fps.length > 0) {
                    double p5 = Stats.percentile(fps, 5);
                    if (p5 < t.minReceiveFps()) {
                        failures.add(failure(run, "LOW_FRAME_RATE", p, flowing, flowing::receiveFramesPerSecond,
                                v -> v < t.minReceiveFps(),
                                p.id() + " received too few frames at p5: required " + Format.number(t.minReceiveFps())
                                        + " fps, actual " + Format.number(p5), "below"));
                    }
                }
            }
        }
        return failures;
    }

    /** The failure spans its bad samples: from the first to the last one that broke the threshold. */
    private static Failure failure(RunData run, String kind, ParticipantData p, ParticipantSampleColumns samples,
                                   IntToDoubleFunction value, DoublePredicate bad, String message, String side) {
        Instant from = null;
        Instant to = null;
        int badCount = 0;
        int counted = 0;
        for (int i = 0; i < samples.size(); i++) {
            double v = value.applyAsDouble(i);
            if (Double.isNaN(v)) {
                continue;
            }
            counted++;
            if (bad.test(v)) {
                badCount++;
                to = samples.at(i);
                from = from == null ? to : from;
            }
        }
        return new Failure(kind, p.instance(), p.id(), from, to, message + " (" + badCount + " of "
                + counted + " samples " + side + ", from " + run.runMinute(from) + " to " + run.runMinute(to)
                + ")");
    }
}
