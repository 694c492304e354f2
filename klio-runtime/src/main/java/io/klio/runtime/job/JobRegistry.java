package io.klio.runtime.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Every job on the classpath, from every jar, by name. */
public final class JobRegistry {
  private final Map<String, JobDefinition> jobs;

  private JobRegistry(Map<String, JobDefinition> jobs) {
    this.jobs = jobs;
  }

  /**
   * Finds the jobs through {@link ServiceLoader}. Duplicate names are an error, and so is a job
   * that reads from another whose output location or type is not the one it was compiled against
   * (see {@link ProducerAgreement}).
   */
  public static JobRegistry load(ClassLoader classLoader) {
    Map<String, JobDefinition> jobs = new TreeMap<>();
    for (JobDefinition definition : ServiceLoader.load(JobDefinition.class, classLoader)) {
      JobDefinition previous = jobs.put(definition.spec().name(), definition);
      if (previous != null && !previous.getClass().equals(definition.getClass())) {
        throw new IllegalStateException(
            "two jobs are named '"
                + definition.spec().name()
                + "': "
                + previous.spec().method()
                + " and "
                + definition.spec().method());
      }
    }
    List<String> disagreements = ProducerAgreement.disagreements(jobs);
    if (!disagreements.isEmpty()) {
      throw new IllegalStateException(String.join("\n", disagreements));
    }
    return new JobRegistry(jobs);
  }

  public Optional<JobDefinition> job(String name) {
    return Optional.ofNullable(jobs.get(name));
  }

  public List<JobSpec> specs() {
    List<JobSpec> specs = new ArrayList<>();
    jobs.values().forEach(d -> specs.add(d.spec()));
    return specs;
  }
}
