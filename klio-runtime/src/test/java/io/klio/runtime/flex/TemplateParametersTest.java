package io.klio.runtime.flex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateParametersTest {
  @Test
  void launcherParametersBecomeRunOptions() {
    assertThat(
            TemplateParameters.toRunOptions(
                List.of(
                    "--config=gs://b/klio.yaml",
                    "--ids=gs://b/ids-*.txt",
                    "--force=true",
                    "--ping=false",
                    "--var_data=gs://b/audio",
                    "--var_my_root=gs://b/x=y")))
        .containsExactly(
            "--config",
            "gs://b/klio.yaml",
            "--ids",
            "gs://b/ids-*.txt",
            "--force",
            "--var",
            "data=gs://b/audio",
            "--var",
            "my_root=gs://b/x=y");
  }

  @Test
  void runOptionsAndBeamFlagsPassUnchanged() {
    List<String> args =
        List.of(
            "--id",
            "track-1",
            "--var",
            "data=/mnt",
            "--force",
            "--mode=top-down",
            "--project=p",
            "--runner=DirectRunner",
            "--var=data=/x");

    assertThat(TemplateParameters.toRunOptions(args)).isEqualTo(args);
  }

  @Test
  void emptyParametersCountAsNotGiven() {
    assertThat(TemplateParameters.toRunOptions(List.of("--config=", "--var_data=", "--force=")))
        .isEmpty();
  }

  @Test
  void aFlagThatIsNeitherTrueNorFalseIsAnError() {
    assertThatThrownBy(() -> TemplateParameters.toRunOptions(List.of("--force=yes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--force=yes: use true or false");
  }

  @Test
  void aLaunchThatWritesADataflowJobRunsOnTheDataflowRunner() {
    assertThat(TemplateParameters.toRunOptions(List.of("--templateLocation=gs://b/t/job_object")))
        .containsExactly("--templateLocation=gs://b/t/job_object", "--runner=DataflowRunner");
    assertThat(
            TemplateParameters.toRunOptions(
                List.of("--templateLocation=/tmp/job.json", "--runner=TestDataflowRunner")))
        .containsExactly("--templateLocation=/tmp/job.json", "--runner=TestDataflowRunner");
    assertThat(TemplateParameters.toRunOptions(List.of("--project=p")))
        .containsExactly("--project=p");
  }

  @Test
  void variablesWithDotsOrDashesHaveNoParameter() {
    assertThat(TemplateParameters.forVariable("data")).contains("var_data");
    assertThat(TemplateParameters.forVariable("model_dir2")).contains("var_model_dir2");
    assertThat(TemplateParameters.forVariable("model.dir")).isEmpty();
    assertThat(TemplateParameters.forVariable("model-dir")).isEmpty();
  }
}
