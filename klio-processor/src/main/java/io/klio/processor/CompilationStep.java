package io.klio.processor;

import com.squareup.javapoet.JavaFile;
import io.klio.processor.base.Message;
import io.klio.processor.base.Names;
import io.klio.processor.base.Reporter;
import io.klio.processor.base.Reporter.Site;
import io.klio.processor.model.CodecCatalog;
import io.klio.processor.model.Dag;
import io.klio.processor.model.JobModel;
import io.klio.processor.scanning.ClasspathIndex;
import io.klio.processor.scanning.CodecReader;
import io.klio.processor.scanning.JobReader;
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
 * The processor's work over a compilation, once all its types resolve: scan, validate everything,
 * then generate. Takes the local elements explicitly, so it does not care which round it runs in.
 */
final class CompilationStep {
  private final ProcessingEnvironment env;
  private final Elements elements;
  private final Reporter reporter;

  CompilationStep(ProcessingEnvironment env, Reporter reporter) {
    this.env = env;
    this.elements = env.getElementUtils();
    this.reporter = reporter;
  }

  /**
   * Checks and, if all is well, generates. Every type of the given elements must be resolved.
   *
   * @param jobMethods the {@code @KlioJob} methods of this compilation
   * @param codecClasses the {@code @KlioCodec} classes of this compilation
   * @param localTypes qualified names of this compilation's top-level types, whose markers on the
   *     classpath are stale output of an earlier build
   */
  void run(
      List<ExecutableElement> jobMethods, List<TypeElement> codecClasses, Set<String> localTypes) {
    ClasspathIndex classpath = ClasspathIndex.read(elements, localTypes);

    Map<String, String> codecs = new TreeMap<>(classpath.codecs());
    for (TypeElement codec : codecClasses) {
      CodecReader.encodedType(codec)
          .ifPresentOrElse(
              type -> codecs.put(type, elements.getBinaryName(codec).toString()),
              () -> reporter.error(Site.of(codec), Message.BAD_CODEC, codec.getQualifiedName()));
    }
    CodecCatalog catalog = new CodecCatalog(codecs);

    List<JobModel> localJobs = new ArrayList<>();
    for (ExecutableElement method : jobMethods) {
      JobReader.read(method, true).ifPresent(localJobs::add);
    }
    localJobs.sort(Comparator.comparing(JobModel::name));

    JobValidator jobValidator = new JobValidator(reporter, catalog);
    for (JobModel job : localJobs) {
      isolated(job.method(), () -> jobValidator.validate(job));
    }
    List<JobModel> all = new ArrayList<>(localJobs);
    all.addAll(classpath.jobs());
    Dag dag = new Dag(all);
    new DagValidator(reporter, env.getTypeUtils(), catalog).validate(dag, localJobs);
    if (reporter.errorCount() > 0) {
      return; // validate everything, generate nothing: no errors cascade from generated code
    }
    generate(localJobs, codecClasses, dag, catalog);
  }

  private void generate(
      List<JobModel> jobs, List<TypeElement> codecs, Dag dag, CodecCatalog catalog) {
    Filer filer = env.getFiler();
    JobClassWriter classWriter =
        new JobClassWriter(elements, env.getTypeUtils(), JobClassWriter.resolver(catalog));
    List<String> definitions = new ArrayList<>();
    // one marker per declaring class, in the order of the jobs' names
    Map<TypeElement, List<JobModel>> byOwner = new LinkedHashMap<>();
    try {
      for (JobModel job : jobs) {
        JavaFile file = classWriter.write(job, dag);
        file.writeTo(filer);
        String transform = file.packageName + "." + file.typeSpec.name;
        definitions.add(transform + "$Definition");
        writeResource(
            Names.MANIFEST_DIR + job.name() + ".json",
            JobManifestWriter.manifest(elements, job, transform),
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
      for (TypeElement codec : codecs) {
        MarkerWriter.codecMarker(elements.getBinaryName(codec).toString(), codec).writeTo(filer);
      }
      if (!definitions.isEmpty()) {
        writeResource(
            "META-INF/services/" + Names.JOB_DEFINITION,
            String.join("\n", definitions) + "\n",
            jobs.stream().map(JobModel::method).toArray(Element[]::new));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeResource(String path, String content, Element... origins) throws IOException {
    FileObject file =
        env.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", path, origins);
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
