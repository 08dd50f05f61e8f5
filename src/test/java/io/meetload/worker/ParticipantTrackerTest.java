package io.meetload.worker;

import io.meetload.driver.Probe;
import io.meetload.instance.DropReason;
import io.meetload.instance.ParticipantEvent;
import io.meetload.instance.ParticipantState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every transition of the participant state machine, with the time given by the test. */
class ParticipantTrackerTest {

    private static final Instant T0 = Instant.parse("2026-12-04T14:00:00Z");
    private static final Duration JOIN = Duration.ofSeconds(60);
    private static final Duration MEDIA = Duration.ofSeconds(30);
    private static final Duration DROP = Duration.ofSeconds(20);
    private static final Duration MS = Duration.ofMillis(1);

    // --- opening and joining ---------------------------------------------------------------

    @Test
    void openingThePageIsJoiningAndAJoinedPageIsJoined() {
        ParticipantTracker tracker = tracker(true, true, T0);
        assertEquals(ParticipantState.STARTING, tracker.state());

        ParticipantEvent joining = tracker.joining(T0, "https://meet.example.org/room#x");

        assertEvent(joining, T0, ParticipantState.STARTING, ParticipantState.JOINING, null);
        assertTrue(joining.evidence().contains("https://meet.example.org/room#x"), joining.evidence());
        assertEquals(Optional.empty(), tracker.observe(T0.plusSeconds(1), notLoaded()), "the app is still loading");
        assertEquals(Optional.empty(), tracker.observe(T0.plusSeconds(2), loadedNotJoined()));

        ParticipantEvent joined = tracker.observe(T0.plusSeconds(3), joined(0, 0, 0, "new")).orElseThrow();

        assertEvent(joined, T0.plusSeconds(3), ParticipantState.JOINING, ParticipantState.JOINED, null);
    }

    @Test
    void aPageThatSaysJoinedAndEndedIsNotAJoin() {
        ParticipantTracker tracker = joining(true, true);

        assertEquals(Optional.empty(), tracker.observe(T0.plusSeconds(1), joinedButEnded("KICKED", "conference.kicked")));
        assertEquals(ParticipantState.JOINING, tracker.state());
    }

    @Test
    void notJoinedByTheDeadlineFailsToJoinWithWhatThePageShowed() {
        ParticipantTracker tracker = joining(true, true);

        assertEquals(Optional.empty(), tracker.observe(T0.plus(JOIN).minus(MS), loadedNotJoined()), "just before");
        ParticipantEvent failed = tracker.observe(T0.plus(JOIN), loadedNotJoined()).orElseThrow();

        assertEvent(failed, T0.plus(JOIN), ParticipantState.JOINING, ParticipantState.FAILED_TO_JOIN, null);
        assertEquals("not joined 60 s after opening the page", failed.evidence());
        assertEquals(Optional.empty(), tracker.observe(T0.plus(JOIN).plusSeconds(1), joined(1, 1, 1, "connected")),
                "a final state stays final");
    }

    @Test
    void theJoinDeadlineSaysWhetherThePageAnsweredAndWhetherTheAppLoaded() {
        assertTrue(failToJoin(null).endsWith("; the page did not answer"), failToJoin(null));
        assertTrue(failToJoin(notLoaded()).endsWith("; the conference app never loaded"), failToJoin(notLoaded()));
        String ended = failToJoin(notJoinedButEnded("CONFERENCE_ENDED", "conference.authenticationRequired"));
        assertTrue(ended.endsWith("; the page says the conference ended: CONFERENCE_ENDED "
                + "(conference.authenticationRequired)"), ended);
    }

    // --- media ---------------------------------------------------------------------------------

    @Test
    void aJoinedSenderThatAlsoReceivesHasMediaFlowing() {
        ParticipantTracker tracker = joined(true, true, T0);

        ParticipantEvent flowing = tracker.observe(T0.plusSeconds(2), joined(900, 1400, 2, "connected")).orElseThrow();

        assertEvent(flowing, T0.plusSeconds(2), ParticipantState.JOINED, ParticipantState.MEDIA_FLOWING, null);
        assertEquals("send 900 kbps, receive 1400 kbps, 2 remote, ice connected", flowing.evidence());
    }

