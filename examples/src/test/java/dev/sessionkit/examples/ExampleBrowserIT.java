package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser (Debian's Chromium, headless) uses the example page: log in, see the users, fail
 * to read the HttpOnly cookie from script, log out, and see the protected call refused. Two
 * browsers, one without JavaScript, use "your sessions" on each other.
 *
 * <p>With {@code -Dsessionkit.screenshots=<folder>} the test saves the screenshots the README shows
 * ({@code login.png}, {@code sessions.png}, {@code sessions-logged-out.png}) there.
 */
class ExampleBrowserIT {

  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  /** What the second browser says it is, so the two rows of "your sessions" differ. */
  private static final String PHONE =
      "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/140.0.0.0 Mobile Safari/537.36";

  private ExampleApp app;
  private WebDriver browser;
  private final List<WebDriver> browsers = new ArrayList<>();
  private final List<Path> profiles = new ArrayList<>();

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
                    "PBKDF2_ITERATIONS", "10000",
                    "RECORD_DEVICE", "true")),
            Clock.systemUTC());
    browser = newBrowser(true, null);
  }

  /** A headless Chromium of its own profile, so its cookies are its own. */
  private WebDriver newBrowser(boolean javascript, String userAgent) throws Exception {
    Path profile = Files.createTempDirectory("sessionkit-chromium");
    profiles.add(profile);
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
        "--window-size=960,720",
        "--user-data-dir=" + profile);
    if (userAgent != null) {
      options.addArguments("--user-agent=" + userAgent);
    }
    if (!javascript) {
      options.setExperimentalOption(
          "prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
    }
    // The driver binary is named, so Selenium Manager never tries to download one.
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER)
            .usingAnyFreePort()
            .build();
    WebDriver started = new ChromeDriver(service, options);
    browsers.add(started);
    return started;
  }

  @AfterEach
  void stop() throws Exception {
    for (WebDriver b : browsers) {
      b.quit();
    }
    if (app != null) {
      app.close();
    }
    for (Path profile : profiles) {
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

  @Test
  void twoBrowsersSeeBothSessionsAndOneLogsTheOtherOut() throws Exception {
    WebDriver phone = newBrowser(false, PHONE); // no JavaScript at all: forms and redirects
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));

    phone.get(app.uri().resolve("/sessions").toString());
    assertThat(phone.getCurrentUrl()).as("not logged in: sent to log in").endsWith("/login");
    screenshot(phone, "login.png");
    logInWithTheForm(phone);
    assertThat(phone.getCurrentUrl()).endsWith("/sessions");
    assertThat(rows(phone)).hasSize(1);
    // A flash value: the page the login redirects to greets once, a reload does not.
    assertThat(phone.findElement(By.id("welcome")).getText())
        .isEqualTo("Welcome back, " + ExampleApp.DEMO_USER);
    phone.navigate().refresh();
    assertThat(rows(phone)).hasSize(1);
    assertThat(phone.findElements(By.id("welcome"))).isEmpty();

    // The laptop logs in through the script-driven page, then opens its sessions.
    browser.get(app.uri().toString());
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    browser.findElement(By.id("username")).sendKeys(ExampleApp.DEMO_USER);
    browser.findElement(By.id("password")).sendKeys(ExampleApp.DEMO_PASSWORD);
    browser.findElement(By.id("login-button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.linkText("Your sessions")));
    browser.findElement(By.linkText("Your sessions")).click();
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("li.session"), 2));
    List<WebElement> both = rows(browser);
    assertThat(both).hasSize(2);
    WebElement own = browser.findElement(By.cssSelector("li.session.current"));
    assertThat(own.getText()).contains("Chrome on Linux", "This device");
    WebElement other = browser.findElement(By.cssSelector("li.session:not(.current)"));
    assertThat(other.getText()).contains("Chrome on Android");
    screenshot(browser, "sessions.png");

    // With script, "Log out" goes through the JSON API: the row goes, the page stays.
    other.findElement(By.tagName("button")).click();
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("li.session"), 1));
    assertThat(browser.findElement(By.id("message")).getText())
        .isEqualTo("That session is logged out.");
    assertThat(browser.getCurrentUrl()).as("no reload").doesNotContain("ended=");
    assertThat(browser.findElement(By.cssSelector("#logout-others button")).isEnabled())
        .as("nobody else to log out")
        .isFalse();
    screenshot(browser, "sessions-logged-out.png");

    phone.navigate().refresh();
    assertThat(phone.getCurrentUrl()).as("the phone's session is gone").endsWith("/login");

    // Without script, "log out everywhere else" is a form post and a redirect.
    logInWithTheForm(phone);
    assertThat(rows(phone)).hasSize(2);
    phone.findElement(By.cssSelector("#logout-others button")).click();
    new WebDriverWait(phone, Duration.ofSeconds(15))
        .until(ExpectedConditions.urlContains("others="));
    assertThat(phone.getCurrentUrl()).endsWith("/sessions?others=1");
    assertThat(phone.findElement(By.id("message")).getText())
        .isEqualTo("Logged out 1 other session.");
    assertThat(rows(phone)).hasSize(1);
    browser.navigate().refresh();
    assertThat(browser.getCurrentUrl()).as("the laptop's session is gone").endsWith("/login");
  }

  /** Logs in with the plain form and waits for the sessions page the redirect leads to. */
  private static void logInWithTheForm(WebDriver b) {
    b.findElement(By.name("username")).sendKeys(ExampleApp.DEMO_USER);
    b.findElement(By.name("password")).sendKeys(ExampleApp.DEMO_PASSWORD);
    b.findElement(By.cssSelector("form[action='/login'] button")).click();
    new WebDriverWait(b, Duration.ofSeconds(15))
        .until(ExpectedConditions.presenceOfElementLocated(By.id("sessions")));
  }

  private static List<WebElement> rows(WebDriver b) {
    return b.findElements(By.cssSelector("li.session"));
  }

  /** Saves a screenshot when {@code sessionkit.screenshots} names a folder; else does nothing. */
  private static void screenshot(WebDriver b, String name) throws Exception {
    String folder = System.getProperty("sessionkit.screenshots");
    if (folder == null || folder.isBlank()) {
      return;
    }
    Path target = Path.of(folder).resolve(name);
    Files.createDirectories(target.getParent());
    Files.write(target, ((TakesScreenshot) b).getScreenshotAs(OutputType.BYTES));
  }
}
