package io.klio.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.util.List;
import javax.tools.JavaFileObject;

/** Test sources and compilations with the real processor. */
final class Sources {
  private Sources() {}

  static final String IMPORTS =
      "import io.klio.annotations.*; import java.nio.file.Path; import java.util.List;";

  /** A class {@code test.Jobs} whose body is {@code lines}. */
  static JavaFileObject jobs(String... lines) {
    return java("test.Jobs", "public class Jobs {", lines);
  }

  static JavaFileObject java(String className, String header, String... lines) {
    String pkg = className.substring(0, className.lastIndexOf('.'));
    String[] all = new String[lines.length + 4];
    all[0] = "package " + pkg + ";";
    all[1] = IMPORTS;
    all[2] = header;
    System.arraycopy(lines, 0, all, 3, lines.length);
    all[all.length - 1] = "}";
    return JavaFileObjects.forSourceLines(className, all);
  }

  static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new KlioProcessor()).compile(sources);
  }

  static Compilation compile(List<File> classpath, JavaFileObject... sources) {
    String systemClasspath = System.getProperty("java.class.path");
    List<File> all = new java.util.ArrayList<>(classpath);
    for (String entry : systemClasspath.split(File.pathSeparator)) {
      all.add(new File(entry));
    }
    return Compiler.javac().withProcessors(new KlioProcessor()).withClasspath(all).compile(sources);
  }
}
