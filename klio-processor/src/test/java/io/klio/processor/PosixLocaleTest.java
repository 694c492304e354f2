package io.klio.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker under a POSIX locale, whose file names can only be ASCII: an id it cannot name a file
 * for is a dead letter of its own, and the other ids of its batch are computed.
 */
class PosixLocaleTest {
  @TempDir static Path build;
  @TempDir Path data;
  static CompiledProject project;

  @BeforeAll
  static void compile() throws IOException {
    project =
        CompiledProject.compile(
            build.resolve("classes"),
            List.of(),
            Sources.jobs(
                "@KlioJob(name = \"shout\") @Output(location = \"${data}/shout/{id}.txt\")",
                "public static String shout(@Input(location = \"${data}/in/{id}.txt\") String in) {",
                "  return in.toUpperCase();",
                "}",
                "@KlioJob(name = \"echo\", parents = \"shout\") @Output(location = \"${data}/echo/{id}.txt\")",
                "public static String echo(@Input String in) { return in; }"));
  }

  private String run(String... args) throws Exception {
    String classpath = project.classes + File.pathSeparator + System.getProperty("java.class.path");
    ProcessBuilder builder =
        new ProcessBuilder(
            ProcessHandle.current().info().command().orElse("java"),
            "-cp",
            classpath,
            "io.klio.runtime.Klio");
    builder.command().addAll(List.of(args));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG"));
    env.put("LC_ALL", "C");
    Process process =
        builder.redirectErrorStream(true).redirectOutput(data.resolve("run.log").toFile()).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(data.resolve("run.log"));
    assertThat(process.exitValue()).as(log).isEqualTo(3);
    return log;
  }

  @Test
  void anIdTheFileSystemCannotNameFailsAloneInEitherMode() throws Exception {
    Files.createDirectories(data.resolve("in"));
    Files.writeString(data.resolve("in/plain.txt"), "plain");
    Files.write(data.resolve("ids.txt"), List.of("plain", "caf\u00e9"), StandardCharsets.UTF_8);

    for (String mode : List.of("top-down", "bottom-up")) {
      String log =
          run(
              "run",
              "--job",
              mode.equals("top-down") ? "shout" : "echo",
              "--mode",
              mode,
              "--ids",
              data.resolve("ids.txt").toString(),
              "--var",
              "data=" + data);

      assertThat(data.resolve("echo/plain.txt")).as(mode + "\n" + log).hasContent("PLAIN");
      assertThat(log).contains("element 'caf").contains("unmappable characters");
      Files.delete(data.resolve("shout/plain.txt"));
      Files.delete(data.resolve("echo/plain.txt"));
    }
  }
}
