package io.klio.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What every section gets: whether this is the quick mode, a scratch folder of its own (deleted
 * after the run) and how to start another JVM on the benchmark's own class path.
 */
public record Context(boolean quick, Path work) {

  /** A fresh folder under the scratch folder. */
  public Path folder(String name) throws IOException {
    return Files.createDirectories(work.resolve(name));
  }

  /** {@code count} element ids, {@code track-00000000} on. */
  public static List<String> ids(int count) {
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(String.format("track-%08d", i));
    }
    return ids;
  }

  /** A file of {@link #ids(int) count ids} in the scratch folder, one per line. */
  public Path idFile(int count) throws IOException {
    Path file = work.resolve("ids-" + count + ".txt");
    if (!Files.exists(file)) {
      Files.write(file, ids(count), StandardCharsets.UTF_8);
    }
    return file;
  }

  /** The {@code java} binary that runs this benchmark. */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The class path of this benchmark (the shaded jar), for the JVMs it starts. */
  public static String classPath() {
    return System.getProperty("java.class.path");
  }
}
