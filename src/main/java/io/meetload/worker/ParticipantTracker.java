package io.meetload.worker;

import io.meetload.driver.Probe;
import io.meetload.instance.DropReason;
import io.meetload.instance.ParticipantEvent;
import io.meetload.instance.ParticipantState;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The participant state machine, pure: it is fed probes and the time, and says which
 * transition happened. {@code STARTING -> JOINING -> JOINED -> MEDIA_FLOWING}; on trouble
 * {@code FAILED_TO_JOIN}, {@code NO_MEDIA}, {@code DROPPED}, {@code BROWSER_CRASHED}; at the end
 * {@code LEFT}. A join that carries no media is not a join: MEDIA_FLOWING needs bytes going out
 * (for a sender) and coming in (when someone else in the room sends).
 */
public final class ParticipantTracker {

    /**
     * @param sends this participant sends video or audio
     * @param expectsMedia someone else in its room sends, so media must come in
     * @param mediaNotBefore media is not expected before this (the plan's ramp-up is over)
     */
    public record Expectations(boolean sends, boolean expectsMedia, Instant mediaNotBefore,
                               Duration joinTimeout, Duration mediaTimeout, Duration dropTimeout) {
    }

    private final String participant;
    private final Expectations expect;
    private ParticipantState state = ParticipantState.STARTING;
    private Instant since;
    private Instant troubleSince;

    public ParticipantTracker(String participant, Expectations expect, Instant now) {
        this.participant = participant;
        this.expect = expect;
        this.since = now;
    }

    public ParticipantState state() {
        return state;
    }

    /** The browser is up and the page is being opened. */
    public ParticipantEvent joining(Instant now, String url) {
        return move(now, ParticipantState.JOINING, null, "opened " + url);
    }

    /** The browser could not start, or its session is gone. */
    public ParticipantEvent crashed(Instant now, String evidence) {
        return move(now, ParticipantState.BROWSER_CRASHED, null, evidence);
    }

    /** Left as planned at the end of the run (from any state that is not final). */
    public Optional<ParticipantEvent> left(Instant now, String evidence) {
        return state.isFinal() ? Optional.empty() : Optional.of(move(now, ParticipantState.LEFT, null, evidence));
    }

    /** A probe, or none ({@code null}) when the page did not answer in time. */
    public Optional<ParticipantEvent> observe(Instant now, Probe probe) {
        switch (state) {
            case JOINING:
                if (probe != null && probe.joined() && !probe.ended()) {
                    return Optional.of(move(now, ParticipantState.JOINED, null, "the page says joined"));
                }
                if (!now.isBefore(since.plus(expect.joinTimeout()))) {
                    return Optional.of(move(now, ParticipantState.FAILED_TO_JOIN, null,
                            "not joined " + seconds(expect.joinTimeout()) + " after opening the page"
                                    + (probe == null ? "; the page did not answer"
                                    : !probe.loaded() ? "; the conference app never loaded"
                                    : probe.ended() ? "; " + pageEnded(probe) : "")));
                }
                return Optional.empty();
            case JOINED:
                if (probe != null && probe.ended()) {
                    return Optional.of(drop(now, probe));
                }
                if (probe != null && mediaFlows(probe)) {
                    return Optional.of(move(now, ParticipantState.MEDIA_FLOWING, null, mediaEvidence(probe)));
                }
                Instant deadline = latest(since, expect.mediaNotBefore()).plus(expect.mediaTimeout());
                if (!now.isBefore(deadline)) {
                    return Optional.of(move(now, ParticipantState.NO_MEDIA, null,
                            "joined but no media " + seconds(expect.mediaTimeout()) + " after "
                                    + (since.isAfter(expect.mediaNotBefore()) ? "joining" : "the ramp-up")
                                    + "; " + (probe == null ? "the page did not answer" : mediaEvidence(probe))));
                }
                return Optional.empty();
            case MEDIA_FLOWING:
                if (probe != null && probe.ended()) {
                    return Optional.of(drop(now, probe));
                }
                if (probe == null) {
                    // no answer is no news: it neither clears trouble nor starts it
                    return Optional.empty();
                }
                String trouble = trouble(probe);
                if (trouble == null) {
                    troubleSince = null;
                    return Optional.empty();
                }
                if (troubleSince == null) {
                    troubleSince = now;
                }
                if (!now.isBefore(troubleSince.plus(expect.dropTimeout()))) {
                    DropReason reason = "failed".equals(probe.ice()) ? DropReason.ICE_FAILED
                            : isBadIce(probe.ice()) ? DropReason.CONNECTION_INTERRUPTED : DropReason.MEDIA_STOPPED;
                    return Optional.of(move(now, ParticipantState.DROPPED, reason.name(),
                            trouble + " for " + seconds(Duration.between(troubleSince, now))));
                }
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }

    private ParticipantEvent drop(Instant now, Probe probe) {
        String reason = probe.endReason() == null ? DropReason.UNKNOWN.name() : probe.endReason();
        try {
            DropReason.valueOf(reason);
        } catch (IllegalArgumentException e) {
            reason = DropReason.UNKNOWN.name();
        }
        return move(now, ParticipantState.DROPPED, reason, pageEnded(probe));
    }

    private static String pageEnded(Probe probe) {
        return "the page says the conference ended: " + probe.endReason() + " (" + probe.endDetail() + ")";
    }

    private boolean mediaFlows(Probe p) {
        return (!expect.sends() || p.sending()) && (!expect.expectsMedia() || p.receiving());
    }

    /** What is wrong with a flowing participant now, or null. */
    private String trouble(Probe p) {
        if (isBadIce(p.ice())) {
            return "connection " + p.ice();
        }
        if (expect.sends() && !p.sending()) {
            return "nothing sent";
        }
        if (expect.expectsMedia() && !p.receiving() && p.remote() != null && p.remote() > 0) {
            return "nothing received from " + p.remote() + " remote participants";
        }
        return null;
    }

    private static boolean isBadIce(String ice) {
        return "disconnected".equals(ice) || "interrupted".equals(ice) || "failed".equals(ice)
                || "closed".equals(ice);
    }

    private static String mediaEvidence(Probe p) {
        return String.format(java.util.Locale.ROOT, "send %s kbps, receive %s kbps, %s remote, ice %s",
                kbps(p.sendKbps()), kbps(p.recvKbps()), p.remote(), p.ice());
    }

    private static String kbps(Double v) {
        return v == null ? "?" : String.valueOf(Math.round(v));
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private ParticipantEvent move(Instant now, ParticipantState to, String reason, String evidence) {
        ParticipantEvent event = new ParticipantEvent(now, participant, state, to, reason, evidence);
        state = to;
        since = now;
        troubleSince = null;
        return event;
    }
}
