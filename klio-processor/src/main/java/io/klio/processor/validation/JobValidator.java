package io.klio.processor.validation;

import io.klio.common.template.LocationTemplate;
import io.klio.common.template.MalformedTemplateException;
import io.klio.processor.base.Constructors;
import io.klio.processor.base.Message;
import io.klio.processor.base.Reporter;
import io.klio.processor.base.Reporter.Site;
import io.klio.processor.model.CodecCatalog;
import io.klio.processor.model.JobModel;
import io.klio.processor.model.OutputModel;
import io.klio.processor.model.Parameter;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;

/** Checks one job on its own: its name, its method's shape, its parameters, types and templates. */
public final class JobValidator {
  static final Pattern JOB_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

  private final Reporter reporter;
  private final CodecCatalog codecs;

  public JobValidator(Reporter reporter, CodecCatalog codecs) {
    this.reporter = reporter;
    this.codecs = codecs;
  }

  public void validate(JobModel job) {
    checkName(job);
    checkMethod(job);
    for (Parameter parameter : job.parameters()) {
      checkParameter(job, parameter);
    }
    job.output()
        .ifPresentOrElse(
            output -> checkOutput(job, output),
            () -> reporter.error(Site.of(job.method()), Message.MISSING_OUTPUT, job.name()));
  }

  private void checkName(JobModel job) {
    if (JOB_NAME.matcher(job.name()).matches()) {
      return;
    }
    String hint =
        job.nameDerived()
            ? " (derived from the method name; set @KlioJob(name = \"...\"))"
            : "; try '" + suggestName(job.name()) + "'";
    reporter.error(
        new Site(job.method(), job.jobAnnotation(), job.nameValue()),
        Message.BAD_JOB_NAME,
        job.name(),
        hint);
  }

  static String suggestName(String name) {
    String cleaned =
        name.toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9-]+", "-")
            .replaceAll("^[^a-z]+", "")
            .replaceAll("-+", "-");
    cleaned = cleaned.length() > 63 ? cleaned.substring(0, 63) : cleaned;
    return cleaned.isEmpty() ? "my-job" : cleaned;
  }

  private void checkMethod(JobModel job) {
    ExecutableElement method = job.method();
    String where = describe(job);
    if (!method.getModifiers().contains(Modifier.PUBLIC) || !isAccessible(job.owner())) {
      reporter.error(Site.of(method), Message.NOT_PUBLIC, where);
    }
    if (!method.getModifiers().contains(Modifier.STATIC) && !isInstantiable(job.owner())) {
      reporter.error(
          Site.of(method), Message.NO_CONSTRUCTOR, where, job.owner().getQualifiedName());
    }
    if (method.getReturnType().getKind() == TypeKind.VOID) {
      reporter.error(Site.of(method), Message.RETURNS_VOID, where);
    }
    if (!method.getTypeParameters().isEmpty()) {
      reporter.error(Site.of(method), Message.GENERIC_METHOD, where);
    }
  }

  private void checkParameter(JobModel job, Parameter parameter) {
    Site site = new Site(parameter.element(), parameter.annotation(), null);
    switch (parameter.role()) {
      case UNANNOTATED ->
          reporter.error(site, Message.UNANNOTATED_PARAMETER, parameter.name(), describe(job));
      case ELEMENT_ID -> {
        if (!parameter.type().toString().equals("java.lang.String")) {
          reporter.error(
              site,
              Message.ELEMENT_ID_NOT_STRING,
              parameter.name(),
              describe(job),
              parameter.type());
        }
      }
      case INPUT -> {
        if (parameter.hasFrom() && parameter.hasLocation()) {
          reporter.error(site, Message.INPUT_FROM_AND_LOCATION, parameter.name(), job.name());
        }
        if (parameter.hasLocation()) {
          parse(
              new Site(parameter.element(), parameter.annotation(), parameter.locationValue()),
              parameter.location(),
              job);
        }
        if (codecs.codecFor(parameter.type()).isEmpty()) {
          reporter.error(
              site,
              Message.NO_CODEC,
              "input '" + parameter.name() + "'",
              job.name(),
              parameter.type(),
              "");
        }
      }
    }
  }

  private void checkOutput(JobModel job, OutputModel output) {
    Site site = new Site(job.method(), output.annotation(), output.locationValue());
    parse(site, output.location(), job)
        .filter(template -> !template.hasId())
        .ifPresent(
            template ->
                reporter.error(site, Message.OUTPUT_WITHOUT_ID, output.location(), job.name()));
    if (output.type().getKind() != TypeKind.VOID && codecs.codecFor(output.type()).isEmpty()) {
      reporter.error(
          Site.of(job.method()), Message.NO_CODEC, "the output", job.name(), output.type(), "");
    }
  }

  /** The parsed location, or empty after reporting why it is malformed. */
  private Optional<LocationTemplate> parse(Site site, String location, JobModel job) {
    try {
      return Optional.of(LocationTemplate.parse(location));
    } catch (MalformedTemplateException e) {
      reporter.error(site, Message.MALFORMED_TEMPLATE, location, job.name(), e.reason());
      return Optional.empty();
    }
  }

  static String describe(JobModel job) {
    return job.owner().getQualifiedName() + "#" + job.method().getSimpleName();
  }

  private static boolean isAccessible(TypeElement type) {
    TypeElement current = type;
    while (true) {
      if (!current.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
      if (!(current.getEnclosingElement() instanceof TypeElement outer)) {
        return true;
      }
      if (!current.getModifiers().contains(Modifier.STATIC)
          && current.getKind() == ElementKind.CLASS) {
        return false;
      }
      current = outer;
    }
  }

  private static boolean isInstantiable(TypeElement type) {
    if (type.getKind() != ElementKind.CLASS || type.getModifiers().contains(Modifier.ABSTRACT)) {
      return false;
    }
    if (type.getEnclosingElement() instanceof TypeElement
        && !type.getModifiers().contains(Modifier.STATIC)) {
      return false;
    }
    return Constructors.hasPublicNoArg(type);
  }
}
