package io.klio.processor.scanning;

import io.klio.processor.base.Annotations;
import io.klio.processor.base.Names;
import io.klio.processor.base.Strings;
import io.klio.processor.model.JobModel;
import io.klio.processor.model.OutputModel;
import io.klio.processor.model.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Reads a {@code @KlioJob} method into a {@link JobModel}, the same way for source and for class
 * files from jars. Reads only; checks belong to the validators.
 */
public final class JobReader {
  private JobReader() {}

  public static Optional<JobModel> read(ExecutableElement method, boolean local) {
    Optional<AnnotationMirror> job = Annotations.find(method, Names.KLIO_JOB);
    if (job.isEmpty()) {
      return Optional.empty();
    }
    String explicitName = Annotations.string(job.get(), "name");
    boolean derived = explicitName.isEmpty();
    String name = derived ? Strings.kebabCase(method.getSimpleName().toString()) : explicitName;
    List<Parameter> parameters = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      parameters.add(readParameter(parameter));
    }
    Optional<OutputModel> output =
        Annotations.find(method, Names.OUTPUT)
            .map(
                mirror ->
                    new OutputModel(
                        Annotations.string(mirror, "location"), method.getReturnType(), mirror));
    return Optional.of(
        new JobModel(
            name,
            derived,
            List.copyOf(Annotations.strings(job.get(), "parents")),
            Annotations.string(job.get(), "version"),
            List.copyOf(parameters),
            output,
            method,
            (TypeElement) method.getEnclosingElement(),
            job.get(),
            local));
  }

  private static Parameter readParameter(VariableElement parameter) {
    Optional<AnnotationMirror> input = Annotations.find(parameter, Names.INPUT);
    if (input.isPresent()) {
      return new Parameter(
          parameter,
          Parameter.Role.INPUT,
          Annotations.string(input.get(), "from"),
          Annotations.string(input.get(), "location"),
          input.get());
    }
    Optional<AnnotationMirror> id = Annotations.find(parameter, Names.ELEMENT_ID);
    if (id.isPresent()) {
      return new Parameter(parameter, Parameter.Role.ELEMENT_ID, "", "", id.get());
    }
    return new Parameter(parameter, Parameter.Role.UNANNOTATED, "", "", null);
  }
}
