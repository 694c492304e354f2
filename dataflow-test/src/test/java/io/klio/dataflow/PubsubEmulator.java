package io.klio.dataflow;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The Google Cloud CLI's Pub/Sub emulator on a free loopback port, stopped with its processes. */
final class PubsubEmulator implements AutoCloseable {
  private final int port;
  private final Process process;

  private PubsubEmulator(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** The emulator's launcher, if the Google Cloud CLI and its emulator component are installed. */
  static Optional<Path> binary() {
    try {
      Process gcloud =
          new ProcessBuilder("gcloud", "info", "--format=value(installation.sdk_root)").start();
      String root = new String(gcloud.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!gcloud.waitFor(60, TimeUnit.SECONDS) || gcloud.exitValue() != 0) {
        return Optional.empty();
      }
      Path binary = Path.of(root, "platform", "pubsub-emulator", "bin", "cloud-pubsub-emulator");
      return Files.isExecutable(binary) ? Optional.of(binary) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  static PubsubEmulator start(Path binary, Path log) throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process process =
        new ProcessBuilder(binary.toString(), "--host=127.0.0.1", "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PubsubEmulator emulator = new PubsubEmulator(port, process);
    for (int i = 0; i < 300 && process.isAlive(); i++) {
      if (emulator.answers()) {
        return emulator;
      }
      Thread.sleep(200);
    }
    emulator.close();
    throw new IOException("the Pub/Sub emulator did not start: " + Files.readString(log));
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  private boolean answers() {
    try {
      HttpURLConnection connection = (HttpURLConnection) new URL(url() + "/").openConnection();
      connection.setConnectTimeout(500);
      connection.setReadTimeout(500);
      return connection.getResponseCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
