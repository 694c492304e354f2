package io.klio.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives {@link TestDag} parameters: one per scope (test method, or class for {@code @BeforeAll}),
 * each over a folder of its own that is deleted when the scope ends. Nothing is shared between
 * scopes, so tests may run in parallel.
 */
public final class KlioExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KlioExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestDag.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // Keyed by the scope: a store also answers with what its parents hold, so a test would get
    // the class's folder if the key were the same.
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(context.getUniqueId(), key -> Folder.create(), Folder.class)
        .dag;
  }

  /** The scope's folder and dag; the store closes it when the scope ends. */
  private static final class Folder implements ExtensionContext.Store.CloseableResource {
    private final Path root;
    private final TestDag dag;

    private Folder(Path root) {
      this.root = root;
      this.dag = TestDag.in(root);
    }

    static Folder create() {
      try {
        return new Folder(Files.createTempDirectory("klio-test-"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temporary folder", e);
      }
    }

    @Override
    public void close() throws IOException {
      Folders.delete(root);
    }
  }
}
