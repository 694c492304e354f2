package io.klio.runtime.job;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job compiled against another project's jar copies the output location and type of each job it
 * reads from into its own generated spec. When a newer jar of that project is on the classpath at
 * run time, the two may disagree: the job would read from where the producer no longer writes, or
 * decode a type it was never checked against. Rather than read silently from either place, the
 * runtime refuses to start and says which jars disagree.
 */
final class ProducerAgreement {
  private ProducerAgreement() {}

  /** One message per input whose producer on the classpath disagrees with the compiled job. */
  static List<String> disagreements(Map<String, JobDefinition> jobs) {
    List<String> problems = new ArrayList<>();
    for (JobDefinition reader : jobs.values()) {
      for (InputSpec input : reader.spec().inputs()) {
        Optional<JobDefinition> producer = input.fromJob().map(jobs::get);
        if (producer.isPresent()) {
          disagreement(reader, input, producer.get()).ifPresent(problems::add);
        } // a missing producer is a missing ancestor, which the job graph reports
      }
    }
    return problems;
  }

  private static Optional<String> disagreement(
      JobDefinition reader, InputSpec input, JobDefinition producer) {
    String name = reader.spec().name();
    String producerName = producer.spec().name();
    OutputSpec output = producer.spec().output();
    List<String> differences = new ArrayList<>();
    if (!output.location().equals(input.location())) {
      differences.add(
          "its input '"
              + input.parameter()
              + "' reads '"
              + input.location()
              + "', but '"
              + producerName
              + "' writes to '"
              + output.location()
              + "'");
    }
    Optional<String> compiledType = input.producedType();
    if (compiledType.isPresent() && !compiledType.get().equals(output.type())) {
      differences.add(
          "its input '"
              + input.parameter()
              + "' was checked against "
              + compiledType.get()
              + ", but '"
              + producerName
              + "' returns "
              + output.type());
    }
    if (differences.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "job '"
            + name
            + "' ("
            + origin(reader)
            + ") was compiled against another version of job '"
            + producerName
            + "' than the one on this classpath ("
            + origin(producer)
            + ", manifest META-INF/klio/jobs/"
            + producerName
            + ".json):\n  "
            + String.join("\n  ", differences)
            + "\n  rebuild the project of '"
            + name
            + "' against this jar of '"
            + producerName
            + "', or run it with the jar it was built against");
  }

  /** The jar or classes directory a job's generated class was loaded from. */
  static String origin(JobDefinition definition) {
    CodeSource source = definition.getClass().getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    if (location == null) {
      return "class " + definition.getClass().getName();
    }
    try {
      return location.getProtocol().equals("file")
          ? Path.of(location.toURI()).toString()
          : location.toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return location.toString();
    }
  }
}
