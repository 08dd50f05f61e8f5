package io.meetload.worker;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** One participant's browser: the WebDriver session, its chromedriver, and its profile folder. */
public final class Browser implements AutoCloseable {

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    Browser(ChromeDriver driver, ChromeDriverService service, Path profile) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
    }

    public WebDriver driver() {
        return driver;
    }

    public Path profile() {
        return profile;
    }

    /** Quits the browser, stops chromedriver and removes the profile; never throws. */
    @Override
    public void close() {
        try {
            driver.quit();
        } catch (RuntimeException e) {
            // the session may be gone already (crashed browser): stopping the service still cleans up
        }
        try {
            service.stop();
        } catch (RuntimeException e) {
            // already stopped
        }
        int left = ProcessTrees.end(ProcessTrees.usingProfile(profile), java.time.Duration.ofSeconds(3));
        if (left > 0) {
            org.jboss.logging.Logger.getLogger(Browser.class).warnf("ended %d browser processes left behind in %s", left, profile);
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a leftover temp folder is not worth failing the run for
        }
    }
}
