package io.meetload.worker;

import io.meetload.plan.InstanceAssignment.ParticipantSpec;
import io.meetload.plan.RunPlan;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts one headless Chromium per participant, with explicit binaries (Selenium Manager must
 * never download) and a fake camera and microphone. One browser per participant keeps a crash
 * to one participant; several participants as tabs of one browser cost less (see the design
 * notes) and would plug in here.
 */
public final class BrowserFactory {

    private final WorkerSettings settings;

    public BrowserFactory(WorkerSettings settings) {
        this.settings = settings;
    }

    /** The flags for one participant (pure, tested). */
    public List<String> arguments(RunPlan plan, ParticipantSpec participant, Path profile) {
        List<String> args = new ArrayList<>(List.of(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--use-fake-ui-for-media-stream", "--mute-audio",
                "--autoplay-policy=no-user-gesture-required",
                // hidden pages keep decoding at full rate: the load must be real
                "--disable-renderer-backgrounding", "--disable-background-timer-throttling",
                "--disable-backgrounding-occluded-windows",
                // this machine's network is closed: no background calls home
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-default-apps", "--disable-extensions",
                "--window-size=1280,720",
                "--user-data-dir=" + profile));
        args.add("--use-fake-device-for-media-stream=fps=" + plan.video().fps());
        plan.media().videoFile().ifPresent(f -> args.add("--use-file-for-fake-video-capture=" + f));
        plan.media().audioFile().ifPresent(f -> args.add("--use-file-for-fake-audio-capture=" + f));
        settings.chromiumArgs().ifPresent(args::addAll);
        return args;
    }

    public Browser start(RunPlan plan, ParticipantSpec participant) throws IOException {
        requireExecutable(settings.chromium(), "chromium");
        requireExecutable(settings.chromedriver(), "chromium-driver");
        Path parent = settings.profileDir().orElse(Path.of(System.getProperty("java.io.tmpdir")));
        Files.createDirectories(parent);
        Path profile = Files.createTempDirectory(parent, "meetload-" + participant.id() + "-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(settings.chromium().toFile());
        options.addArguments(arguments(plan, participant, profile));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(settings.chromedriver().toFile())
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, service, profile);
    }

    private static void requireExecutable(Path path, String debianPackage) throws IOException {
        if (!Files.isExecutable(path)) {
            throw new IOException(path + " is not an executable file: install the Debian package '"
                    + debianPackage + "' or point the setting at it");
        }
    }
}
