package io.klio.processor.writing;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.TypeSpec;
import io.klio.processor.base.Names;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Writes the marker classes in {@value Names#AGGREGATED_PACKAGE} through which later compilations
 * find this compilation's jobs and codecs (see {@code ClasspathIndex}).
 */
public final class MarkerWriter {
  private MarkerWriter() {}

  public static JavaFile jobMarker(
      String jobName, String declaringClass, String method, Element origin) {
    String simpleName = "Job_" + mangle(jobName) + "__" + mangle(declaringClass) + "_" + method;
    return marker(
        simpleName,
        AnnotationSpec.builder(ClassName.bestGuess(Names.AGGREGATED_JOB))
            .addMember("name", "$S", jobName)
            .addMember("declaringClass", "$S", declaringClass)
            .addMember("method", "$S", method)
            .build(),
        origin);
  }

  public static JavaFile codecMarker(String codecClass, Element origin) {
    return marker(
        "Codec_" + mangle(codecClass),
        AnnotationSpec.builder(ClassName.bestGuess(Names.AGGREGATED_CODEC))
            .addMember("codec", "$S", codecClass)
            .build(),
        origin);
  }

  private static JavaFile marker(String simpleName, AnnotationSpec annotation, Element origin) {
    TypeSpec type =
        TypeSpec.classBuilder(simpleName)
            .addOriginatingElement(origin)
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

  private static String mangle(String name) {
    return name.replaceAll("[^A-Za-z0-9]", "_");
  }
}
