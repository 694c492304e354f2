package io.klio.runtime.flex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klio.runtime.codec.Codecs;
import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlexTemplateTest {
  /** ingest (reads ${inbox}) -> report (writes under ${data} and ${report.dir}). */
  private static final JobGraph DAG =
      new JobGraph(
          List.of(
              JobSpec.builder("ingest", "x.Jobs#ingest")
                  .input(InputSpec.external("raw", "${inbox}/{id}.txt", "String", Codecs.utf8()))
                  .output("${data}/ingest/{id}.txt", "String", Codecs.utf8())
                  .build(),
              JobSpec.builder("report", "x.Jobs#report")
                  .parents("ingest")
                  .input(
                      InputSpec.fromJob(
                          "text", "ingest", "${data}/ingest/{id}.txt", "String", Codecs.utf8()))
                  .output("${report.dir}/{id}.html", "String", Codecs.utf8())
                  .build()));

  @Test
  void aJobsTemplateIsStreamingAndNeedsTheConfigWithItsEvents() throws IOException {
    FlexTemplate template = FlexTemplate.perJob(DAG, "ingest", "x.IngestKlioJob");
    JsonNode metadata = new ObjectMapper().readTree(template.metadataJson());

    assertThat(template.name()).isEqualTo("job-ingest");
    assertThat(template.mainClass()).isEqualTo("x.IngestKlioJob");
    assertThat(metadata.path("name").asText()).isEqualTo("Klio job ingest (per-job streaming)");
    assertThat(metadata.path("description").asText())
        .contains("jobs.ingest.events.inputSubscription")
        .contains("run --job ingest --config CONFIG");
    assertThat(metadata.path("streaming").asBoolean()).isTrue();
    assertThat(names(metadata)).containsExactly("config", "var_data", "var_inbox");
    JsonNode config = metadata.path("parameters").get(0);
    assertThat(config.path("isOptional").asBoolean()).isFalse();
    assertThat(config.path("paramType").asText()).isEqualTo("GCS_READ_FILE");
    assertThat(config.path("regexes").get(0).asText()).isEqualTo("^gs://.+$");
    JsonNode data = metadata.path("parameters").get(1);
    assertThat(data.path("label").asText()).isEqualTo("${data}");
    assertThat(data.path("isOptional").asBoolean()).isTrue();
    assertThat(data.path("helpText").asText())
        .contains("${data}/ingest/{id}.txt")
        .contains("overrides vars.data of the config");
  }

  @Test
  void theBackfillIsABatchOfTheWholeDagOverIdsFiles() throws IOException {
    FlexTemplate template = FlexTemplate.dagBackfill(DAG);
    JsonNode metadata = new ObjectMapper().readTree(template.metadataJson());

    assertThat(template.name()).isEqualTo("dag-backfill");
    assertThat(template.mainClass()).isEqualTo("io.klio.runtime.DagBackfill");
    assertThat(metadata.path("streaming").asBoolean()).isFalse();
    assertThat(metadata.path("description").asText()).contains("run --dag --ids IDS");
    assertThat(names(metadata))
        .containsExactly("ids", "config", "force", "ping", "var_data", "var_inbox");
    assertThat(metadata.path("parameters").get(0).path("isOptional").asBoolean()).isFalse();
    for (int i = 1; i < metadata.path("parameters").size(); i++) {
      assertThat(metadata.path("parameters").get(i).path("isOptional").asBoolean()).isTrue();
    }
    JsonNode force = metadata.path("parameters").get(2);
    assertThat(force.path("paramType").asText()).isEqualTo("BOOLEAN");
    assertThat(force.path("regexes").get(0).asText()).isEqualTo("^(true|false)$");
  }

  @Test
  void aVariableWhoseNameCannotBeAParameterIsReported() {
    assertThat(FlexTemplate.dagBackfill(DAG).variablesWithoutParameter())
        .containsExactly("report.dir");
    assertThat(FlexTemplate.perJob(DAG, "report", "x.ReportKlioJob").variablesWithoutParameter())
        .containsExactly("report.dir");
    assertThat(FlexTemplate.perJob(DAG, "ingest", "x.IngestKlioJob").variablesWithoutParameter())
        .isEmpty();
  }

  @Test
  void gcloudBuildsEachTemplateOnTheJava17LauncherImageFromTheJar() {
    GcloudCommands gcloud =
        new GcloudCommands(
            "target/app all.jar", "gs://b/templates/", "europe-west1-docker.pkg.dev/p/r");
    FlexTemplate ingest = FlexTemplate.perJob(DAG, "ingest", "x.IngestKlioJob");

    assertThat(gcloud.build(ingest, "out/job-ingest-metadata.json"))
        .isEqualTo(
            String.join(
                " \\\n    ",
                "gcloud dataflow flex-template build gs://b/templates/job-ingest.json",
                "--image-gcr-path=europe-west1-docker.pkg.dev/p/r/job-ingest:latest",
                "--sdk-language=JAVA",
                "--flex-template-base-image=JAVA17",
                "--jar='target/app all.jar'",
                "--metadata-file=out/job-ingest-metadata.json",
                "--env=FLEX_TEMPLATE_JAVA_MAIN_CLASS=x.IngestKlioJob"));
    assertThat(gcloud.runExample(FlexTemplate.dagBackfill(DAG)))
        .contains("--template-file-gcs-location=gs://b/templates/dag-backfill.json")
        .contains("--parameters=ids=gs://BUCKET/ids/ids-*.txt");
  }

  private static List<String> names(JsonNode metadata) {
    List<String> names = new ArrayList<>();
    metadata.path("parameters").forEach(p -> names.add(p.path("name").asText()));
    return names;
  }
}
