package io.klio.s3;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The path-style client, counting every HTTP request it sends per S3 operation, so that tests can
 * compare Klio's {@code storage-requests} counter with what really went over the wire. With the
 * system property {@code klio.test.printRequests=true} it also prints {@code request <operation>}
 * for each, so that a test can follow a child JVM's upload.
 */
public final class CountingS3ClientBuilderFactory implements S3ClientBuilderFactory {
  private static final Map<String, AtomicLong> SENT = new ConcurrentHashMap<>();

  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    S3ClientBuilder builder = new PathStyleS3ClientBuilderFactory().createBuilder(options);
    ClientOverrideConfiguration configured = builder.overrideConfiguration();
    return builder.overrideConfiguration(
        configured.toBuilder().addExecutionInterceptor(new Counter()).build());
  }

  /**
   * Requests sent since the last reset, per operation ({@code HeadObject}, {@code ListObjectsV2},
   * ...).
   */
  static Map<String, Long> sent() {
    Map<String, Long> sent = new TreeMap<>();
    SENT.forEach((operation, count) -> sent.put(operation, count.get()));
    return sent;
  }

  static long total() {
    return SENT.values().stream().mapToLong(AtomicLong::get).sum();
  }

  static void reset() {
    SENT.clear();
  }

  private static final class Counter implements ExecutionInterceptor {
    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      SENT.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
      if (Boolean.getBoolean("klio.test.printRequests")) {
        System.out.println("request " + operation);
        System.out.flush();
      }
    }
  }
}
