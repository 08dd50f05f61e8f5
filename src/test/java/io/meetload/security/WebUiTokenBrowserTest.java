package io.meetload.security;

import io.meetload.coordinator.TestPlans;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web UI on a coordinator that has an API token: the cancel button asks for the token, a
 * wrong one is refused with the API's own message and forgotten, the right one cancels the run.
 * Real headless Chromium against the running coordinator.
 */
@QuarkusTest
@TestProfile(SecureTestProfile.class)
class WebUiTokenBrowserTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static Path profile;
    static WebDriver driver;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void chromium() throws Exception {
        profile = Files.createTempDirectory("meetload-ui-token-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1200,800", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PATIENCE);
    }

    @AfterAll
    static void quit() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void theCancelButtonAsksForTheTokenAndAWrongOneIsRefused() {
        String id = given().header("Authorization", "Bearer " + SecureTestProfile.API_TOKEN)
                .contentType(ContentType.JSON).body(TestPlans.json(2, "PT10M")).post("/api/runs")
                .then().statusCode(201).extract().path("id");
        driver.get(root + "runs/" + id);
        await().atMost(PATIENCE).until(() -> text("#status").equals("RUNNING"));

        cancelWith("not-the-token");
        await().atMost(PATIENCE).until(() -> driver.findElement(By.id("cancel-error")).isDisplayed());
        assertEquals("403: Authorization: the bearer token is not this coordinator's API token (meetload.api.token)",
                text("#cancel-error"));
        given().get("/api/runs/" + id).then().body("status", is("RUNNING"));
        assertEquals(null, js("return sessionStorage.getItem('meetload.api-token')"), "a refused token is forgotten");

        cancelWith(SecureTestProfile.API_TOKEN);
        await().atMost(PATIENCE).until(() -> text("#status").equals("INCONCLUSIVE"));
        given().get("/api/runs/" + id).then().body("status", is("CANCELLED"));
        assertFalse(driver.findElement(By.id("cancel-error")).isDisplayed());
        assertFalse(driver.getCurrentUrl().contains(SecureTestProfile.API_TOKEN), "the token is never in the URL");
    }

    /** Clicks cancel, confirms, and answers the token prompt with {@code token}. */
    private static void cancelWith(String token) {
        driver.findElement(By.id("cancel")).click();
        Alert confirm = new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.alertIsPresent());
        assertTrue(confirm.getText().startsWith("Cancel run "), confirm.getText());
        confirm.accept();
        Alert prompt = new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.alertIsPresent());
        assertTrue(prompt.getText().contains("API token"), prompt.getText());
        prompt.sendKeys(token);
        prompt.accept();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static String text(String css) {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : ''", css);
    }
}
