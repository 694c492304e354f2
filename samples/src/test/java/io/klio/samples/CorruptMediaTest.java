package io.klio.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klio.audio.AudioClip;
import io.klio.audio.synth.Synth;
import io.klio.audio.wav.WavFormat;
import io.klio.audio.wav.WavWriter;
import io.klio.testing.JobData;
import io.klio.testing.KlioTest;
import io.klio.testing.TestDag;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The downsample job over a catalogue of hostile files, in a JVM of its own with a small heap:
 * every bad file becomes a dead letter that says what is wrong with it, none hangs the run or
 * exhausts its memory, and the good file next to them is computed. The kit puts the files where the
 * job reads them and checks the outputs; the run itself is the command line's in a child JVM, since
 * the heap bound is the point.
 */
@KlioTest
class CorruptMediaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static byte[] wav(AudioClip clip, WavFormat format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WavWriter.write(clip, format, out);
    return out.toByteArray();
  }

  /** Overwrites the 4 little-endian bytes at {@code offset}. */
  private static byte[] withInt(byte[] bytes, int offset, int value) {
    byte[] copy = bytes.clone();
    ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
    return copy;
  }

  private static byte[] withShort(byte[] bytes, int offset, int value) {
    byte[] copy = bytes.clone();
    ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putShort(offset, (short) value);
    return copy;
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static byte[] concat(byte[] head, byte[] tail) {
    byte[] all = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  /** Id to file, and the words its dead letter's reason must contain. */
  private final Map<String, byte[]> files = new LinkedHashMap<>();

  private final Map<String, String> reasons = new LinkedHashMap<>();

  private void bad(String id, byte[] bytes, String reason) {
    files.put(id, bytes);
    reasons.put(id, reason);
  }

  @Test
  void everyBadFileIsADeadLetterWithItsReasonAndNothingHangsOrRunsOutOfMemory(TestDag dag)
      throws Exception {
    Path data = dag.data();
    byte[] good = wav(Synth.tone(44_100, 2, 440, -6), WavFormat.PCM_16); // 44-byte header
    files.put("good", good);
    bad("empty", new byte[0], "not an audio file: empty input");
    bad("text", "hello, I am not audio\n".getBytes(), "not a WAV file: starts with 'hell'");
    bad("random", random(64 << 10, 1), "not a WAV file");
    bad("truncated", Arrays.copyOf(good, good.length / 2), "truncated WAV");
    bad(
        "truncated-header",
        Arrays.copyOf(good, 20),
        "truncated WAV: file ends inside the 'fmt ' chunk");
    bad(
        "png-named-wav",
        concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, random(4096, 2)),
        "not a WAV file: starts with '\\x89PNG'");
    bad(
        "data-size-lies",
        withInt(good, 40, 0x7FFFFFF0),
        "truncated WAV: 'data' chunk declares 2147483632 bytes");
    files.put("riff-size-lies", withInt(good, 4, 8)); // streaming writers leave it wrong: read on
    bad("zero-channels", withShort(good, 22, 0), "corrupt WAV: 0 channels");
    bad("zero-rate", withInt(good, 24, 0), "corrupt WAV: sample rate 0");
    bad("many-channels", withShort(withShort(good, 22, 65535), 32, 2), "corrupt WAV: block align");
    bad("flac-garbage", concat("fLaC".getBytes(), random(64 << 10, 3)), "corrupt FLAC");
    bad("mp3-garbage", concat("ID3".getBytes(), random(64 << 10, 4)), "corrupt MP3");
    bad(
        "too-large",
        wav(Synth.tone(44_100, 30, 440, -6), WavFormat.PCM_16),
        "has more than 1000000 bytes (the job's maxInputBytes)");

    JobData catalogue = dag.input("downsample");
    files.forEach(catalogue::putBytes);
    Files.write(data.resolve("ids.txt"), files.keySet());
    Path config =
        Files.writeString(
            data.resolve("klio.yaml"),
            String.join(
                "\n",
                "deadLetters: " + data.resolve("dead-letters"),
                "jobs:",
                "  downsample:",
                "    timeout: 60s",
                "    maxInputBytes: 1MB",
                ""));

    Process run =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx192m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.klio.runtime.Klio",
                "run",
                "--job",
                "downsample",
                "--ids",
                data.resolve("ids.txt").toString(),
                "--var",
                "data=" + data,
                "--config",
                config.toString())
            .redirectErrorStream(true)
            .redirectOutput(data.resolve("run.log").toFile())
            .start();
    boolean ended = run.waitFor(180, TimeUnit.SECONDS);
    if (!ended) {
      run.destroyForcibly();
    }
    String log = Files.readString(data.resolve("run.log"));
    assertThat(ended).as("the run hung:\n" + log).isTrue();
    assertThat(log).doesNotContain("OutOfMemoryError").doesNotContain("timed out");
    assertThat(run.exitValue()).as(log).isEqualTo(3);

    JobData downsampled = dag.output("downsample");
    assertThat(downsampled.exists("good")).isTrue();
    assertThat(downsampled.bytes("riff-size-lies")).isEqualTo(downsampled.bytes("good"));
    Map<String, String> letters = new LinkedHashMap<>();
    try (Stream<Path> stored = Files.list(data.resolve("dead-letters/downsample"))) {
      for (Path letter : stored.toList()) {
        JsonNode record = JSON.readTree(letter.toFile());
        letters.put(record.get("element").asText(), record.get("reason").asText());
      }
    }
    System.out.println(
        "corrupt media: " + reasons.size() + " bad files, " + letters.size() + " dead letters:");
    letters.forEach(
        (id, reason) ->
            System.out.println("  " + id + ": " + reason.lines().findFirst().orElse("")));
    assertThat(letters.keySet()).containsExactlyInAnyOrderElementsOf(reasons.keySet());
    for (Map.Entry<String, String> expected : reasons.entrySet()) {
      assertThat(letters.get(expected.getKey()))
          .as(expected.getKey())
          .contains(expected.getValue());
      assertThat(downsampled.exists(expected.getKey())).as(expected.getKey()).isFalse();
    }
  }
}
