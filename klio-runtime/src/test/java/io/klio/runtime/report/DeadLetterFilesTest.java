package io.klio.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterFilesTest {
  @TempDir Path dir;

  @Test
  void readsOldAndNewLettersWrittenSinceTheRunStarted() throws IOException {
    Files.createDirectories(dir.resolve("decode"));
    write(
        "decode/old-format.json",
        "{\"job\":\"decode\",\"element\":\"a\",\"reason\":\"java.io.IOException: bad\\n\\tat x\","
            + "\"message\":\"\"}");
    write(
        "decode/new-format.json",
        "{\"job\":\"decode\",\"element\":\"b\",\"reason\":\"trace\",\"summary\":\"short\","
            + "\"attempts\":3,\"time\":\"2025-01-01T00:00:00Z\",\"message\":\"\"}");
    write("decode/not-a-letter.json", "[1, 2]");
    Path before =
        write(
            "decode/from-an-earlier-run.json",
            "{\"job\":\"decode\",\"element\":\"c\",\"reason\":\"old\"}");
    long now = System.currentTimeMillis();
    Files.setLastModifiedTime(before, FileTime.fromMillis(now - 3_600_000));

    DeadLetterFiles.Found found = DeadLetterFiles.read(dir.toString(), "decode", now - 1000, 10);

    assertThat(found.letters())
        .containsExactlyInAnyOrder(
            new DeadLetterFiles.Letter("decode", "a", "java.io.IOException: bad", 0),
            new DeadLetterFiles.Letter("decode", "b", "short", 3));
    assertThat(found.unread()).isZero();
  }

  @Test
  void readsNoMoreThanTheLimit() throws IOException {
    Files.createDirectories(dir.resolve("j"));
    for (int i = 0; i < 5; i++) {
      write("j/" + i + ".json", "{\"job\":\"j\",\"element\":\"" + i + "\",\"reason\":\"r\"}");
    }

    DeadLetterFiles.Found found = DeadLetterFiles.read(dir.toString(), "j", 0, 3);

    assertThat(found.letters()).hasSize(3);
    assertThat(found.unread()).isEqualTo(2);
  }

  @Test
  void noFolderIsNoLetters() throws IOException {
    assertThat(DeadLetterFiles.read(dir.toString(), "none", 0, 3).letters()).isEmpty();
  }

  private Path write(String name, String json) throws IOException {
    return Files.write(dir.resolve(name), json.getBytes(StandardCharsets.UTF_8));
  }
}
