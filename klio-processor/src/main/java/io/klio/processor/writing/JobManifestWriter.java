package io.klio.processor.writing;

import io.klio.processor.base.TypeNames;
import io.klio.processor.model.Dag;
import io.klio.processor.model.JobModel;
import io.klio.processor.model.OutputModel;
import io.klio.processor.model.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.util.Elements;

/** Writes {@code META-INF/klio/jobs/<name>.json}: the job as the DAG's tools and runtime see it. */
public final class JobManifestWriter {
  private JobManifestWriter() {}

  public static String manifest(
      Elements elements, JobModel job, String transformClass, String fingerprint) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", job.name());
    root.put("parents", job.parents());
    List<Object> inputs = new ArrayList<>();
    for (Parameter input : job.inputs()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("parameter", input.name());
      if (input.hasLocation()) {
        entry.put("location", input.location());
      } else {
        entry.put("from", Dag.producer(job, input).orElseThrow());
      }
      entry.put("type", TypeNames.of(input.type()));
      inputs.add(entry);
    }
    root.put("inputs", inputs);
    OutputModel output = job.output().orElseThrow();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("location", output.location());
    out.put("type", TypeNames.of(output.type()));
    root.put("output", out);
    root.put("method", methodReference(elements, job));
    root.put("transform", transformClass);
    root.put("fingerprint", fingerprint);
    root.put("version", job.version());
    return Json.write(root);
  }

  /** {@code pkg.Class#method} with the class's binary name, so nested classes load by name. */
  static String methodReference(Elements elements, JobModel job) {
    return elements.getBinaryName(job.owner()) + "#" + job.method().getSimpleName();
  }
}
