package io.meetload.verdict;

import io.meetload.instance.ParticipantSample;
import io.meetload.plan.RunPlan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoublePredicate;
import java.util.function.Function;

/**
 * The plan's quality thresholds, judged per participant over the samples taken while its media
 * flowed, once every sender of its room had media (see {@link RunData#qualityFrom}) and until the
 * first of them ended (see {@link RunData#qualityUntil}: instances end one after the other, and a
 * receiver whose senders have left gets nothing by design), and only for
 * participants that should receive something: LOW_BITRATE (receive bitrate
 * p5 under minReceiveBitrateKbps), PACKET_LOSS (max loss over maxPacketLossRatio), LOW_FRAME_RATE
 * (received fps p5 under minReceiveFps, when that is set and someone else sends video).
 */
final class QualityRule implements FailureRule {

    @Override
    public List<Failure> failures(RunData run) {
        RunPlan.Thresholds t = run.plan.thresholds();
        List<Failure> failures = new ArrayList<>();
        for (ParticipantData p : run.participants) {
            if (!run.expectsRemoteMedia(p)) {
                continue;
            }
            java.util.Optional<Instant> from = run.qualityFrom(p);
            if (from.isEmpty()) {
                continue; // no sender of its room ever had media: their own failures say so
            }
            java.util.Optional<Instant> until = run.qualityUntil(p);
            List<ParticipantSample> flowing = p.flowingSamples().stream()
                    .filter(s -> !s.at().isBefore(from.get()))
                    .filter(s -> until.isEmpty() || s.at().isBefore(until.get()))
                    .toList();
            List<ParticipantSample> bitrate = with(flowing, ParticipantSample::receiveBitsPerSecond);
            if (t.minReceiveBitrateKbps() > 0 && !bitrate.isEmpty()) {
                double p5 = p5(bitrate, s -> s.receiveBitsPerSecond() / 1000.0);
                if (p5 < t.minReceiveBitrateKbps()) {
                    failures.add(failure(run, "LOW_BITRATE", p, bitrate,
                            kbps -> kbps < t.minReceiveBitrateKbps(), s -> s.receiveBitsPerSecond() / 1000.0,
                            p.id() + " received too little at p5: required " + Format.number(t.minReceiveBitrateKbps())
                                    + " kbps, actual " + Format.number(p5), "below"));
                }
            }
            List<ParticipantSample> lossy = with(flowing, ParticipantSample::packetLossRatio);
            if (!lossy.isEmpty()) {
                double max = lossy.stream().mapToDouble(ParticipantSample::packetLossRatio).max().orElse(0);
                if (max > t.maxPacketLossRatio()) {
                    failures.add(failure(run, "PACKET_LOSS", p, lossy, loss -> loss > t.maxPacketLossRatio(),
                            ParticipantSample::packetLossRatio,
                            p.id() + " lost too many packets: required at most "
                                    + Format.number(t.maxPacketLossRatio()) + ", actual " + Format.number(max),
                            "over"));
                }
            }
            List<ParticipantSample> framed = with(flowing, ParticipantSample::receiveFramesPerSecond);
            if (t.minReceiveFps() > 0 && run.expectsRemoteVideo(p) && !framed.isEmpty()) {
                double p5 = p5(framed, ParticipantSample::receiveFramesPerSecond);
                if (p5 < t.minReceiveFps()) {
                    failures.add(failure(run, "LOW_FRAME_RATE", p, framed, fps -> fps < t.minReceiveFps(),
                            ParticipantSample::receiveFramesPerSecond,
                            p.id() + " received too few frames at p5: required " + Format.number(t.minReceiveFps())
                                    + " fps, actual " + Format.number(p5), "below"));
                }
            }
        }
        return failures;
    }

    /** The failure spans its bad samples: from the first to the last one that broke the threshold. */
    private static Failure failure(RunData run, String kind, ParticipantData p, List<ParticipantSample> samples,
                                   DoublePredicate bad, Function<ParticipantSample, Double> value, String message,
                                   String side) {
        List<Instant> badAt = samples.stream().filter(s -> bad.test(value.apply(s))).map(ParticipantSample::at).toList();
        Instant from = badAt.get(0);
        Instant to = badAt.get(badAt.size() - 1);
        return new Failure(kind, p.instance(), p.id(), from, to, message + " (" + badAt.size() + " of "
                + samples.size() + " samples " + side + ", from " + run.runMinute(from) + " to " + run.runMinute(to)
                + ")");
    }

    private static List<ParticipantSample> with(List<ParticipantSample> samples,
                                                Function<ParticipantSample, Double> value) {
        return samples.stream().filter(s -> value.apply(s) != null && !value.apply(s).isNaN()).toList();
    }

    private static double p5(List<ParticipantSample> samples, Function<ParticipantSample, Double> value) {
        return Stats.percentile(Stats.sorted(samples.stream().map(value).filter(Objects::nonNull).toList()), 5);
    }
}
