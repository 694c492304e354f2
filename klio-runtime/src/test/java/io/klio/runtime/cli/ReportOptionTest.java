package io.klio.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.runtime.Klio;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} and {@code plan} with and without {@code --report}, on the two test jobs. */
class ReportOptionTest {
  @TempDir Path dir;

  @Test
  void aRunWritesItsPageInTheDataFolderByDefaultAndSaysWhere() throws IOException {
    Files.createDirectories(dir.resolve("in"));
    Files.writeString(dir.resolve("in/a.txt"), "hello");

    Cli run = cli("run", "--dag", "--id", "a", "--id", "b", "--var", "data=" + dir);

    assertThat(run.status).as(run.toString()).isEqualTo(ExitCodes.DEAD_LETTERS); // b: no input
    List<Path> pages = pages();
    assertThat(pages).hasSize(1);
    assertThat(run.out.strip().lines().reduce((a, b) -> b).orElseThrow())
        .isEqualTo("klio: report: " + pages.get(0).toAbsolutePath());
    String html = Files.readString(pages.get(0));
    assertThat(html)
        .contains("<h1>Klio run</h1>")
        .contains(
            "data-job=\"downsample\" data-state=\"failed\" data-computed=\"1\""
                + " data-skipped=\"0\" data-failed=\"1\" data-blocked=\"0\"")
        .contains(
            "data-job=\"beat-tracking\" data-state=\"computed\" data-computed=\"1\""
                + " data-skipped=\"0\" data-failed=\"0\" data-blocked=\"1\"")
        .contains("<pre>HELLO</pre>") // downsample's output for a
        .contains("downsample: 1 dead letter(s), only logged"); // no deadLetters location
  }

  @Test
  void noReportWritesNone() throws IOException {
    Files.createDirectories(dir.resolve("in"));
    Files.writeString(dir.resolve("in/a.txt"), "hello");

    Cli run = cli("run", "--dag", "--id", "a", "--var", "data=" + dir, "--no-report");

    assertThat(run.status).as(run.toString()).isZero();
    assertThat(dir.resolve(".klio/reports")).doesNotExist();
    assertThat(run.out).doesNotContain("report");
  }

  @Test
  void reportAndNoReportTogetherAreAUsageError() {
    Cli run =
        cli(
            "run",
            "--dag",
            "--id",
            "a",
            "--var",
            "data=" + dir,
            "--no-report",
            "--report",
            dir.resolve("r.html").toString());

    assertThat(run.status).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err).contains("--report FILE.html or --no-report");
  }

  @Test
  void aPlanDrawsWhatARunWouldDo() throws IOException {
    Files.createDirectories(dir.resolve("in"));
    Files.writeString(dir.resolve("in/a.txt"), "hello");
    Files.writeString(dir.resolve("in/c.txt"), "world");
    assertThat(cli("run", "--dag", "--id", "a", "--var", "data=" + dir, "--no-report").status)
        .isZero();
    Path page = dir.resolve("plan/page.html");

    Cli plan =
        cli(
            "plan",
            "--dag",
            "--id",
            "a",
            "--id",
            "c",
            "--var",
            "data=" + dir,
            "--report",
            page.toString());

    assertThat(plan.status).as(plan.toString()).isZero();
    assertThat(plan.err).contains("klio plan: report: " + page.toAbsolutePath());
    assertThat(Files.readString(page))
        .contains("<h1>Klio plan</h1>")
        .contains(
            "data-job=\"downsample\" data-state=\"compute\" data-compute=\"1\""
                + " data-stale=\"0\" data-skipped=\"1\" data-blocked=\"0\"")
        .contains("<th>read+write</th>");
  }

  private List<Path> pages() throws IOException {
    Path reports = dir.resolve(".klio/reports");
    try (Stream<Path> files = Files.list(reports)) {
      return files.toList();
    }
  }

  private static Cli cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Klio.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Cli(status, out.toString(), err.toString());
  }

  private record Cli(int status, String out, String err) {
    @Override
    public String toString() {
      return "exit " + status + "\n--- out\n" + out + "--- err\n" + err;
    }
  }
}
