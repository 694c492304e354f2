package com.example.dance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.klio.runtime.Klio;
import io.klio.samples.SampleCatalogue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** This project's job runs with the sample jar's jobs as one DAG. */
class DownstreamTeamTest {
  @TempDir Path data;

  @Test
  void bottomUpFillsInTheOtherTeamsAncestorsOnly() throws IOException {
    SampleCatalogue.generate(data, 1, 8);
    int status =
        Klio.execute("run", "--job", "danceability", "--id", "track-0000", "--var", "data=" + data);
    assertThat(status).isZero();
    var result = new ObjectMapper().readTree(data.resolve("danceability/track-0000.json").toFile());
    assertThat(result.get("score").asDouble()).isBetween(0.0, 1.0);
    assertThat(data.resolve("beats/track-0000.json")).exists();
    assertThat(data.resolve("downsampled/track-0000.wav")).exists();
    assertThat(data.resolve("loudness")).doesNotExist();
    assertThat(data.resolve("spectrograms")).doesNotExist();
  }

  @Test
  void theDagSpansBothJars() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream previous = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(Klio.execute("dag", "--format", "dot")).isZero();
    } finally {
      System.setOut(previous);
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("\"beat-tracking\" -> \"danceability\"")
        .contains("\"downsample\" -> \"beat-tracking\"");
  }
}
