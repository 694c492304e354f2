package io.klio.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {
  @TempDir Path dir;

  @Test
  void readsALocalFileByPathOrFileUri() throws IOException {
    Path config = Files.writeString(dir.resolve("klio.yaml"), "vars:\n  data: /mnt\n");

    assertThat(TextFiles.read(config.toString())).contains("vars:\n  data: /mnt\n");
    assertThat(TextFiles.read(config.toUri().toString())).contains("vars:\n  data: /mnt\n");
  }

  @Test
  void aPatternReadsEveryMatchingFileInNameOrder() throws IOException {
    Files.write(dir.resolve("ids-2.txt"), List.of("c"));
    Files.write(dir.resolve("ids-1.txt"), List.of("a", "b"));
    Files.write(dir.resolve("other.txt"), List.of("x"));
    Files.createDirectory(dir.resolve("ids-dir.txt"));

    assertThat(TextFiles.lines(dir + "/ids-*.txt")).contains(List.of("a", "b", "c"));
  }

  @Test
  void nothingThereIsEmpty() throws IOException {
    assertThat(TextFiles.read(dir.resolve("missing.yaml").toString())).isEmpty();
    assertThat(TextFiles.lines(dir + "/none-*.txt")).isEmpty();
    assertThat(TextFiles.read(dir + "/*.yaml")).isEmpty();
  }
}
