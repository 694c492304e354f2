package io.klio.runtime.message;

import io.klio.runtime.message.proto.KlioJob;
import java.io.Serializable;
import java.util.Objects;

/**
 * A Klio job as messages name it: a job name and a GCP project.
 *
 * <p>Exists so that the runtime compares jobs exactly as the original Klio does: by the string
 * {@code gcpProject + "-" + jobName} ({@link #identity()}), not field by field. (That string is
 * ambiguous when names contain {@code -}, e.g. project {@code a-b} job {@code c} and project {@code
 * a} job {@code b-c}; the original has the same ambiguity and interoperability requires keeping
 * it.) The v1-only {@code inputs} of a {@link KlioJob} are not part of the identity and are dropped
 * by {@link #of(KlioJob)}.
 *
 * @param jobName the job's name, never null
 * @param gcpProject the job's GCP project, never null; may be empty (proto3 default)
 */
public record JobRef(String jobName, String gcpProject) implements Serializable {

  public JobRef {
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(gcpProject, "gcpProject");
  }

  /** The job named by a proto {@link KlioJob} (its {@code inputs} are ignored). */
  public static JobRef of(KlioJob job) {
    Objects.requireNonNull(job, "job");
    return new JobRef(job.getJobName(), job.getGcpProject());
  }

  /** The original Klio's identity string: {@code gcpProject + "-" + jobName}. */
  public String identity() {
    return gcpProject + "-" + jobName;
  }

  /** Whether {@code job} names this job, compared by {@link #identity()} as the original does. */
  public boolean matches(KlioJob job) {
    return identity().equals(job.getGcpProject() + "-" + job.getJobName());
  }

  /** This job as a proto {@link KlioJob} with {@code job_name} and {@code gcp_project} set. */
  public KlioJob toProto() {
    return KlioJob.newBuilder().setJobName(jobName).setGcpProject(gcpProject).build();
  }

  @Override
  public String toString() {
    return identity();
  }
}
