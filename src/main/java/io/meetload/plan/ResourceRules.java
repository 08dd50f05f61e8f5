package io.meetload.plan;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** Rules for what each instance gets ({@code instanceSize}, {@code media}) and what the service must hold ({@code thresholds}). */
final class ResourceRules {

    static final List<String> MEDIA = List.of("videoFile", "audioFile");
    static final List<String> SIZE = List.of("cpu", "memory");
    static final List<String> THRESHOLDS = List.of("minReceiveBitrateKbps", "maxPacketLossRatio",
            "maxGeneratorCpuRatio", "minReceiveFps");
    static final String DEFAULT_CPU = "2";
    static final String DEFAULT_MEMORY = "4Gi";

    private static final BigDecimal MIN_CPU = new BigDecimal("0.001");
    private static final BigDecimal MAX_CPU = BigDecimal.valueOf(64);
    private static final BigDecimal MIN_MEMORY = BigDecimal.valueOf(256 * Quantities.MI);
    private static final BigDecimal MAX_MEMORY = BigDecimal.valueOf(256 * Quantities.GI);

    private ResourceRules() {
    }

    static RunPlan.Media media(Fields media) {
        Optional<String> video = file(media, "videoFile", ".y4m");
        Optional<String> audio = file(media, "audioFile", ".wav");
        return video == null || audio == null ? null : new RunPlan.Media(video, audio);
    }

    /** Empty when not given; null when broken (reported). */
    private static Optional<String> file(Fields media, String name, String extension) {
        if (!media.has(name)) {
            return Optional.empty();
        }
        String path = media.string(name, null);
        if (path == null) {
            return null;
        }
        if (path.indexOf('\0') >= 0 || path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0) {
            media.error(name, "must not contain NUL or line breaks", media.seen(name));
            return null;
        }
        if (!path.endsWith(extension) || path.length() == extension.length()) {
            media.error(name, "must be the path of a " + extension + " file", media.seen(name));
            return null;
        }
        return Optional.of(path);
    }

    static RunPlan.InstanceSize instanceSize(Fields size) {
        String cpu = size.string("cpu", DEFAULT_CPU);
        BigDecimal cores = quantity(size, "cpu", cpu, "like 2, 0.5 or 500m", MIN_CPU, MAX_CPU, "between 1m and 64 cores");
        String memory = size.string("memory", DEFAULT_MEMORY);
        BigDecimal bytes = quantity(size, "memory", memory, "like 4Gi, 512Mi or 2G", MIN_MEMORY, MAX_MEMORY,
                "between 256Mi and 256Gi");
        return cores == null || bytes == null
                ? null : new RunPlan.InstanceSize(cpu, memory, Quantities.cores(cores), Quantities.bytes(bytes));
    }

    private static BigDecimal quantity(Fields size, String name, String text, String example,
                                       BigDecimal min, BigDecimal max, String range) {
        if (text == null) {
            return null;
        }
        Optional<BigDecimal> value = Quantities.parse(text);
        if (value.isEmpty()) {
            size.error(name, "must be a Kubernetes quantity " + example, size.seen(name));
            return null;
        }
        if (value.get().compareTo(min) < 0 || value.get().compareTo(max) > 0) {
            size.error(name, "must be " + range, size.seen(name));
            return null;
        }
        return value.get();
    }

    static RunPlan.Thresholds thresholds(Fields th) {
        RunPlan.Thresholds d = RunPlan.Thresholds.DEFAULT;
        Double bitrate = atLeastZero(th, "minReceiveBitrateKbps", d.minReceiveBitrateKbps());
        Double loss = th.number("maxPacketLossRatio", d.maxPacketLossRatio());
        if (loss != null && (loss < 0 || loss > 1)) {
            th.error("maxPacketLossRatio", "must be between 0 and 1", th.seen("maxPacketLossRatio"));
            loss = null;
        }
        Double cpu = th.number("maxGeneratorCpuRatio", d.maxGeneratorCpuRatio());
        if (cpu != null && (cpu <= 0 || cpu > 1)) {
            th.error("maxGeneratorCpuRatio", "must be more than 0 and at most 1", th.seen("maxGeneratorCpuRatio"));
            cpu = null;
        }
        Double fps = atLeastZero(th, "minReceiveFps", d.minReceiveFps());
        return bitrate == null || loss == null || cpu == null || fps == null
                ? null : new RunPlan.Thresholds(bitrate, loss, cpu, fps);
    }

    private static Double atLeastZero(Fields th, String name, double dflt) {
        Double value = th.number(name, dflt);
        if (value != null && value < 0) {
            th.error(name, "must be at least 0", th.seen(name));
            return null;
        }
        return value;
    }
}
