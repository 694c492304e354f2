package io.klio.dataflow;

import io.klio.samples.AudioJobs;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory;
import org.apache.beam.sdk.extensions.gcp.storage.NoopPathValidator;

/**
 * The Beam flags that take the real DataflowRunner through validation, staging and translation up
 * to the point of submission without a network: {@code --templateLocation} has it write the
 * translated job to a local file and return instead of submitting (what a Flex Template launch does
 * too), {@link LocalStager} stages into a local directory, {@link NoopPathValidator} accepts the
 * {@code gs://} temp location without asking Cloud Storage, and {@link NoopCredentialFactory} keeps
 * it from looking for credentials. {@link NetworkAttempts} shows that no connection is tried.
 */
final class OfflineDataflow {
  static final String PROJECT = "klio-test-project";
  static final String REGION = "europe-west1";

  private OfflineDataflow() {}

  /** Everything but the runner and the job file, as a Flex Template launcher would pass it. */
  static List<String> launcherFlags(Path dir, Path jobFile) {
    return List.of(
        "--project=" + PROJECT,
        "--region=" + REGION,
        "--jobName=klio-translation-test",
        "--tempLocation=gs://klio-test-bucket/tmp",
        // Given, so that the runner does not derive it and ask Cloud Storage about its bucket.
        "--gcpTempLocation=gs://klio-test-bucket/tmp",
        "--stagingLocation=" + dir.resolve("staging"),
        "--stagerClass=" + LocalStager.class.getName(),
        "--pathValidatorClass=" + NoopPathValidator.class.getName(),
        "--credentialFactoryClass=" + NoopCredentialFactory.class.getName(),
        // The jobs' own jar stands for the app jar; without this the runner stages the whole
        // test classpath (and hashes every jar on it).
        "--filesToStage=" + jobsJar(),
        "--templateLocation=" + jobFile);
  }

  /** {@link #launcherFlags} with {@code --runner=DataflowRunner}. */
  static List<String> flags(Path dir, Path jobFile) {
    List<String> flags = new java.util.ArrayList<>(List.of("--runner=DataflowRunner"));
    flags.addAll(launcherFlags(dir, jobFile));
    return flags;
  }

  /** The jar (or classes directory) of the sample jobs. */
  static Path jobsJar() {
    try {
      return Path.of(AudioJobs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
