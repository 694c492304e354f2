package io.klio.testsupport;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The real Cloud Pub/Sub emulator of the Google Cloud CLI, started on a free port and stopped with
 * its process tree.
 */
public final class PubsubEmulator implements AutoCloseable {
  private final int port;
  private final Process process;
  private final Path log;

  private PubsubEmulator(int port, Process process, Path log) {
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** The emulator's launcher, or why there is none. */
  public static java.util.Optional<Path> binary(StringBuilder why) {
    String root;
    try {
      Process gcloud =
          new ProcessBuilder("gcloud", "info", "--format=value(installation.sdk_root)")
              .redirectErrorStream(true)
              .start();
      root = new String(gcloud.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!gcloud.waitFor(60, TimeUnit.SECONDS) || gcloud.exitValue() != 0) {
        why.append("`gcloud info` failed: ").append(root);
        return java.util.Optional.empty();
      }
    } catch (IOException e) {
      why.append("gcloud is not installed (").append(e.getMessage()).append(")");
      return java.util.Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      why.append("interrupted");
      return java.util.Optional.empty();
    }
    Path binary = Path.of(root, "platform", "pubsub-emulator", "bin", "cloud-pubsub-emulator");
    if (!Files.isExecutable(binary)) {
      why.append("no Pub/Sub emulator at ").append(binary);
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(binary);
  }

  public static PubsubEmulator start(Path binary, Path log)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process process =
        new ProcessBuilder(binary.toString(), "--host=127.0.0.1", "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PubsubEmulator emulator = new PubsubEmulator(port, process, log);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the emulator exited: " + Files.readString(log));
      }
      if (emulator.answers()) {
        return emulator;
      }
      Thread.sleep(200);
    }
    emulator.close();
    throw new IOException("the emulator did not answer within 60 s: " + Files.readString(log));
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  private boolean answers() {
    try {
      HttpURLConnection c = (HttpURLConnection) new URL(url() + "/").openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(500);
      return c.getResponseCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
