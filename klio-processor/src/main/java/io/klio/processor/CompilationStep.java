package io.klio.processor;

import com.squareup.javapoet.JavaFile;
import io.klio.processor.base.Annotations;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/** One run of the processor over a compilation: scan, validate everything, then generate. */
final class CompilationStep {
  private final ProcessingEnvironment env;
  private final Elements elements;
  private final Reporter reporter;

  CompilationStep(ProcessingEnvironment env, Reporter reporter) {
    this.env = env;
    this.elements = env.getElementUtils();
    this.reporter = reporter;
  }

  void run(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Map<String, TypeElement> annotationTypes = new TreeMap<>();
    annotations.forEach(a -> annotationTypes.put(a.getQualifiedName().toString(), a));

    Set<String> localTypes = new TreeSet<>();
    for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
      localTypes.add(type.getQualifiedName().toString());
    }
    ClasspathIndex classpath = ClasspathIndex.read(elements, localTypes);

    Map<String, String> codecClasses = new TreeMap<>(classpath.codecs());
    List<TypeElement> localCodecs = annotated(round, annotationTypes, Names.KLIO_CODEC, TypeElement.class);
    for (TypeElement codec : localCodecs) {
      CodecReader.encodedType(codec)
          .ifPresentOrElse(
              type -> codecClasses.put(type, elements.getBinaryName(codec).toString()),
              () -> reporter.error(Site.of(codec), Message.BAD_CODEC, codec.getQualifiedName()));
    }
    CodecCatalog catalog = new CodecCatalog(codecClasses);

    List<JobModel> localJobs = new ArrayList<>();
    for (ExecutableElement method :
        annotated(round, annotationTypes, Names.KLIO_JOB, ExecutableElement.class)) {
      JobReader.read(method, true).ifPresent(localJobs::add);
    }
    localJobs.sort(Comparator.comparing(JobModel::name));
    checkMisplaced(round, annotationTypes);

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
    generate(localJobs, localCodecs, dag, catalog);
  }

  private void generate(
      List<JobModel> jobs, List<TypeElement> codecs, Dag dag, CodecCatalog catalog) {
    Filer filer = env.getFiler();
    JobClassWriter classWriter =
        new JobClassWriter(elements, env.getTypeUtils(), JobClassWriter.resolver(catalog));
    List<String> definitions = new ArrayList<>();
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
        MarkerWriter.jobMarker(
                job.name(),
                elements.getBinaryName(job.owner()).toString(),
                job.method().getSimpleName().toString(),
                job.method())
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

  /** {@code @Input}, {@code @ElementId} and {@code @Output} do nothing outside a job method. */
  private void checkMisplaced(RoundEnvironment round, Map<String, TypeElement> annotationTypes) {
    for (String name : List.of(Names.INPUT, Names.ELEMENT_ID)) {
      for (Element parameter : annotated(round, annotationTypes, name, Element.class)) {
        Element method = parameter.getEnclosingElement();
        if (Annotations.find(method, Names.KLIO_JOB).isEmpty()) {
          reporter.error(
              Site.of(parameter, Annotations.find(parameter, name).orElse(null)),
              Message.MISPLACED,
              simpleName(name),
              "parameter '" + parameter.getSimpleName() + "' of " + describe(method),
              "parameters of @KlioJob methods");
        }
      }
    }
    for (Element method : annotated(round, annotationTypes, Names.OUTPUT, Element.class)) {
      if (Annotations.find(method, Names.KLIO_JOB).isEmpty()) {
        reporter.error(
            Site.of(method, Annotations.find(method, Names.OUTPUT).orElse(null)),
            Message.MISPLACED,
            "Output",
            describe(method),
            "@KlioJob methods");
      }
    }
  }

  private void isolated(Element element, Runnable check) {
    try {
      check.run();
    } catch (RuntimeException e) {
      reporter.error(Site.of(element), Message.INTERNAL, element, e);
    }
  }

  private static <T extends Element> List<T> annotated(
      RoundEnvironment round, Map<String, TypeElement> types, String annotation, Class<T> kind) {
    TypeElement type = types.get(annotation);
    if (type == null) {
      return List.of();
    }
    List<T> out = new ArrayList<>();
    for (Element element : round.getElementsAnnotatedWith(type)) {
      if (kind.isInstance(element)
          && (kind != ExecutableElement.class || element.getKind() == ElementKind.METHOD)) {
        out.add(kind.cast(element));
      }
    }
    return out;
  }

  private static String describe(Element method) {
    return method.getEnclosingElement() + "#" + method.getSimpleName();
  }

  private static String simpleName(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }
}
