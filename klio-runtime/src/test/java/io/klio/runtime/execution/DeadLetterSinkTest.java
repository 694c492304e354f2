package io.klio.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterSinkTest {
  @TempDir Path letters;

  @Test
  void twoElementsNeverShareADeadLetterFile() throws Exception {
    // Same first 100 characters, and "Aa" and "BB" have the same String.hashCode.
    String prefix = "x".repeat(100);
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline
        .apply(
            Create.of(
                    letter("job", prefix + "Aa"),
                    letter("job", prefix + "BB"),
                    letter("", null),
                    DeadLetter.notRun("", null, "garbage", new byte[] {1, 2}))
                .withCoder(SerializableCoder.of(DeadLetter.class)))
        .apply(
            ParDo.of(
                new DeadLetterSink(Optional.of(letters.toString()), RunSettings.of(Map.of()))));
    pipeline.run().waitUntilFinish();

    try (Stream<Path> files = Files.walk(letters)) {
      assertThat(files.filter(Files::isRegularFile)).hasSize(4);
    }
  }

  @Test
  void aStoredLettersLogHasTheFirstLinesOfItsReasonAndSaysHowManyMore() {
    String trace =
        "java.lang.IllegalStateException: boom\n"
            + "\tat a.B.c(B.java:1)\n\tat a.B.d(B.java:2)\n\tat a.B.e(B.java:3)\n"
            + "\tat a.B.f(B.java:4)\n\tat a.B.g(B.java:5)\n\tat a.B.h(B.java:6)\n"
            + "\tat a.B.i(B.java:7)\n";

    String logged = DeadLetterSink.firstLines(trace);

    assertThat(logged.lines()).hasSize(DeadLetterSink.LOGGED_LINES + 1);
    assertThat(logged)
        .startsWith("java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)")
        .contains("\tat a.B.g(B.java:5)")
        .doesNotContain("a.B.h")
        .endsWith("\t... 2 more line(s) in the file");
    assertThat(DeadLetterSink.firstLines("input missing: x\n")).isEqualTo("input missing: x");
  }

  private static DeadLetter letter(String job, String id) {
    byte[] message = (id == null ? "no id" : id).getBytes(StandardCharsets.UTF_8);
    return DeadLetter.notRun(job, id, "failed", message);
  }
}
