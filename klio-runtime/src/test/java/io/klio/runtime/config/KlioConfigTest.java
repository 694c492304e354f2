package io.klio.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klio.runtime.execution.JobSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KlioConfigTest {
  private static final String FULL =
      """
      vars:
        data: /tmp/klio-data
        project: p
      pipeline:
        runner: DirectRunner
        targetParallelism: 4
        tempLocation: ${data}/tmp
        experiments: [a, b]
      deadLetters: ${data}/dead-letters
      jobs:
        beat-tracking:
          timeout: 10m
          retries: 2
          deadLetters: gs://bucket/dl/beat-tracking
          maxConcurrency: 3
          events:
            inputTopic: projects/p/topics/downsample
            inputSubscription: projects/${project}/subscriptions/beat-tracking
            outputTopic: projects/${project}/topics/beat-tracking
            requestTimeout: 90s
        downsample:
          timeout: PT1H30M
        audio-download:
      """;

  private static KlioConfig parse(String yaml) {
    return KlioConfig.parse(yaml, "klio.yaml");
  }

  @Test
  void readsAFullFile() {
    KlioConfig config = parse(FULL);

    assertThat(config.variables())
        .containsExactly(Map.entry("data", "/tmp/klio-data"), Map.entry("project", "p"));
    assertThat(config.pipelineArgs())
        .containsExactly(
            "--runner=DirectRunner",
            "--targetParallelism=4",
            "--tempLocation=/tmp/klio-data/tmp",
            "--experiments=a",
            "--experiments=b");
    assertThat(config.deadLetters()).contains("/tmp/klio-data/dead-letters");
    assertThat(config.jobs()).containsOnlyKeys("beat-tracking", "downsample", "audio-download");

    JobConfig beats = config.jobs().get("beat-tracking");
    assertThat(beats.toSettings())
        .isEqualTo(
            new JobSettings(
                Duration.ofMinutes(10), 2, Optional.of("gs://bucket/dl/beat-tracking"), 3));
    assertThat(beats.events().inputTopic()).contains("projects/p/topics/downsample");
    assertThat(beats.events().inputSubscription())
        .contains("projects/p/subscriptions/beat-tracking");
    assertThat(beats.events().outputTopic()).contains("projects/p/topics/beat-tracking");
    assertThat(beats.events().requestTimeoutOrDefault()).isEqualTo(Duration.ofSeconds(90));

    JobConfig downsample = config.jobs().get("downsample");
    assertThat(downsample.timeout()).contains(Duration.ofMinutes(90));
    assertThat(downsample.retries()).isEqualTo(OptionalInt.empty());
    assertThat(downsample.toSettings())
        .isEqualTo(new JobSettings(Duration.ofMinutes(90), 0, Optional.empty(), 0));
    assertThat(downsample.events()).isEqualTo(JobConfig.Events.NONE);
    assertThat(downsample.events().requestTimeoutOrDefault()).isEqualTo(Duration.ofMinutes(10));

    assertThat(config.jobs().get("audio-download").toSettings()).isEqualTo(JobSettings.DEFAULT);
  }

  @Test
  void retryDelayAndMaxInputBytesTakeUnits() {
    KlioConfig config =
        parse(
            String.join(
                "\n",
                "jobs:",
                "  a: {retries: 3, retryDelay: 250ms, maxInputBytes: 200MB}",
                "  b: {maxInputBytes: 64MiB}",
                "  c: {maxInputBytes: 5000}",
                ""));

    assertThat(config.jobs().get("a").toSettings())
        .isEqualTo(
            new JobSettings(
                Duration.ofMinutes(30),
                3,
                Duration.ofMillis(250),
                Optional.empty(),
                0,
                200_000_000L));
    assertThat(config.jobs().get("b").toSettings().maxInputBytes()).isEqualTo(64L << 20);
    assertThat(config.jobs().get("c").toSettings().maxInputBytes()).isEqualTo(5000);
    assertThat(config.jobs().get("c").toSettings().retryDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThatThrownBy(() -> parse("jobs:\n  a:\n    maxInputBytes: 2 TB\n"))
        .hasMessage(
            "klio.yaml: jobs.a.maxInputBytes: must be a size of 1 byte or more like 5000000,"
                + " 500KB, 200MB, 2GB or 64MiB, got '2 TB'");
    assertThatThrownBy(() -> parse("jobs:\n  a:\n    maxInputBytes: 999999999999999GiB\n"))
        .hasMessage("klio.yaml: jobs.a.maxInputBytes: is too large: '999999999999999GiB'");
    assertThatThrownBy(() -> parse("jobs:\n  a:\n    retryDelay: soon\n"))
        .hasMessageStartingWith("klio.yaml: jobs.a.retryDelay: must be a duration");
  }

  @Test
  void anEmptyFileIsAnEmptyConfig() {
    KlioConfig config = parse("# nothing yet\n");

    assertThat(config.variables()).isEmpty();
    assertThat(config.pipelineArgs()).isEmpty();
    assertThat(config.deadLetters()).isEmpty();
    assertThat(config.jobs()).isEmpty();
  }

  @Test
  void loadsAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("klio.yaml");
    Files.writeString(file, "vars:\n  data: /d\n");
    assertThat(KlioConfig.load(file).variables()).containsEntry("data", "/d");

    Files.writeString(file, "jobs:\n  a:\n    retries: -1\n");
    assertThatThrownBy(() -> KlioConfig.load(file))
        .isInstanceOf(KlioConfigException.class)
        .hasMessage(file + ": jobs.a.retries: must be a whole number ≥ 0, got '-1'");

    Files.writeString(file, "jobs:\n  a:\n    maxConcurrency: 0\n");
    assertThatThrownBy(() -> KlioConfig.load(file))
        .isInstanceOf(KlioConfigException.class)
        .hasMessage(file + ": jobs.a.maxConcurrency: must be 1 or more, got '0'");
  }

  @Test
  void commandLineVariablesWin() {
    KlioConfig config = parse(FULL);
    KlioConfig overridden = config.withVariables(Map.of("data", "/mnt/run", "extra", "x"));

    assertThat(overridden.variables())
        .containsExactly(
            Map.entry("data", "/mnt/run"), Map.entry("project", "p"), Map.entry("extra", "x"));
    assertThat(overridden.deadLetters()).contains("/mnt/run/dead-letters");
    assertThat(overridden.pipelineArgs()).contains("--tempLocation=/mnt/run/tmp");
    assertThat(config.deadLetters()).contains("/tmp/klio-data/dead-letters");
  }

  @Test
  void aVariableMayComeFromTheCommandLineAlone() {
    KlioConfig config = parse("deadLetters: ${out}/dl/{id}\n");

    assertThat(config.withVariables(Map.of("out", "gs://b")).deadLetters())
        .contains("gs://b/dl/{id}");
  }

  @Test
  void anOptionValueKeepsItsBracesAndLoneDollarSigns() {
    KlioConfig config =
        parse(
            "vars:\n  team: audio\npipeline:\n"
                + "  labels: '{\"team\": \"${team}\", \"cost\": \"$5\"}'\n");

    assertThat(config.pipelineArgs())
        .containsExactly("--labels={\"team\": \"audio\", \"cost\": \"$5\"}");
  }

  @Test
  void anUndefinedVariableIsAnErrorWhereItIsUsed() {
    KlioConfig config = parse(FULL.replace("${project}/topics", "${projet}/topics"));

    assertThatThrownBy(config::jobs)
        .isInstanceOf(KlioConfigException.class)
        .hasMessage(
            "klio.yaml: jobs.beat-tracking.events.outputTopic: undefined variable"
                + " '${projet}' (define it under vars or pass --var projet=VALUE); did you mean"
                + " 'project'?");
    assertThatThrownBy(() -> parse("deadLetters: ${data/x\n").deadLetters())
        .hasMessage("klio.yaml: deadLetters: '${' at column 1 has no closing '}' in '${data/x'");
  }

  @Test
  void commandLineBeamFlagsReplaceConfiguredOptions() {
    KlioConfig config = parse(FULL);

    List<String> commandLine = List.of("--runner=DataflowRunner", "--experiments=c", "--streaming");
    assertThat(config.pipelineArgs(commandLine))
        .containsExactly(
            "--targetParallelism=4",
            "--tempLocation=/tmp/klio-data/tmp",
            "--runner=DataflowRunner",
            "--experiments=c",
            "--streaming");
  }

  @Test
  void unknownTopLevelKeySuggestsTheClosest() {
    assertThatThrownBy(() -> parse("deadletters: /dl\n"))
        .isInstanceOf(KlioConfigException.class)
        .hasMessage(
            "klio.yaml: deadletters: unknown key; did you mean 'deadLetters'?"
                + " (known keys: vars, pipeline, deadLetters, provenance, jobs)");
    assertThatThrownBy(() -> parse("runner: DirectRunner\n"))
        .hasMessage(
            "klio.yaml: runner: unknown key (known keys: vars, pipeline, deadLetters,"
                + " provenance, jobs)");
  }

  @Test
  void provenanceSaysWhetherOutputsWithoutARecordAreStale() {
    assertThat(parse("vars: {}\n").unrecordedAreStale()).isFalse();
    assertThat(parse("provenance:\n  unrecorded: current\n").unrecordedAreStale()).isFalse();
    assertThat(parse("provenance:\n  unrecorded: stale\n").unrecordedAreStale()).isTrue();
    assertThat(
            parse("provenance:\n  unrecorded: stale\n")
                .withVariables(Map.of("a", "b"))
                .unrecordedAreStale())
        .isTrue();
    assertThatThrownBy(() -> parse("provenance:\n  unrecorded: always\n"))
        .hasMessage(
            "klio.yaml: provenance.unrecorded: 'always': use current (outputs without a"
                + " record count as current, the default) or stale (--stale recomputes them)");
    assertThatThrownBy(() -> parse("provenance:\n  unrecord: stale\n"))
        .hasMessageStartingWith(
            "klio.yaml: provenance.unrecord: unknown key; did you mean" + " 'unrecorded'?");
  }

  @Test
  void unknownJobKeySuggestsTheClosest() {
    assertThatThrownBy(() -> parse("jobs:\n  a:\n    retires: 2\n"))
        .isInstanceOf(KlioConfigException.class)
        .hasMessage(
            "klio.yaml: jobs.a.retires: unknown key; did you mean 'retries'?"
                + " (known keys: timeout, retries, retryDelay, deadLetters, maxConcurrency,"
                + " maxInputBytes, events)");
    assertThatThrownBy(() -> parse("jobs:\n  a:\n    events:\n      topic: t\n"))
        .hasMessage(
            "klio.yaml: jobs.a.events.topic: unknown key"
                + " (known keys: inputTopic, inputSubscription, outputTopic, requestTimeout)");
  }

  @ParameterizedTest
  @CsvSource({"500ms, PT0.5S", "30s, PT30S", "10m, PT10M", "2h, PT2H", "1d, PT24H", "PT10M, PT10M"})
  void readsDurations(String written, String expected) {
    KlioConfig config = parse("jobs:\n  a:\n    timeout: " + written + "\n");

    assertThat(config.jobs().get("a").timeout()).contains(Duration.parse(expected));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "10 minutes | must be a duration like 500ms, 30s, 10m, 2h or PT10M, got '10 minutes'",
        "30         | must be a duration like 500ms, 30s, 10m, 2h or PT10M, got '30'",
        "10M        | must be a duration like 500ms, 30s, 10m, 2h or PT10M, got '10M'",
        "0s         | must be longer than zero, got '0s'",
        "PT-5S      | must be longer than zero, got 'PT-5S'"
      })
  void rejectsBadDurations(String written, String problem) {
    assertThatThrownBy(() -> parse("jobs:\n  a:\n    timeout: " + written + "\n"))
        .isInstanceOf(KlioConfigException.class)
        .hasMessage("klio.yaml: jobs.a.timeout: " + problem);
    assertThatThrownBy(
            () -> parse("jobs:\n  a:\n    events:\n      requestTimeout: " + written + "\n"))
        .isInstanceOf(KlioConfigException.class)
        .hasMessage("klio.yaml: jobs.a.events.requestTimeout: " + problem);
  }

  @ParameterizedTest
  @CsvSource({"two", "-1", "1.5", "[1]"})
  void rejectsRetriesThatAreNotWholeNumbers(String written) {
    String got =
        written.equals("[1]")
            ? "must be a single value, got a list"
            : "must be a whole number ≥ 0, got '" + written + "'";
    assertThatThrownBy(() -> parse("jobs:\n  beat-tracking:\n    retries: " + written + "\n"))
        .isInstanceOf(KlioConfigException.class)
        .hasMessage("klio.yaml: jobs.beat-tracking.retries: " + got);
  }

  @Test
  void malformedYamlSaysWhere() {
    String misindented = "jobs:\n  a:\n    retries: 1\n   timeout: 2s\n";
    assertThatThrownBy(() -> parse(misindented))
        .isInstanceOf(KlioConfigException.class)
        .hasMessage(
            "klio.yaml: line 4, column 4: not valid YAML: expected <block end>, but found"
                + " '<block mapping start>' (while parsing a block mapping at line 2, column 3)");
    assertThatThrownBy(() -> parse("vars:\n\tdata: x\n"))
        .hasMessageStartingWith("klio.yaml: line 2, column 1: not valid YAML: found character");
    assertThatThrownBy(() -> parse("vars:\n  data: /a\n  data: /b\n"))
        .hasMessage("klio.yaml: line 3, column 7: not valid YAML: Duplicate field 'data'");
  }

  @Test
  void sectionsMustHaveTheRightShape() {
    assertThatThrownBy(() -> parse("- a\n- b\n"))
        .hasMessage(
            "klio.yaml: must be a mapping with keys vars, pipeline, deadLetters,"
                + " provenance, jobs, got a list");
    assertThatThrownBy(() -> parse("vars: [a]\n"))
        .hasMessage("klio.yaml: vars: must be a mapping, got a list");
    assertThatThrownBy(() -> parse("jobs:\n  a: 3\n"))
        .hasMessage(
            "klio.yaml: jobs.a: must be a mapping with keys timeout, retries, retryDelay,"
                + " deadLetters, maxConcurrency, maxInputBytes, events, got '3'");
    assertThatThrownBy(() -> parse("deadLetters:\n"))
        .hasMessage("klio.yaml: deadLetters: must be a single value, got nothing");
    assertThatThrownBy(() -> parse("pipeline:\n  --runner: X\n"))
        .hasMessage(
            "klio.yaml: pipeline.--runner: not a Beam option name: write it without '--',"
                + " like runner or tempLocation");
  }

  @Test
  void variablesAreLiteralAndWellNamed() {
    assertThatThrownBy(() -> parse("vars:\n  a: /x\n  b: ${a}/y\n"))
        .hasMessage("klio.yaml: vars.b: a variable cannot refer to other variables, got '${a}/y'");
    assertThatThrownBy(() -> parse("vars:\n  1st: /x\n"))
        .hasMessage(
            "klio.yaml: vars.1st: not a variable name: use letters, digits, '_', '.' and"
                + " '-', starting with a letter or '_'");
    KlioConfig empty = parse("");
    assertThatThrownBy(() -> empty.withVariables(Map.of("a b", "x")))
        .hasMessageStartingWith("command line: --var a b: not a variable name");
  }

  @Test
  void validateJobsRejectsJobsNotOnTheClasspath() {
    KlioConfig config = parse(FULL);
    config.validateJobs(Set.of("beat-tracking", "downsample", "audio-download", "other"));

    Set<String> known = Set.of("beat-tracker", "downsample", "audio-download");
    assertThatThrownBy(() -> config.validateJobs(known))
        .isInstanceOf(KlioConfigException.class)
        .hasMessage(
            "klio.yaml: jobs.beat-tracking: unknown job 'beat-tracking'; did you mean"
                + " 'beat-tracker'?; jobs: audio-download, beat-tracker, downsample");
  }
}
