package io.klio.processor.scanning;

import io.klio.processor.base.Annotations;
import io.klio.processor.base.Names;
import io.klio.processor.model.JobModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Finds the jobs and codecs of other compilations by listing the marker classes in {@value
 * Names#AGGREGATED_PACKAGE}: javac sees that package across every jar on the classpath, so no
 * classpath scanning is needed.
 *
 * <p>Markers that point into this compilation's own sources are ignored: they are stale output of
 * an earlier build of the same project (its classes directory is on its own classpath).
 */
public final class ClasspathIndex {
  private final List<JobModel> jobs;
  private final Map<String, String> codecs;

  private ClasspathIndex(List<JobModel> jobs, Map<String, String> codecs) {
    this.jobs = jobs;
    this.codecs = codecs;
  }

  public List<JobModel> jobs() {
    return jobs;
  }

  /** Type qualified name to codec class binary name. */
  public Map<String, String> codecs() {
    return codecs;
  }

  public static ClasspathIndex read(Elements elements, Set<String> localTopLevelTypes) {
    List<JobModel> jobs = new ArrayList<>();
    Map<String, String> codecs = new TreeMap<>();
    PackageElement aggregated = elements.getPackageElement(Names.AGGREGATED_PACKAGE);
    if (aggregated == null) {
      return new ClasspathIndex(jobs, codecs);
    }
    for (Element marker : aggregated.getEnclosedElements()) {
      Annotations.find(marker, Names.AGGREGATED_JOB)
          .flatMap(mirror -> resolveJob(elements, mirror, localTopLevelTypes))
          .ifPresent(jobs::add);
      Annotations.find(marker, Names.AGGREGATED_CODEC)
          .flatMap(mirror -> resolveCodec(elements, mirror, localTopLevelTypes))
          .ifPresent(codec -> codecs.put(codec.type(), codec.codecClass()));
    }
    return new ClasspathIndex(List.copyOf(jobs), codecs);
  }

  private static Optional<JobModel> resolveJob(
      Elements elements, AnnotationMirror marker, Set<String> localTopLevelTypes) {
    String declaringClass = Annotations.string(marker, "declaringClass");
    String method = Annotations.string(marker, "method");
    String name = Annotations.string(marker, "name");
    TypeElement owner = elements.getTypeElement(declaringClass.replace('$', '.'));
    if (owner == null || localTopLevelTypes.contains(topLevel(owner).getQualifiedName().toString())) {
      return Optional.empty();
    }
    for (ExecutableElement candidate : ElementFilter.methodsIn(owner.getEnclosedElements())) {
      if (candidate.getSimpleName().contentEquals(method)) {
        Optional<JobModel> job = JobReader.read(candidate, false);
        if (job.isPresent() && job.get().name().equals(name)) {
          return job;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<CodecDeclaration> resolveCodec(
      Elements elements, AnnotationMirror marker, Set<String> localTopLevelTypes) {
    String codecClass = Annotations.string(marker, "codec");
    TypeElement codec = elements.getTypeElement(codecClass.replace('$', '.'));
    if (codec == null
        || localTopLevelTypes.contains(topLevel(codec).getQualifiedName().toString())) {
      return Optional.empty();
    }
    return CodecReader.encodedType(codec)
        .map(type -> new CodecDeclaration(type, elements.getBinaryName(codec).toString()));
  }

  static TypeElement topLevel(TypeElement type) {
    TypeElement current = type;
    while (current.getEnclosingElement() instanceof TypeElement outer) {
      current = outer;
    }
    return current;
  }

  /** A codec class and the qualified name of the type it stores. */
  public record CodecDeclaration(String type, String codecClass) {}
}
