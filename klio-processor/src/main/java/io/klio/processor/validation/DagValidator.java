package io.klio.processor.validation;

import io.klio.common.text.Suggestions;
import io.klio.processor.base.Annotations;
import io.klio.processor.base.Message;
import io.klio.processor.base.Reporter;
import io.klio.processor.base.Reporter.Site;
import io.klio.processor.model.CodecCatalog;
import io.klio.processor.model.Dag;
import io.klio.processor.model.JobModel;
import io.klio.processor.model.Parameter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Checks what no single job can check alone: names unique across the classpath, parents exist, no
 * cycles, inputs read from ancestors, and each input's type holds its producer's output. Errors
 * land on local jobs only; a jar's jobs were checked when the jar was built.
 */
public final class DagValidator {
  private final Reporter reporter;
  private final InputTypeRule typeRule;

  public DagValidator(Reporter reporter, Types types, CodecCatalog codecs) {
    this.reporter = reporter;
    this.typeRule = new InputTypeRule(types, codecs);
  }

  public void validate(Dag dag, List<JobModel> localJobs) {
    for (JobModel job : localJobs) {
      checkUnique(dag, job);
      checkParents(dag, job);
      for (Parameter input : job.inputs()) {
        checkInput(dag, job, input);
      }
    }
    checkCycles(dag, localJobs);
  }

  private void checkUnique(Dag dag, JobModel job) {
    for (JobModel other : dag.claimants(job.name())) {
      if (other != job) {
        String where =
            JobValidator.describe(other) + (other.local() ? "" : " (from a jar on the classpath)");
        reporter.error(
            new Site(job.method(), job.jobAnnotation(), job.nameValue()),
            Message.DUPLICATE_JOB,
            job.name(),
            where);
        return;
      }
    }
  }

  private void checkParents(Dag dag, JobModel job) {
    List<String> parents = job.parents();
    for (int i = 0; i < parents.size(); i++) {
      String parent = parents.get(i);
      Site site =
          new Site(job.method(), job.jobAnnotation(), Annotations.element(job.parentsValue(), i));
      if (parent.equals(job.name())) {
        reporter.error(site, Message.SELF_PARENT, job.name());
      } else if (dag.job(parent).isEmpty()) {
        Set<String> candidates = new TreeSet<>(dag.names());
        candidates.remove(job.name());
        reporter.error(
            site,
            Message.UNKNOWN_PARENT,
            job.name(),
            parent,
            Suggestions.didYouMean(parent, candidates));
      }
    }
  }

  private void checkInput(Dag dag, JobModel job, Parameter input) {
    if (input.hasLocation()) {
      return;
    }
    Site site = new Site(input.element(), input.annotation(), input.fromValue());
    if (input.hasFrom()) {
      if (!dag.isAncestor(job.name(), input.from())) {
        Set<String> ancestors = dag.ancestors(job.name());
        ancestors.remove(job.name());
        String hint = Suggestions.didYouMean(input.from(), ancestors);
        if (hint.isEmpty() && !ancestors.isEmpty()) {
          hint = "; its ancestors are " + quoted(ancestors);
        }
        reporter.error(
            site,
            Message.INPUT_NOT_ANCESTOR,
            input.name(),
            job.name(),
            input.from(),
            job.name(),
            hint);
        return;
      }
    } else if (job.isRoot()) {
      reporter.error(
          site, Message.ROOT_INPUT_WITHOUT_LOCATION, input.name(), job.name(), job.name());
      return;
    } else if (job.parents().size() > 1) {
      reporter.error(
          site, Message.AMBIGUOUS_INPUT, input.name(), job.name(), quoted(job.parents()));
      return;
    }
    Optional<String> producerName = Dag.producer(job, input);
    Optional<JobModel> producer = producerName.flatMap(dag::job);
    if (producer.isEmpty() || producer.get().output().isEmpty()) {
      return; // reported as an unknown parent or a missing output
    }
    TypeMirror produced = producer.get().output().get().type();
    typeRule
        .rejection(input.type(), produced)
        .ifPresent(
            reason ->
                reporter.error(
                    new Site(input.element(), input.annotation(), null),
                    Message.TYPE_MISMATCH,
                    input.name(),
                    job.name(),
                    input.type(),
                    producer.get().name(),
                    reason));
  }

  private void checkCycles(Dag dag, List<JobModel> localJobs) {
    for (List<String> cycle : dag.cycles()) {
      Optional<JobModel> reportOn =
          localJobs.stream().filter(j -> cycle.contains(j.name())).findFirst();
      if (reportOn.isEmpty()) {
        continue;
      }
      JobModel job = reportOn.get();
      StringBuilder path = new StringBuilder();
      for (String member : cycle) {
        path.append(path.length() == 0 ? "    " : "\n    -> ").append(member);
      }
      path.append("\n    -> ").append(cycle.get(0));
      path.append("\n  (each job is a parent of the next; remove one of these parent links)");
      reporter.error(
          new Site(job.method(), job.jobAnnotation(), job.parentsValue()),
          Message.CYCLE,
          path.toString());
    }
  }

  private static String quoted(java.util.Collection<String> names) {
    return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
  }
}
