package io.klio.s3;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A key prefix of a test's own in the test bucket, and the Beam options that reach it. */
final class TestBucket {
  static final String BUCKET = "klio-test";

  final S3ProxyServer server;

  /** The prefix, without slashes: {@code s3://klio-test/<prefix>/...}. */
  final String prefix;

  private TestBucket(S3ProxyServer server, String prefix) {
    this.server = server;
    this.prefix = prefix;
  }

  static TestBucket freshPrefix(S3ProxyServer server, String name) {
    return new TestBucket(server, name + "-" + UUID.randomUUID().toString().substring(0, 8));
  }

  /** Creates the bucket; Beam's file system cannot. */
  static void create(S3ProxyServer server) {
    TestBucket bucket = new TestBucket(server, "");
    try (S3Client client = bucket.client()) {
      client.createBucket(b -> b.bucket(BUCKET));
    }
  }

  /** {@code s3://klio-test/<prefix>}, the value of a run's {@code data} variable. */
  String root() {
    return "s3://" + BUCKET + "/" + prefix;
  }

  /** {@code s3://klio-test/<prefix>/<path>}. */
  String url(String path) {
    return "s3://" + BUCKET + "/" + prefix + "/" + path;
  }

  /** The Beam options of a run against the server, with Klio's path-style client. */
  List<String> pipelineArgs() {
    return pipelineArgs(PathStyleS3ClientBuilderFactory.class);
  }

  List<String> pipelineArgs(Class<?> clientFactory) {
    List<String> args = new ArrayList<>();
    args.add("--endpoint=" + server.endpoint());
    args.add("--awsRegion=us-east-1");
    args.add(
        "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\""
            + S3ProxyServer.IDENTITY
            + "\",\"secretAccessKey\":\""
            + S3ProxyServer.CREDENTIAL
            + "\"}");
    args.add("--s3ClientFactoryClass=" + clientFactory.getName());
    return args;
  }

  PipelineOptions options(Class<?> clientFactory) {
    return PipelineOptionsFactory.fromArgs(pipelineArgs(clientFactory).toArray(String[]::new))
        .create();
  }

  /**
   * Points Beam's file systems, and so Klio's {@code Storage}, at the server, counting requests.
   */
  void useForStorage() {
    FileSystems.setDefaultPipelineOptions(options(CountingS3ClientBuilderFactory.class));
  }

  /** A client of the server, for what Beam cannot do (create buckets) and for raw listings. */
  S3Client client() {
    return new PathStyleS3ClientBuilderFactory()
        .createBuilder(options(PathStyleS3ClientBuilderFactory.class).as(S3Options.class))
        .build();
  }

  /** Stores a small object at each of {@code urls} (of this bucket), its own url as content. */
  void put(Collection<String> urls) {
    Map<String, String> contents = new HashMap<>();
    urls.forEach(url -> contents.put(url, url));
    put(contents);
  }

  /** Stores each text at its url (of this bucket), in parallel, one request each. */
  void put(Map<String, String> contents) {
    String start = "s3://" + BUCKET + "/";
    try (S3Client client = client()) {
      contents.entrySet().parallelStream()
          .forEach(
              entry ->
                  client.putObject(
                      b -> b.bucket(BUCKET).key(entry.getKey().substring(start.length())),
                      RequestBody.fromString(entry.getValue())));
    }
  }

  /** Every key under {@code <prefix>/<path>}, relative to the prefix, as the store lists them. */
  List<String> keys(String path) {
    List<String> keys = new ArrayList<>();
    try (S3Client client = client()) {
      ListObjectsV2Request request =
          ListObjectsV2Request.builder().bucket(BUCKET).prefix(prefix + "/" + path).build();
      for (S3Object object : client.listObjectsV2Paginator(request).contents()) {
        keys.add(object.key().substring(prefix.length() + 1));
      }
    }
    return keys;
  }
}
