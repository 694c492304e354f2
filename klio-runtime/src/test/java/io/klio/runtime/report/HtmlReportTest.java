package io.klio.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.runtime.execution.ElementDuration;
import io.klio.runtime.execution.JobDurations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final String HOSTILE = "<script>alert('x')</script>\"&";

  @Test
  void untrustedStringsAreEscapedEverywhere() {
    ReportPage.Job job =
        job(
            "decode",
            List.of(),
            List.of(
                Previews.preview(
                    HOSTILE,
                    "/data/" + HOSTILE + ".txt",
                    HOSTILE.getBytes(StandardCharsets.UTF_8))));
    ReportPage page =
        page(
            List.of(job),
            List.of(new ElementDuration("decode", HOSTILE, 1234)),
            List.of(
                new ReportPage.LetterGroup(
                    "decode", "cannot read " + HOSTILE, 2, List.of(HOSTILE))));

    String html = HtmlReport.write(page);

    assertThat(html).doesNotContain("<script>alert").doesNotContain("</script>\"");
    assertThat(html.split("<script>", -1)).hasSize(2); // the page's own, and nothing else
    assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;");
    assertThat(html).contains("<code>klio run --id &#39;&lt;script&gt;&#39;</code>");
  }

  @Test
  void eachJobIsANodeWithItsCountsAndTheColourOfItsOutcome() {
    ReportPage page =
        page(
            List.of(
                job("a", List.of(), List.of()),
                new ReportPage.Job(
                    "b",
                    List.of("a"),
                    Map.of(Outcome.COMPUTED, 3L, Outcome.FAILED, 1L),
                    Map.of("processed", 3L),
                    "",
                    "",
                    JobDurations.NONE,
                    List.of())),
            List.of(),
            List.of());

    String html = HtmlReport.write(page);

    assertThat(html)
        .contains(
            "<g class=\"node\" data-job=\"a\" data-state=\"computed\""
                + " data-computed=\"4\" data-skipped=\"0\" data-failed=\"0\"");
    assertThat(html).contains("data-job=\"b\" data-state=\"failed\" data-computed=\"3\"");
    assertThat(html).contains(">3 computed \u00b7 1 failed<");
    assertThat(html).contains("<path class=\"edge\" data-from=\"a\" data-to=\"b\"");
    assertThat(html).contains("<td data-column=\"processed\">4</td>");
    assertThat(html).contains("title=\"0123456789abcdef0123\">0123456789ab<"); // short fingerprint
  }

  @Test
  void thePageLoadsNothingFromElsewhere() {
    ReportPage page =
        page(
            List.of(
                job(
                    "a",
                    List.of(),
                    List.of(
                        Previews.preview(
                            "id", "/out/id.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'})))),
            List.of(),
            List.of());

    String html = HtmlReport.write(page);

    assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
    assertThat(html).contains("<img class=\"preview\"").contains("src=\"data:image/png;base64,");
  }

  private static ReportPage.Job job(String name, List<String> parents, List<Preview> previews) {
    return new ReportPage.Job(
        name,
        parents,
        Map.of(Outcome.COMPUTED, 4L),
        Map.of("processed", 4L),
        "0123456789abcdef0123",
        "2",
        new JobDurations(4, 10, 20, 25),
        previews);
  }

  private static ReportPage page(
      List<ReportPage.Job> jobs,
      List<ElementDuration> slowest,
      List<ReportPage.LetterGroup> letters) {
    return new ReportPage(
        "Klio run",
        "klio run --id '<script>'",
        "DirectRunner",
        Instant.parse("2025-01-02T03:04:05Z"),
        Duration.ofSeconds(3),
        List.of(
            Outcome.COMPUTED,
            Outcome.SKIPPED,
            Outcome.FAILED,
            Outcome.BLOCKED,
            Outcome.NOT_REACHED),
        List.of("processed", "skipped-output-exists"),
        jobs,
        slowest,
        "how",
        letters,
        List.of(),
        true);
  }
}
