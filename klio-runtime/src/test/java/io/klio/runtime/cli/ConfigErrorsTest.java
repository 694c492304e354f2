package io.klio.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.runtime.Klio;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mistakes in klio.yaml, through the command line ({@link TestDag}'s jobs on the classpath): for
 * each, {@code run} and {@code verify} print one message that names the file and the key (or the
 * line), print no stack trace, run nothing, and exit with status 2.
 */
class ConfigErrorsTest {
  @TempDir Path dir;

  /** A case: its name, the config, and what the one message must name besides the file. */
  static Stream<Arguments> mistakes() {
    return Stream.of(
        mistake("unknown top-level key", "jbos:\n  downsample: {}\n", "jbos: unknown key"),
        mistake(
            "unknown job key",
            "jobs:\n  downsample:\n    retry: 1\n",
            "jobs.downsample.retry: unknown key"),
        mistake(
            "unknown events key",
            "jobs:\n  downsample:\n    events:\n      topic: t\n",
            "jobs.downsample.events.topic: unknown key"),
        mistake("unknown Beam option", "pipeline:\n  runnr: DirectRunner\n", "pipeline.runnr:"),
        mistake("unknown runner", "pipeline:\n  runner: NoSuchRunner\n", "pipeline.runner:"),
        mistake(
            "a word for a number",
            "jobs:\n  downsample:\n    retries: two\n",
            "jobs.downsample.retries: must be a whole number"),
        mistake(
            "a list for a number",
            "jobs:\n  downsample:\n    retries: [1, 2]\n",
            "jobs.downsample.retries: must be a single value"),
        mistake(
            "a duration without a unit",
            "jobs:\n  downsample:\n    timeout: 5\n",
            "jobs.downsample.timeout: must be a duration"),
        mistake(
            "a timeout of 2.7 million years",
            "jobs:\n  downsample:\n    timeout: 999999999d\n",
            "jobs.downsample.timeout: must be at most 365d"),
        mistake(
            "a request timeout past what clocks hold",
            "jobs:\n  downsample:\n    events:\n      requestTimeout: PT100000000000H\n",
            "jobs.downsample.events.requestTimeout: must be at most 365d"),
        mistake("a list for vars", "vars: [a, b]\n", "vars: must be a mapping"),
        mistake(
            "a mapping for a variable",
            "vars:\n  data:\n    x: 1\n",
            "vars.data: must be a single value"),
        mistake(
            "a mapping for an option",
            "pipeline:\n  runner:\n    x: 1\n",
            "pipeline.runner: must be a single value"),
        mistake("a scalar for jobs", "jobs: downsample\n", "jobs: must be a mapping"),
        mistake(
            "undefined variable in deadLetters",
            "deadLetters: ${nope}/dl\n",
            "deadLetters: undefined variable '${nope}'"),
        mistake(
            "undefined variable in a job's deadLetters",
            "jobs:\n  downsample:\n    deadLetters: ${nope}/dl\n",
            "jobs.downsample.deadLetters: undefined variable '${nope}'"),
        mistake(
            "undefined variable in an option",
            "pipeline:\n  tempLocation: ${nope}/tmp\n",
            "pipeline.tempLocation: undefined variable '${nope}'"),
        mistake(
            "undefined variable in the jobs' locations",
            "vars:\n  other: x\n",
            "vars: undefined variable(s) data (${data} in the locations of "),
        mistake(
            "unclosed template in deadLetters",
            "deadLetters: ${data\n",
            "deadLetters: '${' at column 1 has no closing '}'"),
        mistake(
            "unclosed template in an option",
            "pipeline:\n  tempLocation: ${data/tmp\n",
            "pipeline.tempLocation: '${' at column 1 has no closing '}'"),
        mistake(
            "unclosed template in a variable",
            "vars:\n  other: ${data\n",
            "vars.other: a variable cannot refer to other variables"),
        mistake(
            "bad indentation",
            "jobs:\n  downsample:\n retries: 2\n",
            "line 3, column 2: not valid YAML"),
        mistake(
            "unclosed quote", "vars:\n  other: \"abc\n", "not valid YAML: found unexpected end"),
        mistake("a tab", "jobs:\n\tdownsample: {}\n", "line 2, column 1: not valid YAML"),
        mistake(
            "a key twice",
            "jobs:\n  downsample:\n    retries: 1\n    retries: 2\n",
            "not valid YAML: Duplicate field 'retries'"),
        mistake(
            "two documents",
            "jobs:\n  downsample:\n    retries: 1\n---\njobs:\n  nope: {}\n",
            "a second YAML document (after '---')"),
        mistake("a list for the whole config", "- a\n- b\n", "must be a mapping with keys"),
        mistake(
            "an unknown job",
            "jobs:\n  dwnsample:\n    retries: 1\n",
            "jobs.dwnsample: unknown job 'dwnsample'; did you mean 'downsample'?"));
  }

  private static Arguments mistake(String name, String yaml, String names) {
    return Arguments.of(name, yaml, names);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void runPrintsOneMessageNamingFileAndKeyAndExits2(String name, String yaml, String names)
      throws IOException {
    Path config = config(yaml);
    Cli run =
        cli(
            withData(
                yaml, "run", "--job", "downsample", "--id", "a", "--config", config.toString()));

    assertThat(run.status).as(run.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err.lines())
        .as(run.toString())
        .singleElement()
        .satisfies(
            line -> assertThat(line).startsWith("klio run: " + config + ": ").contains(names));
    assertThat(run.out).as("nothing ran").isEmpty();
    assertThat(Files.exists(dir.resolve("downsample"))).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void verifyPrintsOneFailureNamingFileAndKeyAndExits2(String name, String yaml, String names)
      throws IOException {
    Path config = config(yaml);
    Cli verify = cli(withData(yaml, "verify", "--config", config.toString()));

    assertThat(verify.status).as(verify.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(verify.out.lines().filter(line -> line.startsWith("FAIL")))
        .as(verify.toString())
        .singleElement()
        .satisfies(line -> assertThat(line).contains(config + ": ").contains(names));
    assertThat(verify.out + verify.err).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private Path config(String yaml) throws IOException {
    Files.createDirectories(dir.resolve("in"));
    return Files.writeString(dir.resolve("klio.yaml"), yaml);
  }

  /** The command with {@code --var data=DIR}, unless the case is about {@code data} missing. */
  private String[] withData(String yaml, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!yaml.contains("other: x")) {
      all.add("--var");
      all.add("data=" + dir);
    }
    return all.toArray(String[]::new);
  }

  private static Cli cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Klio.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Cli(status, out.toString(), err.toString());
  }

  private record Cli(int status, String out, String err) {
    @Override
    public String toString() {
      return "exit " + status + "\n--- out\n" + out + "--- err\n" + err;
    }
  }
}
