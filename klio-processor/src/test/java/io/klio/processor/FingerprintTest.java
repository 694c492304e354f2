package io.klio.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.klio.processor.base.Message;
import io.klio.runtime.job.JobSpec;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each job's fingerprint, compiled from variants of a small DAG: {@code clean} feeds {@code shout},
 * {@code seen} and {@code loud-twice}, which calls {@code shout}'s method.
 */
class FingerprintTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String JOBS =
      """
      package test;

      import io.klio.annotations.*;

      public class Jobs {
        @KlioJob(name = "clean")
        @Output(location = "${data}/clean/{id}.txt")
        public static String clean(@Input(location = "${data}/in/{id}.txt") String raw) {
          return trim(raw) + Util.suffix();
        }

        private static String trim(String text) {
          return text.strip();
        }

        @KlioJob(name = "shout", parents = "clean")
        @Output(location = "${data}/shout/{id}.txt")
        public static String shout(@Input String text) {
          String loud = text.toUpperCase();
          return loud.repeat(Util.TIMES);
        }

        @KlioJob(name = "seen", parents = "clean")
        @Output(location = "${data}/seen/{id}.txt")
        public static String seen(@Input String text, @ElementId String id) {
          return id;
        }

        @KlioJob(name = "loud-twice", parents = "clean")
        @Output(location = "${data}/twice/{id}.txt")
        public static String loudTwice(@Input String text) {
          return shout(text) + shout(text);
        }
      }
      """;

  private static final String UTIL =
      """
      package test;

      public class Util {
        public static final int TIMES = 2;

        public static String suffix() {
          return ".";
        }
      }
      """;

  @TempDir Path dir;

  @Test
  void sameSourcesGiveTheSameFingerprints() {
    Map<String, String> first = fingerprints(JOBS, UTIL);
    assertThat(first).containsOnlyKeys("clean", "shout", "seen", "loud-twice");
    assertThat(first.values()).allMatch(f -> f.matches("[0-9a-f]{64}")).doesNotHaveDuplicates();
    assertThat(fingerprints(JOBS, UTIL)).isEqualTo(first);
  }

  @Test
  void aChangedBodyChangesOnlyThatJobAndTheJobsThatCallIt() {
    Map<String, String> before = fingerprints(JOBS, UTIL);
    Map<String, String> after =
        fingerprints(edit(JOBS, "text.toUpperCase()", "text.toLowerCase()"), UTIL);
    assertThat(changed(before, after)).containsExactly("loud-twice", "shout");
  }

  @Test
  void commentsWhitespaceAndLineBreaksDoNotChangeIt() {
    String reformatted =
        edit(
            JOBS,
            "String loud = text.toUpperCase();",
            "String loud =\n  text\n .toUpperCase( ) ;  // louder",
            "  private static String trim(String text) {",
            "  /** Trims. */\n  private static String trim(String text) { /* no-op? */",
            "return id;",
            "return /* the id */ id;\n\n");
    String util = edit(UTIL, "return \".\";", "return   \".\" ; // dot");
    assertThat(fingerprints(reformatted, util)).isEqualTo(fingerprints(JOBS, UTIL));
  }

  /** javac's tree keeps local names, and a rename is a change of the code like any other. */
  @Test
  void aRenamedLocalVariableChangesIt() {
    String renamed = edit(JOBS, "String loud =", "String louder =", "loud.repeat", "louder.repeat");
    assertThat(changed(fingerprints(JOBS, UTIL), fingerprints(renamed, UTIL)))
        .containsExactly("loud-twice", "shout");
  }

  @Test
  void aChangedPrivateHelperInTheSameClassChangesIt() {
    String changed = edit(JOBS, "return text.strip();", "return text.trim();");
    assertThat(changed(fingerprints(JOBS, UTIL), fingerprints(changed, UTIL)))
        .containsExactly("clean");
  }

  @Test
  void aChangedStaticHelperInAnotherClassChangesIt() {
    String changed = edit(UTIL, "return \".\";", "return \"!\";");
    assertThat(changed(fingerprints(JOBS, UTIL), fingerprints(JOBS, changed)))
        .containsExactly("clean");
  }

  @Test
  void aChangedConstantReadByTheBodyChangesIt() {
    String changed = edit(UTIL, "TIMES = 2", "TIMES = 3");
    assertThat(changed(fingerprints(JOBS, UTIL), fingerprints(JOBS, changed)))
        .containsExactly("loud-twice", "shout");
  }

  @Test
  void aChangedOutputLocationChangesIt() {
    String changed = edit(JOBS, "${data}/seen/{id}.txt", "${data}/seen/{id}.text");
    assertThat(changed(fingerprints(JOBS, UTIL), fingerprints(changed, UTIL)))
        .containsExactly("seen");
  }

  @Test
  void aChangedInputLocationChangesIt() {
    String changed = edit(JOBS, "${data}/in/{id}.txt", "${data}/input/{id}.txt");
    assertThat(changed(fingerprints(JOBS, UTIL), fingerprints(changed, UTIL)))
        .containsExactly("clean");
  }

  @Test
  void aChangedInputTypeChangesIt() {
    // seen's body never reads the input: only its declared type and codec change
    String changed = edit(JOBS, "seen(@Input String text", "seen(@Input byte[] text");
    assertThat(changed(fingerprints(JOBS, UTIL), fingerprints(changed, UTIL)))
        .containsExactly("seen");
  }

  @Test
  void theProducersOutputLocationIsPartOfItsChildren() {
    String changed = edit(JOBS, "${data}/clean/{id}.txt", "${data}/cleaned/{id}.txt");
    assertThat(changed(fingerprints(JOBS, UTIL), fingerprints(changed, UTIL)))
        .containsExactly("clean", "loud-twice", "seen", "shout");
  }

  @Test
  void theJobsNameAndParentsListAreNotPartOfIt() {
    // the same job under another name, its one parent written as a list
    String changed =
        edit(
            JOBS,
            "name = \"seen\", parents = \"clean\"",
            "name = \"seen2\", parents = {\"clean\"}");
    Map<String, String> after = fingerprints(changed, UTIL);
    assertThat(after.get("seen2")).isEqualTo(fingerprints(JOBS, UTIL).get("seen"));
  }

  @Test
  void aDifferentImportChangesItThoughTheTextIsTheSame() {
    String utilDate =
        edit(
            JOBS,
            "import io.klio.annotations.*;",
            "import io.klio.annotations.*;\nimport java.util.Date;",
            "return id;",
            "return id + new Date(0L).getTime();");
    String sqlDate = edit(utilDate, "import java.util.Date;", "import java.sql.Date;");
    assertThat(changed(fingerprints(utilDate, UTIL), fingerprints(sqlDate, UTIL)))
        .containsExactly("seen");
  }

  @Test
  void aNewMoreSpecificOverloadInAJarChangesIt() throws IOException {
    String jobs = edit(JOBS, "Util.suffix()", "Util.suffix(raw)");
    String objectOnly =
        edit(UTIL, "public static String suffix() {", "public static String suffix(Object o) {");
    String withString =
        edit(
            objectOnly,
            "  public static String suffix(Object o) {",
            "  public static String suffix(String o) {\n    return \".\";\n  }\n\n"
                + "  public static String suffix(Object o) {");
    assertThat(
            changed(
                fingerprintsAgainstJar(jobs, objectOnly, "object"),
                fingerprintsAgainstJar(jobs, withString, "string")))
        .containsExactly("clean");
  }

  @Test
  void recursiveHelpersAreReadOnceAndTheirChangesCount() {
    String recursive =
        edit(
            JOBS,
            "return text.strip();",
            "return even(depth(text.length())) ? text.strip() : text;",
            "  private static String trim(String text) {",
            "  private static int depth(int n) { return n <= 0 ? 0 : 1 + depth(n - 1); }\n"
                + "  private static boolean even(int n) { return n == 0 || odd(n - 1); }\n"
                + "  private static boolean odd(int n) { return n != 0 && even(n - 1); }\n"
                + "  private static String trim(String text) {");
    Map<String, String> before = fingerprints(recursive, UTIL);
    assertThat(changed(before, fingerprints(edit(recursive, "n != 0 &&", "n > 0 &&"), UTIL)))
        .containsExactly("clean");
    assertThat(changed(before, fingerprints(edit(recursive, "1 + depth", "2 + depth"), UTIL)))
        .containsExactly("clean");
  }

  /**
   * Resolving names attributes a class, which completes its trees (javac adds the implicit {@code
   * super()} to a constructor): code must print the same whether or not a job of its class came
   * first.
   */
  @Test
  void itDoesNotDependOnWhichJobReachedTheClassFirst() {
    String counter =
        """
        package test;
        import io.klio.annotations.*;
        public class Counter {
          private final int base;
          public Counter() { base = 0; }
          public long letters(String text) {
            var letters = text.chars().filter(c -> Character.isLetter(c));
            return base + letters.count();
          }
        }
        """;
    String letters =
        """
        package test;
        import io.klio.annotations.*;
        public class Letters {
          @KlioJob(name = "z-letters", parents = "clean") @Output(location = "/z/{id}")
          public static long letters(@Input String text) { return new Counter().letters(text); }
        }
        """;
    String counterWithEarlierJob =
        edit(
            counter,
            "  public Counter() {",
            "  @KlioJob(name = \"a-first\", parents = \"clean\") @Output(location = \"/a/{id}\")\n"
                + "  public static String first(@Input String text) { return text; }\n"
                + "  public Counter() {");
    assertThat(fingerprints(JOBS, UTIL, letters, counterWithEarlierJob).get("z-letters"))
        .isEqualTo(fingerprints(JOBS, UTIL, letters, counter).get("z-letters"));
  }

  @Test
  void anInstanceJobCoversItsClassConstructorAndFieldInitializers() {
    String model =
        """
        package test;
        import io.klio.annotations.*;
        public class Model {
          private final int scale;
          private final String unit = Util.suffix();
          public Model() { scale = 2; }
          @KlioJob(name = "scaled", parents = "clean") @Output(location = "/s/{id}")
          public String scaled(@Input String text) { return text.repeat(scale) + unit; }
        }
        """;
    Map<String, String> before = fingerprints(JOBS, UTIL, model);
    assertThat(changed(before, fingerprints(JOBS, UTIL, edit(model, "scale = 2", "scale = 3"))))
        .containsExactly("scaled");
    assertThat(changed(before, fingerprints(JOBS, edit(UTIL, "\".\"", "\"!\""), model)))
        .containsExactly("clean", "scaled");
  }

  @Test
  void aRenamedFieldOfAJsonOutputChangesIt() {
    String counted =
        """
        package test;
        import io.klio.annotations.*;
        public class Counted {
          public record Count(int words) {}
          @KlioJob(name = "count", parents = "clean") @Output(location = "/c/{id}.json")
          public static Count count(@Input String text) { return new Count(text.length()); }
        }
        """;
    Map<String, String> before = fingerprints(JOBS, UTIL, counted);
    Map<String, String> after =
        fingerprints(JOBS, UTIL, edit(counted, "Count(int words)", "Count(int letters)"));
    assertThat(changed(before, after)).containsExactly("count");
  }

  @Test
  void aChangedCodecOfTheCompilationChangesItsJobs() {
    String point =
        """
        package test;
        import io.klio.annotations.*;
        import io.klio.codec.Codec;
        import java.io.*;
        public class Point {
          public final int x;
          public Point(int x) { this.x = x; }
          @KlioCodec
          public static final class PointCodec implements Codec<Point> {
            public void encode(Point p, OutputStream out) throws IOException { out.write(p.x); }
            public Point decode(InputStream in) throws IOException { return new Point(in.read()); }
          }
          @KlioJob(name = "point", parents = "clean") @Output(location = "/p/{id}")
          public static Point point(@Input String text) { return new Point(text.length()); }
        }
        """;
    Map<String, String> before = fingerprints(JOBS, UTIL, point);
    Map<String, String> after =
        fingerprints(JOBS, UTIL, edit(point, "out.write(p.x)", "out.write(p.x + 1)"));
    assertThat(changed(before, after)).containsExactly("point");
  }

  @Test
  void aConstantFromAJarCountsByItsValueButHelperBodiesInJarsDoNot() throws IOException {
    Map<String, String> twice = fingerprintsAgainstJar(JOBS, UTIL, "two");
    Map<String, String> thrice =
        fingerprintsAgainstJar(JOBS, edit(UTIL, "TIMES = 2", "TIMES = 3"), "three");
    assertThat(changed(twice, thrice)).containsExactly("loud-twice", "shout");
    Map<String, String> bang = fingerprintsAgainstJar(JOBS, edit(UTIL, "\".\"", "\"!\""), "bang");
    assertThat(bang).as("only the signature of Util.suffix() is seen").isEqualTo(twice);
  }

  @Test
  void versionIsCarriedButIsNoPartOfTheFingerprint() throws Exception {
    String versioned =
        edit(
            JOBS,
            "name = \"shout\", parents = \"clean\"",
            "name = \"shout\", parents = \"clean\", version = \"2024-06 model\"");
    assertThat(fingerprints(versioned, UTIL)).isEqualTo(fingerprints(JOBS, UTIL));

    JavaFileObject[] sources = {source("test.Jobs", versioned), source("test.Util", UTIL)};
    CompiledProject project = CompiledProject.compile(dir.resolve("classes"), List.of(), sources);
    JobSpec shout = spec(project, "test.ShoutKlioJob");
    JobSpec seen = spec(project, "test.SeenKlioJob");
    assertThat(shout.version()).isEqualTo("2024-06 model");
    assertThat(seen.version()).isEmpty();
    Map<String, JsonNode> manifests = manifests(Sources.compile(sources));
    assertThat(manifests.get("shout").get("version").asText()).isEqualTo("2024-06 model");
    assertThat(manifests.get("seen").get("version").asText()).isEmpty();
    assertThat(shout.fingerprint()).isEqualTo(manifests.get("shout").get("fingerprint").asText());
    assertThat(seen.fingerprint()).isEqualTo(manifests.get("seen").get("fingerprint").asText());

    CompiledProject.Result dag =
        CompiledProject.klio(List.of(project.classes), "dag", "--format", "json");
    assertThat(dag.status()).as(dag.err()).isZero();
    Map<String, JsonNode> listed = new TreeMap<>();
    JSON.readTree(dag.out()).get("jobs").forEach(job -> listed.put(job.get("name").asText(), job));
    assertThat(listed.get("shout").get("fingerprint").asText()).isEqualTo(shout.fingerprint());
    assertThat(listed.get("shout").get("version").asText()).isEqualTo("2024-06 model");
    assertThat(listed.get("seen").get("version").asText()).isEmpty();
  }

  @Test
  void noNoteWhenTheTreesAreThere() {
    Compilation compilation = Sources.compile(source("test.Jobs", JOBS), source("test.Util", UTIL));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.notes())
        .noneMatch(note -> note.getMessage(null).contains(Message.FINGERPRINT_WITHOUT_CODE.tag()));
  }

  @Test
  void withoutTheTreeApiTheFingerprintLeavesOutCodeAndOneNoteSaysSo() {
    Compilation compilation = compileWrapped(JOBS, UTIL);
    assertThat(compilation).succeededWithoutWarnings();
    List<Diagnostic<? extends JavaFileObject>> notes =
        compilation.notes().stream()
            .filter(n -> n.getMessage(null).contains(Message.FINGERPRINT_WITHOUT_CODE.tag()))
            .toList();
    assertThat(notes).hasSize(1);
    assertThat(notes.get(0).getMessage(null)).contains("not javac's own").contains("version");

    Map<String, String> before = manifestFingerprints(compilation);
    assertThat(before.values()).allMatch(f -> f.matches("[0-9a-f]{64}"));
    assertThat(before).isNotEqualTo(fingerprints(JOBS, UTIL));
    String body = edit(JOBS, "text.toUpperCase()", "text.toLowerCase()");
    assertThat(manifestFingerprints(compileWrapped(body, UTIL)))
        .as("code is not covered")
        .isEqualTo(before);
    String location = edit(JOBS, "${data}/seen/{id}.txt", "/seen/{id}");
    assertThat(changed(before, manifestFingerprints(compileWrapped(location, UTIL))))
        .containsExactly("seen");
  }

  // --- helpers

  /** Replaces each {@code from} with the {@code to} after it; every {@code from} must occur. */
  private static String edit(String source, String... fromTo) {
    for (int i = 0; i < fromTo.length; i += 2) {
      assertThat(source).as("the edit must apply").contains(fromTo[i]);
      source = source.replace(fromTo[i], fromTo[i + 1]);
    }
    return source;
  }

  /** The jobs whose fingerprint differs, sorted. */
  private static Set<String> changed(Map<String, String> before, Map<String, String> after) {
    assertThat(after.keySet()).isEqualTo(before.keySet());
    return new TreeSet<>(
        before.keySet().stream().filter(job -> !before.get(job).equals(after.get(job))).toList());
  }

  private static JavaFileObject source(String className, String text) {
    return JavaFileObjects.forSourceString(className, text);
  }

  /** Compiles {@code test.Jobs}, {@code test.Util} and further sources; fingerprints by job. */
  private static Map<String, String> fingerprints(String jobs, String util, String... more) {
    List<JavaFileObject> sources = new ArrayList<>();
    sources.add(source("test.Jobs", jobs));
    sources.add(source(className(util), util));
    for (String source : more) {
      sources.add(source(className(source), source));
    }
    Compilation compilation = Sources.compile(sources.toArray(JavaFileObject[]::new));
    assertThat(compilation).succeededWithoutWarnings();
    return manifestFingerprints(compilation);
  }

  private static String className(String source) {
    String pkg = source.substring(source.indexOf("package ") + 8, source.indexOf(';'));
    int at = source.indexOf("public class ") + 13;
    return pkg + "." + source.substring(at, source.indexOf(' ', at));
  }

  /** {@code jobs} compiled against {@code util} packed in a jar, as from another team. */
  private Map<String, String> fingerprintsAgainstJar(String jobs, String util, String name)
      throws IOException {
    Path jar =
        CompiledProject.compile(dir.resolve(name), List.of(), source("test.Util", util))
            .jar(dir.resolve(name + ".jar"));
    Compilation compilation = Sources.compile(List.of(jar.toFile()), source("test.Jobs", jobs));
    assertThat(compilation).succeededWithoutWarnings();
    return manifestFingerprints(compilation);
  }

  private static Map<String, String> manifestFingerprints(Compilation compilation) {
    Map<String, String> out = new TreeMap<>();
    manifests(compilation)
        .forEach((job, manifest) -> out.put(job, manifest.get("fingerprint").asText()));
    return out;
  }

  private static Map<String, JsonNode> manifests(Compilation compilation) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      String path = file.toUri().getPath();
      if (path.contains("/CLASS_OUTPUT/META-INF/klio/jobs/")) {
        try (InputStream in = file.openInputStream()) {
          JsonNode manifest = JSON.readTree(in);
          out.put(manifest.get("name").asText(), manifest);
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      }
    }
    return out;
  }

  private static JobSpec spec(CompiledProject project, String jobClass) throws Exception {
    URL[] urls = {project.classes.toUri().toURL()};
    try (URLClassLoader loader = new URLClassLoader(urls, FingerprintTest.class.getClassLoader())) {
      return (JobSpec) Class.forName(jobClass, true, loader).getField("SPEC").get(null);
    }
  }

  /** Compiles with the processor behind a wrapped environment, as some build tools run it. */
  private static Compilation compileWrapped(String jobs, String util) {
    return Compiler.javac()
        .withProcessors(new WrappedEnvironment(new KlioProcessor()))
        .compile(source("test.Jobs", jobs), source("test.Util", util));
  }

  /** Hands a processor a proxy of javac's environment, which the Tree API does not accept. */
  private static final class WrappedEnvironment extends AbstractProcessor {
    private final KlioProcessor delegate;

    WrappedEnvironment(KlioProcessor delegate) {
      this.delegate = delegate;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      delegate.init(
          (ProcessingEnvironment)
              Proxy.newProxyInstance(
                  FingerprintTest.class.getClassLoader(),
                  new Class<?>[] {ProcessingEnvironment.class},
                  (proxy, method, args) -> method.invoke(env, args)));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }
  }
}
