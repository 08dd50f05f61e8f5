package io.meetload.coordinator;

import io.meetload.instance.Heartbeat;
import io.meetload.instance.HostSample;
import io.meetload.instance.ParticipantSample;
import io.meetload.instance.ParticipantState;
import io.meetload.plan.PlanFiles;
import io.meetload.testing.HeadlessChromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web UI as a person sees it, in real headless Chromium, against this coordinator with real
 * (idle) worker processes; the test sends heartbeats and reports the way workers do.
 */
@QuarkusTest
@TestProfile(CoordinatorTestProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiBrowserTest {

    static final Path OUT = Path.of("target", "ui-test");
    static final String XSS = "<img src=x onerror=window.__xss=1>";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    static HeadlessChromium chromium;
    static WebDriver driver;

    @Inject
    RunStore store;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void chromium() throws Exception {
        Files.createDirectories(OUT);
        chromium = HeadlessChromium.start("1400,900");
        driver = chromium.driver();
    }

    @AfterAll
    static void quit() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    @Order(1)
    void aRunsPageShowsLiveProgressWhileItRunsThenItsReport() throws Exception {
        String plan = plan("ui-live-progress");
        String id = create(plan);
        open("runs/" + id);
        await().atMost(PATIENCE).until(() -> text("#status").equals("RUNNING") && count("#instances tbody tr") == 2);
        assertEquals("ui-live-progress", text("#plan"));
        assertEquals("0 / 4", text("#joined"));
        assertEquals("no heartbeat yet", text("#states"));
        assertTrue(driver.findElement(By.id("cancel")).isDisplayed());
        assertFalse(driver.findElement(By.id("cancel-error")).isDisplayed());
        assertFalse(driver.findElement(By.id("done")).isDisplayed());
        assertTrue(text("#times").matches("created \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d · started .* · deadline .* UTC"),
                text("#times"));

        beat(id, 0, 0.5, sample("i0-p1", ParticipantState.MEDIA_FLOWING), sample("i0-p2", ParticipantState.MEDIA_FLOWING));
        beat(id, 1, 0.93, sample("i1-p1", ParticipantState.JOINING), sample("i1-p2", ParticipantState.DROPPED));

        await().atMost(PATIENCE).until(() -> text("#joined").equals("2 / 4"));
        assertEquals("1", text("#failed"));
        assertEquals(Map.of("MEDIA_FLOWING", "2", "JOINING", "1", "DROPPED", "1"), states());
        assertTrue(text("#time-left").matches("\\d+ min \\d+ s"), text("#time-left"));
        assertEquals("2", text("#instance-count"));
        assertEquals("50 % of 1 core", text("#instances tr[data-instance='0'] td.cpu"));
        String heartbeat = text("#instances tr[data-instance='0'] td.heartbeat");
        assertTrue(heartbeat.matches("\\d+ s ago"), heartbeat);
        assertEquals("running", text("#instances tr[data-instance='0'] td.state"));
        assertEquals("0", text("#instances tr[data-instance='0'] td:nth-child(1)"));
        assertEquals("93 % of 1 core", text("#instances tr[data-instance='1'] td.cpu"));
        screenshot(OUT.resolve("run-live.png"));

        report(id, plan, 0);
        report(id, plan, 1);
        String verdict = awaitVerdict(id);

        // The same page, without a reload, now shows the report in place of the live view.
        await().atMost(PATIENCE).until(() -> driver.findElement(By.id("done")).isDisplayed());
        assertFalse(driver.findElement(By.id("live")).isDisplayed());
        assertEquals(verdict, text("#status"));
        assertEquals("../api/runs/" + id + "/verdict", attribute("#verdict-link", "href"));
        given().get("/api/runs/" + id + "/verdict").then().statusCode(200).body("status", is(verdict));
        WebElement frame = driver.findElement(By.id("report"));
        await().atMost(PATIENCE).until(() -> frame.getSize().getHeight() > 1500);
        driver.switchTo().frame(frame);
        try {
            assertEquals(verdict, text("#status .status-word"));
            assertEquals("ui-live-progress", text("#plan"));
        } finally {
            driver.switchTo().defaultContent();
        }
        screenshot(OUT.resolve("run-done.png"));
    }

    @Test
    @Order(2)
    void theCancelButtonCancelsTheRun() {
        String id = create(plan("ui-cancel"));
        open("runs/" + id);
        await().atMost(PATIENCE).until(() -> text("#status").equals("RUNNING"));

        driver.findElement(By.id("cancel")).click();
        new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.alertIsPresent());
        assertTrue(driver.switchTo().alert().getText().startsWith("Cancel run " + id + "?"));
        driver.switchTo().alert().accept();

        await().atMost(PATIENCE).until(() -> text("#status").equals("INCONCLUSIVE"));
        given().get("/api/runs/" + id).then().body("status", is("CANCELLED")).body("verdict", is("INCONCLUSIVE"));
        assertTrue(text("#times").contains("(CANCELLED)"), text("#times"));
        assertTrue(text("#end-note").startsWith("cancelled by request at "), text("#end-note"));
        assertFalse(driver.findElement(By.id("error")).isDisplayed());
    }

    @Test
    @Order(3)
    void whatARunCarriesIsShownAsTextAndRefusalsAsTheirMessage() throws Exception {
        // The plan rules keep markup out of names, but the run store is a folder anyone may have
        // written to: the pages must not trust what they read back.
        String id = store.allocate();
        Instant now = Instant.now();
        store.save(new RunState(id, XSS, RunStatus.RUNNING, 1, 3, "0".repeat(64), "0".repeat(64), now, now,
                now.plusSeconds(600), null, null, XSS,
                Map.of(0, new RunState.InstanceProgress(now, List.of(sample("i0-p1", ParticipantState.JOINED)), null))));

        open("");
        await().atMost(PATIENCE).until(() -> listed().contains(id));
        assertEquals(XSS, cell(id, "td.plan"));
        assertEquals("1 / 3", joined(id));
        assertEquals("RUNNING", status(id));
        assertNothingRan();

        open("runs/" + id);
        await().atMost(PATIENCE).until(() -> text("#plan").equals(XSS));
        assertEquals(XSS, text("#end-note"));
        assertEquals(XSS + " · " + id + " · meetload", driver.getTitle());
        assertNothingRan();

        // This coordinator is not watching the run, so it refuses the cancel: the page says why.
        assertFalse(driver.findElement(By.id("cancel-error")).isDisplayed());
        driver.findElement(By.id("cancel")).click();
        new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.alertIsPresent());
        driver.switchTo().alert().accept();
        await().atMost(PATIENCE).until(() -> driver.findElement(By.id("cancel-error")).isDisplayed());
        assertTrue(text("#cancel-error").startsWith("409: run " + id + " "), text("#cancel-error"));

        // An unknown run: the API's 404 is shown, and the page stops asking.
        open("runs/r-20200101-0000-abcd");
        await().atMost(PATIENCE).until(() -> driver.findElement(By.id("error")).isDisplayed());
        assertEquals("404: run r-20200101-0000-abcd not found", text("#error"));

        given().get("/runs/not-a-run").then().statusCode(404).contentType(ContentType.TEXT)
                .body(startsWith("run id: must look like r-YYYYMMDD-HHMM-xxxx, was not-a-run"));
        // The UI sits beside the worker's pages and the API without taking their paths.
        given().get("/participant/janus.html").then().statusCode(200).body(containsString("janus"));
        given().get("/api/runs").then().statusCode(200).contentType(ContentType.JSON);
    }

    @Test
    @Order(4)
    void theListShowsEveryRunAndFollowsItsStatus() throws Exception {
        String plan = planOfTwo("ui-list");
        String id = create(plan);
        open("");
        await().atMost(PATIENCE).until(() -> status(id).equals("RUNNING"));
        assertEquals(id, cell(id, "td.id a"));
        assertEquals("runs/" + id, attribute("#runs tbody tr[data-run='" + id + "'] td.id a", "href"));
        assertEquals("0 / 2", joined(id));
        assertEquals("ui-list", cell(id, "td.plan"));
        String created = given().get("/api/runs/" + id).path("createdAt");
        assertEquals(created.substring(0, 19).replace('T', ' '), cell(id, "td.created"));

        beat(id, 0, 0.4, sample("i0-p1", ParticipantState.JOINED));
        await().atMost(PATIENCE).until(() -> joined(id).equals("1 / 2"));

        report(id, plan, 0);
        report(id, plan, 1);
        String verdict = awaitVerdict(id);
        await().atMost(PATIENCE).until(() -> status(id).equals(verdict));
        assertEquals("done", cell(id, "td.status .then"));
        // Once ended, "joined" is how many joined at some point, as the verdict tells.
        int joinedEver = given().get("/api/runs/" + id + "/verdict").jsonPath()
                .getList("participants.findAll { it.joinedAt != null }").size();
        await().atMost(PATIENCE).until(() -> joined(id).equals(joinedEver + " / 2"));

        // Newest first, as the API lists them.
        List<String> byApi = given().get("/api/runs").then().extract().jsonPath().getList("id");
        assertEquals(byApi, listed());
        assertFalse(driver.findElement(By.id("error")).isDisplayed());

        // One more, left running, so the picture has a live run too.
        String running = create(plan("ui-still-running"));
        beat(running, 1, 0.7, sample("i1-p1", ParticipantState.MEDIA_FLOWING));
        await().atMost(PATIENCE).until(() -> status(running).equals("RUNNING") && joined(running).equals("1 / 4"));
        screenshot(OUT.resolve("runs.png"));
        // A coordinator that stops leaves its runs' workers running for the next start: end this one here.
        given().post("/api/runs/" + running + "/cancel").then().statusCode(200);
    }

    // --- the coordinator, as workers and clients reach it -------------------------------------

    private static String plan(String name) {
        return TestPlans.json(2, "PT10M").replace("\"coordinator-test\"", "\"" + name + "\"");
    }

    /** One participant per instance: the one each test report speaks for, so nothing is missing. */
    private static String planOfTwo(String name) {
        return plan(name).replace("\"participants\": 4", "\"participants\": 2");
    }

    private static String create(String plan) {
        return given().contentType(ContentType.JSON).body(plan).post("/api/runs")
                .then().statusCode(201).extract().path("id");
    }

    private void beat(String id, int index, double cpuRatio, ParticipantSample... samples) throws Exception {
        Instant now = Instant.now();
        Heartbeat beat = new Heartbeat(id, index, now, List.of(samples),
                new HostSample(now, cpuRatio, 1.0, cpuRatio, 1L << 30, 2L << 30, 0, cpuRatio * 0.8, 1L << 29, 6), List.of());
        given().header("Authorization", "Bearer " + store.readToken(id)).contentType(ContentType.JSON)
                .body(TestReports.json(beat)).post("/api/runs/" + id + "/instances/" + index + "/heartbeat")
                .then().statusCode(200);
    }

    private void report(String id, String plan, int index) throws Exception {
        String digest = PlanFiles.digest(plan.getBytes(StandardCharsets.UTF_8));
        given().header("Authorization", "Bearer " + store.readToken(id)).contentType(ContentType.JSON)
                .body(TestReports.json(TestReports.report(id, digest, index, 2, "COMPLETED")))
                .post("/api/runs/" + id + "/instances/" + index + "/report").then().statusCode(200);
    }

    private static String awaitVerdict(String id) {
        await().atMost(PATIENCE).until(() -> "DONE".equals(given().get("/api/runs/" + id).path("status")));
        String verdict = given().get("/api/runs/" + id).path("verdict");
        assertTrue(List.of("PASS", "FAIL", "INCONCLUSIVE").contains(verdict), verdict);
        return verdict;
    }

    private static ParticipantSample sample(String participant, ParticipantState state) {
        return new ParticipantSample(Instant.now(), participant, state, 1, 900_000.0, 800_000.0, 0.0, 20.0, 640, 360,
                "connected", 1_000_000L, 100L);
    }

    // --- the pages, as Chromium shows them ----------------------------------------------------

    private void open(String path) {
        driver.get(root.toString() + path);
    }

    /**
     * Reads run in the page's own thread, so a list redrawn every 2 s is never caught half replaced
     * (an element found a moment ago may be gone by the time it is read).
     */
    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static String text(String css) {
        return (String) js("const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : ''", css);
    }

    private static String attribute(String css, String name) {
        return (String) js("const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null",
                css, name);
    }

    private static long count(String css) {
        return (Long) js("return document.querySelectorAll(arguments[0]).length", css);
    }

    private static String cell(String id, String css) {
        return text("#runs tbody tr[data-run='" + id + "'] " + css);
    }

    private static String status(String id) {
        return cell(id, "td.status .badge");
    }

    private static String joined(String id) {
        return cell(id, "td.joined");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> states() {
        return (Map<String, String>) js("const shown = {};"
                + " document.querySelectorAll('#states .state').forEach(c => shown[c.dataset.state] = c.querySelector('b').innerText);"
                + " return shown;");
    }

    @SuppressWarnings("unchecked")
    private static List<String> listed() {
        return (List<String>) js("return [...document.querySelectorAll('#runs tbody tr')].map(r => r.dataset.run)");
    }

    private static void assertNothingRan() {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        assertEquals(Boolean.TRUE, js.executeScript("return typeof window.__xss === 'undefined'"));
        assertEquals(0L, js.executeScript("return document.querySelectorAll('img').length"));
    }

    /** The whole page at 1400 px wide: the window grows to the page's height first. */
    private static void screenshot(Path file) throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        int wanted = (int) Math.min((Long) js.executeScript("return Math.ceil(document.documentElement.scrollHeight)"), 16000);
        driver.manage().window().setSize(new Dimension(1400, wanted));
        long inner = (Long) js.executeScript("return window.innerHeight");
        if (inner < wanted) {
            driver.manage().window().setSize(new Dimension(1400, wanted + (int) (wanted - inner)));
        }
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(new Dimension(1400, 900));
    }
}
