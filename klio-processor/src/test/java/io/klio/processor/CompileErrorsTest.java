package io.klio.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.klio.processor.base.Message;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per compile-time check: the tagged message, on the right line, and no other error. */
class CompileErrorsTest {
  private static final String ROOT =
      "@KlioJob(name = \"downsample\") @Output(location = \"${data}/d/{id}.wav\")"
          + " public static byte[] downsample(@Input(location = \"${in}/{id}.wav\") byte[] in) {"
          + " return in; }";

  private static void assertSingleError(
      JavaFileObject source, Message message, String lineContaining, String... fragments) {
    Compilation compilation = Sources.compile(source);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(message.tag())
        .inFile(source)
        .onLineContaining(lineContaining);
    long errors =
        compilation.diagnostics().stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
            .count();
    assertThat(errors).as(compilation.diagnostics().toString()).isEqualTo(1);
    // javac indents the continuation lines of a message; compare without that indentation
    String text = compilation.errors().get(0).getMessage(null).replaceAll("\n\\s+", "\n");
    assertThat(text).startsWith(message.tag());
    for (String fragment : fragments) {
      assertThat(text).contains(fragment);
    }
    assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void unknownParentSuggestsTheClosestName() {
    assertSingleError(
        Sources.jobs(
            ROOT,
            "@KlioJob(name = \"beats\", parents = \"dwnsample\")",
            "@Output(location = \"${data}/b/{id}.json\")",
            "public static String beats(@Input byte[] audio) { return \"\"; }"),
        Message.UNKNOWN_PARENT,
        "parents = \"dwnsample\"",
        "'beats'",
        "'dwnsample'",
        "did you mean 'downsample'?");
  }

  @Test
  void duplicateJobNameIsReportedOnEachClaimant() {
    JavaFileObject source =
        Sources.jobs(
            ROOT,
            "@KlioJob(name = \"downsample\") @Output(location = \"${data}/x/{id}\")",
            "public static byte[] again(@Input(location = \"${in}/{id}\") byte[] in) { return in; }");
    Compilation compilation = Sources.compile(source);
    assertThat(compilation)
        .hadErrorContaining(
            Message.DUPLICATE_JOB.tag()
                + " job name 'downsample' is already used by test.Jobs#downsample")
        .inFile(source)
        .onLineContaining("${data}/x/{id}");
    assertThat(compilation)
        .hadErrorContaining(
            Message.DUPLICATE_JOB.tag()
                + " job name 'downsample' is already used by test.Jobs#again")
        .inFile(source)
        .onLineContaining("${data}/d/{id}.wav");
    assertThat(compilation.errors()).hasSize(2);
  }

  @Test
  void cycleIsPrintedAsAPath() {
    assertSingleError(
        Sources.jobs(
            ROOT,
            "@KlioJob(name = \"a\", parents = {\"downsample\", \"c\"}) @Output(location = \"/a/{id}\")",
            "public static byte[] a(@Input(from = \"downsample\") byte[] in) { return in; }",
            "@KlioJob(name = \"b\", parents = \"a\") @Output(location = \"/b/{id}\")",
            "public static byte[] b(@Input byte[] in) { return in; }",
            "@KlioJob(name = \"c\", parents = \"b\") @Output(location = \"/c/{id}\")",
            "public static byte[] c(@Input byte[] in) { return in; }"),
        Message.CYCLE,
        "name = \"a\"",
        "cycle:\na\n-> b\n-> c\n-> a\n");
  }

  @Test
  void aCycleThroughBranchesIsPrintedLinkByLink() {
    // decode -> thumbnail -> phash -> catalog-entry, decode -> histogram -> catalog-entry, and
    // catalog-entry -> decode: the cycle printed must be one, each job a parent of the next.
    assertSingleError(
        Sources.jobs(
            "@KlioJob(name = \"decode\", parents = \"catalog-entry\") @Output(location = \"/d/{id}\")",
            "public static byte[] decode(@Input byte[] in) { return in; }",
            "@KlioJob(name = \"thumbnail\", parents = \"decode\") @Output(location = \"/t/{id}\")",
            "public static byte[] thumbnail(@Input byte[] in) { return in; }",
            "@KlioJob(name = \"phash\", parents = \"thumbnail\") @Output(location = \"/p/{id}\")",
            "public static byte[] phash(@Input byte[] in) { return in; }",
            "@KlioJob(name = \"histogram\", parents = \"decode\") @Output(location = \"/h/{id}\")",
            "public static byte[] histogram(@Input byte[] in) { return in; }",
            "@KlioJob(name = \"catalog-entry\", parents = {\"phash\", \"histogram\"}) @Output(location = \"/c/{id}\")",
            "public static byte[] catalogEntry(@Input(from = \"phash\") byte[] p, @Input(from = \"histogram\") byte[] h) { return p; }"),
        Message.CYCLE,
        "name = \"catalog-entry\"",
        "cycle:\ncatalog-entry\n-> decode\n-> histogram\n-> catalog-entry\n");
  }

  @Test
  void selfParentIsACycle() {
    assertSingleError(
        Sources.jobs(
            "@KlioJob(name = \"loop\", parents = \"loop\") @Output(location = \"/l/{id}\")",
            "public static byte[] loop(@ElementId String id) { return new byte[0]; }"),
        Message.SELF_PARENT,
        "name = \"loop\"",
        "'loop'");
  }

  @Test
  void inputFromAJobThatIsNotAnAncestor() {
    assertSingleError(
        Sources.jobs(
            ROOT,
            "@KlioJob(name = \"beats\", parents = \"downsample\") @Output(location = \"/b/{id}\")",
            "public static byte[] beats(@Input byte[] in) { return in; }",
            "@KlioJob(name = \"loudness\", parents = \"downsample\") @Output(location = \"/l/{id}\")",
            "public static byte[] loudness(@Input(from = \"beats\") byte[] in) { return in; }"),
        Message.INPUT_NOT_ANCESTOR,
        "from = \"beats\"",
        "'loudness'",
        "'beats'");
  }

  @Test
  void inputWithoutFromWhenSeveralParents() {
    assertSingleError(
        Sources.jobs(
            ROOT,
            "@KlioJob(name = \"beats\", parents = \"downsample\") @Output(location = \"/b/{id}\")",
            "public static byte[] beats(@Input byte[] in) { return in; }",
            "@KlioJob(name = \"energy\", parents = {\"downsample\", \"beats\"})",
            "@Output(location = \"/e/{id}\")",
            "public static byte[] energy(@Input byte[] in) { return in; }"),
        Message.AMBIGUOUS_INPUT,
        "energy(@Input",
        "'energy'",
        "'downsample', 'beats'");
  }

  @Test
  void inputTypeNotAssignableFromProducerOutput() {
    assertSingleError(
        Sources.jobs(
            "public record Beats(double bpm) {}",
            "public record Energy(double rms) {}",
            "@KlioJob(name = \"beats\") @Output(location = \"/b/{id}.json\")",
            "public static Beats beats(@Input(location = \"/in/{id}\") byte[] in) { return null; }",
            "@KlioJob(name = \"energy\", parents = \"beats\") @Output(location = \"/e/{id}\")",
            "public static Energy energy(@Input Energy wrong) { return wrong; }"),
        Message.TYPE_MISMATCH,
        "Energy wrong",
        "'energy'",
        "test.Jobs.Energy",
        "test.Jobs.Beats");
  }

  @Test
  void fileOutputDoesNotFeedATypedInput() {
    // a PNG is no JSON record: only byte[] and Path inputs read whatever a job stored
    assertSingleError(
        Sources.jobs(
            "public record Decoded(int width) {}",
            "@KlioJob(name = \"thumbnail\") @Output(location = \"/t/{id}.png\")",
            "public static Path thumbnail(@Input(location = \"/in/{id}\") Path in) { return in; }",
            "@KlioJob(name = \"describe\", parents = \"thumbnail\") @Output(location = \"/d/{id}\")",
            "public static String describe(@Input Decoded thumb) { return \"\"; }"),
        Message.TYPE_MISMATCH,
        "Decoded thumb",
        "'describe'",
        "test.Jobs.Decoded",
        "'thumbnail'",
        "java.nio.file.Path");
  }

  @Test
  void bytesOutputDoesNotFeedAStringInput() {
    // UTF-8 decoding never fails, so bytes read as text would be silently garbled
    assertSingleError(
        Sources.jobs(
            "@KlioJob(name = \"thumbnail\") @Output(location = \"/t/{id}.png\")",
            "public static byte[] thumbnail(@Input(location = \"/in/{id}\") byte[] in) { return in; }",
            "@KlioJob(name = \"caption\", parents = \"thumbnail\") @Output(location = \"/c/{id}\")",
            "public static String caption(@Input String png) { return png; }"),
        Message.TYPE_MISMATCH,
        "String png",
        "java.lang.String",
        "'thumbnail'",
        "byte[]");
  }

  @Test
  void subtypeStoredByAnotherCodecDoesNotFeedTheSupertype() {
    // Square is assignable to Shape, but it is stored as JSON and Shape's codec cannot read that
    assertSingleError(
        Sources.jobs(
            "public static class Shape {}",
            "public static class Square extends Shape { public Square() {} }",
            "@KlioCodec public static class ShapeCodec implements io.klio.codec.Codec<Shape> {",
            "  public void encode(Shape s, java.io.OutputStream out) {}",
            "  public Shape decode(java.io.InputStream in) { return new Shape(); } }",
            "@KlioJob(name = \"square\") @Output(location = \"/s/{id}.json\")",
            "public static Square square(@Input(location = \"/in/{id}\") byte[] in) { return null; }",
            "@KlioJob(name = \"area\", parents = \"square\") @Output(location = \"/a/{id}\")",
            "public static String area(@Input Shape shape) { return \"\"; }"),
        Message.TYPE_MISMATCH,
        "Shape shape",
        "test.Jobs.Shape",
        "'square'",
        "test.Jobs.Square");
  }

  @Test
  void rawInputsReadEveryOutputAndAssignableTypesMatch() {
    Compilation compilation =
        Sources.compile(
            Sources.jobs(
                "public record Beats(double bpm) {}",
                "@KlioJob(name = \"beats\") @Output(location = \"/b/{id}.json\")",
                "public static Beats beats(@Input(location = \"/in/{id}\") byte[] in) { return null; }",
                "@KlioJob(name = \"count\") @Output(location = \"/n/{id}.json\")",
                "public static int count(@Input(location = \"/in/{id}\") byte[] in) { return 1; }",
                "@KlioJob(name = \"copy\", parents = {\"beats\", \"count\"})",
                "@Output(location = \"/c/{id}\")",
                "public static byte[] copy(@Input(from = \"beats\") byte[] raw,",
                "    @Input(from = \"beats\") Path file, @Input(from = \"count\") long widened,",
                "    @Input(from = \"beats\") Beats same) { return raw; }"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void typeWithoutCodec() {
    assertSingleError(
        Sources.jobs(
            "@KlioJob(name = \"listing\") @Output(location = \"/l/{id}\")",
            "public static List<String> listing(@ElementId String id) { return null; }"),
        Message.NO_CODEC,
        "listing(",
        "java.util.List<java.lang.String>");
  }

  @Test
  void rootInputWithoutLocation() {
    assertSingleError(
        Sources.jobs(
            "@KlioJob(name = \"root\") @Output(location = \"/r/{id}\")",
            "public static byte[] root(@Input byte[] in) { return in; }"),
        Message.ROOT_INPUT_WITHOUT_LOCATION,
        "root(@Input",
        "'root'");
  }

  @Test
  void outputLocationWithoutId() {
    assertSingleError(
        Sources.jobs(
            "@KlioJob(name = \"root\") @Output(location = \"${data}/all.wav\")",
            "public static byte[] root(@ElementId String id) { return null; }"),
        Message.OUTPUT_WITHOUT_ID,
        "all.wav",
        "${data}/all.wav");
  }

  @Test
  void malformedTemplate() {
    assertSingleError(
        Sources.jobs(
            "@KlioJob(name = \"root\") @Output(location = \"${data/{id}.wav\")",
            "public static byte[] root(@ElementId String id) { return null; }"),
        Message.MALFORMED_TEMPLATE,
        "${data/{id}",
        "'root'",
        "'${' at column 1 has no closing '}'");
  }

  @Test
  void unknownPlaceholderInInputLocation() {
    assertSingleError(
        Sources.jobs(
            "@KlioJob(name = \"root\") @Output(location = \"/r/{id}\")",
            "public static byte[] root(",
            "    @Input(location = \"/in/{track}.wav\") byte[] in) { return in; }"),
        Message.MALFORMED_TEMPLATE,
        "{track}",
        "'{track}' at column 5 is unknown");
  }

  @Test
  void badJobName() {
    assertSingleError(
        Sources.jobs(
            "@KlioJob(name = \"Beat_Tracking\") @Output(location = \"/r/{id}\")",
            "public static byte[] root(@ElementId String id) { return null; }"),
        Message.BAD_JOB_NAME,
        "Beat_Tracking",
        "try 'beat-tracking'");
  }

  @Test
  void methodNotPublic() {
    assertSingleError(
        Sources.jobs(
            "@KlioJob(name = \"root\") @Output(location = \"/r/{id}\")",
            "static byte[] root(@ElementId String id) { return null; }"),
        Message.NOT_PUBLIC,
        "static byte[] root",
        "test.Jobs#root");
  }

  @Test
  void instanceMethodWithoutNoArgConstructor() {
    assertSingleError(
        Sources.jobs(
            "public Jobs(String model) {}",
            "@KlioJob(name = \"root\") @Output(location = \"/r/{id}\")",
            "public byte[] root(@ElementId String id) { return null; }"),
        Message.NO_CONSTRUCTOR,
        "public byte[] root",
        "test.Jobs");
  }

  @Test
  void returnsVoid() {
    assertSingleError(
        Sources.jobs(
            "@KlioJob(name = \"root\") @Output(location = \"/r/{id}\")",
            "public static void root(@ElementId String id) {}"),
        Message.RETURNS_VOID,
        "void root",
        "test.Jobs#root");
  }

  @Test
  void genericMethod() {
    assertSingleError(
        Sources.jobs(
            "@KlioJob(name = \"root\") @Output(location = \"/r/{id}\")",
            "public static <T> String root(@ElementId String id) { return id; }"),
        Message.GENERIC_METHOD,
        "<T> String root",
        "test.Jobs#root");
  }

  @Test
  void parameterWithoutAnnotation() {
    assertSingleError(
        Sources.jobs(
            "@KlioJob(name = \"root\") @Output(location = \"/r/{id}\")",
            "public static String root(String id) { return id; }"),
        Message.UNANNOTATED_PARAMETER,
        "root(String id)",
        "'id'");
  }

  @Test
  void elementIdMustBeAString() {
    assertSingleError(
        Sources.jobs(
            "@KlioJob(name = \"root\") @Output(location = \"/r/{id}\")",
            "public static String root(@ElementId long id) { return null; }"),
        Message.ELEMENT_ID_NOT_STRING,
        "long id",
        "long");
  }

  @Test
  void inputWithBothFromAndLocation() {
    assertSingleError(
        Sources.jobs(
            ROOT,
            "@KlioJob(name = \"beats\", parents = \"downsample\") @Output(location = \"/b/{id}\")",
            "public static byte[] beats(",
            "    @Input(from = \"downsample\", location = \"/x/{id}\") byte[] in) { return in; }"),
        Message.INPUT_FROM_AND_LOCATION,
        "location = \"/x/{id}\"",
        "'beats'");
  }

  @Test
  void missingOutput() {
    assertSingleError(
        Sources.jobs(
            "@KlioJob(name = \"root\")",
            "public static String root(@ElementId String id) { return id; }"),
        Message.MISSING_OUTPUT,
        "String root(",
        "'root'");
  }

  @Test
  void inputOutsideAJobMethod() {
    assertSingleError(
        Sources.jobs("public static String helper(@Input String in) { return in; }"),
        Message.MISPLACED,
        "helper(",
        "@Input",
        "test.Jobs#helper");
  }

  @Test
  void outputOutsideAJobMethod() {
    assertSingleError(
        Sources.jobs(
            "@Output(location = \"/x/{id}\") public static String helper() { return \"\"; }"),
        Message.MISPLACED,
        "helper()",
        "@Output");
  }

  @Test
  void annotationOnTheWrongKindOfElementIsRejectedByJavac() {
    Compilation compilation =
        Sources.compile(Sources.jobs("@KlioJob(name = \"x\") public static class Nested {}"));
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("not applicable")
        .inFile(compilation.sourceFiles().get(0))
        .onLineContaining("class Nested");
  }

  @Test
  void oneBadJobDoesNotHideAnother() {
    Compilation compilation =
        Sources.compile(
            Sources.jobs(
                ROOT,
                "@KlioJob(name = \"beats\", parents = \"dwnsample\") @Output(location = \"/b/{id}\")",
                "public static byte[] beats(@Input byte[] in) { return in; }",
                "@KlioJob(name = \"energy\", parents = \"downsample\") @Output(location = \"/e\")",
                "public static byte[] energy(@Input byte[] in) { return in; }"));
    assertThat(compilation).hadErrorContaining(Message.UNKNOWN_PARENT.tag());
    assertThat(compilation).hadErrorContaining(Message.OUTPUT_WITHOUT_ID.tag());
    assertThat(compilation.errors()).hasSize(2);
  }
}
