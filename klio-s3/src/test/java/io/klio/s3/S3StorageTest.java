package io.klio.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klio.codec.Codec;
import io.klio.runtime.codec.Codecs;
import io.klio.runtime.storage.Storage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Klio's storage contract on S3, through {@code Storage}, against a real S3-API server. */
@ExtendWith(S3ProxyExtension.class)
class S3StorageTest {
  private final TestBucket bucket;

  S3StorageTest(TestBucket bucket) {
    this.bucket = bucket;
    bucket.useForStorage();
  }

  @Test
  void anObjectWrittenExistsAndReadsBack() throws IOException {
    String location = bucket.url("out/hello.txt");
    assertThat(Storage.exists(location)).isFalse();

    CountingS3ClientBuilderFactory.reset();
    AtomicLong counted = new AtomicLong();
    Storage.writeAtomically(location, out -> out.write(utf8("hello")), counted::addAndGet);

    // Klio counts upload, copy and delete; Beam's S3 file system sends a multipart upload of one
    // part, and reads the temporary object's metadata before copying it.
    assertThat(counted).hasValue(3);
    assertThat(CountingS3ClientBuilderFactory.sent())
        .isEqualTo(
            Map.of(
                "CreateMultipartUpload",
                1L,
                "UploadPart",
                1L,
                "CompleteMultipartUpload",
                1L,
                "HeadObject",
                1L,
                "CopyObject",
                1L,
                "DeleteObjects",
                1L));
    assertThat(Storage.exists(location)).isTrue();
    assertThat(read(location)).isEqualTo("hello");
    assertThat(bucket.keys("")).containsExactly("out/hello.txt");
  }

  @Test
  void aRewriteReplacesTheWholeObject() throws IOException {
    String location = bucket.url("out/value.txt");
    Storage.writeAtomically(location, out -> out.write(utf8("a long first version")));
    Storage.writeAtomically(location, out -> out.write(utf8("short")));
    assertThat(read(location)).isEqualTo("short");
    assertThat(bucket.keys("")).containsExactly("out/value.txt");
  }

  @Test
  void aWriterThatFailsHalfwayLeavesNothingBehind() {
    String location = bucket.url("out/broken.bin");
    CountingS3ClientBuilderFactory.reset();
    assertThatThrownBy(
            () ->
                Storage.writeAtomically(
                    location,
                    out -> {
                      out.write(new byte[1 << 20]);
                      throw new IOException("codec on fire");
                    }))
        .hasMessage("codec on fire");
    // The value is encoded locally first, so a failing codec never reaches the store.
    assertThat(CountingS3ClientBuilderFactory.sent()).isEmpty();
    assertThat(bucket.keys("")).isEmpty();
  }

  @Test
  void aMissingObjectIsAMissingFile() {
    assertThatThrownBy(() -> Storage.open(bucket.url("out/nothing.txt")))
        .isInstanceOf(FileNotFoundException.class);
  }

  @Test
  void aLargeObjectRoundTripsThroughAPathInput(@TempDir Path dir) throws IOException {
    // More than Beam's 64 MiB upload buffer, so the object goes up in two parts.
    long size = 72L << 20;
    Path original = dir.resolve("original.bin");
    try (OutputStream out = Files.newOutputStream(original)) {
      LargeObjectWriter.write(size, out);
    }
    String location = bucket.url("large/object.bin");
    Codec<Path> files = Codecs.localFile();

    CountingS3ClientBuilderFactory.reset();
    Storage.writeAtomically(location, out -> files.encode(original, out));
    assertThat(CountingS3ClientBuilderFactory.sent()).containsEntry("UploadPart", 2L);

    Path copy;
    try (InputStream in = Storage.open(location)) {
      copy = files.decode(in);
    }
    try {
      assertThat(Files.size(copy)).isEqualTo(size);
      assertThat(Files.mismatch(original, copy)).isEqualTo(-1L);
    } finally {
      Files.delete(copy);
    }
    assertThat(bucket.keys("large/")).containsExactly("large/object.bin");
  }

  private static String read(String location) throws IOException {
    try (InputStream in = Storage.open(location)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
