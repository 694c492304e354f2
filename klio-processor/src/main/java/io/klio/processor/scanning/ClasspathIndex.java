package io.klio.processor.scanning;

import io.klio.processor.base.Annotations;
import io.klio.processor.base.Names;
import io.klio.processor.model.JobModel;
import java.util.ArrayList;
import java.util.HashMap;
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
 * classpath scanning is needed. A marker points at the jobs of one class ({@code AggregatedJobs}),
 * at one job ({@code AggregatedJob}, as jars built by earlier versions have them) or at a codec.
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
    Owners owners = new Owners(elements, localTopLevelTypes);
    for (Element marker : aggregated.getEnclosedElements()) {
      for (AnnotationMirror mirror : marker.getAnnotationMirrors()) {
        String annotation =
            ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
        switch (annotation) {
          case Names.AGGREGATED_JOBS -> {
            for (AnnotationMirror job : Annotations.mirrors(mirror, "value")) {
              owners.resolveJob(job).ifPresent(jobs::add);
            }
          }
          case Names.AGGREGATED_JOB -> owners.resolveJob(mirror).ifPresent(jobs::add);
          case Names.AGGREGATED_CODEC ->
              resolveCodec(elements, mirror, localTopLevelTypes)
                  .ifPresent(codec -> codecs.put(codec.type(), codec.codecClass()));
          default -> {}
        }
      }
    }
    return new ClasspathIndex(List.copyOf(jobs), codecs);
  }

  /** The job methods of the classes markers point at, each class's methods read once. */
  private static final class Owners {
    private final Elements elements;
    private final Set<String> localTopLevelTypes;
    private final Map<String, Map<String, List<ExecutableElement>>> methods = new HashMap<>();

    Owners(Elements elements, Set<String> localTopLevelTypes) {
      this.elements = elements;
      this.localTopLevelTypes = localTopLevelTypes;
    }

    Optional<JobModel> resolveJob(AnnotationMirror marker) {
      String declaringClass = Annotations.string(marker, "declaringClass");
      String method = Annotations.string(marker, "method");
      String name = Annotations.string(marker, "name");
      for (ExecutableElement candidate :
          methods
              .computeIfAbsent(declaringClass, this::methodsByName)
              .getOrDefault(method, List.of())) {
        Optional<JobModel> job = JobReader.read(candidate, false);
        if (job.isPresent() && job.get().name().equals(name)) {
          return job;
        }
      }
      return Optional.empty();
    }

    /** None if the class is missing or one of this compilation's (a stale marker). */
    private Map<String, List<ExecutableElement>> methodsByName(String declaringClass) {
      TypeElement owner = elements.getTypeElement(declaringClass.replace('$', '.'));
      if (owner == null
          || localTopLevelTypes.contains(topLevel(owner).getQualifiedName().toString())) {
        return Map.of();
      }
      Map<String, List<ExecutableElement>> byName = new HashMap<>();
      for (ExecutableElement candidate : ElementFilter.methodsIn(owner.getEnclosedElements())) {
        byName
            .computeIfAbsent(candidate.getSimpleName().toString(), n -> new ArrayList<>())
            .add(candidate);
      }
      return byName;
    }
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