    @Test
    void aSenderMustSend() {
        ParticipantTracker tracker = joined(true, false, T0);

        assertEquals(Optional.empty(), tracker.observe(T0.plusSeconds(1), joined(0, 1400, 2, "connected")),
                "receiving is not enough for a sender");
        assertEquals(ParticipantState.MEDIA_FLOWING,
                tracker.observe(T0.plusSeconds(2), joined(900, 0, 0, "connected")).orElseThrow().to(),
                "alone in the room, sending is enough");
    }

    @Test
    void aReceiverMustReceive() {
        ParticipantTracker tracker = joined(false, true, T0);

        assertEquals(Optional.empty(), tracker.observe(T0.plusSeconds(1), joined(0, 0, 2, "connected")));
        assertEquals(Optional.empty(), tracker.observe(T0.plusSeconds(2), withKbps(null, null, 2)),
                "no stats is no media");
        assertEquals(ParticipantState.MEDIA_FLOWING,
                tracker.observe(T0.plusSeconds(3), joined(0, 300, 2, "connected")).orElseThrow().to());
    }

    @Test
    void aSenderThatExpectsMediaNeedsBothWays() {
        ParticipantTracker tracker = joined(true, true, T0);

        assertEquals(Optional.empty(), tracker.observe(T0.plusSeconds(1), joined(900, 0, 2, "connected")));
        assertEquals(Optional.empty(), tracker.observe(T0.plusSeconds(2), joined(0, 900, 2, "connected")));
        assertEquals(ParticipantState.MEDIA_FLOWING,
                tracker.observe(T0.plusSeconds(3), joined(1, 1, 2, "connected")).orElseThrow().to());
    }

    @Test
    void aParticipantThatNeitherSendsNorExpectsMediaFlowsOnceJoined() {
        ParticipantTracker tracker = joined(false, false, T0);

        assertEquals(ParticipantState.MEDIA_FLOWING,
                tracker.observe(T0.plusSeconds(1), joined(0, 0, 0, "connected")).orElseThrow().to());
    }

    @Test
    void joinedWithoutMediaUntilTheMediaDeadlineIsNoMedia() {
        Instant joinedAt = T0.plusSeconds(5);
        ParticipantTracker tracker = joined(true, true, T0, joinedAt);

        assertEquals(Optional.empty(), tracker.observe(joinedAt.plus(MEDIA).minus(MS), joined(0, 0, 2, "connected")));
        ParticipantEvent noMedia = tracker.observe(joinedAt.plus(MEDIA), joined(0, 0, 2, "connected")).orElseThrow();

        assertEvent(noMedia, joinedAt.plus(MEDIA), ParticipantState.JOINED, ParticipantState.NO_MEDIA, null);
        assertEquals("joined but no media 30 s after joining; send 0 kbps, receive 0 kbps, 2 remote, ice connected",
                noMedia.evidence());
    }

    @Test
    void theMediaDeadlineCountsFromTheEndOfTheRampUpWhenThatIsLater() {
        Instant rampUpEnds = T0.plusSeconds(100);
        ParticipantTracker tracker = joined(false, true, rampUpEnds, T0.plusSeconds(5));

        assertEquals(Optional.empty(), tracker.observe(T0.plusSeconds(5).plus(MEDIA), joined(0, 0, 0, "connected")),
                "others may not have joined yet");
        assertEquals(Optional.empty(), tracker.observe(rampUpEnds.plus(MEDIA).minus(MS), joined(0, 0, 0, "connected")));
        ParticipantEvent noMedia = tracker.observe(rampUpEnds.plus(MEDIA), null).orElseThrow();

        assertEquals(ParticipantState.NO_MEDIA, noMedia.to());
        assertEquals("joined but no media 30 s after the ramp-up; the page did not answer", noMedia.evidence());
    }

    // --- the page says it ended ----------------------------------------------------------

    @ParameterizedTest
    @EnumSource(DropReason.class)
    void anEndedPageDropsWithThePagesReason(DropReason reason) {
        ParticipantTracker tracker = flowing(true, true);

        ParticipantEvent dropped = tracker.observe(T0.plusSeconds(10), joinedButEnded(reason.name(), "detail")).orElseThrow();

        assertEvent(dropped, T0.plusSeconds(10), ParticipantState.MEDIA_FLOWING, ParticipantState.DROPPED, reason.name());
        assertEquals("the page says the conference ended: " + reason.name() + " (detail)", dropped.evidence());
    }

