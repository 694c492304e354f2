package io.klio.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import io.klio.runtime.Klio;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaFileObject;

/** A compiled test project on disk, as a user's build would leave it: classes and resources. */
final class CompiledProject {
  final Path classes;

  private CompiledProject(Path classes) {
    this.classes = classes;
  }

  static CompiledProject compile(Path dir, List<java.io.File> classpath, JavaFileObject... sources)
      throws IOException {
    return write(Sources.compile(classpath, sources), dir);
  }

  /** Writes the classes and resources of a compilation that must have succeeded to {@code dir}. */
  static CompiledProject write(Compilation compilation, Path dir) throws IOException {
    assertThat(compilation).succeeded();
    Path classes = Files.createDirectories(dir);
    for (JavaFileObject file : compilation.generatedFiles()) {
      String uri = file.toUri().getPath();
      String marker = "/CLASS_OUTPUT/";
      int at = uri.indexOf(marker);
      if (at < 0) {
        continue; // generated sources; their classes are in CLASS_OUTPUT too
      }
      Path target = classes.resolve(uri.substring(at + marker.length()));
      Files.createDirectories(target.getParent());
      try (InputStream in = file.openInputStream()) {
        Files.copy(in, target);
      }
    }
    return new CompiledProject(classes);
  }

  /** Packs the classes into a jar, like {@code mvn package}. */
  Path jar(Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out);
        var files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, zip);
        zip.closeEntry();
      }
    }
    return jar;
  }

  /** Runs the CLI with {@code classpath} as the jobs' class loader; returns status and output. */
  static Result klio(List<Path> classpath, String... args) throws IOException {
    URL[] urls = new URL[classpath.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = classpath.get(i).toUri().toURL();
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(urls, CompiledProject.class.getClassLoader())) {
      thread.setContextClassLoader(loader);
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int status = Klio.execute(args);
      return new Result(
          status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
      thread.setContextClassLoader(previous);
    }
  }

  record Result(int status, String out, String err) {}
}
