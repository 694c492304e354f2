package io.klio.runtime.pubsub;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where the Pub/Sub client library connects: Google Cloud (default credentials), or an emulator
 * over a plaintext channel without credentials. Resolved, first match wins, from an explicit URL
 * ({@code --pubsub-root-url}), Beam's {@code --pubsubRootUrl} option (command line or the {@code
 * pipeline} section of klio.yaml), or the {@code PUBSUB_EMULATOR_HOST} environment variable (the
 * client libraries' convention). An {@code http://} URL means an emulator; {@code https://} or
 * nothing means Google Cloud.
 */
public final class PubsubEndpoint implements AutoCloseable {
  private static final String CLOUD_ROOT_URL = "https://pubsub.googleapis.com";

  private final String description;
  private final ManagedChannel channel; // null: Google Cloud through the library's defaults

  private PubsubEndpoint(String description, ManagedChannel channel) {
    this.description = description;
    this.channel = channel;
  }

  /**
   * The endpoint for an explicit URL (may be null), the Beam arguments and the environment.
   *
   * @param pipelineArgs Beam arguments ({@code --key=value}), config and command line merged
   */
  public static PubsubEndpoint resolve(String explicitUrl, List<String> pipelineArgs) {
    Optional<String> url =
        Optional.ofNullable(explicitUrl)
            .or(() -> option(pipelineArgs, "pubsubRootUrl"))
            .or(
                () ->
                    Optional.ofNullable(System.getenv("PUBSUB_EMULATOR_HOST"))
                        .filter(h -> !h.isBlank())
                        .map(h -> "http://" + h));
    if (url.isEmpty() || url.get().startsWith("https://")) {
      if (url.isPresent() && !url.get().replaceAll("/+$", "").equals(CLOUD_ROOT_URL)) {
        throw new IllegalArgumentException(
            "Pub/Sub URL "
                + url.get()
                + ": only "
                + CLOUD_ROOT_URL
                + " or an http:// emulator"
                + " URL is supported");
      }
      return new PubsubEndpoint("Google Cloud Pub/Sub", null);
    }
    URI uri;
    try {
      uri = URI.create(url.get());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Pub/Sub URL " + url.get() + ": " + e.getMessage());
    }
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
      throw new IllegalArgumentException(
          "Pub/Sub URL " + url.get() + ": an emulator URL looks like http://127.0.0.1:8085");
    }
    String target = uri.getHost() + ":" + uri.getPort();
    return new PubsubEndpoint(
        "Pub/Sub emulator at " + target,
        ManagedChannelBuilder.forTarget(target).usePlaintext().build());
  }

  /** Whether an endpoint is named anywhere (so that {@code verify} checks resources by itself). */
  public static boolean configured(String explicitUrl, List<String> pipelineArgs) {
    return explicitUrl != null
        || option(pipelineArgs, "pubsubRootUrl").isPresent()
        || Optional.ofNullable(System.getenv("PUBSUB_EMULATOR_HOST"))
            .filter(h -> !h.isBlank())
            .isPresent();
  }

  /** The last value of {@code --name=value} among {@code args}. */
  public static Optional<String> option(List<String> args, String name) {
    String prefix = "--" + name + "=";
    Optional<String> value = Optional.empty();
    for (String arg : args) {
      if (arg.startsWith(prefix)) {
        value = Optional.of(arg.substring(prefix.length()));
      }
    }
    return value;
  }

  public boolean isEmulator() {
    return channel != null;
  }

  @Override
  public String toString() {
    return description;
  }

  public Publisher publisher(String topic) throws IOException {
    Publisher.Builder builder = Publisher.newBuilder(TopicName.parse(topic));
    if (channel != null) {
      builder.setChannelProvider(channelProvider()).setCredentialsProvider(noCredentials());
    }
    return builder.build();
  }

  public TopicAdminClient topicAdmin() throws IOException {
    TopicAdminSettings.Builder settings = TopicAdminSettings.newBuilder();
    if (channel != null) {
      settings
          .setTransportChannelProvider(channelProvider())
          .setCredentialsProvider(noCredentials());
    }
    return TopicAdminClient.create(settings.build());
  }

  public SubscriptionAdminClient subscriptionAdmin() throws IOException {
    SubscriptionAdminSettings.Builder settings = SubscriptionAdminSettings.newBuilder();
    if (channel != null) {
      settings
          .setTransportChannelProvider(channelProvider())
          .setCredentialsProvider(noCredentials());
    }
    return SubscriptionAdminClient.create(settings.build());
  }

  private TransportChannelProvider channelProvider() {
    return FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
  }

  private static CredentialsProvider noCredentials() {
    return NoCredentialsProvider.create();
  }

  @Override
  public void close() {
    if (channel != null) {
      channel.shutdown();
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
