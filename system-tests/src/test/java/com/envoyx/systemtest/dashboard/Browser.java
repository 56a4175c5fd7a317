package com.envoyx.systemtest.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.envoyx.infra.Directories;

/**
 * Debian's headless chromium driven by its chromedriver, both named explicitly so Selenium Manager
 * never tries to download a browser (the machine has no internet), with a profile of its own.
 * Screenshots go to {@code target/screenshots/<walk>-<nn>-<step>.png} for a person to look at, and
 * {@link #checkAtEveryWidth} leaves {@code target/screenshots/pages/<page>-<width>.png}.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Path PAGES = SCREENSHOTS.resolve("pages");
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** A laptop and a phone (the width of an iPhone 12-15): every page must work at both. */
    static final List<Integer> WIDTHS = List.of(1280, 390);
    private static final int WIDE = 1280;
    private static final int HEIGHT = 900;
    /**
     * Every control the page shows (not in a closed dialog, not hidden; only the open dialog's
     * while one is open, the page behind it being inert), scrolled to vertically
     * only (scrolling a table's box sideways would hide what a person cannot reach): it must lie
     * inside the viewport and inside every box that clips it, and a click at its centre must
     * land on it. Also the page itself must not scroll sideways. Returns what fails.
     */
    private static final String UNREACHABLE = String.join("\n",
            "var problems = [];",
            "var root = document.documentElement;",
            "var width = root.clientWidth;",
            "if (root.scrollWidth > width) { problems.push('the page scrolls sideways: ' + root.scrollWidth + ' > ' + width); }",
            "function name(el) {",
            "  return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' \"' + (el.textContent || el.value || el.name || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '\"';",
            "}",
            "var modal = document.querySelector('dialog[open]');",
            "(modal || document).querySelectorAll('a[href], button, input, select, textarea').forEach(function (el) {",
            "  var dialog = el.closest('dialog');",
            "  if ((dialog && !dialog.open) || el.closest('[hidden]') || el.classList.contains('skip-link')",
            "      || el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') { return; }",
            "  var box = el.getBoundingClientRect();",
            "  window.scrollTo(window.scrollX, window.scrollY + box.top + box.height / 2 - window.innerHeight / 2);",
            "  box = el.getBoundingClientRect();",
            "  if (box.width < 1 || box.height < 1) { problems.push(name(el) + ' has no size'); return; }",
            "  if (box.left < -0.5 || box.right > width + 0.5) {",
            "    problems.push(name(el) + ' is outside the viewport: ' + Math.round(box.left) + '..' + Math.round(box.right) + ' of ' + width); return;",
            "  }",
            "  for (var up = el.parentElement; up && up !== root; up = up.parentElement) {",
            "    var style = getComputedStyle(up);",
            "    if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {",
            "      var clip = up.getBoundingClientRect();",
            "      if (box.left < clip.left - 0.5 || box.right > clip.right + 0.5) {",
            "        problems.push(name(el) + ' is cut off by ' + up.tagName.toLowerCase() + '.' + up.className + ': '",
            "            + Math.round(box.left) + '..' + Math.round(box.right) + ' shown ' + Math.round(clip.left) + '..' + Math.round(clip.right)); return;",
            "      }",
            "    }",
            "  }",
            "  // A link wrapped over two lines has a gap in its bounding box: aim at its widest line.",
            "  var line = Array.prototype.reduce.call(el.getClientRects(), function (a, b) { return b.width > a.width ? b : a; });",
            "  var hit = document.elementFromPoint(line.left + line.width / 2, line.top + line.height / 2);",
            "  if (!hit || !(hit === el || el.contains(hit) || (el.labels && Array.prototype.some.call(el.labels, function (l) { return l.contains(hit); })))) {",
            "    problems.push(name(el) + ' is covered by ' + (hit ? hit.tagName.toLowerCase() + '.' + hit.className : 'nothing'));",
            "  }",
            "});",
            "window.scrollTo(0, 0);",
            "return problems;");

    private final ChromeDriver driver;
    private final Path profile;
    private final String walk;
    private int step;

    private Browser(ChromeDriver driver, Path profile, String walk) {
        this.driver = driver;
        this.profile = profile;
        this.walk = walk;
    }

    static Browser open(String walk) throws IOException {
        Path profile = Files.createTempDirectory("envoyx-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
        return new Browser(driver, profile, walk);
    }

    WebDriver driver() {
        return driver;
    }

    void get(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    <T> T await(Function<WebDriver, T> condition) {
        // Chrome reports an element detached by a reload either as stale or as an inspector error
        // ("Node with given id does not belong to the document"): both mean "look again".
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(d -> {
            try {
                return condition.apply(d);
            } catch (WebDriverException e) {
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return null;
                }
                throw e;
            }
        });
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    Object asyncScript(String script, Object... arguments) {
        return driver.executeAsyncScript(script, arguments);
    }

    /**
     * The page as it is now, at each of {@link #WIDTHS}: nothing cut off, every control reachable
     * and clickable (see {@link #UNREACHABLE}); a full-page screenshot of each width is saved as
     * {@code pages/<page>-<width>.png}. The window is wide again afterwards.
     */
    void checkAtEveryWidth(String page) {
        try {
            for (int width : WIDTHS) {
                driver.manage().window().setSize(new Dimension(width, HEIGHT));
                await(d -> ((Number) script("return document.documentElement.clientWidth;")).intValue() <= width);
                @SuppressWarnings("unchecked")
                List<String> problems = (List<String>) script(UNREACHABLE);
                if (!problems.isEmpty()) {
                    saveFullPage(PAGES.resolve(page + "-" + width + "-FAILED.png"));
                    throw new AssertionError(page + " at " + width + " px: " + String.join("; ", problems));
                }
                saveFullPage(PAGES.resolve(page + "-" + width + ".png"));
            }
        } finally {
            driver.manage().window().setSize(new Dimension(WIDE, HEIGHT));
        }
    }

    /** The whole page, not only the viewport: Chromium's DevTools capture beyond the viewport. */
    @SuppressWarnings("unchecked")
    private void saveFullPage(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Map<String, Object> size = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of())
                    .get("cssContentSize");
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", size.get("width"),
                            "height", size.get("height"), "scale", 1)));
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves what the browser shows now, numbered in the order of the walk. */
    void screenshot(String name) {
        step++;
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", walk, step, name)),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        Directories.deleteRecursively(profile);
    }
}
