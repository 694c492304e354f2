package io.klio.runtime.message;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.klio.runtime.message.proto.KlioJob;
import io.klio.runtime.message.proto.KlioJobAuditLogItem;
import io.klio.runtime.message.proto.KlioMessage;
import io.klio.runtime.message.proto.KlioMessage.Metadata.Recipients;
import io.klio.runtime.message.proto.Version;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Reading, writing, building and routing {@link KlioMessage}s the way the original (Python) Klio
 * does, so that Java and Python jobs can share Pub/Sub topics.
 *
 * <p>Exists to keep every protocol rule in one place: the v1 compatibility rules on read, how a
 * top-down or bottom-up message looks, who is a recipient, how the audit log is kept. The job
 * runtime uses only these methods and never interprets the proto fields itself. All methods are
 * pure: messages are immutable and every "with" method returns a new message.
 *
 * <p>Deliberate differences from the original, all in {@link #isRecipient} and {@link
 * #requestAlong}, are documented on those methods.
 */
public final class KlioMessages {
  /**
   * The most fields a message read by {@link #parse} may hold, at all depths: far more than any
   * DAG's jobs and audit entries, far less than the objects that would make parsing cost memory out
   * of proportion to the bytes.
   */
  public static final int MAX_FIELDS = 100_000;

  private KlioMessages() {}

  // ---------------------------------------------------------------------------------- reading

  /**
   * Parses the bytes of a Pub/Sub message or event file line into a message, {@linkplain #normalize
   * normalised} for v1 compatibility.
   *
   * <p>Fields this schema does not know are kept and written back out unchanged by {@link
   * #toBytes}, so newer peers' additions survive a Java hop.
   *
   * <p>The bytes' fields are counted before anything is built: more than {@link #MAX_FIELDS} are
   * refused, so that what parsing allocates stays in proportion to the bytes.
   *
   * @throws MalformedMessageException if the bytes are not a {@code KlioMessage} protobuf, if they
   *     hold more than {@link #MAX_FIELDS} fields, if the message has no element id (neither {@code
   *     data.element} nor {@code data.entity_id}), or if {@code data.element} is not UTF-8; the
   *     exception's message is the reason
   */
  public static KlioMessage parse(byte[] bytes) throws MalformedMessageException {
    Objects.requireNonNull(bytes, "bytes");
    KlioMessage parsed;
    try {
      FieldBudget.check(bytes, KlioMessage.getDescriptor(), MAX_FIELDS);
      parsed = KlioMessage.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedMessageException(
          "not a KlioMessage protobuf (" + bytes.length + " bytes): " + e.getMessage(), e);
    }
    KlioMessage message = normalize(parsed);
    ByteString element = message.getData().getElement();
    if (element.isEmpty() && message.getData().getEntityId().isEmpty()) {
      throw new MalformedMessageException(
          "KlioMessage carries no element id: data.element and data.entity_id are both empty");
    }
    if (!element.isEmpty() && decodeUtf8(element) == null) {
      throw new MalformedMessageException("KlioMessage data.element is not valid UTF-8");
    }
    return message;
  }

  /**
   * Applies the original Klio's v1 compatibility rules (its {@code _handle_msg_compat}):
   *
   * <ul>
   *   <li>version {@code V1}: if only {@code entity_id} is set, {@code element := utf8(entity_id)};
   *   <li>version {@code V2}: unchanged;
   *   <li>any other version ({@code UNKNOWN}, or a number this schema does not know): only {@code
   *       entity_id} → {@code V1} and {@code element := utf8(entity_id)}; only {@code element} →
   *       {@code V2}; neither → {@code V1}; both → unchanged.
   * </ul>
   *
   * <p>{@code entity_id} is kept, so a normalised v1 message still reads as v1 to v1 peers. {@link
   * #parse} already applies this; call it directly only on messages obtained otherwise.
   */
  public static KlioMessage normalize(KlioMessage message) {
    KlioMessage.Data data = message.getData();
    boolean hasEntityId = !data.getEntityId().isEmpty();
    boolean hasElement = !data.getElement().isEmpty();
    int version = message.getVersionValue();
    if (version == Version.V2_VALUE) {
      return message;
    }
    KlioMessage.Builder b = message.toBuilder();
    if (hasEntityId && !hasElement) {
      b.getDataBuilder().setElement(ByteString.copyFromUtf8(data.getEntityId()));
    }
    if (version != Version.V1_VALUE) {
      if (!hasElement) {
        b.setVersion(Version.V1); // only entity_id, or neither
      } else if (!hasEntityId) {
        b.setVersion(Version.V2); // only element
      }
    }
    return b.build();
  }

  /**
   * The message's element id: {@code data.element} decoded as UTF-8, or, when that is empty, {@code
   * data.entity_id} (a v1 message that was not {@linkplain #normalize normalised}).
   *
   * @throws IllegalArgumentException if the message has no element id or {@code data.element} is
   *     not UTF-8 (never for messages returned by {@link #parse} or the factories here)
   */
  public static String elementId(KlioMessage message) {
    KlioMessage.Data data = message.getData();
    if (!data.getElement().isEmpty()) {
      String id = decodeUtf8(data.getElement());
      if (id == null) {
        throw new IllegalArgumentException("KlioMessage data.element is not valid UTF-8");
      }
      return id;
    }
    if (!data.getEntityId().isEmpty()) {
      return data.getEntityId();
    }
    throw new IllegalArgumentException("KlioMessage carries no element id");
  }

  // ---------------------------------------------------------------------------------- writing

  /**
   * The message's wire bytes, as the original writes them ({@code SerializeToString}): fields in
   * field-number order, unknown fields last.
   *
   * <p>There is no separate v1 writer, because the original has none: it writes every message it
   * handles as it is, and a message read as v1 keeps {@code version = V1} and its {@code entity_id}
   * (plus the {@code element} added on read), so v1 peers still read it. New messages made here are
   * always v2.
   */
  public static byte[] toBytes(KlioMessage message) {
    return message.toByteArray();
  }

  // -------------------------------------------------------------------------------- factories

  /**
   * A new v2 top-down message: every job that receives it handles it ({@code
   * intended_recipients.anyone}, present on the wire even though empty, as the original's {@code
   * klio message publish} writes it).
   *
   * @param elementId the element id, non-empty; stored UTF-8 in {@code data.element}
   * @param force compute even if the output exists
   * @param ping pass the message along the DAG without doing work
   */
  public static KlioMessage topDown(String elementId, boolean force, boolean ping) {
    KlioMessage.Builder b = newV2(elementId, force, ping);
    b.getMetadataBuilder()
        .getIntendedRecipientsBuilder()
        .setAnyone(Recipients.Anyone.getDefaultInstance());
    return b.build();
  }

  /**
   * A new v2 bottom-up message: only the listed jobs handle it ({@code
   * intended_recipients.limited}).
   *
   * @param elementId the element id, non-empty; stored UTF-8 in {@code data.element}
   * @param recipients the jobs that handle the message, in order; not empty
   * @param triggerChildrenOf the job at which the message turns top-down again (its output message
   *     goes to all its children), or {@code null} for a purely bottom-up message
   * @param force compute even if the output exists
   * @param ping pass the message along without doing work
   */
  public static KlioMessage bottomUp(
      String elementId,
      List<JobRef> recipients,
      JobRef triggerChildrenOf,
      boolean force,
      boolean ping) {
    Objects.requireNonNull(recipients, "recipients");
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("a bottom-up message needs at least one recipient");
    }
    KlioMessage.Builder b = newV2(elementId, force, ping);
    Recipients.Limited.Builder limited =
        b.getMetadataBuilder().getIntendedRecipientsBuilder().getLimitedBuilder();
    for (JobRef job : recipients) {
      limited.addRecipients(job.toProto());
    }
    if (triggerChildrenOf != null) {
      limited.setTriggerChildrenOf(triggerChildrenOf.toProto());
    }
    return b.build();
  }

  private static KlioMessage.Builder newV2(String elementId, boolean force, boolean ping) {
    Objects.requireNonNull(elementId, "elementId");
    if (elementId.isEmpty()) {
      throw new IllegalArgumentException("elementId must not be empty");
    }
    KlioMessage.Builder b = KlioMessage.newBuilder().setVersion(Version.V2);
    b.getDataBuilder().setElement(ByteString.copyFromUtf8(elementId));
    b.getMetadataBuilder().setForce(force).setPing(ping);
    return b;
  }

  // ---------------------------------------------------------------------------------- routing

  /**
   * Whether {@code job} should handle the message.
   *
   * <ul>
   *   <li>{@code intended_recipients.anyone}: yes (top-down).
   *   <li>{@code intended_recipients.limited}: only if {@code job} is among {@code
   *       limited.recipients} (compared by {@link JobRef#identity()}).
   *   <li>neither set: the original's v1 rule on {@code metadata.downstream}: yes if it is empty
   *       (top-down), else only if {@code job} is listed in it.
   * </ul>
   *
   * <p>Difference from the original: its v2 recipient check drops a message with no {@code
   * intended_recipients} (logging a warning and asking in a comment whether top-down would be the
   * better reading); its v1 check treats empty {@code downstream} as top-down. Klio for Java
   * applies the v1 rule to both versions, so a message from a publisher that does not set
   * recipients (a non-Klio publisher, a v1 job) is handled top-down instead of being dropped.
   */
  public static boolean isRecipient(KlioMessage message, JobRef job) {
    Objects.requireNonNull(job, "job");
    KlioMessage.Metadata md = message.getMetadata();
    Recipients r = md.getIntendedRecipients();
    switch (r.getRecipientsCase()) {
      case ANYONE:
        return true;
      case LIMITED:
        return containsJob(r.getLimited().getRecipientsList(), job);
      default:
        return md.getDownstreamCount() == 0 || containsJob(md.getDownstreamList(), job);
    }
  }

  /**
   * The message to continue with once {@code job} has accepted it: if it is bottom-up and {@code
   * job} is its {@code trigger_children_of}, the same message with {@code intended_recipients} set
   * to {@code anyone} (so that the job's output runs its children top-down again); otherwise the
   * message unchanged. As the original's {@code KlioCheckRecipients} does.
   */
  public static KlioMessage resumeTopDownAt(KlioMessage message, JobRef job) {
    Recipients r = message.getMetadata().getIntendedRecipients();
    if (r.getRecipientsCase() != Recipients.RecipientsCase.LIMITED
        || !r.getLimited().hasTriggerChildrenOf()
        || !job.matches(r.getLimited().getTriggerChildrenOf())) {
      return message;
    }
    KlioMessage.Builder b = message.toBuilder();
    b.getMetadataBuilder()
        .getIntendedRecipientsBuilder()
        .setAnyone(Recipients.Anyone.getDefaultInstance());
    return b.build();
  }

  /**
   * The message that {@code current} sends to {@code parent} to have a missing input produced
   * (bottom-up), so that only {@code parent} handles it and the result comes back to {@code
   * current} only: {@link #requestAlong} with the route {@code [parent, current]}.
   */
  public static KlioMessage requestUpstream(KlioMessage message, JobRef parent, JobRef current) {
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(current, "current");
    return requestAlong(message, List.of(parent, current));
  }

  /**
   * The message that the last job of {@code route} (the requester) sends up the DAG to have the
   * output of the first job of {@code route} (an ancestor) produced. {@code route} is a DAG path
   * from the ancestor down to the requester; every job on it becomes a recipient, so that the
   * ancestor computes, each job in between takes the answer and passes it on (computing first if
   * its own output is missing, which is what bottom-up means), and the answer arrives back at the
   * requester. Jobs off the route drop the message.
   *
   * <ul>
   *   <li>A top-down message (or one with no recipients) becomes {@code limited} with the route's
   *       jobs as recipients and {@code trigger_children_of} = the requester, as the original's
   *       {@code KlioTriggerUpstream} writes it for a parent: when the answer reaches the
   *       requester, the message turns top-down again there.
   *   <li>A message already {@code limited} gets the route's jobs appended (those not yet listed)
   *       and keeps its {@code trigger_children_of}. This follows the comment in the original
   *       klio.proto; the original's transform instead overwrites {@code trigger_children_of} with
   *       the requester, which would wake the requester's other children when a request is nested
   *       (child asks parent asks grandparent).
   * </ul>
   *
   * @param route the ancestor first, the requester last; at least two jobs
   */
  public static KlioMessage requestAlong(KlioMessage message, List<JobRef> route) {
    Objects.requireNonNull(route, "route");
    if (route.size() < 2) {
      throw new IllegalArgumentException(
          "a request route names the ancestor and the requester, got " + route);
    }
    KlioMessage.Builder b = message.toBuilder();
    Recipients.Builder r = b.getMetadataBuilder().getIntendedRecipientsBuilder();
    if (r.getRecipientsCase() == Recipients.RecipientsCase.LIMITED) {
      Recipients.Limited.Builder limited = r.getLimitedBuilder();
      for (JobRef job : route) {
        if (!containsJob(limited.getRecipientsList(), job)) {
          limited.addRecipients(job.toProto());
        }
      }
    } else {
      Recipients.Limited.Builder limited = Recipients.Limited.newBuilder();
      route.forEach(job -> limited.addRecipients(job.toProto()));
      r.setLimited(limited.setTriggerChildrenOf(route.get(route.size() - 1).toProto()));
    }
    return b.build();
  }

  // -------------------------------------------------------------------------------- audit log

  /**
   * How many entries of the message's {@code job_audit_log} name {@code job}: how often the message
   * has already been handled by it (the cycle guard's measure).
   */
  public static int visitCount(KlioMessage message, JobRef job) {
    int n = 0;
    for (KlioJobAuditLogItem item : message.getMetadata().getJobAuditLogList()) {
      if (job.matches(item.getKlioJob())) {
        n++;
      }
    }
    return n;
  }

  /**
   * The message with an entry for {@code job} at {@code at} appended to {@code job_audit_log}, as
   * the original's {@code KlioUpdateAuditLog} does when a job receives a message. Only the audit
   * log changes; see {@link #withVisited} for {@code visited}.
   */
  public static KlioMessage withAudit(KlioMessage message, JobRef job, Instant at) {
    Objects.requireNonNull(at, "at");
    KlioJobAuditLogItem item =
        KlioJobAuditLogItem.newBuilder()
            .setTimestamp(
                Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
            .setKlioJob(job.toProto())
            .build();
    KlioMessage.Builder b = message.toBuilder();
    b.getMetadataBuilder().addJobAuditLog(item);
    return b.build();
  }

  /**
   * The message with {@code job} appended to {@code metadata.visited} unless already there ({@code
   * visited} lists unique jobs). The original's current code no longer writes {@code visited} (its
   * earlier v2 handler appended the job after processing); it is offered for jobs that want to keep
   * the field meaningful for older readers.
   */
  public static KlioMessage withVisited(KlioMessage message, JobRef job) {
    if (containsJob(message.getMetadata().getVisitedList(), job)) {
      return message;
    }
    KlioMessage.Builder b = message.toBuilder();
    b.getMetadataBuilder().addVisited(job.toProto());
    return b.build();
  }

  // ------------------------------------------------------------------------------- describing

  /**
   * The message for people, one field a line: version, element id, force, ping, recipients (with
   * {@code trigger_children_of}), v1 {@code downstream} and {@code visited}, and the audit log,
   * oldest first. Jobs are written by {@link JobRef#identity()}.
   */
  public static String describe(KlioMessage message) {
    KlioMessage.Metadata md = message.getMetadata();
    StringBuilder text = new StringBuilder();
    text.append("version:    ").append(message.getVersion()).append('\n');
    String element;
    try {
      element = elementId(message);
    } catch (IllegalArgumentException e) {
      element = "(" + e.getMessage() + ")";
    }
    text.append("element:    ").append(element).append('\n');
    text.append("force:      ").append(md.getForce()).append('\n');
    text.append("ping:       ").append(md.getPing()).append('\n');
    Recipients r = md.getIntendedRecipients();
    text.append("recipients: ")
        .append(
            switch (r.getRecipientsCase()) {
              case ANYONE -> "anyone (top-down)";
              case LIMITED ->
                  "limited to "
                      + jobs(r.getLimited().getRecipientsList())
                      + (r.getLimited().hasTriggerChildrenOf()
                          ? ", top-down again from "
                              + JobRef.of(r.getLimited().getTriggerChildrenOf())
                          : "");
              default -> "not set (v1 rule: downstream)";
            })
        .append('\n');
    if (md.getDownstreamCount() > 0) {
      text.append("downstream: ").append(jobs(md.getDownstreamList())).append('\n');
    }
    if (md.getVisitedCount() > 0) {
      text.append("visited:    ").append(jobs(md.getVisitedList())).append('\n');
    }
    text.append("audit log:  ").append(md.getJobAuditLogCount() == 0 ? "(empty)" : "");
    for (KlioJobAuditLogItem item : md.getJobAuditLogList()) {
      Timestamp at = item.getTimestamp();
      text.append("\n  ")
          .append(Instant.ofEpochSecond(at.getSeconds(), at.getNanos()))
          .append("  ")
          .append(JobRef.of(item.getKlioJob()));
    }
    return text.append('\n').toString();
  }

  private static String jobs(List<KlioJob> jobs) {
    return String.join(", ", jobs.stream().map(job -> JobRef.of(job).identity()).toList());
  }

  // ---------------------------------------------------------------------------------- helpers

  private static boolean containsJob(List<KlioJob> jobs, JobRef job) {
    for (KlioJob j : jobs) {
      if (job.matches(j)) {
        return true;
      }
    }
    return false;
  }

  /** Strict UTF-8 decoding; {@code null} if the bytes are not UTF-8. */
  private static String decodeUtf8(ByteString bytes) {
    return bytes.isValidUtf8() ? bytes.toStringUtf8() : null;
  }
}
