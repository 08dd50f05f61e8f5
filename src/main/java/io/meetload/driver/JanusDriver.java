package io.meetload.driver;

import io.meetload.plan.InstanceAssignment.ParticipantSpec;
import io.meetload.plan.RunPlan;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Janus videoroom. Janus has no web app of its own, so the worker serves a small participant
 * page ({@code resources/participant/janus.html}) built on Janus's own {@code janus.js}; the page
 * does the joining and keeps the counters, this class only points a browser at it.
 */
public final class JanusDriver implements ConferenceDriver {

    private final boolean renderRemoteVideo;
    private final long bitrateBitsPerSecond;

    /**
     * @param renderRemoteVideo attach remote tracks to video elements (frames decode either way)
     * @param bitrateBitsPerSecond the publisher bitrate cap asked of Janus
     */
    public JanusDriver(boolean renderRemoteVideo, long bitrateBitsPerSecond) {
        this.renderRemoteVideo = renderRemoteVideo;
        this.bitrateBitsPerSecond = bitrateBitsPerSecond;
    }

    @Override
    public URI participantUrl(RunPlan plan, ParticipantSpec participant, URI pageBase) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("server", plan.target().url());
        query.put("room", participant.room());
        query.put("display", participant.id());
        query.put("video", participant.video() ? "1" : "0");
        query.put("audio", participant.audio() ? "1" : "0");
        query.put("width", String.valueOf(plan.video().width()));
        query.put("height", String.valueOf(plan.video().height()));
        query.put("fps", String.valueOf(plan.video().fps()));
        query.put("bitrate", String.valueOf(bitrateBitsPerSecond));
        query.put("render", renderRemoteVideo ? "1" : "0");
        String encoded = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return pageBase.resolve("/participant/janus.html?" + encoded);
    }

    @Override
    public String probeScript() {
        return """
                const done = arguments[arguments.length - 1];
                if (!window.meetload) { done({loaded: false}); return; }
                window.meetload.probe().then(done, e => done({loaded: true, error: String(e)}));
                """;
    }

    @Override
    public String leaveScript() {
        return "if (window.meetload) window.meetload.leave();";
    }
}
