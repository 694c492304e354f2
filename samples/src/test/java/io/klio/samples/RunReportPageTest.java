package io.klio.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.klio.runtime.Klio;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample DAG run through the CLI with {@code --report}, its page rendered by headless Chromium,
 * and checked from the rendered DOM: one node per job with the run's counts, the counts table, dead
 * letters, and previews the browser really decoded. One id is hostile markup that no catalogue file
 * has: it becomes a dead letter of the first job and blocks the rest; another is markup with a
 * space, which no location takes: a dead letter before any job. The screenshot stays in {@code
 * target/run-report/} to look at.
 */
class RunReportPageTest {
  /** Markup that a job gets (ids may hold it), and markup no location takes (a space). */
  private static final String HOSTILE = "<u>x<em>y\"'&amp;";

  private static final String UNSAFE = "<img src=x onerror=alert(1)>";
  private static final List<String> JOBS =
      List.of(
          "downsample",
          "beat-tracking",
          "energy",
          "loudness",
          "spectrogram",
          "speechiness",
          "instrumentalness",
          "key",
          "mfcc",
          "separate");
  private static final Path ARTIFACTS = Path.of("target", "run-report");

  @TempDir static Path data;
  static int exit;
  static String output;
  static String dom;

  @BeforeAll
  static void runAndRender() throws Exception {
    SampleCatalogue.generate(data, 2, 3);
    Files.writeString(
        data.resolve("ids.txt"), HOSTILE + "\n" + UNSAFE + "\n", StandardOpenOption.APPEND);
    Path config =
        Files.writeString(
            data.resolve("klio.yaml"), "deadLetters: " + data.resolve("dead-letters") + "\n");
    Files.createDirectories(ARTIFACTS);
    Path page = ARTIFACTS.resolve("report.html").toAbsolutePath();
    Files.deleteIfExists(page);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PrintWriter writer = new PrintWriter(out, true, StandardCharsets.UTF_8)) {
      exit =
          Klio.execute(
              writer,
              writer,
              "run",
              "--dag",
              "--ids",
              data.resolve("ids.txt").toString(),
              "--var",
              "data=" + data,
              "--config",
              config.toString(),
              "--report",
              page.toString());
    }
    output = out.toString(StandardCharsets.UTF_8);
    // one browser start for both: it is most of the test's time
    dom =
        run(
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--virtual-time-budget=10000",
            "--window-size=1400,2600",
            "--screenshot=" + ARTIFACTS.resolve("report.png").toAbsolutePath(),
            "--dump-dom",
            page.toUri().toString());
    Files.writeString(ARTIFACTS.resolve("report-dom.html"), dom);
  }

  @Test
  void theRunSaysWhereItsPageIs() {
    assertThat(exit).as(output).isEqualTo(3); // the hostile id's dead letter
    assertThat(output)
        .contains("klio: report: " + ARTIFACTS.resolve("report.html").toAbsolutePath());
    assertThat(ARTIFACTS.resolve("report.png")).isNotEmptyFile();
  }

  @Test
  void theDagHasOneNodePerJobWithItsCounts() {
    List<String> nodes = all("<g class=\"node\"[^>]*>");
    assertThat(nodes).hasSize(JOBS.size());
    assertThat(nodes)
        .extracting(n -> attribute(n, "data-job"))
        .containsExactlyInAnyOrderElementsOf(JOBS);
    for (String node : nodes) {
      String job = attribute(node, "data-job");
      boolean first = job.equals("downsample");
      assertThat(attribute(node, "data-computed")).as(job).isEqualTo("2");
      assertThat(attribute(node, "data-failed")).as(job).isEqualTo(first ? "1" : "0");
      assertThat(attribute(node, "data-blocked")).as(job).isEqualTo(first ? "0" : "1");
      assertThat(attribute(node, "data-state")).as(job).isEqualTo(first ? "failed" : "computed");
    }
    assertThat(all("<path class=\"edge\"")).hasSize(JOBS.size() - 1); // a tree
  }

  @Test
  void theCountsTableHasTheRunsCounters() {
    for (String job : JOBS) {
      String row = first("<tr data-job=\"" + Pattern.quote(job) + "\">.*?</tr>");
      assertThat(row).as(job).contains("data-column=\"processed\">2<");
      assertThat(row).as(job).contains("data-column=\"stale-recomputed\">0<");
      assertThat(row).as(job).contains("data-column=\"no-record\">0<");
    }
    assertThat(dom).contains("<th>blocked-by-parent</th>");
  }

  @Test
  void previewsDecodedInTheBrowser() {
    List<String> images = all("<img class=\"preview\"[^>]*>");
    List<String> audio = all("<audio class=\"preview\"[^>]*>");
    assertThat(images).hasSize(4); // the spectrograms and separations of the two tracks
    assertThat(audio).hasSize(2); // the downsampled tracks
    images.forEach(img -> assertThat(attribute(img, "data-decoded")).isEqualTo("true"));
    audio.forEach(a -> assertThat(attribute(a, "data-decoded")).isEqualTo("true"));
    assertThat(all("<figure data-job=\"beat-tracking\" data-kind=\"json\"")).hasSize(2);
  }

  @Test
  void theHostileIdIsTextNotMarkup() {
    assertThat(all("<img")).hasSize(4); // only the previews
    assertThat(all("<u>|<em>")).isEmpty();
    String letters = first("<table class=\"letters\">.*?</table>");
    String downsample = firstIn(letters, "<tr><td class=\"name\">downsample</td>.*?</tr>");
    assertThat(downsample).contains("&lt;u&gt;x&lt;em&gt;y\"'&amp;amp;").contains("<td>1</td>");
    String beforeAnyJob =
        firstIn(letters, "<tr><td class=\"name\">\\(before any job\\)</td>.*?</tr>");
    assertThat(beforeAnyJob)
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .contains("<td>1</td>")
        .contains("unsafe element id '{id}'");
  }

  @Test
  void runningTimesAndSlowestElementsCameThroughBeamMetrics() {
    String durations =
        first(
            "<tr data-job=\"spectrogram\"><td class=\"name\">spectrogram</td>"
                + "<td>2</td>.*?</tr>");
    assertThat(durations).containsPattern("\\d+ ms|\\d+\\.\\d s");
    String slowest = first("<table class=\"slowest\">.*?</table>");
    List<String> rows =
        Pattern.compile("<tr><td class=\"name\">([a-z-]+)</td>")
            .matcher(slowest)
            .results()
            .map(m -> m.group(1))
            .toList();
    assertThat(rows).hasSize(10).isSubsetOf(JOBS); // the 10 longest of the 20 computed
  }

  private static String chromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    return fail(
        "this test renders the report page in headless Chromium, and none is on the"
            + " PATH: install it (apt-get install chromium; CI does, in .ci/run)");
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .redirectError(ARTIFACTS.resolve("chromium.log").toFile())
            .start();
    byte[] stdout = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      fail("chromium failed; see " + ARTIFACTS.resolve("chromium.log"));
    }
    return new String(stdout, StandardCharsets.UTF_8);
  }

  private static List<String> all(String regex) {
    Matcher matcher = Pattern.compile(regex, Pattern.DOTALL).matcher(dom);
    List<String> found = new ArrayList<>();
    while (matcher.find()) {
      found.add(matcher.group());
    }
    return found;
  }

  private static String first(String regex) {
    return firstIn(dom, regex);
  }

  private static String firstIn(String text, String regex) {
    Matcher matcher = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
    assertThat(matcher.find()).as(regex).isTrue();
    return matcher.group();
  }

  private static String attribute(String tag, String name) {
    Matcher matcher = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(tag);
    return matcher.find() ? matcher.group(1) : null;
  }
}
