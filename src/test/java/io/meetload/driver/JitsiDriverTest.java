package io.meetload.driver;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meetload.plan.InstanceAssignment;
import io.meetload.plan.InstanceAssignment.ParticipantSpec;
import io.meetload.plan.PlanParser;
import io.meetload.plan.RunPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The URL a Jitsi participant opens: every override, each one a setting, as jitsi-meet parses it. */
class JitsiDriverTest {

    private static final URI PAGE_BASE = URI.create("http://127.0.0.1:41234");
    private static final List<String> DEFAULT_OVERRIDES = List.of(
            "config.prejoinConfig.enabled=false",
            "config.requireDisplayName=false",
            "config.p2p.enabled=false",
            "config.disable1On1Mode=true",
            "config.analytics.disabled=true",
            "config.testing.testMode=true",
            "config.testing.noAutoPlayVideo=true",
            "config.disableTileView=true",
            "config.disableAEC=true",
            "config.disableNS=true",
            "config.pcStatsInterval=5000",
            "config.gatherStats=true");

    @Test
    void aSenderGetsEveryOverrideByDefaultAndStartsUnmuted() {
        URI url = url(new Settings(), sender("i0-p1", true, true));

        assertEquals("https", url.getScheme());
        assertEquals("meet.example.org", url.getHost());
        assertEquals("/loadtest-12p", url.getRawPath());
        List<String> expected = new ArrayList<>(DEFAULT_OVERRIDES);
        expected.addAll(List.of("config.startWithVideoMuted=false", "config.startWithAudioMuted=false",
                "userInfo.displayName=%22i0-p1%22"));
        assertEquals(expected, hash(url));
    }

    @Test
    void aReceiverStartsWithVideoAndAudioMutedAndWithoutGetUserMedia() {
        List<String> hash = hash(url(new Settings(), sender("i0-p2", false, false)));

        assertTrue(hash.contains("config.startWithVideoMuted=true"), hash.toString());
        assertTrue(hash.contains("config.startWithAudioMuted=true"), hash.toString());
        assertTrue(hash.contains("config.disableInitialGUM=true"), hash.toString());
    }

    @Test
    void anAudioOnlySenderStartsWithVideoMutedButAsksForTheMicrophone() {
        List<String> hash = hash(url(new Settings(), sender("i0-p3", false, true)));

        assertTrue(hash.contains("config.startWithVideoMuted=true"), hash.toString());
        assertTrue(hash.contains("config.startWithAudioMuted=false"), hash.toString());
        assertFalse(hash.stream().anyMatch(p -> p.startsWith("config.disableInitialGUM")), hash.toString());
    }

    @Test
    void aVideoOnlySenderStartsWithAudioMuted() {
        List<String> hash = hash(url(new Settings(), sender("i0-p4", true, false)));

        assertTrue(hash.contains("config.startWithVideoMuted=false"), hash.toString());
        assertTrue(hash.contains("config.startWithAudioMuted=true"), hash.toString());
        assertFalse(hash.stream().anyMatch(p -> p.startsWith("config.disableInitialGUM")), hash.toString());
    }

    static Stream<Arguments> switches() {
        return Stream.of(
                off("disablePrejoin", s -> s.disablePrejoin = false, "config.prejoinConfig.enabled=false"),
                off("noDisplayNameRequired", s -> s.noDisplayNameRequired = false, "config.requireDisplayName=false"),
                off("disableP2p", s -> s.disableP2p = false, "config.p2p.enabled=false"),
                off("disable1On1Mode", s -> s.disable1On1Mode = false, "config.disable1On1Mode=true"),
                off("disableAnalytics", s -> s.disableAnalytics = false, "config.analytics.disabled=true"),
                off("testMode", s -> s.testMode = false, "config.testing.testMode=true"),
                off("noAutoPlayVideo", s -> s.noAutoPlayVideo = false, "config.testing.noAutoPlayVideo=true"),
                off("disableTileView", s -> s.disableTileView = false, "config.disableTileView=true"),
                off("disableAudioProcessing", s -> s.disableAudioProcessing = false,
                        "config.disableAEC=true", "config.disableNS=true"),
                off("pcStatsInterval=0", s -> s.pcStatsInterval = Duration.ZERO, "config.pcStatsInterval=5000"),
                off("gatherStats", s -> s.gatherStats = false, "config.gatherStats=true"),
                off("muteNonSenders", s -> s.muteNonSenders = false, "config.startWithVideoMuted=true",
                        "config.startWithAudioMuted=true", "config.disableInitialGUM=true"));
    }

