package io.klio.s3;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link TestBucket} parameters: one S3Proxy server and bucket for the whole test JVM
 * (starting it takes seconds), stopped when the run ends, and a fresh key prefix for every
 * parameter, so tests never see each other's objects.
 */
final class S3ProxyExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(S3ProxyExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestBucket.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    S3ProxyServer server =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                S3ProxyServer.class, type -> startWithBucket(), S3ProxyServer.class);
    return TestBucket.freshPrefix(server, context.getRequiredTestClass().getSimpleName());
  }

  private static S3ProxyServer startWithBucket() {
    try {
      Path jar = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar"));
      S3ProxyServer server =
          S3ProxyServer.start(Files.createDirectories(jar.toAbsolutePath().getParent()));
      TestBucket.create(server);
      return server;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start S3Proxy: " + e.getMessage(), e);
    }
  }
}
