package dev.sessionkit.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real browser (Debian's Chromium, headless) on the Boot example: Spring Security's login page
 * leads to "your sessions", the page's script logs in through the JSON API with the CSRF token
 * {@code csrf.js} adds, the HttpOnly cookie is hidden from scripts, and logout ends the session.
 * Skipped, with a printed reason, when Chromium or chromedriver is not installed.
 */
class BootBrowserIT {

  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  private ConfigurableApplicationContext app;
  private String base;
  private WebDriver browser;
  private Path profile;

  @BeforeEach
  void start() throws Exception {
    if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
      String message =
          "BootBrowserIT skipped: /usr/bin/chromium or /usr/bin/chromedriver is missing."
              + " Install them to run it: apt-get install -y chromium chromium-driver";
      System.err.println(message);
      Assumptions.assumeTrue(false, message);
    }
    app =
        BootExampleApp.run(
            "--server.port=0", "--PBKDF2_ITERATIONS=1000", "--logging.level.root=WARN");
    base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    profile = Files.createTempDirectory("sessionkit-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--window-size=960,720",
        "--user-data-dir=" + profile);
    // The driver binary is named, so Selenium Manager never tries to download one.
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build(),
            options);
  }

  @AfterEach
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (app != null) {
      app.close();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void formLoginYourSessionsAndLogout() {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    browser.get(base + "/sessions");
    wait.until(ExpectedConditions.urlContains("/login"));
    browser.findElement(By.id("username")).sendKeys("frodo");
    browser.findElement(By.id("password")).sendKeys("mellon");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains("/sessions"));
    assertThat(browser.findElement(By.cssSelector("li.session.current")).getText())
        .contains("This device");
    Object cookies = ((JavascriptExecutor) browser).executeScript("return document.cookie");
    assertThat(String.valueOf(cookies)).doesNotContain("sid=");

    browser.findElement(By.cssSelector("header form button")).click();
    wait.until(ExpectedConditions.urlContains("/login"));
    browser.get(base + "/sessions");
    wait.until(ExpectedConditions.urlContains("/login"));
  }

  @Test
  void thePagesScriptLogsInWithTheCsrfToken() {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    browser.get(base + "/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-out")));
    browser.findElement(By.id("username")).sendKeys("sam");
    browser.findElement(By.id("password")).sendKeys("potatoes");
    browser.findElement(By.id("login-button")).click();
    wait.until(ExpectedConditions.textToBe(By.id("who"), "sam"));
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#users li"), 2));
    browser.findElement(By.id("logout")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-out")));
  }
}
