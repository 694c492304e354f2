package io.klio.dataflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A main class run in a JVM of its own on this test's classpath, as a Flex Template launcher runs
 * it: its exit status and output. A JVM that outlives the timeout is killed.
 */
record ChildJvm(int status, String output) {
  static ChildJvm run(Path workDir, long timeoutSeconds, String mainClass, List<String> args)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(workDir, "jvm-", ".log");
    Process process = start(workDir, log, mainClass, args);
    long started = System.nanoTime();
    boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly().waitFor();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.printf(
        "%s %s -> %s in %.1fs%n%s",
        mainClass,
        String.join(" ", args),
        ended ? process.exitValue() : "killed",
        (System.nanoTime() - started) / 1e9,
        output);
    if (!ended) {
      throw new AssertionError(mainClass + " still ran after " + timeoutSeconds + " s:\n" + output);
    }
    return new ChildJvm(process.exitValue(), output);
  }

  /** Starts {@code mainClass} with its output going to {@code log}; the caller stops it. */
  static Process start(Path workDir, Path log, String mainClass, List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    return new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  @Override
  public String toString() {
    return "exit " + status + "\n" + output;
  }
}