    @Test
    void anEndedPageDropsAJoinedParticipantToo() {
        ParticipantTracker tracker = joined(true, true, T0);

        ParticipantEvent dropped = tracker.observe(T0.plusSeconds(3), notJoinedButEnded("KICKED", "conference.kicked"))
                .orElseThrow();

        assertEvent(dropped, T0.plusSeconds(3), ParticipantState.JOINED, ParticipantState.DROPPED, "KICKED");
        assertTrue(dropped.evidence().contains("conference.kicked"), dropped.evidence());
    }

    @ParameterizedTest
    @ValueSource(strings = {"BANNED", "kicked", ""})
    void aReasonThatIsNoDropReasonIsUnknownAndKeptInTheEvidence(String reason) {
        ParticipantTracker tracker = flowing(true, true);

        ParticipantEvent dropped = tracker.observe(T0.plusSeconds(10), joinedButEnded(reason, "why")).orElseThrow();

        assertEquals("UNKNOWN", dropped.reason());
        assertEquals("the page says the conference ended: " + reason + " (why)", dropped.evidence());
    }

    @Test
    void noReasonAtAllIsUnknown() {
        ParticipantTracker tracker = flowing(true, true);

        ParticipantEvent dropped = tracker.observe(T0.plusSeconds(10), joinedButEnded(null, null)).orElseThrow();

        assertEquals("UNKNOWN", dropped.reason());
    }

