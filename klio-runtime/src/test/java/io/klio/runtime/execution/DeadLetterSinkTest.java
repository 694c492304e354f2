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
        .apply(Create.of(letter("job", prefix + "Aa"), letter("job", prefix + "BB"),
                letter("", null), DeadLetter.notRun("", null, "garbage", new byte[] {1, 2}))
            .withCoder(SerializableCoder.of(DeadLetter.class)))
        .apply(ParDo.of(new DeadLetterSink(Optional.of(letters.toString()),
            RunSettings.of(Map.of()))));
    pipeline.run().waitUntilFinish();

    try (Stream<Path> files = Files.walk(letters)) {
      assertThat(files.filter(Files::isRegularFile)).hasSize(4);
    }
  }

  private static DeadLetter letter(String job, String id) {
    byte[] message = (id == null ? "no id" : id).getBytes(StandardCharsets.UTF_8);
    return DeadLetter.notRun(job, id, "failed", message);
  }
}
