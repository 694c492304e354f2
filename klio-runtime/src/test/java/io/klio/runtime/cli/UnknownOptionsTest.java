package io.klio.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.runtime.Klio;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A mistyped flag, of Klio's or of Beam's, or a bad value, on any command ({@link TestDag}'s jobs
 * on the classpath): one line naming it (and the closest flag), exit status 2, nothing run.
 */
class UnknownOptionsTest {
  @TempDir Path data;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // a Klio flag of run, mistyped; run passes unknown flags to Beam, which knows neither
        "run --jbo=downsample --id a          | klio run: unknown option '--jbo'; did you mean '--job'?",
        "run --job downsample --id a --forse  | klio run: unknown option '--forse'; did you mean '--force'?",
        // a Beam flag, mistyped
        "run --job downsample --id a --runnr=DirectRunner"
            + " | klio run: unknown option '--runnr'; did you mean '--runner'?",
        "run --job downsample --id a --tempLocaton=/tmp"
            + " | klio run: unknown option '--tempLocaton'; did you mean '--tempLocation'?",
        "plan --job downsample --id a --stael | klio plan: unknown option '--stael'; did you mean '--stale'?",
        // commands that take no Beam flags: picocli finds it, Klio says it the same way
        "dag --fromat json                    | klio dag: unknown option '--fromat'; did you mean '--format'?",
        "publish --jbo downsample --id a      | klio publish: unknown option '--jbo'; did you mean '--job'?",
        // nothing close
        "run --job downsample --id a --zzzzzzzz"
            + " | klio run: unknown option '--zzzzzzzz' (not an option of 'klio run', nor a Beam"
            + " pipeline option; see --help)",
        "run --job downsample --id a stray    | klio run: unexpected argument 'stray'",
        // a value picocli converts
        "run --job downsample --id a --mode sideways"
            + " | klio run: Invalid value for option '--mode': 'sideways': use top-down or bottom-up"
            + " (see 'klio run --help')",
        "publish --job downsample --id a --mode up"
            + " | klio publish: Invalid value for option '--mode': 'up': use top-down or bottom-up"
            + " (see 'klio publish --help')",
      })
  void aMistypedFlagGetsTheClosestOneAndExits2(String line, String message) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args = (line.strip() + " --var data=" + data).split(" +");

    int status = Klio.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);

    assertThat(status).as(err.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString().lines().findFirst()).as(err.toString()).hasValue(message.strip());
    assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(Files.exists(data.resolve("downsample"))).as("nothing ran").isFalse();
  }

  @Test
  void verifyFailsItsPipelineOptionsCheckNamingTheClosestFlag() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int status =
        Klio.execute(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "verify",
            "--confg=x.yaml",
            "--var",
            "data=" + data);

    assertThat(status).as(out.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(out.toString().lines().filter(l -> l.startsWith("FAIL pipeline options")))
        .singleElement()
        .satisfies(
            l -> assertThat(l).contains("unknown option '--confg'; did you mean '--config'?"));
  }
}
