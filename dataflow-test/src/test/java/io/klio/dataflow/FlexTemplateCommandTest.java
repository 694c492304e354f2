package io.klio.dataflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klio.audio.synth.CatalogueEntry;
import io.klio.samples.SampleCatalogue;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code klio flex-template} on the sample DAG: the metadata files hold Dataflow's documented
 * template metadata and nothing else (and gcloud reads them), build.sh builds each template from
 * the jar on the Java 17 launcher image with its main class, and those main classes, started in
 * their own JVM with the declared parameters as the launcher passes them, do what {@code run} does:
 * a job's main writes its streaming Dataflow job and exits, the backfill's main runs the DAG on the
 * DirectRunner.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlexTemplateCommandTest {
  private static final String TEMPLATES = "gs://klio-test-bucket/templates";
  private static final String IMAGES = "europe-west1-docker.pkg.dev/klio-test-project/klio";

  /** The fields of Dataflow's TemplateMetadata and ParameterMetadata, and its parameter types. */
  private static final Set<String> METADATA_FIELDS =
      Set.of(
          "name",
          "description",
          "parameters",
          "streaming",
          "supportsAtLeastOnce",
          "supportsExactlyOnce",
          "defaultStreamingMode");

  private static final Set<String> PARAMETER_FIELDS =
      Set.of(
          "name",
          "label",
          "helpText",
          "isOptional",
          "regexes",
          "paramType",
          "customMetadata",
          "groupName",
          "parentName",
          "parentTriggerValues",
          "enumOptions",
          "defaultValue",
          "hiddenUi");
  private static final Set<String> PARAMETER_TYPES =
      Set.of(
          "DEFAULT",
          "TEXT",
          "GCS_READ_BUCKET",
          "GCS_WRITE_BUCKET",
          "GCS_READ_FILE",
          "GCS_WRITE_FILE",
          "GCS_READ_FOLDER",
          "GCS_WRITE_FOLDER",
          "PUBSUB_TOPIC",
          "PUBSUB_SUBSCRIPTION",
          "BIGQUERY_TABLE",
          "JAVASCRIPT_UDF_FILE",
          "SERVICE_ACCOUNT",
          "MACHINE_TYPE",
          "KMS_KEY_NAME",
          "WORKER_REGION",
          "WORKER_ZONE",
          "BOOLEAN",
          "ENUM",
          "NUMBER",
          "KAFKA_READ_TOPIC",
          "KAFKA_WRITE_TOPIC");
  private static final Map<String, String> OUTPUTS =
      Map.ofEntries(
          Map.entry("downsample", "downsampled/%s.wav"),
          Map.entry("beat-tracking", "beats/%s.json"),
          Map.entry("energy", "energy/%s.json"),
          Map.entry("loudness", "loudness/%s.json"),
          Map.entry("spectrogram", "spectrograms/%s.png"),
          Map.entry("speechiness", "speechiness/%s.json"),
          Map.entry("instrumentalness", "instrumentalness/%s.json"),
          Map.entry("key", "key/%s.json"),
          Map.entry("mfcc", "mfcc/%s.json"),
          Map.entry("separate", "separated/%s.png"),
          Map.entry("track-summary", "summaries/%s.json"));

  Path dir;
  Path out;
  Path jar;
  Cli command;

  @BeforeAll
  void writeTemplates(@TempDir Path dir) {
    this.dir = dir;
    out = dir.resolve("flex-templates");
    jar = OfflineDataflow.jobsJar();
    command = flexTemplate("--out", out.toString());
  }

  @Test
  void oneTemplatePerJobAndOneBackfill() {
    assertThat(command.status()).as(command.toString()).isZero();
    List<String> expected = new ArrayList<>();
    DagTranslationTest.JOBS.forEach(job -> expected.add("job-" + job + "-metadata.json"));
    expected.add("dag-backfill-metadata.json");
    expected.add("build.sh");
    assertThat(out.toFile().list()).containsExactlyInAnyOrderElementsOf(expected);
    int templates = DagTranslationTest.JOBS.size() + 1; // one per job, and the backfill
    assertThat(command.out())
        .contains("wrote the metadata of " + templates + " Flex Templates to " + out);
  }

  @Test
  void theMetadataHoldsDataflowsTemplateMetadataFieldsOnly() throws IOException {
    for (String file : out.toFile().list((d, name) -> name.endsWith("-metadata.json"))) {
      JsonNode metadata = new ObjectMapper().readTree(out.resolve(file).toFile());
      assertThat(fields(metadata)).as(file).isSubsetOf(METADATA_FIELDS);
      assertThat(metadata.path("name").asText()).as(file).isNotBlank();
      assertThat(metadata.path("description").asText()).as(file).isNotBlank();
      assertThat(metadata.path("streaming").isBoolean()).as(file).isTrue();
      Set<String> names = new HashSet<>();
      for (JsonNode parameter : metadata.path("parameters")) {
        String where = file + " " + parameter;
        assertThat(fields(parameter)).as(where).isSubsetOf(PARAMETER_FIELDS);
        assertThat(names.add(parameter.path("name").asText())).as(where).isTrue();
        assertThat(parameter.path("name").asText()).as(where).matches("[A-Za-z][A-Za-z0-9_]*");
        assertThat(parameter.path("label").asText()).as(where).isNotBlank();
        assertThat(parameter.path("helpText").asText()).as(where).isNotBlank();
        assertThat(parameter.path("isOptional").isBoolean()).as(where).isTrue();
        assertThat(PARAMETER_TYPES).as(where).contains(parameter.path("paramType").asText());
        parameter.path("regexes").forEach(regex -> Pattern.compile(regex.asText()));
      }
    }
    JsonNode job = read("job-beat-tracking-metadata.json");
    assertThat(job.path("streaming").asBoolean()).isTrue();
    assertThat(parameterNames(job)).containsExactly("config", "var_data");
    JsonNode backfill = read("dag-backfill-metadata.json");
    assertThat(backfill.path("streaming").asBoolean()).isFalse();
    assertThat(parameterNames(backfill))
        .containsExactly("ids", "config", "force", "ping", "var_data");
  }

  @Test
  void gcloudReadsTheMetadata() throws IOException, InterruptedException {
    assumeThat(onPath("gcloud")).as("gcloud is installed").isTrue();
    for (String name : List.of("job-beat-tracking", "dag-backfill")) {
      Path metadata = out.resolve(name + "-metadata.json");
      // --print-only: gcloud builds the template spec from the metadata and prints it; nothing
      // is built or stored.
      Process gcloud =
          new ProcessBuilder(
                  "gcloud",
                  "dataflow",
                  "flex-template",
                  "build",
                  TEMPLATES + "/" + name + ".json",
                  "--image=" + IMAGES + "/" + name + ":latest",
                  "--sdk-language=JAVA",
                  "--metadata-file=" + metadata,
                  "--print-only",
                  "--quiet")
              .redirectErrorStream(true)
              .start();
      String printed = new String(gcloud.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(gcloud.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(gcloud.exitValue()).as(printed).isZero();
      JsonNode spec = new ObjectMapper().readTree(printed.substring(printed.indexOf('{')));
      assertThat(spec.path("sdkInfo").path("language").asText()).isEqualTo("JAVA");
      assertThat(parameterNames(spec.path("metadata"))).isEqualTo(parameterNames(read(metadata)));
    }
  }

  @Test
  void buildShBuildsEachTemplateFromTheJarOnTheJava17LauncherImage() throws Exception {
    String script = Files.readString(out.resolve("build.sh"));
    Pattern build =
        Pattern.compile(
            "gcloud dataflow flex-template build "
                + TEMPLATES
                + "/(\\S+)\\.json"
                + " \\\\\n    --image-gcr-path="
                + IMAGES
                + "/\\1:latest"
                + " \\\\\n    --sdk-language=JAVA"
                + " \\\\\n    --flex-template-base-image=JAVA17"
                + " \\\\\n    --jar="
                + Pattern.quote(jar.toString())
                + " \\\\\n    --metadata-file="
                + Pattern.quote(out.toString())
                + "/\\1-metadata\\.json"
                + " \\\\\n    --env=FLEX_TEMPLATE_JAVA_MAIN_CLASS=(\\S+)\n");
    Matcher matcher = build.matcher(script);
    List<String> built = new ArrayList<>();
    while (matcher.find()) {
      built.add(matcher.group(1));
      assertThat(mainMethod(matcher.group(2))).as(matcher.group(2)).isTrue();
    }
    assertThat(built)
        .hasSize(DagTranslationTest.JOBS.size() + 1)
        .contains("job-beat-tracking", "dag-backfill");
    assertThat(script)
        .contains("--env=FLEX_TEMPLATE_JAVA_MAIN_CLASS=io.klio.samples.BeatTrackingKlioJob\n")
        .contains("--env=FLEX_TEMPLATE_JAVA_MAIN_CLASS=io.klio.runtime.DagBackfill\n")
        .contains(
            "# gcloud dataflow flex-template run \"job-beat-tracking-$(date +%Y%m%d-%H%M%S)\"");
    assertThat(out.resolve("build.sh")).isExecutable();
  }

  @Test
  void aJobsMainLaunchedAsTheLauncherDoesWritesItsStreamingJobAndExits() throws Exception {
    Path launch = Files.createDirectories(dir.resolve("launch-job"));
    Path config =
        Files.writeString(
            launch.resolve("klio.yaml"),
            String.join(
                "\n",
                "jobs:",
                "  beat-tracking:",
                "    events:",
                "      inputSubscription: projects/klio-test-project/subscriptions/beat-tracking-in",
                "      outputTopic: projects/klio-test-project/topics/beat-tracking-out",
                ""));
    List<String> args = new ArrayList<>();
    // The declared parameters, as --name=value (the config is a local file here; on Dataflow
    // the parameter's regex asks for gs://), then the launcher's Dataflow options, no --runner.
    args.add("--config=" + config);
    args.add("--var_data=gs://klio-test-bucket/audio");
    assertThat(declared(args)).isSubsetOf(parameterNames(read("job-beat-tracking-metadata.json")));
    Path jobFile = launch.resolve("job.json");
    args.addAll(OfflineDataflow.launcherFlags(launch, jobFile));

    ChildJvm main = ChildJvm.run(launch, 180, mainClassOf("job-beat-tracking"), args);

    assertThat(main.status()).as(main.toString()).isZero();
    assertThat(main.output()).contains("DataflowRunner wrote the job to " + jobFile);
    DataflowJobFile job = DataflowJobFile.read(jobFile);
    assertThat(job.type()).isEqualTo("JOB_TYPE_STREAMING");
    assertThat(
            job.steps(
                "ParallelRead",
                s ->
                    s.property("pubsub_subscription")
                        .equals("/subscriptions/klio-test-project/beat-tracking-in")))
        .as(job.describe())
        .hasSize(1);
  }

  @Test
  void theBackfillsMainRunsTheDagOnTheDirectRunner() throws Exception {
    Path data = Files.createDirectories(dir.resolve("backfill-data"));
    List<CatalogueEntry> catalogue = SampleCatalogue.generate(data, 2, 4);
    Files.write(data.resolve("ids-1.txt"), List.of(catalogue.get(0).id()));
    Files.write(data.resolve("ids-2.txt"), List.of("# the second file", catalogue.get(1).id()));
    List<String> args =
        List.of(
            "--ids=" + data + "/ids-*.txt", "--var_data=" + data, "--force=false", "--ping=false");
    assertThat(declared(args)).isSubsetOf(parameterNames(read("dag-backfill-metadata.json")));
    List<String> withRunner = new ArrayList<>(args);
    withRunner.add("--runner=DirectRunner");

    ChildJvm main = ChildJvm.run(data, 300, mainClassOf("dag-backfill"), withRunner);

    assertThat(main.status()).as(main.toString()).isZero();
    assertThat(main.output()).contains("(whole DAG) for the ids in ").contains("on DirectRunner");
    for (CatalogueEntry track : catalogue) {
      OUTPUTS.forEach(
          (job, output) ->
              assertThat(data.resolve(String.format(output, track.id()))).as(job).isNotEmptyFile());
    }
  }

  @Test
  void anUnknownJobIsAUsageErrorWithASuggestion() {
    Cli misspelt =
        flexTemplate("--out", dir.resolve("misspelt").toString(), "--job", "beat-trakcing");

    assertThat(misspelt.status()).isEqualTo(2);
    assertThat(misspelt.err())
        .contains("unknown job 'beat-trakcing'; did you mean 'beat-tracking'?");
    assertThat(dir.resolve("misspelt")).doesNotExist();
  }

  @Test
  void badLocationsAreUsageErrors() {
    Cli local =
        Cli.run(
            List.of(
                "flex-template",
                "--jar",
                jar.toString(),
                "--template-location",
                "/tmp/templates",
                "--image-repository",
                IMAGES,
                "--out",
                dir.resolve("bad").toString()));
    Cli noJar =
        Cli.run(
            List.of(
                "flex-template",
                "--jar",
                dir.resolve("app.jar").toString(),
                "--template-location",
                TEMPLATES,
                "--image-repository",
                IMAGES));
    Cli imageUrl =
        Cli.run(
            List.of(
                "flex-template",
                "--jar",
                jar.toString(),
                "--template-location",
                TEMPLATES,
                "--image-repository",
                "https://" + IMAGES + ":v1"));

    assertThat(local.status()).isEqualTo(2);
    assertThat(local.err())
        .contains("--template-location /tmp/templates: give a Cloud Storage location");
    assertThat(noJar.status()).isEqualTo(2);
    assertThat(noJar.err()).contains("app.jar: no such file");
    assertThat(imageUrl.status()).isEqualTo(2);
    assertThat(imageUrl.err()).contains("give a repository path such as");
  }

  private Cli flexTemplate(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "flex-template",
                "--jar",
                jar.toString(),
                "--template-location",
                TEMPLATES,
                "--image-repository",
                IMAGES));
    args.addAll(List.of(more));
    return Cli.run(args);
  }

  /** The main class build.sh gives the template. */
  private String mainClassOf(String template) throws IOException {
    Matcher main =
        Pattern.compile(
                Pattern.quote(out + "/" + template + "-metadata.json")
                    + " \\\\\n    --env=FLEX_TEMPLATE_JAVA_MAIN_CLASS=(\\S+)")
            .matcher(Files.readString(out.resolve("build.sh")));
    assertThat(main.find()).as(template).isTrue();
    return main.group(1);
  }

  private static boolean mainMethod(String className) throws ClassNotFoundException {
    try {
      Method main = Class.forName(className).getMethod("main", String[].class);
      return Modifier.isStatic(main.getModifiers()) && Modifier.isPublic(main.getModifiers());
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** The parameter names in {@code --name=value} arguments. */
  private static List<String> declared(List<String> args) {
    return args.stream().map(a -> a.substring(2, a.indexOf('='))).toList();
  }

  private JsonNode read(String file) throws IOException {
    return read(out.resolve(file));
  }

  private static JsonNode read(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  private static List<String> parameterNames(JsonNode metadata) {
    List<String> names = new ArrayList<>();
    metadata.path("parameters").forEach(p -> names.add(p.path("name").asText()));
    return names;
  }

  private static Set<String> fields(JsonNode node) {
    Set<String> fields = new HashSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      fields.add(it.next());
    }
    return fields;
  }

  private static boolean onPath(String program) {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(entry, program))) {
        return true;
      }
    }
    return false;
  }
}
