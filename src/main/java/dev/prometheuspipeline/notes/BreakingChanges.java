package dev.prometheuspipeline.notes;

import dev.prometheuspipeline.release.FetchedArtifact;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What in a release's changes breaks those who use the models as the target runs them now: a process or decision
 * key removed (starting or evaluating it by key fails), a message or signal removed or renamed (correlation and
 * broadcasts from outside stop reaching it), a form whose id changed (a {@code camunda:formRef} by the old id no
 * longer finds it), a start that requires a variable it did not ({@link RequiredStartVariables}). Only files
 * present in both releases count: a release need not list every artifact, and a file it leaves out stays
 * deployed.
 */
public final class BreakingChanges {
  private static final Set<String> KEYED = Set.of("process", "decision");
  private static final Set<String> EVENTS = Set.of("message", "signal");

  private BreakingChanges() {}

  /**
   * Everything that breaks between the target's release and this one: the model changes of {@link #of} and the
   * start variables processes now require ({@link RequiredStartVariables}).
   */
  public static List<String> between(List<FetchedArtifact> previous, List<FetchedArtifact> current) {
    List<String> breaking = new ArrayList<>(of(ModelChanges.between(previous, current)));
    breaking.addAll(RequiredStartVariables.added(previous, current));
    return breaking;
  }

  /** One line per breaking change, naming the file, the element and why it breaks. */
  public static List<String> of(List<ArtifactChange> changes) {
    List<String> breaking = new ArrayList<>();
    for (ArtifactChange change : changes) {
      if (change.kind() != Kind.CHANGED) {
        continue;
      }
      for (ElementChange element : change.elements()) {
        reason(change.path(), element).ifPresent(breaking::add);
      }
    }
    return breaking;
  }

  private static Optional<String> reason(String path, ElementChange element) {
    String name = element.name().isEmpty() ? element.id() : element.name() + " (" + element.id() + ")";
    if (element.kind() == Kind.REMOVED && KEYED.contains(element.type())) {
      return Optional.of(path + ": " + element.type() + " " + name + " removed; whatever starts or"
          + " evaluates it by key fails");
    }
    boolean event = EVENTS.contains(element.type()) && element.scope().equals(BpmnChanges.DEFINITIONS);
    if (event && element.kind() == Kind.REMOVED) {
      return Optional.of(path + ": " + element.type() + " " + name + " removed; senders correlating it"
          + " reach nothing");
    }
    if (event && element.kind() == Kind.CHANGED && element.detail().contains("name: ")) {
      return Optional.of(path + ": " + element.type() + " " + element.id() + " renamed ("
          + element.detail() + "); senders using the old name reach nothing");
    }
    if (element.kind() == Kind.CHANGED && element.type().equals("form") && element.detail().contains("id: ")) {
      return Optional.of(path + ": form id changed (" + element.detail() + "); a camunda:formRef by the"
          + " old id no longer finds it");
    }
    return Optional.empty();
  }
}
