package io.klio.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdSliceTest {
  @TempDir Path dir;

  @Test
  void rangesThatTileAFileReadEveryIdOnce() throws Exception {
    Random random = new Random(7);
    List<String> ids = new ArrayList<>();
    StringBuilder text = new StringBuilder("# a comment line\n\n");
    for (int i = 0; i < 500; i++) {
      String id =
          "id-" + Integer.toString(random.nextInt(1 << 30), 36).repeat(1 + random.nextInt(3));
      ids.add(id);
      text.append(i % 7 == 0 ? "  " + id + "\r\n" : id + "\n");
    }
    text.append("last-without-newline");
    ids.add("last-without-newline");
    Path file = Files.writeString(dir.resolve("ids.txt"), text);
    long size = Files.size(file);

    for (long rangeBytes : new long[] {1, 2, 13, 64, 1000, size, size + 10}) {
      List<String> read = new ArrayList<>();
      for (long start = 0; start < size; start += rangeBytes) {
        read.addAll(
            IdSlice.range(file.toString(), start, Math.min(size, start + rangeBytes)).read());
      }
      assertThat(read).as("ranges of %d bytes", rangeBytes).isEqualTo(ids);
    }
  }

  @Test
  void givenIdsAreTheirOwnSlice() throws Exception {
    assertThat(IdSlice.of(List.of("a", "b")).read()).containsExactly("a", "b");
  }
}
