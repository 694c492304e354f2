package io.klio.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klio.runtime.config.KlioConfig;
import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.job.JobRegistry;
import io.klio.runtime.provenance.InputVersion;
import io.klio.runtime.provenance.Lineage;
import io.klio.runtime.provenance.Lineage.External;
import io.klio.runtime.provenance.Lineage.Node;
import io.klio.runtime.provenance.ProvenanceRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.io.FileSystems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code lineage}: the provenance tree of one output, and what of it is stale now. */
@Command(
    name = "lineage",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the provenance tree of one output: the output and every ancestor output it was made"
          + " from, each with its code fingerprint, when it was computed and how long it took, and"
          + " whether 'run --stale' would recompute it now, and why; and the external data read,"
          + " with its version then and now. Beam --flags (for object stores) are accepted."
    })
public final class LineageCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Option(names = "--job", required = true, paramLabel = "NAME", description = "The job.")
  String job;

  @Option(names = "--id", required = true, paramLabel = "ID", description = "The element id.")
  String id;

  @Mixin ConfigOptions configOptions = new ConfigOptions();

  @Mixin OutputFormat format = new OutputFormat();

  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    BeamOptions.checkFlags(beamArgs, command);
    boolean json = format.json();
    JobGraph graph =
        new JobGraph(JobRegistry.load(Thread.currentThread().getContextClassLoader()).specs());
    RunSelection.checkKnown(graph, List.of(job));
    KlioConfig config = configOptions.load();
    config.validateJobs(graph.names());
    List<String> tree = new ArrayList<>(graph.ancestors(job));
    tree.add(job);
    RunCommand.checkVariables(config, graph, tree);
    FileSystems.setDefaultPipelineOptions(
        RunCommand.pipelineOptions(config, config.pipelineArgs(beamArgs), command));
    Node root = Lineage.of(graph, job, id, config.variables(), config.unrecordedAreStale());
    if (json) {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(root)));
    } else {
      text(root, "", "", new HashSet<>(), out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** Prints a node and its inputs as a tree; a job reached again (a diamond) in one line. */
  private static void text(
      Node node, String first, String rest, Set<String> shown, PrintWriter out) {
    StringBuilder line =
        new StringBuilder(first).append(node.job()).append("  ").append(node.status().label());
    if (!shown.add(node.job())) {
      out.println(line.append(" (as above)"));
      return;
    }
    if (!node.why().isEmpty()) {
      line.append(": ").append(node.why());
    }
    out.println(line);
    String detail = rest + (node.parents().isEmpty() && node.external().isEmpty() ? "   " : "│  ");
    out.println(detail + "output " + node.output());
    node.record()
        .ifPresent(
            record ->
                out.println(
                    detail
                        + "computed "
                        + record.started()
                        + " in "
                        + record.durationMillis()
                        + " ms on "
                        + record.runner()
                        + " with Klio "
                        + record.klio()
                        + "; fingerprint "
                        + Lineage.shortHash(record.fingerprint())
                        + (record.version().isEmpty()
                            ? ""
                            : ", version '" + record.version() + "'")));
    int children = node.parents().size() + node.external().size();
    int i = 0;
    for (External data : node.external()) {
      boolean last = ++i == children;
      out.println(
          rest
              + (last ? "└─ " : "├─ ")
              + data.parameter()
              + " (external) "
              + data.location()
              + "  "
              + (data.recorded() == null
                  ? "now " + data.now()
                  : data.changed()
                      ? "changed: " + data.recorded() + " then, " + data.now() + " now"
                      : "unchanged"));
    }
    for (Node parent : node.parents()) {
      boolean last = ++i == children;
      text(parent, rest + (last ? "└─ " : "├─ "), rest + (last ? "   " : "│  "), shown, out);
    }
  }

  private static ObjectNode json(Node node) {
    ObjectNode json = JSON.createObjectNode();
    json.put("job", node.job());
    json.put("id", node.id());
    json.put("output", node.output());
    json.put("status", node.status().name().toLowerCase(Locale.ROOT));
    json.put("stale", node.recomputed() && node.status() != Lineage.Status.MISSING);
    json.put("why", node.why());
    json.put("fingerprintNow", node.fingerprintNow());
    json.put("versionNow", node.versionNow());
    node.record().ifPresent(record -> json.set("record", record(record)));
    ArrayNode external = json.putArray("external");
    for (External data : node.external()) {
      ObjectNode entry = external.addObject();
      entry.put("parameter", data.parameter());
      entry.put("location", data.location());
      entry.put("recorded", data.recorded());
      entry.put("now", data.now());
      entry.put("changed", data.changed());
    }
    ArrayNode parents = json.putArray("parents");
    node.parents().forEach(parent -> parents.add(json(parent)));
    return json;
  }

  private static ObjectNode record(ProvenanceRecord record) {
    ObjectNode json = JSON.createObjectNode();
    json.put("key", record.key());
    json.put("fingerprint", record.fingerprint());
    json.put("version", record.version());
    json.put("started", record.started().toString());
    json.put("durationMillis", record.durationMillis());
    json.put("outputBytes", record.outputBytes());
    json.put("outputSha256", record.outputSha256());
    json.put("runner", record.runner());
    json.put("klio", record.klio());
    ArrayNode inputs = json.putArray("inputs");
    for (InputVersion input : record.inputs()) {
      ObjectNode entry = inputs.addObject();
      entry.put("parameter", input.parameter());
      entry.put("location", input.location());
      if (input.fromJob() != null) {
        entry.put("from", input.fromJob());
      }
      entry.put("version", input.version());
    }
    return json;
  }
}
