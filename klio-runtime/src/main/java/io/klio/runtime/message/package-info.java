/**
 * The message protocol: Spotify Klio's {@code KlioMessage} protobuf, byte for byte.
 *
 * <p>Klio jobs announce work on Pub/Sub (or in files of events) as serialized {@link
 * io.klio.runtime.message.proto.KlioMessage}s. The schema ({@code src/main/proto/klio.proto}) is
 * the original Klio's, with the same message names, nesting, field names and numbers and no proto
 * {@code package}, so Java and Python Klio jobs can share topics in both directions. Golden
 * encodings from the original are checked in the tests ({@code klio-wire-vectors.tsv}).
 *
 * <ul>
 *   <li>{@link io.klio.runtime.message.KlioMessages#parse} reads bytes and applies the original's
 *       v1 compatibility rules ({@code entity_id} → {@code element}); bad bytes raise a checked
 *       {@link io.klio.runtime.message.MalformedMessageException} with the reason, for the
 *       dead-letter output.
 *   <li>The element id is {@code data.element} (UTF-8); {@code data.payload} is opaque.
 *   <li>Routing: {@code intended_recipients.anyone} is top-down (every job that receives it handles
 *       it); {@code limited} is bottom-up (only the listed jobs), turning top-down again at {@code
 *       trigger_children_of}. v1 messages route by {@code downstream}.
 *   <li>Every job appends itself to {@code job_audit_log}; the count of a job's entries guards
 *       against cycles.
 *   <li>Jobs are identified by {@code gcp_project + "-" + job_name} ({@link
 *       io.klio.runtime.message.JobRef}).
 *   <li>New messages are written as v2; messages read as v1 are passed on as they are (still
 *       readable by v1 peers). Unknown fields survive a Java hop.
 * </ul>
 *
 * <p>In Beam, {@code ProtoCoder.of(KlioMessage.class)} (beam-sdks-java-extensions-protobuf) is the
 * coder for messages. Nothing in this package depends on Beam.
 */
package io.klio.runtime.message;
