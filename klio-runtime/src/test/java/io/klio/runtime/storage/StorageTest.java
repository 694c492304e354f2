package io.klio.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTest {
  @TempDir Path dir;

  @Test
  void writesCreateDirectoriesAndReadBack() throws IOException {
    String location = dir.resolve("a/b/out.txt").toString();
    assertThat(Storage.exists(location)).isFalse();
    Storage.writeAtomically(location, out -> out.write("hello".getBytes(StandardCharsets.UTF_8)));
    assertThat(Storage.exists(location)).isTrue();
    try (InputStream in = Storage.open(location)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }
  }

  @Test
  void fileUrisWorkLikePaths() throws IOException {
    String location = dir.resolve("uri/out.txt").toUri().toString();
    assertThat(location).startsWith("file:/");
    Storage.writeAtomically(location, out -> out.write("via uri".getBytes(StandardCharsets.UTF_8)));
    assertThat(Storage.exists(location)).isTrue();
    assertThat(Files.readString(dir.resolve("uri/out.txt"))).isEqualTo("via uri");
    Storage.checkDirectory(dir.resolve("uri").toUri().toString());
  }

  @Test
  void anIdInAFileUriLocationNamesOneFileLiterally() throws IOException {
    List<String> ids =
        List.of("%2e%2e%2F%2e%2e%2Fescaped", "a#b", "\u2215x", "%zz", "q\"q", "a%20b");
    for (String id : ids) {
      String location = Locations.render("${d}/out/{id}.txt", id, Map.of("d", "file://" + dir));
      Storage.writeAtomically(location, out -> out.write(id.getBytes(StandardCharsets.UTF_8)));
      assertThat(Storage.exists(location)).as(location).isTrue();
      assertThat(Files.readString(dir.resolve("out").resolve(id + ".txt"))).isEqualTo(id);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()))
          .containsExactlyInAnyOrderElementsOf(
              ids.stream().map(id -> "out/" + id + ".txt").toList());
    }
  }

  @Test
  void aFileWhoseNameIs255BytesIsWrittenAtomicallyToo() throws IOException {
    String name = "n".repeat(251) + ".txt";
    Storage.writeAtomically(dir.resolve(name).toString(), out -> out.write(1));
    assertThat(dir.resolve(name)).hasBinaryContent(new byte[] {1});
    assertThat(Storage.temporaryName(name)).startsWith(".nnn").endsWith(".tmp");
    assertThat(Storage.temporaryName(name))
        .hasSize(1 + 100 + ".klio-".length() + 36 + ".tmp".length());
  }

  @Test
  void checkDirectorySaysWhenALocalDirectoryIsMissing() {
    assertThatThrownBy(() -> Storage.checkDirectory(dir.resolve("nope") + "/"))
        .hasMessage("no such directory");
  }

  @Test
  void aWriterThatFailsHalfwayLeavesNothingBehind() throws IOException {
    String location = dir.resolve("out.bin").toString();
    assertThatThrownBy(
            () ->
                Storage.writeAtomically(
                    location,
                    out -> {
                      out.write(new byte[4096]);
                      throw new IOException("disk on fire");
                    }))
        .hasMessage("disk on fire");
    assertThat(Storage.exists(location)).isFalse();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aRewriteReplacesTheWholeFile() throws IOException {
    String location = dir.resolve("out.txt").toString();
    Storage.writeAtomically(
        location, out -> out.write("a long first version".getBytes(StandardCharsets.UTF_8)));
    Storage.writeAtomically(location, out -> out.write("short".getBytes(StandardCharsets.UTF_8)));
    assertThat(Files.readString(Path.of(location))).isEqualTo("short");
  }
}