    private static Arguments off(String name, Consumer<Settings> change, String... gone) {
        return Arguments.of(name, change, List.of(gone));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("switches")
    void eachOverrideCanBeSwitchedOffAloneWithoutTouchingTheOthers(String name, Consumer<Settings> change,
                                                                   List<String> gone) {
        ParticipantSpec receiver = sender("i0-p2", false, false);
        List<String> before = hash(url(new Settings(), receiver));
        Settings settings = new Settings();
        change.accept(settings);

        List<String> after = hash(url(settings, receiver));

        assertTrue(before.containsAll(gone), name + " is on by default: " + before);
        List<String> expected = new ArrayList<>(before);
        expected.removeAll(gone);
        assertEquals(expected, after, name + " switched off removes only its own overrides");
    }

    @Test
    void liteModeIsOffByDefaultAndCanBeSwitchedOn() {
        assertFalse(hash(url(new Settings(), sender("i0-p1", true, true))).stream()
                .anyMatch(p -> p.startsWith("config.flags.runInLiteMode")));
        Settings settings = new Settings();
        settings.liteMode = true;

        assertTrue(hash(url(settings, sender("i0-p1", true, true))).contains("config.flags.runInLiteMode=true"));
    }

    @Test
    void thePageStatsIntervalIsInMilliseconds() {
        Settings settings = new Settings();
        settings.pcStatsInterval = Duration.ofMillis(1500);

        assertTrue(hash(url(settings, sender("i0-p1", true, true))).contains("config.pcStatsInterval=1500"));
    }

    @Test
    void theDisplayNameIsAJsonStringUrlEncoded() throws Exception {
        String name = "a \"b\" & c\\d ü#e";
        URI url = url(new Settings(), new ParticipantSpec(name, 0, "loadtest", true, true, Duration.ZERO));

        String value = values(url).get("userInfo.displayName");

        assertFalse(value.contains(" ") || value.contains("&") || value.contains("#") || value.contains("\""),
                "nothing that would cut the hash short or break the URL: " + value);
        String json = URLDecoder.decode(value, StandardCharsets.UTF_8);
        assertEquals(name, new ObjectMapper().readValue(json, String.class), "jitsi-meet JSON-parses hash values");
    }

    @Test
    void aJwtGoesLastInTheHash() {
        Settings settings = new Settings();
        settings.jwt = Optional.of("eyJhbGciOiJIUzI1NiJ9.eyJyb29tIjoiKiJ9.c2lnbmF0dXJl");

        List<String> hash = hash(url(settings, sender("i0-p1", true, true)));

        assertEquals("jwt=eyJhbGciOiJIUzI1NiJ9.eyJyb29tIjoiKiJ9.c2lnbmF0dXJl", hash.get(hash.size() - 1));
        assertFalse(hash(url(new Settings(), sender("i0-p1", true, true))).stream().anyMatch(p -> p.startsWith("jwt=")),
                "no jwt unless given");
    }

    @Test
    void extraOverridesComeAfterTheBuiltInOnesSoTheyWin() {
        Settings settings = new Settings();
        settings.extra = new LinkedHashMap<>();
        settings.extra.put("config.resolution", "360");
        settings.extra.put("config.p2p.enabled", "true");
        settings.extra.put("config.subject", "\"load test #1\"");

        URI url = url(settings, sender("i0-p1", true, true));
        List<String> hash = hash(url);

        assertTrue(hash.contains("config.resolution=360"), hash.toString());
        assertTrue(hash.indexOf("config.p2p.enabled=true") > hash.indexOf("config.p2p.enabled=false"),
                "jitsi-meet keeps the last value of a key: " + hash);
        assertEquals("\"load test #1\"", URLDecoder.decode(values(url).get("config.subject"), StandardCharsets.UTF_8));
    }

    @Test
    void theRoomIsAPathSegmentAfterTheTargetUrl() {
        RunPlan plan = plan("https://meet.example.org/", "loadtest", 1, 1);
        ParticipantSpec odd = new ParticipantSpec("i0-p1", 0, "a b/ü?c", true, true, Duration.ZERO);

        URI url = new JitsiDriver(new Settings()).participantUrl(plan, odd, PAGE_BASE);

        assertEquals("https://meet.example.org/a%20b%2F%C3%BC%3Fc", url.toString().substring(0, url.toString().indexOf('#')));
        assertEquals("a b/ü?c", URLDecoder.decode(url.getRawPath().substring(1), StandardCharsets.UTF_8));
    }

    @Test
    void aTargetUnderAPathKeepsItsPath() {
        RunPlan plan = plan("https://example.org/meet//", "loadtest", 1, 1);
        ParticipantSpec p = InstanceAssignment.of(plan, 0, 1).participants().get(0);

        assertEquals("/meet/loadtest", new JitsiDriver(new Settings()).participantUrl(plan, p, PAGE_BASE).getRawPath());
    }

    @Test
    void severalRoomsGetTheirOwnNames() {
        RunPlan plan = plan("https://meet.example.org", "loadtest", 4, 2);
        List<ParticipantSpec> all = InstanceAssignment.of(plan, 0, 1).participants();

        assertEquals(List.of("/loadtest-1", "/loadtest-1", "/loadtest-2", "/loadtest-2"), all.stream()
                .map(p -> new JitsiDriver(new Settings()).participantUrl(plan, p, PAGE_BASE).getRawPath()).toList());
    }

    // --- helpers -------------------------------------------------------------------------

    /** The settings as a plain object, every default as {@link JitsiSettings} declares it. */
    static final class Settings implements JitsiSettings {
        boolean disablePrejoin = true;
        boolean noDisplayNameRequired = true;
        boolean disableP2p = true;
        boolean disable1On1Mode = true;
        boolean disableAnalytics = true;
        boolean testMode = true;
        boolean noAutoPlayVideo = true;
        boolean disableTileView = true;
        boolean disableAudioProcessing = true;
        boolean liteMode = false;
        Duration pcStatsInterval = Duration.ofSeconds(5);
        boolean gatherStats = true;
        boolean muteNonSenders = true;
        Optional<String> jwt = Optional.empty();
        Map<String, String> extra = Map.of();

        @Override public boolean disablePrejoin() { return disablePrejoin; }
        @Override public boolean noDisplayNameRequired() { return noDisplayNameRequired; }
        @Override public boolean disableP2p() { return disableP2p; }
        @Override public boolean disable1On1Mode() { return disable1On1Mode; }
        @Override public boolean disableAnalytics() { return disableAnalytics; }
        @Override public boolean testMode() { return testMode; }
        @Override public boolean noAutoPlayVideo() { return noAutoPlayVideo; }
        @Override public boolean disableTileView() { return disableTileView; }
        @Override public boolean disableAudioProcessing() { return disableAudioProcessing; }
        @Override public boolean liteMode() { return liteMode; }
        @Override public Duration pcStatsInterval() { return pcStatsInterval; }
        @Override public boolean gatherStats() { return gatherStats; }
        @Override public boolean muteNonSenders() { return muteNonSenders; }
        @Override public Optional<String> jwt() { return jwt; }
        @Override public Map<String, String> extra() { return extra; }
    }

    private static RunPlan plan(String url, String room, int participants, int rooms) {
        return new PlanParser().parse("""
                {"schema": 1, "name": "jitsi-url",
                 "target": {"driver": "jitsi", "url": "%s", "room": "%s"},
                 "rooms": %d, "participants": %d, "videoSenders": 1, "audioSenders": 1, "instances": 1,
                 "duration": "PT1M"}
                """.formatted(url, room, rooms, participants));
    }

    private static ParticipantSpec sender(String id, boolean video, boolean audio) {
        return new ParticipantSpec(id, 0, "loadtest-12p", video, audio, Duration.ZERO);
    }

    private static URI url(JitsiSettings settings, ParticipantSpec participant) {
        return new JitsiDriver(settings).participantUrl(plan("https://meet.example.org", "loadtest-12p", 1, 1),
                participant, PAGE_BASE);
    }

    /** The hash parameters in order, still encoded, the way jitsi-meet splits them. */
    private static List<String> hash(URI url) {
        return List.of(url.getRawFragment().split("&"));
    }

    private static Map<String, String> values(URI url) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String p : hash(url)) {
            int eq = p.indexOf('=');
            values.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return values;
    }
}
