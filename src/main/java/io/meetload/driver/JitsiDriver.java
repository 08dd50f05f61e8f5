package io.meetload.driver;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.meetload.plan.InstanceAssignment.ParticipantSpec;
import io.meetload.plan.RunPlan;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Jitsi Meet, through the names jitsi-meet exposes in the page ({@code APP.conference},
 * {@code APP.store}); every name is the one the Jitsi facts document. Joining is proven with
 * {@code APP.conference.isJoined()}, which jitsi-meet-torture never checked.
 */
public final class JitsiDriver implements ConferenceDriver {

    private final JitsiSettings settings;

    public JitsiDriver(JitsiSettings settings) {
        this.settings = settings;
    }

    @Override
    public URI participantUrl(RunPlan plan, ParticipantSpec participant, URI pageBase) {
        List<String> hash = new ArrayList<>();
        if (settings.disablePrejoin()) hash.add("config.prejoinConfig.enabled=false");
        if (settings.noDisplayNameRequired()) hash.add("config.requireDisplayName=false");
        if (settings.disableP2p()) hash.add("config.p2p.enabled=false");
        if (settings.disable1On1Mode()) hash.add("config.disable1On1Mode=true");
        if (settings.disableAnalytics()) hash.add("config.analytics.disabled=true");
        if (settings.testMode()) hash.add("config.testing.testMode=true");
        if (settings.noAutoPlayVideo()) hash.add("config.testing.noAutoPlayVideo=true");
        if (settings.disableTileView()) hash.add("config.disableTileView=true");
        if (settings.disableAudioProcessing()) {
            hash.add("config.disableAEC=true");
            hash.add("config.disableNS=true");
        }
        if (settings.liteMode()) hash.add("config.flags.runInLiteMode=true");
        if (!settings.pcStatsInterval().isZero()) {
            hash.add("config.pcStatsInterval=" + settings.pcStatsInterval().toMillis());
        }
        if (settings.gatherStats()) hash.add("config.gatherStats=true");
        if (settings.muteNonSenders()) {
            hash.add("config.startWithVideoMuted=" + !participant.video());
            hash.add("config.startWithAudioMuted=" + !participant.audio());
            if (!participant.video() && !participant.audio()) hash.add("config.disableInitialGUM=true");
        }
        hash.add("userInfo.displayName=" + encode(jsonString(participant.id())));
        for (Map.Entry<String, String> e : settings.extra().entrySet()) {
            hash.add(encode(e.getKey()) + "=" + encode(e.getValue()));
        }
        settings.jwt().ifPresent(token -> hash.add("jwt=" + encode(token)));
        String base = plan.target().url().replaceAll("/+$", "");
        return URI.create(base + "/" + encode(participant.room()) + "#" + String.join("&", hash));
    }

    /** Hash values are JSON: a string goes in quotes, with JSON's escapes. */
    private static String jsonString(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String probeScript() {
        // jitsi-meet's APP.conference reads its conference object, which is not there before the
        // join: isConnectionInterrupted(), getStats() and listMembers() throw then. Each answer is
        // asked on its own so that one missing answer never hides another (a kick, say).
        // getStats().resolution and .framerate also hold this participant's own sent video, under
        // its own id (getMyUserId()): only the others' count as received.
        return """
                const done = arguments[arguments.length - 1];
                try {
                  if (typeof APP === 'undefined' || !APP.conference) { done({loaded: false}); return; }
                  const c = APP.conference;
                  const ask = (f, otherwise) => {
                    try { const v = f(); return v === undefined || v === null ? otherwise : v; } catch (e) { return otherwise; }
                  };
                  const mine = window.__meetload = window.__meetload || {};
                  const joined = !!ask(() => c.isJoined(), false);
                  if (joined) mine.wasJoined = true;
                  const conf = ask(() => APP.store.getState()['features/base/conference'], {});
                  const interrupted = ask(() => c.isConnectionInterrupted(), false);
                  const ice = interrupted ? 'interrupted' : ask(() => c.getConnectionState(), null);
                  let ended = false, endReason = null, endDetail = null;
                  if (conf.error) {
                    const name = String(conf.error.name || conf.error.message || conf.error);
                    ended = true; endDetail = name;
                    endReason = /kick/i.test(name) ? 'KICKED' : 'CONFERENCE_ENDED';
                  } else if (mine.wasJoined && ice === 'failed') {
                    ended = true; endReason = 'ICE_FAILED'; endDetail = 'getConnectionState() is failed';
                  } else if (mine.wasJoined && !joined && !conf.leaving) {
                    ended = true; endReason = 'CONFERENCE_ENDED'; endDetail = 'isJoined() turned false';
                  }
                  const s = joined ? ask(() => c.getStats(), {}) : {};
                  const myId = ask(() => c.getMyUserId(), null);
                  const bitrate = s.bitrate || {};
                  const loss = s.packetLoss || {};
                  let width = null, height = null, fps = null;
                  for (const [id, bySsrc] of Object.entries(s.resolution || {})) {
                    if (id === myId) continue;
                    for (const r of Object.values(bySsrc || {})) {
                      if (r && r.width && (width === null || r.width > width)) { width = r.width; height = r.height; }
                    }
                  }
                  for (const [id, bySsrc] of Object.entries(s.framerate || {})) {
                    if (id === myId) continue;
                    for (const f of Object.values(bySsrc || {})) { if (typeof f === 'number') fps = (fps || 0) + f; }
                  }
                  const num = v => (typeof v === 'number' && isFinite(v)) ? v : null;
                  done({
                    loaded: true, joined: joined, ended: ended, endReason: endReason, endDetail: endDetail,
                    ice: ice, remote: joined ? ask(() => c.listMembers().length, null) : 0,
                    sendKbps: num(bitrate.upload), recvKbps: num(bitrate.download),
                    lossRatio: num(loss.download) === null ? null : loss.download / 100,
                    fps: fps, width: width, height: height
                  });
                } catch (e) {
                  done({loaded: true, error: String(e)});
                }
                """;
    }

    @Override
    public String leaveScript() {
        return "if (typeof APP !== 'undefined' && APP.conference) APP.conference.hangup();";
    }
}
