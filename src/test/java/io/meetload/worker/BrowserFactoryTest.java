package io.meetload.worker;

import io.meetload.plan.InstanceAssignment;
import io.meetload.plan.InstanceAssignment.ParticipantSpec;
import io.meetload.plan.PlanParser;
import io.meetload.plan.RunPlan;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Chromium flags of one participant: what the plan asks for, what the settings add. */
class BrowserFactoryTest {

    private static final Path PROFILE = Path.of("/tmp/meetload-profiles/meetload-i0-p1-123");

    @Test
    void headlessWithAFakeCameraAtThePlansFrameRateAndItsOwnProfile() {
        List<String> args = arguments(Map.of(), plan(20, ""));

        for (String flag : List.of("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--use-fake-ui-for-media-stream", "--mute-audio", "--autoplay-policy=no-user-gesture-required",
                "--disable-renderer-backgrounding", "--disable-background-networking")) {
            assertTrue(args.contains(flag), flag + " in " + args);
        }
        assertEquals(List.of("--use-fake-device-for-media-stream=fps=20"), starting(args, "--use-fake-device-for-media-stream"));
        assertEquals(List.of("--user-data-dir=" + PROFILE), starting(args, "--user-data-dir"));
        assertEquals(List.of(), starting(args, "--use-file-for-fake-"), "no media files unless the plan names them");
    }

    @Test
    void theFakeCameraFollowsThePlansFrameRate() {
        assertEquals(List.of("--use-fake-device-for-media-stream=fps=30"),
                starting(arguments(Map.of(), plan(30, "")), "--use-fake-device-for-media-stream"));
    }

    @Test
    void mediaFilesNamedByThePlanFeedTheFakeDevices() {
        List<String> args = arguments(Map.of(),
                plan(25, ", \"media\": {\"videoFile\": \"/media/talk 720p.y4m\", \"audioFile\": \"/media/talk.wav\"}"));

        assertEquals(List.of("--use-file-for-fake-video-capture=/media/talk 720p.y4m"),
                starting(args, "--use-file-for-fake-video-capture"), "one argument, spaces and all");
        assertEquals(List.of("--use-file-for-fake-audio-capture=/media/talk.wav"),
                starting(args, "--use-file-for-fake-audio-capture"));
        assertTrue(args.contains("--use-fake-device-for-media-stream=fps=25"), "the fake device still serves the files");
    }

    @Test
    void aVideoFileAloneLeavesTheBuiltInMicrophone() {
        List<String> args = arguments(Map.of(), plan(20, ", \"media\": {\"videoFile\": \"clip.y4m\"}"));

        assertEquals(List.of("--use-file-for-fake-video-capture=clip.y4m"),
                starting(args, "--use-file-for-fake-video-capture"));
        assertEquals(List.of(), starting(args, "--use-file-for-fake-audio-capture"));
    }

    @Test
    void extraArgumentsComeLastSoTheyWin() {
        List<String> args = arguments(
                Map.of("meetload.worker.chromium-args", "--window-size=640\\,360,--enable-logging=stderr"),
                plan(20, ""));

        assertEquals(List.of("--window-size=1280,720", "--window-size=640,360"), starting(args, "--window-size"),
                "Chromium takes the last value of a repeated switch");
        assertEquals("--enable-logging=stderr", args.get(args.size() - 1));
        assertEquals("--window-size=640,360", args.get(args.size() - 2));
    }

    @Test
    void aMissingChromiumIsNamedWithItsPackageAndNoProfileIsLeftBehind(@TempDir Path dir) {
        Path profiles = dir.resolve("profiles");
        BrowserFactory factory = new BrowserFactory(settings(Map.of(
                "meetload.worker.chromium", dir.resolve("no-chromium").toString(),
                "meetload.worker.profile-dir", profiles.toString())));
        RunPlan plan = plan(20, "");

        IOException e = assertThrows(IOException.class,
                () -> factory.start(plan, InstanceAssignment.of(plan, 0, 1).participants().get(0)));

        assertEquals(dir.resolve("no-chromium") + " is not an executable file: install the Debian package "
                + "'chromium' or point the setting at it", e.getMessage());
        assertFalse(Files.exists(profiles), "nothing created before the browser can start");
    }

    // --- helpers -------------------------------------------------------------------------

    private static List<String> arguments(Map<String, String> properties, RunPlan plan) {
        ParticipantSpec participant = InstanceAssignment.of(plan, 0, 1).participants().get(0);
        return new BrowserFactory(settings(properties)).arguments(plan, participant, PROFILE);
    }

    /** The worker's settings through the real mapping, defaults included, from these properties alone. */
    static WorkerSettings settings(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(WorkerSettings.class)
                .withConverter(Duration.class, 200, new DurationConverter()) // "5s", as in Quarkus
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build()
                .getConfigMapping(WorkerSettings.class);
    }

    private static RunPlan plan(int fps, String more) {
        return new PlanParser().parse("""
                {"schema": 1, "name": "flags",
                 "target": {"driver": "janus", "url": "http://127.0.0.1:8088/janus", "room": 1234},
                 "participants": 1, "videoSenders": 1, "audioSenders": 1, "instances": 1, "duration": "PT1M",
                 "video": {"width": 640, "height": 360, "fps": %d}%s}
                """.formatted(fps, more));
    }

    private static List<String> starting(List<String> args, String prefix) {
        return args.stream().filter(a -> a.startsWith(prefix)).toList();
    }
}
