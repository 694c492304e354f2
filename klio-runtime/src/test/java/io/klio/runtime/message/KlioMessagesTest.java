package io.klio.runtime.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.klio.runtime.message.proto.KlioJob;
import io.klio.runtime.message.proto.KlioMessage;
import io.klio.runtime.message.proto.KlioMessage.Metadata.Recipients;
import io.klio.runtime.message.proto.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.extensions.protobuf.ProtoCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class KlioMessagesTest {

  static final JobRef A = new JobRef("downsample", "proj");
  static final JobRef B = new JobRef("beat-tracking", "proj");
  static final JobRef C = new JobRef("energy", "proj");
  static final JobRef SIBLING = new JobRef("speechiness", "proj");

  private static KlioMessage data(Version version, String entityId, String element) {
    KlioMessage.Builder b = KlioMessage.newBuilder().setVersion(version);
    if (entityId != null) {
      b.getDataBuilder().setEntityId(entityId);
    }
    if (element != null) {
      b.getDataBuilder().setElement(ByteString.copyFromUtf8(element));
    }
    return b.build();
  }

  // ------------------------------------------------------------------------------ v1 compat

  @Test
  void unknownVersionWithOnlyEntityIdBecomesV1WithElement() throws Exception {
    KlioMessage m = KlioMessages.parse(data(Version.UNKNOWN, "track-1", null).toByteArray());
    assertThat(m.getVersion()).isEqualTo(Version.V1);
    assertThat(m.getData().getElement().toStringUtf8()).isEqualTo("track-1");
    assertThat(m.getData().getEntityId()).isEqualTo("track-1");
    assertThat(KlioMessages.elementId(m)).isEqualTo("track-1");
  }

  @Test
  void unknownVersionWithOnlyElementBecomesV2() throws Exception {
    KlioMessage m = KlioMessages.parse(data(Version.UNKNOWN, null, "track-1").toByteArray());
    assertThat(m.getVersion()).isEqualTo(Version.V2);
    assertThat(m.getData().getEntityId()).isEmpty();
    assertThat(KlioMessages.elementId(m)).isEqualTo("track-1");
  }

  @Test
  void unknownVersionWithNeitherBecomesV1ButHasNoElementId() {
    KlioMessage m = KlioMessages.normalize(data(Version.UNKNOWN, null, null));
    assertThat(m.getVersion()).isEqualTo(Version.V1);
    assertThatThrownBy(() -> KlioMessages.elementId(m))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KlioMessages.parse(m.toByteArray()))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("no element id");
  }

  @Test
  void unknownVersionWithBothIsLeftAlone() {
    KlioMessage in = data(Version.UNKNOWN, "x", "y");
    assertThat(KlioMessages.normalize(in)).isEqualTo(in);
  }

  @Test
  void v1WithOnlyEntityIdGetsElement() {
    KlioMessage m = KlioMessages.normalize(data(Version.V1, "x", null));
    assertThat(m.getVersion()).isEqualTo(Version.V1);
    assertThat(m.getData().getElement().toStringUtf8()).isEqualTo("x");
  }

  @Test
  void v2IsLeftAlone() {
    KlioMessage in = data(Version.V2, "x", null);
    assertThat(KlioMessages.normalize(in)).isSameAs(in);
    assertThat(KlioMessages.elementId(in)).isEqualTo("x");
  }

  @Test
  void unrecognizedVersionNumberIsTreatedLikeUnknown() throws Exception {
    byte[] bytes =
        data(Version.UNKNOWN, null, "e").toBuilder().setVersionValue(7).build().toByteArray();
    assertThat(KlioMessages.parse(bytes).getVersion()).isEqualTo(Version.V2);
  }

  @Test
  void unknownFieldsSurviveARoundTrip() throws Exception {
    byte[] known = KlioMessages.toBytes(KlioMessages.topDown("e", false, false));
    // field 15, varint 42: a field some newer peer might add
    byte[] withExtra = Arrays.copyOf(known, known.length + 2);
    withExtra[known.length] = 0x78;
    withExtra[known.length + 1] = 42;
    assertThat(KlioMessages.toBytes(KlioMessages.parse(withExtra))).isEqualTo(withExtra);
  }

  // ---------------------------------------------------------------------------- malformed

  @Test
  void emptyBytesAreMalformed() {
    assertThatThrownBy(() -> KlioMessages.parse(new byte[0]))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("no element id");
  }

  @Test
  void truncatedVectorsAreMalformed() throws Exception {
    for (Map.Entry<String, byte[]> v : WireVectorsTest.vectors().entrySet()) {
      byte[] full = v.getValue();
      for (int len = 1; len < full.length; len++) {
        byte[] cut = Arrays.copyOf(full, len);
        try {
          KlioMessage m = KlioMessages.parse(cut);
          // a cut exactly at a field boundary is a shorter valid message; then it must be whole
          assertThat(KlioMessages.elementId(m)).as("%s cut at %d", v.getKey(), len).isNotEmpty();
        } catch (MalformedMessageException e) {
          assertThat(e.getMessage()).as("%s cut at %d", v.getKey(), len).isNotBlank();
        }
      }
    }
    // cut inside the metadata field: never parses
    assertThatThrownBy(
            () ->
                KlioMessages.parse(
                    Arrays.copyOf(WireVectorsTest.vectors().get("v2-bottom-up"), 10)))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("not a KlioMessage protobuf");
  }

  @Test
  void randomBytesAreMalformedOrAWholeMessageNeverAnotherException() {
    Random random = new Random(20240611);
    int malformed = 0;
    for (int i = 0; i < 5000; i++) {
      byte[] bytes = new byte[random.nextInt(64)];
      random.nextBytes(bytes);
      try {
        KlioMessage m = KlioMessages.parse(bytes);
        assertThat(KlioMessages.elementId(m)).isNotEmpty();
      } catch (MalformedMessageException e) {
        malformed++;
        assertThat(e.getMessage()).isNotBlank();
      }
    }
    assertThat(malformed).isGreaterThan(4000);
  }

  @Test
  void nonUtf8ElementIsMalformed() {
    KlioMessage m =
        KlioMessage.newBuilder()
            .setVersion(Version.V2)
            .setData(
                KlioMessage.Data.newBuilder()
                    .setElement(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xfe})))
            .build();
    assertThatThrownBy(() -> KlioMessages.parse(m.toByteArray()))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("UTF-8");
  }

  // ---------------------------------------------------------------------------- factories

  @Test
  void topDownSetsFlagsAndAnyone() {
    KlioMessage m = KlioMessages.topDown("t", true, true);
    assertThat(m.getVersion()).isEqualTo(Version.V2);
    assertThat(m.getMetadata().getForce()).isTrue();
    assertThat(m.getMetadata().getPing()).isTrue();
    assertThat(m.getMetadata().getIntendedRecipients().hasAnyone()).isTrue();
    assertThat(KlioMessages.elementId(m)).isEqualTo("t");
  }

  @Test
  void bottomUpListsRecipientsAndTrigger() {
    KlioMessage m = KlioMessages.bottomUp("t", List.of(A, B), B, false, false);
    Recipients.Limited limited = m.getMetadata().getIntendedRecipients().getLimited();
    assertThat(limited.getRecipientsList()).extracting(JobRef::of).containsExactly(A, B);
    assertThat(JobRef.of(limited.getTriggerChildrenOf())).isEqualTo(B);
  }

  @Test
  void factoriesRejectEmptyInput() {
    assertThatThrownBy(() -> KlioMessages.topDown("", false, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KlioMessages.bottomUp("t", List.of(), null, false, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------------------- recipients

  @Test
  void anyoneIsForEveryJob() {
    KlioMessage m = KlioMessages.topDown("t", false, false);
    assertThat(KlioMessages.isRecipient(m, A)).isTrue();
    assertThat(KlioMessages.isRecipient(m, SIBLING)).isTrue();
  }

  @Test
  void limitedIsOnlyForListedJobs() {
    KlioMessage m = KlioMessages.bottomUp("t", List.of(A, B), null, false, false);
    assertThat(KlioMessages.isRecipient(m, A)).isTrue();
    assertThat(KlioMessages.isRecipient(m, B)).isTrue();
    assertThat(KlioMessages.isRecipient(m, SIBLING)).isFalse();
    assertThat(KlioMessages.isRecipient(m, new JobRef("downsample", "other-proj"))).isFalse();
  }

  @Test
  void jobsCompareByTheOriginalIdentityString() {
    JobRef ab = new JobRef("c", "a-b");
    JobRef a = new JobRef("b-c", "a");
    assertThat(ab.identity()).isEqualTo("a-b-c");
    assertThat(ab.matches(a.toProto())).isTrue(); // the original's ambiguity, kept
    KlioJob withInputs =
        A.toProto().toBuilder().addInputs(KlioJob.JobInput.newBuilder().setTopic("t")).build();
    assertThat(JobRef.of(withInputs)).isEqualTo(A);
  }

  @Test
  void noRecipientsFollowsV1DownstreamRule() {
    KlioMessage none = data(Version.V2, null, "t");
    assertThat(KlioMessages.isRecipient(none, A)).isTrue();

    KlioMessage v1 =
        none.toBuilder()
            .setVersion(Version.V1)
            .setMetadata(KlioMessage.Metadata.newBuilder().addDownstream(B.toProto()))
            .build();
    assertThat(KlioMessages.isRecipient(v1, B)).isTrue();
    assertThat(KlioMessages.isRecipient(v1, A)).isFalse();
  }

  @Test
  void triggerChildrenOfTurnsTopDownAtThatJobOnly() {
    KlioMessage m = KlioMessages.bottomUp("t", List.of(A, B), B, false, false);
    assertThat(KlioMessages.resumeTopDownAt(m, A)).isSameAs(m);
    KlioMessage atB = KlioMessages.resumeTopDownAt(m, B);
    assertThat(atB.getMetadata().getIntendedRecipients().hasAnyone()).isTrue();
    assertThat(KlioMessages.isRecipient(atB, SIBLING)).isTrue();

    KlioMessage noTrigger = KlioMessages.bottomUp("t", List.of(A), null, false, false);
    assertThat(KlioMessages.resumeTopDownAt(noTrigger, A)).isSameAs(noTrigger);
  }

  @Test
  void requestUpstreamFromTopDownRoutesBackToRequesterOnly() {
    // C (energy) misses its input from B; B misses its input from A.
    KlioMessage toB = KlioMessages.requestUpstream(KlioMessages.topDown("t", false, false), B, C);
    Recipients.Limited l = toB.getMetadata().getIntendedRecipients().getLimited();
    assertThat(l.getRecipientsList()).extracting(JobRef::of).containsExactly(B, C);
    assertThat(JobRef.of(l.getTriggerChildrenOf())).isEqualTo(C);

    KlioMessage toA = KlioMessages.requestUpstream(toB, A, B);
    l = toA.getMetadata().getIntendedRecipients().getLimited();
    assertThat(l.getRecipientsList()).extracting(JobRef::of).containsExactly(B, C, A);
    assertThat(JobRef.of(l.getTriggerChildrenOf())).isEqualTo(C);

    // A's output reaches B (listed, not the trigger: stays limited), not B's sibling
    assertThat(KlioMessages.isRecipient(toA, B)).isTrue();
    assertThat(KlioMessages.isRecipient(toA, SIBLING)).isFalse();
    assertThat(KlioMessages.resumeTopDownAt(toA, B)).isSameAs(toA);
    // B's output reaches C, where top-down resumes
    assertThat(
            KlioMessages.resumeTopDownAt(toA, C).getMetadata().getIntendedRecipients().hasAnyone())
        .isTrue();
  }

  @Test
  void requestAlongARouteAddressesEveryJobOnItAndTurnsTopDownAtTheRequester() {
    // C reads A's output (from = A) through the path A → B → C; B's output exists.
    KlioMessage request =
        KlioMessages.requestAlong(KlioMessages.topDown("t", true, false), List.of(A, B, C));
    Recipients.Limited l = request.getMetadata().getIntendedRecipients().getLimited();
    assertThat(l.getRecipientsList()).extracting(JobRef::of).containsExactly(A, B, C);
    assertThat(JobRef.of(l.getTriggerChildrenOf())).isEqualTo(C);
    assertThat(request.getMetadata().getForce()).isTrue();

    // A's answer reaches B, which passes it on unchanged; B's siblings drop it.
    assertThat(KlioMessages.isRecipient(request, B)).isTrue();
    assertThat(KlioMessages.isRecipient(request, SIBLING)).isFalse();
    assertThat(KlioMessages.resumeTopDownAt(request, B)).isSameAs(request);
    assertThat(
            KlioMessages.resumeTopDownAt(request, C)
                .getMetadata()
                .getIntendedRecipients()
                .hasAnyone())
        .isTrue();
  }

  @Test
  void requestAlongKeepsABottomUpMessageBottomUp() {
    KlioMessage bottomUp = KlioMessages.bottomUp("t", List.of(C), null, false, false);
    KlioMessage request = KlioMessages.requestAlong(bottomUp, List.of(A, B, C));
    Recipients.Limited l = request.getMetadata().getIntendedRecipients().getLimited();
    assertThat(l.getRecipientsList()).extracting(JobRef::of).containsExactly(C, A, B);
    assertThat(l.hasTriggerChildrenOf()).isFalse();
    assertThat(KlioMessages.resumeTopDownAt(request, C)).isSameAs(request);

    assertThatThrownBy(() -> KlioMessages.requestAlong(bottomUp, List.of(C)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names the ancestor and the requester");
  }

  // ---------------------------------------------------------------------------- audit log

  @Test
  void auditLogCountsVisitsPerJob() {
    Instant t = Instant.parse("2024-06-11T10:15:30.123456789Z");
    KlioMessage m = KlioMessages.topDown("t", false, false);
    assertThat(KlioMessages.visitCount(m, A)).isZero();
    m = KlioMessages.withAudit(m, A, t);
    m = KlioMessages.withAudit(m, B, t);
    m = KlioMessages.withAudit(m, A, t.plusSeconds(1));
    assertThat(KlioMessages.visitCount(m, A)).isEqualTo(2);
    assertThat(KlioMessages.visitCount(m, B)).isEqualTo(1);
    assertThat(KlioMessages.visitCount(m, C)).isZero();
    assertThat(m.getMetadata().getVisitedCount()).isZero();
    var first = m.getMetadata().getJobAuditLog(0);
    assertThat(first.getTimestamp().getSeconds()).isEqualTo(t.getEpochSecond());
    assertThat(first.getTimestamp().getNanos()).isEqualTo(123456789);
    assertThat(JobRef.of(first.getKlioJob())).isEqualTo(A);
  }

  @Test
  void visitedListsEachJobOnce() {
    KlioMessage m = KlioMessages.topDown("t", false, false);
    m = KlioMessages.withVisited(KlioMessages.withVisited(m, A), A);
    m = KlioMessages.withVisited(m, B);
    assertThat(m.getMetadata().getVisitedList()).extracting(JobRef::of).containsExactly(A, B);
  }

  // ---------------------------------------------------------------------------- Beam coder

  @Test
  void roundTripsThroughBeamProtoCoder() throws Exception {
    ProtoCoder<KlioMessage> coder = ProtoCoder.of(KlioMessage.class);
    KlioMessage m =
        KlioMessages.withAudit(
            KlioMessages.bottomUp("t", List.of(A, B), B, true, false), A, Instant.EPOCH);
    assertThat(CoderUtils.decodeFromByteArray(coder, CoderUtils.encodeToByteArray(coder, m)))
        .isEqualTo(m);
    assertThat(CoderUtils.clone(coder, m)).isEqualTo(m);
  }
}
