package io.klio.runtime.provenance;

import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobSpec;
import io.klio.runtime.storage.Locations;
import io.klio.runtime.storage.RequestCounter;
import io.klio.runtime.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provenance tree of one output: its record, and for each input the tree of the output it was
 * read from, or the external data with its version then and now. Each output says whether a run
 * with {@code --stale} would recompute it, and why: by the same rule the run applies, where an
 * output is stale when its record's key is not the one its job would derive now from its inputs,
 * taking for an input that will be recomputed the key it will get.
 */
public final class Lineage {
  private final JobGraph graph;
  private final Map<String, String> variables;
  private final boolean unrecordedAreStale;
  private final Map<String, Node> nodes = new HashMap<>();
  private final Map<String, OutputRecords> listed = new HashMap<>();

  private Lineage(JobGraph graph, Map<String, String> variables, boolean unrecordedAreStale) {
    this.graph = graph;
    this.variables = variables;
    this.unrecordedAreStale = unrecordedAreStale;
  }

  /** The tree of {@code job}'s output for {@code id}, read from the stores now. */
  public static Node of(
      JobGraph graph,
      String job,
      String id,
      Map<String, String> variables,
      boolean unrecordedAreStale)
      throws IOException {
    Locations.checkElementId(id);
    return new Lineage(graph, variables, unrecordedAreStale).node(job, id);
  }

  /** Where an output stands. */
  public enum Status {
    CURRENT("current"),
    STALE("stale"),
    NO_RECORD("no record"),
    MISSING("missing"),
    PENDING("being replaced"),
    UNTRUSTED("untrusted record");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * One output in the tree.
   *
   * @param record the record's contents, if it has one record that can be read
   * @param why what makes it stale, or what is wrong with its records; empty when current
   * @param keyNow the key a run would give the output now
   * @param recomputed whether a run with {@code --stale} would compute the output
   */
  public record Node(
      String job,
      String id,
      String output,
      Status status,
      String why,
      Optional<ProvenanceRecord> record,
      String fingerprintNow,
      String versionNow,
      String keyNow,
      boolean recomputed,
      List<Node> parents,
      List<External> external) {}

  /** External data a job read, with its version when it was read and now. */
  public record External(String parameter, String location, String recorded, String now) {
    public boolean changed() {
      return recorded != null && !recorded.equals(now);
    }
  }

  private Node node(String job, String id) throws IOException {
    Node known = nodes.get(job);
    if (known != null) {
      return known;
    }
    JobSpec spec = graph.job(job);
    String output = Locations.render(spec.output().location(), id, variables);
    boolean exists = Storage.exists(output);
    OutputRecords records = records(output);
    Optional<ProvenanceRecord> record = Optional.empty();
    String unreadable = "";
    Optional<String> recordLocation = RecordStore.recordLocation(output, records);
    if (recordLocation.isPresent()) {
      try (InputStream in = Storage.open(recordLocation.get())) {
        record = Optional.of(ProvenanceRecord.parse(in.readAllBytes()));
      } catch (IOException e) {
        unreadable = "; its record cannot be read: " + e.getMessage();
      }
    }

    List<Node> parents = new ArrayList<>();
    List<External> external = new ArrayList<>();
    List<InputVersion> versionsNow = new ArrayList<>();
    for (InputSpec input : spec.inputs()) {
      String location = Locations.render(input.location(), id, variables);
      String now;
      if (input.fromJob().isPresent()) {
        Node parent = node(input.fromJob().get(), id);
        parents.add(parent);
        now =
            parent.recomputed()
                ? parent.keyNow()
                : records(parent.output()).key().orElse(DerivationKey.UNRECORDED);
      } else {
        now =
            Storage.stamps(List.of(location), RequestCounter.NONE)
                .getOrDefault(location, DerivationKey.MISSING);
        String recorded = record.flatMap(r -> recordedVersion(r, input.parameter())).orElse(null);
        external.add(new External(input.parameter(), location, recorded, now));
      }
      versionsNow.add(
          new InputVersion(input.parameter(), location, input.fromJob().orElse(null), now));
    }
    String keyNow = DerivationKey.of(spec, versionsNow);

    Status status;
    String why = "";
    if (!exists) {
      status = Status.MISSING;
    } else if (records.pending()) {
      status = Status.PENDING;
      why = "a run was replacing it and did not finish";
    } else if (records.isEmpty()) {
      status = Status.NO_RECORD;
      why = unrecordedAreStale ? "no record, and provenance.unrecorded is stale" : "";
    } else if (records.key().isEmpty()) {
      status = Status.UNTRUSTED;
      why =
          records.records().size() > 1
              ? records.records().size() + " records: two runs wrote it at once"
              : "its record cannot be read (a crash while it was written)";
    } else if (records.key().orElseThrow().equals(keyNow)) {
      status = Status.CURRENT;
    } else {
      status = Status.STALE;
      why =
          record.map(r -> whyStale(spec, r, versionsNow, parents)).orElse("its key differs")
              + unreadable;
    }
    boolean recomputed =
        status != Status.CURRENT && (status != Status.NO_RECORD || unrecordedAreStale);
    Node node =
        new Node(
            job,
            id,
            output,
            status,
            why,
            record,
            spec.fingerprint(),
            spec.version(),
            keyNow,
            recomputed,
            parents,
            external);
    nodes.put(job, node);
    return node;
  }

  private OutputRecords records(String output) throws IOException {
    OutputRecords records = listed.get(output);
    if (records == null) {
      records = RecordStore.list(List.of(output), RequestCounter.NONE).get(output);
      listed.put(output, records);
    }
    return records;
  }

  private static Optional<String> recordedVersion(ProvenanceRecord record, String parameter) {
    return record.inputs().stream()
        .filter(input -> input.parameter().equals(parameter))
        .map(InputVersion::version)
        .findFirst();
  }

  /** What differs between the record and now: the code, a version, or which inputs. */
  private static String whyStale(
      JobSpec spec, ProvenanceRecord record, List<InputVersion> now, List<Node> parents) {
    List<String> reasons = new ArrayList<>();
    if (!record.fingerprint().equals(spec.fingerprint())) {
      reasons.add(
          "code changed (fingerprint "
              + shortHash(record.fingerprint())
              + " then, "
              + shortHash(spec.fingerprint())
              + " now)");
    }
    if (!record.version().equals(spec.version())) {
      reasons.add("version '" + record.version() + "' then, '" + spec.version() + "' now");
    }
    for (InputVersion input : now) {
      Optional<String> then = recordedVersion(record, input.parameter());
      if (then.isPresent() && then.get().equals(input.version())) {
        continue;
      }
      if (input.fromJob() == null) {
        reasons.add(
            "input '"
                + input.parameter()
                + "' changed ("
                + then.orElse("not recorded")
                + " then, "
                + input.version()
                + " now)");
      } else {
        boolean parentRecomputed =
            parents.stream().anyMatch(p -> p.job().equals(input.fromJob()) && p.recomputed());
        reasons.add(
            "input '"
                + input.parameter()
                + "' from '"
                + input.fromJob()
                + "' "
                + (parentRecomputed ? "will be recomputed" : "was recomputed since"));
      }
    }
    return reasons.isEmpty() ? "its key differs" : String.join("; ", reasons);
  }

  public static String shortHash(String hash) {
    return hash.isEmpty() ? "(none)" : hash.substring(0, Math.min(12, hash.length()));
  }
}
