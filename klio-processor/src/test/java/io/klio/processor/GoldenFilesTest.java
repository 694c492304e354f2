package io.klio.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the processor writes for the functional test's DAG, compared with files under {@code
 * src/test/resources/golden}. After an intended change, regenerate them with {@code mvn test -pl
 * klio-processor -Dtest=GoldenFilesTest -Dklio.updateGoldens=true} and review the diff. The
 * fingerprints in them change only with the fingerprint's format, the DAG's sources, or a JDK whose
 * javac prints syntax trees differently.
 */
class GoldenFilesTest {
  private static final Path GOLDEN_DIR =
      Path.of(System.getProperty("klio.goldenDir", "src/test/resources/golden"));

  static Stream<Arguments> generatedFiles() {
    return Stream.of(
        Arguments.of("/SOURCE_OUTPUT/test/a/IngestKlioJob.java", "IngestKlioJob.java.txt"),
        Arguments.of("/SOURCE_OUTPUT/test/b/ReportKlioJob.java", "ReportKlioJob.java.txt"),
        Arguments.of("/SOURCE_OUTPUT/test/b/DoubledKlioJob.java", "DoubledKlioJob.java.txt"),
        Arguments.of("/CLASS_OUTPUT/META-INF/klio/jobs/report.json", "report.json"),
        Arguments.of(
            "/CLASS_OUTPUT/META-INF/services/io.klio.runtime.job.JobDefinition", "services.txt"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("generatedFiles")
  void matchesGolden(String generatedPath, String goldenName) throws IOException {
    Compilation compilation =
        Sources.compile(DagRunFunctionalTest.INGEST, DagRunFunctionalTest.ANALYSIS);
    String actual = read(compilation, generatedPath);
    Path golden = GOLDEN_DIR.resolve(goldenName);
    if (Boolean.getBoolean("klio.updateGoldens")) {
      Files.writeString(golden, actual);
    }
    assertThat(golden).as("golden file; regenerate with -Dklio.updateGoldens=true").exists();
    assertThat(actual).isEqualTo(Files.readString(golden));
  }

  private static String read(Compilation compilation, String path) throws IOException {
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.toUri().getPath().endsWith(path)) {
        try (InputStream in = file.openInputStream()) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError("not generated: " + path);
  }
}
