package io.meetload.security;

import io.meetload.coordinator.TestPlans;
import io.meetload.testing.HeadlessChromium;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;

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
    static HeadlessChromium chromium;
    static WebDriver driver;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void chromium() throws Exception {
        chromium = HeadlessChromium.start("1200,800");
        driver = chromium.driver();
    }

    @AfterAll
    static void quit() throws Exception {
        if (chromium != null) {
            chromium.close();
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
