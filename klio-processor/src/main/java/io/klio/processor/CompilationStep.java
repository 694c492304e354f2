package io.klio.processor;

import com.squareup.javapoet.JavaFile;
import io.klio.processor.base.Message;
import io.klio.processor.base.Names;
import io.klio.processor.base.Reporter;
import io.klio.processor.base.Reporter.Site;
import io.klio.processor.fingerprint.Fingerprinter;
import io.klio.processor.model.CodecCatalog;
import io.klio.processor.model.Dag;
import io.klio.processor.model.JobModel;
import io.klio.processor.model.Parameter;
import io.klio.processor.scanning.ClasspathIndex;
import io.klio.processor.scanning.CodecReader;
import io.klio.processor.scanning.JobReader;
import io.klio.processor.scanning.LocalElements;
import io.klio.processor.validation.DagValidator;
import io.klio.processor.validation.JobValidator;
import io.klio.processor.writing.JobClassWriter;
import io.klio.processor.writing.JobManifestWriter;
import io.klio.processor.writing.MarkerWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The processor's work over one batch of local jobs and codecs, once all their types resolve: scan,
 * validate everything, then generate. Jobs of earlier batches (other processors may write jobs in
 * later rounds) are part of the DAG but are not checked or generated again.
 */
final class CompilationStep {
  private final ProcessingEnvironment env;
  private final Elements elements;
  private final Reporter reporter;
  private final Fingerprinter fingerprinter;
  private final LocalElements.Batch batch;
  private final ClasspathIndex classpath;
  private final List<JobModel> jobs;
  private final List<JobModel> earlierJobs;

  /** Reads the batch and the classpath; every type of the batch's elements must be resolved. */
  CompilationStep(
      ProcessingEnvironment env,
      Reporter reporter,
      Fingerprinter fingerprinter,
      LocalElements.Batch batch) {
    this.env = env;
    this.elements = env.getElementUtils();
    this.reporter = reporter;
    this.fingerprinter = fingerprinter;
    this.batch = batch;
    this.classpath = ClasspathIndex.read(elements, batch.topLevelTypes());
    this.jobs = read(batch.jobs());
    this.earlierJobs = read(batch.earlierJobs());
  }

  private static List<JobModel> read(List<ExecutableElement> methods) {
    List<JobModel> models = new ArrayList<>();
    for (ExecutableElement method : methods) {
      JobReader.read(method, true).ifPresent(models::add);
    }
    models.sort(Comparator.comparing(JobModel::name));
    return models;
  }

  /**
   * Whether a job of the batch names a parent, or an input's {@code from}, that no job seen so far
   * has: another processor may write it in a later round, so until the last round this is no error
   * yet. (When it stays unknown, {@link #run()} reports it.)
   */
  boolean waitsForJobs() {
    Set<String> known = new HashSet<>();
    jobs.forEach(job -> known.add(job.name()));
    earlierJobs.forEach(job -> known.add(job.name()));
    classpath.jobs().forEach(job -> known.add(job.name()));
    for (JobModel job : jobs) {
      if (!known.containsAll(job.parents())) {
        return true;
      }
      for (Parameter input : job.inputs()) {
        if (input.hasFrom() && !input.hasLocation() && !known.contains(input.from())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Checks the batch and, if all is well, generates its classes, manifests and markers.
   *
   * @return the binary names of the generated job definitions, which the caller lists in {@code
   *     META-INF/services} once all rounds are done
   */
  List<String> run() {
    Map<String, String> codecs = new TreeMap<>(classpath.codecs());
    for (TypeElement codec : batch.earlierCodecs()) {
      CodecReader.encodedType(codec)
          .ifPresent(type -> codecs.put(type, elements.getBinaryName(codec).toString()));
    }
    for (TypeElement codec : batch.codecs()) {
      CodecReader.encodedType(codec)
          .ifPresentOrElse(
              type -> codecs.put(type, elements.getBinaryName(codec).toString()),
              () -> reporter.error(Site.of(codec), Message.BAD_CODEC, codec.getQualifiedName()));
    }
    CodecCatalog catalog = new CodecCatalog(codecs);

    JobValidator jobValidator = new JobValidator(reporter, catalog);
    for (JobModel job : jobs) {
      isolated(job.method(), () -> jobValidator.validate(job));
    }
    List<JobModel> all = new ArrayList<>(jobs);
    all.addAll(earlierJobs);
    all.addAll(classpath.jobs());
    Dag dag = new Dag(all);
    new DagValidator(reporter, env.getTypeUtils(), catalog).validate(dag, jobs);
    if (reporter.errorCount() > 0) {
      return List
          .of(); // validate everything, generate nothing: no errors cascade from generated code
    }
    return generate(dag, catalog);
  }

  private List<String> generate(Dag dag, CodecCatalog catalog) {
    Filer filer = env.getFiler();
    JobClassWriter classWriter =
        new JobClassWriter(elements, env.getTypeUtils(), JobClassWriter.resolver(catalog));
    List<String> definitions = new ArrayList<>();
    // one marker per declaring class, in the order of the jobs' names
    Map<TypeElement, List<JobModel>> byOwner = new LinkedHashMap<>();
    try {
      for (JobModel job : jobs) {
        String fingerprint = fingerprinter.fingerprint(job, dag, catalog);
        JavaFile file = classWriter.write(job, dag, fingerprint);
        file.writeTo(filer);
        String transform = file.packageName + "." + file.typeSpec.name;
        definitions.add(transform + "$Definition");
        writeResource(
            filer,
            Names.MANIFEST_DIR + job.name() + ".json",
            JobManifestWriter.manifest(elements, job, transform, fingerprint),
            job.method());
        byOwner.computeIfAbsent(job.owner(), o -> new ArrayList<>()).add(job);
      }
      for (Map.Entry<TypeElement, List<JobModel>> owner : byOwner.entrySet()) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (JobModel job : owner.getValue()) {
          entries.add(Map.entry(job.name(), job.method().getSimpleName().toString()));
        }
        MarkerWriter.jobsMarker(
                elements.getBinaryName(owner.getKey()).toString(),
                entries,
                owner.getValue().stream().map(JobModel::method).toArray(Element[]::new))
            .writeTo(filer);
      }
      for (TypeElement codec : batch.codecs()) {
        MarkerWriter.codecMarker(elements.getBinaryName(codec).toString(), codec).writeTo(filer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return definitions;
  }

  /** Writes a resource to the class output. */
  static void writeResource(Filer filer, String path, String content, Element... origins)
      throws IOException {
    FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path, origins);
    try (Writer writer = file.openWriter()) {
      writer.write(content);
    }
  }

  private void isolated(Element element, Runnable check) {
    try {
      check.run();
    } catch (RuntimeException e) {
      reporter.error(Site.of(element), Message.INTERNAL, element, e);
    }
  }
}
