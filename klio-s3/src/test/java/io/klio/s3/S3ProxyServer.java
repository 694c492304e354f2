package io.klio.s3;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real S3-API server, S3Proxy, as a process of its own on a free loopback port, storing objects
 * in a directory (its {@code filesystem-nio2} backend). Maven copies the server's jar into {@code
 * target/s3proxy} before the tests run; its path comes in the system property {@code s3proxy.jar}.
 */
final class S3ProxyServer implements AutoCloseable {
  static final String IDENTITY = "klio-test";
  static final String CREDENTIAL = "klio-test-secret";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final int START_ATTEMPTS = 3;

  final int port;
  private final Process process;
  private final Path log;
  private final Path storage;

  private S3ProxyServer(int port, Process process, Path log, Path storage) {
    this.port = port;
    this.process = process;
    this.log = log;
    this.storage = storage;
  }

  /** Starts the server, trying another port if the chosen one was taken in the meantime. */
  static S3ProxyServer start(Path workDirectory) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IOException(
          "no S3Proxy jar at "
              + jar.toAbsolutePath()
              + "; Maven's process-test-resources phase"
              + " copies it there (maven-dependency-plugin, execution 's3proxy')");
    }
    IOException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return startOnce(jar, workDirectory);
      } catch (IOException e) {
        last = e;
      }
    }
    throw last;
  }

  private static S3ProxyServer startOnce(Path jar, Path workDirectory)
      throws IOException, InterruptedException {
    int port = freePort();
    Path storage = Files.createDirectories(workDirectory.resolve("objects-" + port));
    Path config = workDirectory.resolve("s3proxy-" + port + ".conf");
    Path log = workDirectory.resolve("s3proxy-" + port + ".log");
    Files.write(
        config,
        List.of(
            "s3proxy.endpoint=" + endpoint(port),
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + IDENTITY,
            "s3proxy.credential=" + CREDENTIAL,
            // Beam sends the bucket-key header of server-side encryption, which S3Proxy rejects
            "s3proxy.ignore-unknown-headers=true",
            "jclouds.provider=filesystem-nio2",
            "jclouds.filesystem.basedir=" + storage.toAbsolutePath()));
    Process process =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx1g",
                "-jar",
                jar.toAbsolutePath().toString(),
                "--properties",
                config.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    S3ProxyServer server = new S3ProxyServer(port, process, log, storage);
    Runtime.getRuntime().addShutdownHook(new Thread(server::kill));
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "S3Proxy exited with status "
                + process.exitValue()
                + " on port "
                + port
                + ":\n"
                + server.logTail());
      }
      if (server.answers()) {
        return server;
      }
      Thread.sleep(200);
    }
    server.close();
    throw new IOException(
        "S3Proxy did not answer within "
            + START_TIMEOUT.toSeconds()
            + " s on port "
            + port
            + ":\n"
            + server.logTail());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String endpoint(int port) {
    return "http://127.0.0.1:" + port;
  }

  String endpoint() {
    return endpoint(port);
  }

  /** Where the server keeps objects: a directory per bucket, a file per object. */
  Path storage() {
    return storage;
  }

  /** Any HTTP answer means the server is up (an unsigned request gets 403). */
  private boolean answers() {
    try {
      HttpURLConnection c =
          (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(2000);
      return c.getResponseCode() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** The last lines of the server's log, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ": " + e.getMessage() + ")";
    }
  }

  /** Stops the server and its process tree, and deletes the objects it stored. */
  @Override
  public void close() {
    kill();
    try (Stream<Path> files = Files.walk(storage)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // nothing to delete
    }
  }

  private void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
