package io.klio.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewsTest {
  @TempDir Path dir;

  @Test
  void aFileOverTheCapIsNamedNotEmbedded() throws IOException {
    Path big = Files.write(dir.resolve("big.wav"), new byte[1001]);

    Preview preview = new Previews(1000, 10_000).of("big", big.toString()).orElseThrow();

    assertThat(preview.kind()).isEqualTo(Preview.Kind.TOO_LARGE);
    assertThat(preview.size()).isEqualTo(1001);
    assertThat(preview.body()).isEmpty();
    assertThat(HtmlReport.write(pageWith(preview)))
        .contains("too large to embed")
        .contains(big.toString())
        .doesNotContain("data:audio");
  }

  @Test
  void aFileAtTheCapIsEmbeddedAsADataUri() throws IOException {
    byte[] bytes = new byte[1000];
    bytes[7] = 42;
    Path wav = Files.write(dir.resolve("a.wav"), bytes);

    Preview preview = new Previews(1000, 10_000).of("a", wav.toString()).orElseThrow();

    assertThat(preview.kind()).isEqualTo(Preview.Kind.AUDIO);
    assertThat(preview.body())
        .isEqualTo("data:audio/wav;base64," + Base64.getEncoder().encodeToString(bytes));
  }

  @Test
  void onceThePageIsFullTheRestAreNamedOnly() throws IOException {
    Previews previews = new Previews(1000, 1500);
    Path first = Files.write(dir.resolve("1.png"), new byte[800]);
    Path second = Files.write(dir.resolve("2.png"), new byte[800]);

    assertThat(previews.of("1", first.toString()).orElseThrow().kind())
        .isEqualTo(Preview.Kind.IMAGE);
    assertThat(previews.of("2", second.toString()).orElseThrow().kind())
        .isEqualTo(Preview.Kind.TOO_LARGE);
  }

  @Test
  void aMissingOutputHasNoPreview() throws IOException {
    assertThat(new Previews().of("x", dir.resolve("none.json").toString())).isEmpty();
  }

  @Test
  void jsonIsPrettyPrintedAndLongTextCut() {
    Preview json =
        Previews.preview(
            "a", "/o/a.json", "{\"bpm\":120,\"x\":[1,2]}".getBytes(StandardCharsets.UTF_8));
    assertThat(json.kind()).isEqualTo(Preview.Kind.JSON);
    assertThat(json.body()).contains("\"bpm\" : 120").contains("\n");

    Preview text =
        Previews.preview(
            "a",
            "/o/a.txt",
            "x".repeat(Previews.MAX_TEXT_CHARS + 10).getBytes(StandardCharsets.UTF_8));
    assertThat(text.truncated()).isTrue();
    assertThat(text.body()).hasSize(Previews.MAX_TEXT_CHARS);
  }

  @Test
  void otherBytesShowTheirSizeAndSha256() {
    Preview bytes = Previews.preview("a", "/o/a.bin", new byte[] {0, (byte) 0xff, 0});
    assertThat(bytes.kind()).isEqualTo(Preview.Kind.BYTES);
    assertThat(bytes.size()).isEqualTo(3);
    assertThat(bytes.body()) // sha256sum of 00 ff 00
        .isEqualTo(Previews.sha256(new byte[] {0, (byte) 0xff, 0}))
        .hasSize(64);
  }

  private static ReportPage pageWith(Preview preview) {
    return new ReportPage(
        "Klio run",
        "klio run",
        "DirectRunner",
        java.time.Instant.EPOCH,
        java.time.Duration.ZERO,
        java.util.List.of(Outcome.COMPUTED),
        java.util.List.of(),
        java.util.List.of(
            new ReportPage.Job(
                "j",
                java.util.List.of(),
                java.util.Map.of(),
                java.util.Map.of(),
                "",
                "",
                io.klio.runtime.execution.JobDurations.NONE,
                java.util.List.of(preview))),
        java.util.List.of(),
        "",
        java.util.List.of(),
        java.util.List.of(),
        false);
  }
}
