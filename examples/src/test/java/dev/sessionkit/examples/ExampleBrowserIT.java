package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser (Debian's Chromium, headless) uses the example page: log in, see the users, fail
 * to read the HttpOnly cookie from script, log out, and see the protected call refused.
 */
class ExampleBrowserIT {

  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  private ExampleApp app;
  private WebDriver browser;
  private Path profile;

  @BeforeEach
  void start() throws Exception {
    if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
      String message =
          "ExampleBrowserIT skipped: /usr/bin/chromium or /usr/bin/chromedriver is missing."
              + " Install them to run it: apt-get install -y chromium chromium-driver";
      System.err.println(message);
      Assumptions.assumeTrue(false, message);
    }
    app =
        ExampleApp.start(
            ExampleConfig.from(
                Map.of(
                    "PORT", "0",
                    "SESSION_SECRET", LoginFlowContract.SECRET,
                    "PBKDF2_ITERATIONS", "10000")),
            Clock.systemUTC());
    profile = Files.createTempDirectory("sessionkit-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile);
    // The driver binary is named, so Selenium Manager never tries to download one.
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER)
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
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
  void logInSeeUsersLogOut() {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    browser.get(app.uri().toString());
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    browser.findElement(By.id("username")).sendKeys(ExampleApp.DEMO_USER);
    browser.findElement(By.id("password")).sendKeys(ExampleApp.DEMO_PASSWORD);
    browser.findElement(By.id("login-button")).click();

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("users"), "frodo"));
    assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("frodo");

    Cookie sid = browser.manage().getCookieNamed("sid");
    assertThat(sid).as("the browser holds the session cookie").isNotNull();
    assertThat(sid.isHttpOnly()).isTrue();
    JavascriptExecutor page = (JavascriptExecutor) browser;
    assertThat((String) page.executeScript("return document.cookie;"))
        .as("page script cannot read an HttpOnly cookie")
        .doesNotContain("sid");
    assertThat(fetchStatus(page, "/api/users")).as("yet fetch sends it").isEqualTo(200L);

    browser.findElement(By.id("logout")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    assertThat(browser.manage().getCookieNamed("sid")).as("the cookie is cleared").isNull();
    assertThat(fetchStatus(page, "/api/users")).isEqualTo(401L);
  }

  private static Object fetchStatus(JavascriptExecutor page, String path) {
    return page.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch(arguments[0]).then(r => done(r.status), e => done(String(e)));",
        path);
  }
}
