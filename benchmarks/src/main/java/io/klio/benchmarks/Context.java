package io.klio.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every section gets: whether this is the quick mode, a scratch folder of its own (deleted
 * after the run) and how to start another JVM on the benchmark's own class path.
 */
public record Context(boolean quick, Path work) {

  /** A fresh folder under the scratch folder. */
  public Path folder(String name) throws java.io.IOException {
    return Files.createDirectories(work.resolve(name));
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
