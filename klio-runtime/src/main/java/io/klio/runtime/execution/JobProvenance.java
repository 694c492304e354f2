package io.klio.runtime.execution;

import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobSpec;
import io.klio.runtime.provenance.DerivationKey;
import io.klio.runtime.provenance.InputVersion;
import io.klio.runtime.provenance.OutputRecords;
import io.klio.runtime.storage.Locations;
import io.klio.runtime.storage.RequestCounter;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One job's view of provenance: what an element's derivation key and staleness depend on (the
 * records of its output and of its inputs from other jobs, the stamps of its external inputs), and
 * what they come to, given what its batch has loaded.
 */
final class JobProvenance implements Serializable {
  private static final long serialVersionUID = 1L;

  private final JobSpec spec;
  private final TreeMap<String, String> variables;

  JobProvenance(JobSpec spec, Map<String, String> variables) {
    this.spec = spec;
    this.variables = new TreeMap<>(variables);
  }

  /** Where an existing output stands. */
  enum State {
    /** Its record's key is the one the job would derive now. */
    CURRENT,
    /** Another key, or no record to trust: being replaced, or written by two runs at once. */
    STALE,
    /** No record at all. */
    NO_RECORD
  }

  /** Loads into {@code provenance}, for all the elements at once, what their keys depend on. */
  void load(Collection<ElementWork> elements, BatchProvenance provenance, RequestCounter requests)
      throws IOException {
    List<String> outputs = new ArrayList<>();
    List<String> external = new ArrayList<>();
    for (ElementWork element : elements) {
      outputs.add(element.output);
      for (InputSpec input : spec.inputs()) {
        (input.fromJob().isPresent() ? outputs : external).add(location(input, element));
      }
    }
    provenance.loadRecords(outputs, requests);
    provenance.loadStamps(external, requests);
  }

  /** The element's inputs and the versions their data has now, as its batch knows them. */
  List<InputVersion> inputVersions(ElementWork element, BatchProvenance provenance) {
    List<InputVersion> versions = new ArrayList<>();
    for (InputSpec input : spec.inputs()) {
      String location = location(input, element);
      String version =
          input.fromJob().isPresent()
              ? provenance.outputVersion(location)
              : provenance.externalVersion(location);
      versions.add(
          new InputVersion(input.parameter(), location, input.fromJob().orElse(null), version));
    }
    return versions;
  }

  /** Where the existing output of {@code element} stands. */
  State state(ElementWork element, BatchProvenance provenance) {
    OutputRecords records = provenance.records(element.output);
    if (records.isEmpty()) {
      return State.NO_RECORD;
    }
    boolean current =
        records.key().isPresent()
            && records
                .key()
                .get()
                .equals(DerivationKey.of(spec, inputVersions(element, provenance)));
    return current ? State.CURRENT : State.STALE;
  }

  /** The inputs from other jobs that this batch has not written: what a plan checks exist. */
  List<String> jobInputsNotWrittenHere(ElementWork element, BatchProvenance provenance) {
    List<String> locations = new ArrayList<>();
    for (InputSpec input : spec.inputs()) {
      String location = location(input, element);
      if (input.fromJob().isPresent() && !provenance.wroteHere(location)) {
        locations.add(location);
      }
    }
    return locations;
  }

  /** Whether an input of the element would be missing when a run reads it. */
  boolean inputMissing(
      ElementWork element, BatchProvenance provenance, Set<String> existingJobInputs) {
    for (InputVersion input : element.inputVersions) {
      boolean there =
          input.fromJob() == null
              ? !input.version().equals(DerivationKey.MISSING)
              : provenance.wroteHere(input.location())
                  || existingJobInputs.contains(input.location());
      if (!there) {
        return true;
      }
    }
    return false;
  }

  private String location(InputSpec input, ElementWork element) {
    return Locations.render(input.location(), element.id, variables);
  }
}
