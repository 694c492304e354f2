package io.klio.runtime.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.klio.runtime.message.proto.KlioMessage;
import io.klio.runtime.message.proto.KlioMessage.Metadata.Recipients;
import io.klio.runtime.message.proto.Version;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte-for-byte compatibility with the original Klio: golden encodings from {@code
 * klio-wire-vectors.tsv} (described in {@code klio-wire-vectors.md}).
 */
class WireVectorsTest {

  static final JobRef MY_JOB = new JobRef("my-job", "my-proj");

  /** Every vector in the .tsv, by case name. */
  static Map<String, byte[]> vectors() throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (InputStream in = WireVectorsTest.class.getResourceAsStream("/klio-wire-vectors.tsv")) {
      assertThat(in).as("klio-wire-vectors.tsv on the test classpath").isNotNull();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t");
        out.put(cols[0].trim(), HexFormat.of().parseHex(cols[1].trim()));
      }
    }
    return out;
  }

  /** The message each case describes (klio-wire-vectors.md), built independently of the API. */
  static KlioMessage described(String name) {
    KlioMessage.Builder b = KlioMessage.newBuilder();
    switch (name) {
      case "v2-top-down" -> {
        b.setVersion(Version.V2).getDataBuilder().setElement(ByteString.copyFromUtf8("abc"));
        b.getMetadataBuilder()
            .getIntendedRecipientsBuilder()
            .setAnyone(Recipients.Anyone.getDefaultInstance());
      }
      case "v2-bottom-up" -> {
        b.setVersion(Version.V2).getDataBuilder().setElement(ByteString.copyFromUtf8("abc"));
        b.getMetadataBuilder()
            .getIntendedRecipientsBuilder()
            .getLimitedBuilder()
            .addRecipients(MY_JOB.toProto());
      }
      case "v1-downstream" -> {
        b.setVersion(Version.V1).getDataBuilder().setEntityId("abc");
        b.getMetadataBuilder().addDownstream(MY_JOB.toProto());
      }
      case "v2-payload" -> {
        b.setVersion(Version.V2)
            .getDataBuilder()
            .setElement(ByteString.copyFromUtf8("abc"))
            .setPayload(ByteString.copyFromUtf8("xyz"));
        b.getMetadataBuilder()
            .getIntendedRecipientsBuilder()
            .setAnyone(Recipients.Anyone.getDefaultInstance());
      }
      default -> throw new AssertionError("no description for vector " + name);
    }
    return b.build();
  }

  static Stream<Arguments> cases() throws IOException {
    return vectors().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @Test
  void allDescribedCasesArePresent() throws IOException {
    assertThat(vectors())
        .containsOnlyKeys("v2-top-down", "v2-bottom-up", "v1-downstream", "v2-payload");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void encodesDescribedMessageToGoldenBytes(String name, byte[] golden) {
    assertThat(HexFormat.of().formatHex(KlioMessages.toBytes(described(name))))
        .isEqualTo(HexFormat.of().formatHex(golden));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decodesGoldenBytesToDescribedMessage(String name, byte[] golden) throws Exception {
    assertThat(KlioMessage.parseFrom(golden)).isEqualTo(described(name));
    KlioMessage parsed = KlioMessages.parse(golden);
    assertThat(KlioMessages.elementId(parsed)).isEqualTo("abc");
    // parse only adds data.element to v1 messages; everything else reads back as described
    assertThat(parsed).isEqualTo(KlioMessages.normalize(described(name)));
  }

  @Test
  void factoriesProduceGoldenBytes() throws IOException {
    Map<String, byte[]> v = vectors();
    assertThat(KlioMessages.toBytes(KlioMessages.topDown("abc", false, false)))
        .isEqualTo(v.get("v2-top-down"));
    assertThat(
            KlioMessages.toBytes(KlioMessages.bottomUp("abc", List.of(MY_JOB), null, false, false)))
        .isEqualTo(v.get("v2-bottom-up"));
  }

  @Test
  void decodedFieldsMatchDescriptions() throws Exception {
    Map<String, byte[]> v = vectors();

    KlioMessage topDown = KlioMessages.parse(v.get("v2-top-down"));
    assertThat(topDown.getVersion()).isEqualTo(Version.V2);
    assertThat(topDown.getMetadata().getIntendedRecipients().getRecipientsCase())
        .isEqualTo(Recipients.RecipientsCase.ANYONE);
    assertThat(topDown.getData().getPayload().isEmpty()).isTrue();

    KlioMessage bottomUp = KlioMessages.parse(v.get("v2-bottom-up"));
    Recipients.Limited limited = bottomUp.getMetadata().getIntendedRecipients().getLimited();
    assertThat(limited.getRecipientsList()).extracting(JobRef::of).containsExactly(MY_JOB);
    assertThat(limited.hasTriggerChildrenOf()).isFalse();

    KlioMessage v1 = KlioMessages.parse(v.get("v1-downstream"));
    assertThat(v1.getVersion()).isEqualTo(Version.V1);
    assertThat(v1.getData().getEntityId()).isEqualTo("abc");
    assertThat(v1.getData().getElement().toStringUtf8()).isEqualTo("abc");
    assertThat(v1.getMetadata().getDownstreamList()).extracting(JobRef::of).containsExactly(MY_JOB);

    KlioMessage payload = KlioMessages.parse(v.get("v2-payload"));
    assertThat(payload.getData().getPayload().toStringUtf8()).isEqualTo("xyz");
    assertThat(KlioMessages.elementId(payload)).isEqualTo("abc");
  }

  @Test
  void v1MessageReadAndWrittenStaysReadableByV1Peers() throws Exception {
    byte[] golden = vectors().get("v1-downstream");
    KlioMessage reread = KlioMessage.parseFrom(KlioMessages.toBytes(KlioMessages.parse(golden)));
    assertThat(reread.getVersion()).isEqualTo(Version.V1);
    assertThat(reread.getData().getEntityId()).isEqualTo("abc");
    assertThat(reread.getMetadata().getDownstreamList())
        .extracting(JobRef::of)
        .containsExactly(MY_JOB);
  }
}