    // --- trouble while media flows -------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
            "disconnected, CONNECTION_INTERRUPTED, connection disconnected",
            "interrupted,  CONNECTION_INTERRUPTED, connection interrupted",
            "closed,       CONNECTION_INTERRUPTED, connection closed",
            "failed,       ICE_FAILED,             connection failed"})
    void aBadConnectionForTheDropTimeoutDrops(String ice, String reason, String trouble) {
        ParticipantTracker tracker = flowing(true, true);
        Instant start = T0.plusSeconds(10);

        assertEquals(Optional.empty(), tracker.observe(start, joined(900, 900, 2, ice)), "trouble starts");
        assertEquals(Optional.empty(), tracker.observe(start.plus(DROP).minus(MS), joined(900, 900, 2, ice)));
        ParticipantEvent dropped = tracker.observe(start.plus(DROP), joined(900, 900, 2, ice)).orElseThrow();

        assertEvent(dropped, start.plus(DROP), ParticipantState.MEDIA_FLOWING, ParticipantState.DROPPED, reason);
        assertEquals(trouble + " for 20 s", dropped.evidence());
    }

    @Test
    void aSenderThatStopsSendingForTheDropTimeoutDropsWithMediaStopped() {
        ParticipantTracker tracker = flowing(true, false);
        Instant start = T0.plusSeconds(10);

        tracker.observe(start, joined(0, 900, 2, "connected"));
        ParticipantEvent dropped = tracker.observe(start.plus(DROP), joined(0, 900, 2, "connected")).orElseThrow();

        assertEquals("MEDIA_STOPPED", dropped.reason());
        assertEquals("nothing sent for 20 s", dropped.evidence());
    }

    @Test
    void nothingReceivedWhileOthersAreThereDropsWithMediaStopped() {
        ParticipantTracker tracker = flowing(false, true);
        Instant start = T0.plusSeconds(10);

        tracker.observe(start, joined(0, 0, 3, "connected"));
        ParticipantEvent dropped = tracker.observe(start.plus(DROP), joined(0, 0, 3, "connected")).orElseThrow();

        assertEquals("MEDIA_STOPPED", dropped.reason());
        assertEquals("nothing received from 3 remote participants for 20 s", dropped.evidence());
    }

    @Test
    void nothingReceivedWithNobodyElseThereIsNoTrouble() {
        ParticipantTracker tracker = flowing(false, true);

        assertEquals(Optional.empty(), tracker.observe(T0.plusSeconds(10), joined(0, 0, 0, "connected")));
        assertEquals(Optional.empty(), tracker.observe(T0.plusSeconds(10).plus(DROP).plus(DROP),
                joined(0, 0, 0, "connected")), "the others left: that is their story, not this one's");
        assertEquals(ParticipantState.MEDIA_FLOWING, tracker.state());
    }

    @Test
    void troubleThatClearsResetsTheTimer() {
        ParticipantTracker tracker = flowing(true, true);
        Instant start = T0.plusSeconds(10);

        tracker.observe(start, joined(900, 900, 2, "disconnected"));
        tracker.observe(start.plusSeconds(15), joined(900, 900, 2, "connected"));
        Instant again = start.plusSeconds(16);
        tracker.observe(again, joined(0, 900, 2, "connected"));

        assertEquals(Optional.empty(), tracker.observe(start.plus(DROP), joined(0, 900, 2, "connected")),
                "20 s after the first trouble, but it cleared in between");
        assertEquals(Optional.empty(), tracker.observe(again.plus(DROP).minus(MS), joined(0, 900, 2, "connected")));
        ParticipantEvent dropped = tracker.observe(again.plus(DROP), joined(0, 900, 2, "connected")).orElseThrow();
        assertEquals("MEDIA_STOPPED", dropped.reason());
        assertEquals("nothing sent for 20 s", dropped.evidence());
    }

    @Test
    void aPageThatDoesNotAnswerNeitherClearsNorStartsTrouble() {
        ParticipantTracker tracker = flowing(true, true);
        Instant start = T0.plusSeconds(10);

        assertEquals(Optional.empty(), tracker.observe(start, null), "no answer is not trouble");
        assertEquals(Optional.empty(), tracker.observe(start.plus(DROP).plus(DROP), null));
        tracker.observe(start.plusSeconds(50), joined(900, 900, 2, "interrupted"));
        tracker.observe(start.plusSeconds(55), null);
        ParticipantEvent dropped = tracker.observe(start.plusSeconds(70), joined(900, 900, 2, "interrupted"))
                .orElseThrow();

        assertEquals("CONNECTION_INTERRUPTED", dropped.reason());
        assertEquals("connection interrupted for 20 s", dropped.evidence(), "counted from the first bad answer");
    }

    // --- crash and leave -----------------------------------------------------------------

    @Test
    void aCrashIsFinalWithItsEvidence() {
        ParticipantTracker tracker = flowing(true, true);

        ParticipantEvent crashed = tracker.crashed(T0.plusSeconds(9), "browser session gone: no such window");

        assertEvent(crashed, T0.plusSeconds(9), ParticipantState.MEDIA_FLOWING, ParticipantState.BROWSER_CRASHED, null);
        assertEquals("browser session gone: no such window", crashed.evidence());
        assertEquals(Optional.empty(), tracker.left(T0.plusSeconds(10), "the run ended"));
    }

    @ParameterizedTest
    @EnumSource(value = ParticipantState.class, names = {"STARTING", "JOINING", "JOINED", "MEDIA_FLOWING"})
    void leavesFromEveryStateThatIsNotFinal(ParticipantState from) {
        ParticipantTracker tracker = in(from);

        ParticipantEvent left = tracker.left(T0.plusSeconds(99), "the run ended").orElseThrow();

        assertEvent(left, T0.plusSeconds(99), from, ParticipantState.LEFT, null);
        assertEquals("the run ended", left.evidence());
    }

    @ParameterizedTest
    @EnumSource(value = ParticipantState.class, names = {"FAILED_TO_JOIN", "NO_MEDIA", "DROPPED", "BROWSER_CRASHED", "LEFT"})
    void neverLeavesAFinalState(ParticipantState end) {
        ParticipantTracker tracker = in(end);

        assertEquals(Optional.empty(), tracker.left(T0.plusSeconds(999), "the run ended"));
        assertEquals(Optional.empty(), tracker.observe(T0.plusSeconds(999), joined(1, 1, 1, "connected")));
        assertEquals(end, tracker.state());
    }

    @Test
    void aParticipantThatNeverOpenedItsPageIgnoresProbes() {
        ParticipantTracker tracker = tracker(true, true, T0);

        assertEquals(Optional.empty(), tracker.observe(T0.plus(JOIN).plus(JOIN), joined(1, 1, 1, "connected")));
        assertEquals(ParticipantState.STARTING, tracker.state());
    }

    // --- helpers -------------------------------------------------------------------------

    private static ParticipantTracker tracker(boolean sends, boolean expectsMedia, Instant mediaNotBefore) {
        return new ParticipantTracker("i0-p1",
                new ParticipantTracker.Expectations(sends, expectsMedia, mediaNotBefore, JOIN, MEDIA, DROP), T0);
    }

    private static ParticipantTracker joining(boolean sends, boolean expectsMedia) {
        ParticipantTracker tracker = tracker(sends, expectsMedia, T0);
        tracker.joining(T0, "http://127.0.0.1/room");
        return tracker;
    }

    private static ParticipantTracker joined(boolean sends, boolean expectsMedia, Instant mediaNotBefore) {
        return joined(sends, expectsMedia, mediaNotBefore, T0);
    }

    private static ParticipantTracker joined(boolean sends, boolean expectsMedia, Instant mediaNotBefore,
                                             Instant joinedAt) {
        ParticipantTracker tracker = tracker(sends, expectsMedia, mediaNotBefore);
        tracker.joining(T0, "http://127.0.0.1/room");
        assertEquals(ParticipantState.JOINED, tracker.observe(joinedAt, joined(0, 0, 0, "new")).orElseThrow().to());
        return tracker;
    }

    private static ParticipantTracker flowing(boolean sends, boolean expectsMedia) {
        ParticipantTracker tracker = joined(sends, expectsMedia, T0);
        assertEquals(ParticipantState.MEDIA_FLOWING,
                tracker.observe(T0.plusSeconds(1), joined(900, 900, 2, "connected")).orElseThrow().to());
        return tracker;
    }

    /** A tracker brought into {@code state} through its real transitions. */
    private static ParticipantTracker in(ParticipantState state) {
        return switch (state) {
            case STARTING -> tracker(true, true, T0);
            case JOINING -> joining(true, true);
            case JOINED -> joined(true, true, T0);
            case MEDIA_FLOWING -> flowing(true, true);
            case FAILED_TO_JOIN -> {
                ParticipantTracker t = joining(true, true);
                t.observe(T0.plus(JOIN), null);
                yield t;
            }
            case NO_MEDIA -> {
                ParticipantTracker t = joined(true, true, T0);
                t.observe(T0.plus(MEDIA), null);
                yield t;
            }
            case DROPPED -> {
                ParticipantTracker t = flowing(true, true);
                t.observe(T0.plusSeconds(5), joinedButEnded("KICKED", "conference.kicked"));
                yield t;
            }
            case BROWSER_CRASHED -> {
                ParticipantTracker t = joining(true, true);
                t.crashed(T0.plusSeconds(1), "gone");
                yield t;
            }
            case LEFT -> {
                ParticipantTracker t = flowing(true, true);
                t.left(T0.plusSeconds(5), "the run ended");
                yield t;
            }
        };
    }

    private static String failToJoin(Probe last) {
        ParticipantTracker tracker = joining(true, true);
        ParticipantEvent failed = tracker.observe(T0.plus(JOIN), last).orElseThrow();
        assertEquals(ParticipantState.FAILED_TO_JOIN, failed.to());
        return failed.evidence();
    }

    private static void assertEvent(ParticipantEvent event, Instant at, ParticipantState from, ParticipantState to,
                                    String reason) {
        assertEquals(at, event.at(), "at");
        assertEquals("i0-p1", event.participant());
        assertEquals(from, event.from(), "from");
        assertEquals(to, event.to(), "to");
        if (reason == null) {
            assertNull(event.reason(), "no reason outside DROPPED");
        } else {
            assertEquals(reason, event.reason(), "reason");
        }
    }

    private static Probe notLoaded() {
        return new Probe(false, false, false, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    private static Probe loadedNotJoined() {
        return new Probe(true, false, false, null, null, null, 0, null, null, null, null, null, null, null, null, null);
    }

    private static Probe joined(double sendKbps, double recvKbps, int remote, String ice) {
        return new Probe(true, true, false, null, null, ice, remote, sendKbps, recvKbps, 0.0, null, null, null, null,
                null, null);
    }

    private static Probe withKbps(Double sendKbps, Double recvKbps, int remote) {
        return new Probe(true, true, false, null, null, "connected", remote, sendKbps, recvKbps, null, null, null, null,
                null, null, null);
    }

    private static Probe joinedButEnded(String reason, String detail) {
        return new Probe(true, true, true, reason, detail, "connected", 2, 900.0, 900.0, 0.0, null, null, null, null,
                null, null);
    }

    private static Probe notJoinedButEnded(String reason, String detail) {
        return new Probe(true, false, true, reason, detail, null, 0, null, null, null, null, null, null, null, null,
                null);
    }
}
