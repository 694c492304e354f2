package io.klio.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.klio.common.template.TemplateVectors;
import io.klio.common.template.TemplateVectors.Vector;
import io.klio.processor.base.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The location-template vectors that klio-common and the runtime also run, here as compile errors:
 * one compilation with a job per vector, on a line of its own, storing its output at the vector's
 * template (an output rather than an input, whose empty location means "none").
 */
class LocationVectorsTest {
  /** The source line of the first job: after the package, imports and class header. */
  private static final int FIRST_JOB_LINE = 4;

  private static final List<Vector> VECTORS = TemplateVectors.all();
  private static Compilation compilation;

  @BeforeAll
  static void compileOneJobPerVector() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < VECTORS.size(); i++) {
      lines.add(
          "@KlioJob(name = \"job-"
              + i
              + "\") @Output(location = \""
              + javaString(VECTORS.get(i).template())
              + "\") public static byte[] job"
              + i
              + "(@ElementId String id) { return null; }");
    }
    JavaFileObject source = Sources.jobs(lines.toArray(String[]::new));
    compilation = Sources.compile(source);
  }

  static List<Vector> renderings() {
    return TemplateVectors.renderings();
  }

  static List<Vector> malformed() {
    return TemplateVectors.malformed();
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void aWellFormedLocationCompiles(Vector vector) {
    if (vector.template().contains("{id}")) {
      assertThat(errorsOnLineOf(vector)).isEmpty();
    } else {
      int job = VECTORS.indexOf(vector);
      assertThat(errorsOnLineOf(vector))
          .containsExactly(Message.OUTPUT_WITHOUT_ID.format(vector.template(), "job-" + job));
    }
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void aMalformedLocationIsOneErrorWithTheReasonAndColumn(Vector vector) {
    int job = VECTORS.indexOf(vector);
    assertThat(errorsOnLineOf(vector))
        .containsExactly(
            Message.MALFORMED_TEMPLATE.format(vector.template(), "job-" + job, vector.reason()));
  }

  private static List<String> errorsOnLineOf(Vector vector) {
    long line = FIRST_JOB_LINE + VECTORS.indexOf(vector);
    return compilation.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR && d.getLineNumber() == line)
        .map(d -> d.getMessage(Locale.ROOT))
        .toList();
  }

  private static String javaString(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
