package io.klio.processor.writing;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.TypeSpec;
import io.klio.processor.base.Names;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Writes the marker classes in {@value Names#AGGREGATED_PACKAGE} through which later compilations
 * find this compilation's jobs and codecs (see {@code ClasspathIndex}): one per class that declares
 * jobs, one per codec.
 */
public final class MarkerWriter {
  private MarkerWriter() {}

  /**
   * One marker for every job of one declaring class.
   *
   * @param declaringClass the binary name of the class that declares the job methods
   * @param jobs each job's name and method's simple name
   */
  public static JavaFile jobsMarker(
      String declaringClass, List<Map.Entry<String, String>> jobs, Element... origins) {
    AnnotationSpec.Builder container =
        AnnotationSpec.builder(ClassName.bestGuess(Names.AGGREGATED_JOBS));
    for (Map.Entry<String, String> job : jobs) {
      container.addMember(
          "value",
          "$L",
          AnnotationSpec.builder(ClassName.bestGuess(Names.AGGREGATED_JOB))
              .addMember("name", "$S", job.getKey())
              .addMember("declaringClass", "$S", declaringClass)
              .addMember("method", "$S", job.getValue())
              .build());
    }
    return marker("Jobs__" + escape(declaringClass), container.build(), origins);
  }

  public static JavaFile codecMarker(String codecClass, Element origin) {
    return marker(
        "Codec_" + mangle(codecClass),
        AnnotationSpec.builder(ClassName.bestGuess(Names.AGGREGATED_CODEC))
            .addMember("codec", "$S", codecClass)
            .build(),
        origin);
  }

  private static JavaFile marker(String simpleName, AnnotationSpec annotation, Element... origins) {
    TypeSpec.Builder builder = TypeSpec.classBuilder(simpleName);
    for (Element origin : origins) {
      builder.addOriginatingElement(origin);
    }
    TypeSpec type =
        builder
            .addJavadoc("Klio index entry. Generated; do not edit.\n")
            .addAnnotation(annotation)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addMethod(
                com.squareup.javapoet.MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PRIVATE)
                    .build())
            .build();
    return JavaFile.builder(Names.AGGREGATED_PACKAGE, type).indent("  ").build();
  }

  /**
   * A binary class name as part of an identifier, one to one: {@code .} becomes {@code _} and
   * {@code _} becomes {@code _1} (no name segment starts with a digit), so that the markers of
   * {@code a.b_C} and {@code a_b.C} differ.
   */
  static String escape(String binaryName) {
    return binaryName.replace("_", "_1").replace('.', '_');
  }

  private static String mangle(String name) {
    return name.replaceAll("[^A-Za-z0-9]", "_");
  }
}
