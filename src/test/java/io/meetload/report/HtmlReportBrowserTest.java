package io.meetload.report;

import io.meetload.testing.HeadlessChromium;
import io.meetload.verdict.Verdict;
import io.meetload.verdict.VerdictInput;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report as a person sees it: rendered by real headless Chromium from a file, offline. */
class HtmlReportBrowserTest {

    static final Path OUT = Path.of("target", "report-test");
    static final String XSS = "\"><img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";

    @Test
    void chromiumShowsTheOriginalLoadTestAndRunsNoScript() throws Exception {
        Files.createDirectories(OUT);
        OriginalLoadTest run = new OriginalLoadTest("12p-10cam-30min", "loadtest-12p", false,
                "page: conference left, reason 'kicked' " + XSS);
        run.extraWarnings.add(new Verdict.Reason("BROWSER_LOG", Verdict.Attribution.HARNESS, 2, "i2-p1", null, "12:40",
                "page said " + XSS));
        VerdictInput input = run.input();
        Path page = OUT.resolve("report.html");
        Files.writeString(page, HtmlReport.standalone().render(run.verdict(input), input));

        OriginalLoadTest bridged = new OriginalLoadTest("12p-10cam-30min", "loadtest-12p", true, "kicked");
        VerdictInput bridgedInput = bridged.input();
        Path bridgedPage = OUT.resolve("report-bridge.html");
        Files.writeString(bridgedPage, HtmlReport.standalone().render(bridged.verdict(bridgedInput), bridgedInput));

        try (HeadlessChromium chromium = HeadlessChromium.start("1400,1000")) {
            WebDriver driver = chromium.driver();
            driver.get(page.toAbsolutePath().toUri().toString());

            List<String> charts = driver.findElements(By.cssSelector("svg[data-chart]")).stream()
                    .map(e -> e.getAttribute("data-chart")).toList();
            assertEquals(List.of("participants", "cpu", "bitrate"), charts);

            WebElement cpu = driver.findElement(By.cssSelector("svg[data-chart='cpu']"));
            List<String> instances = cpu.findElements(By.cssSelector("g[data-series]")).stream()
                    .map(e -> e.getAttribute("data-series")).toList();
            assertEquals(List.of("i0", "i1", "i2", "i3", "i4", "i5"), instances);
            WebElement saturation = cpu.findElement(By.cssSelector("g[data-ref='saturation']"));
            assertTrue(saturation.isDisplayed());
            assertEquals("saturation (90 %)", saturation.findElement(By.tagName("text")).getText());

            WebElement participants = driver.findElement(By.cssSelector("svg[data-chart='participants']"));
            List<String> states = participants.findElements(By.cssSelector("g[data-series]")).stream()
                    .map(e -> e.getAttribute("data-series")).toList();
            assertTrue(states.containsAll(List.of("JOINING", "JOINED", "MEDIA_FLOWING", "DROPPED", "LEFT")), states.toString());

            WebElement status = driver.findElement(By.cssSelector("#status .status-word"));
            assertEquals("INCONCLUSIVE", status.getText());
            assertTrue(status.isDisplayed());
            String firstReason = driver.findElement(By.cssSelector("#reasons tr.reason td.message")).getText();
            assertEquals(OriginalLoadTest.FIRST_REASON, firstReason);

            // The payloads are shown as text, and nothing they carry ran or became an element.
            JavascriptExecutor js = (JavascriptExecutor) driver;
            assertEquals(Boolean.TRUE, js.executeScript("return typeof window.__xss === 'undefined'"));
            assertEquals(0L, js.executeScript("return document.querySelectorAll('script, img, iframe').length"));
            assertTrue(driver.findElement(By.id("warnings")).getText().contains("page said " + XSS));

            screenshot(driver, OUT.resolve("report.png"));

            driver.get(bridgedPage.toAbsolutePath().toUri().toString());
            assertEquals(List.of("participants", "cpu", "bitrate", "bridge-stress"),
                    driver.findElements(By.cssSelector("svg[data-chart]")).stream()
                            .map(e -> e.getAttribute("data-chart")).toList());
            assertTrue(driver.findElement(By.cssSelector("svg[data-chart='bridge-stress'] g[data-series='stress']"))
                    .isDisplayed());
            screenshot(driver, OUT.resolve("report-bridge.png"));
        }
    }

    /** The whole page at 1400 px wide: the window grows to the page's height first. */
    static void screenshot(WebDriver driver, Path file) throws Exception {
        long height = (Long) ((JavascriptExecutor) driver)
                .executeScript("return Math.ceil(document.documentElement.scrollHeight)");
        int wanted = (int) Math.min(height, 16000);
        driver.manage().window().setSize(new Dimension(1400, wanted));
        // The window's frame may take some pixels from the viewport: grow by what is missing.
        long inner = (Long) ((JavascriptExecutor) driver).executeScript("return window.innerHeight");
        if (inner < wanted) {
            driver.manage().window().setSize(new Dimension(1400, wanted + (int) (wanted - inner)));
        }
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
