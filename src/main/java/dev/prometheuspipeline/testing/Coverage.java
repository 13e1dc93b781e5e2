package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/**
 * How much of a release's models its tests exercised.
 *
 * <p>The combined figure ({@code etapas.test.cobertura}) counts every coverable item of the release once:
 * {@code (covered flow nodes + taken sequence flows + fired rules) / (flow nodes + sequence flows + rules)},
 * over every executable process and every decision table, tested or not. An untested process therefore
 * pulls the figure down by its whole size, as in process-test-coverage's project figure.
 *
 * @param processes one entry per executable process, in release order
 * @param decisions one entry per decision table, in release order
 */
public record Coverage(List<ProcessCoverage> processes, List<DecisionCoverage> decisions) {
  public static final Coverage NONE = new Coverage(List.of(), List.of());

  public Coverage {
    processes = List.copyOf(requireNonNull(processes, "processes"));
    decisions = List.copyOf(requireNonNull(decisions, "decisions"));
  }

  /** Items covered across processes and decision tables. */
  public int covered() {
    return processes.stream().mapToInt(ProcessCoverage::covered).sum()
        + decisions.stream().mapToInt(DecisionCoverage::fired).sum();
  }

  /** Coverable items across processes and decision tables. */
  public int total() {
    return processes.stream().mapToInt(ProcessCoverage::total).sum()
        + decisions.stream().mapToInt(DecisionCoverage::total).sum();
  }

  /** The combined figure, 0 to 1; 0 when the release has nothing coverable. */
  public double ratio() {
    return ratio(covered(), total());
  }

  /** Flow nodes and sequence flows of all processes: covered / total, 0 when there are none. */
  public double processRatio() {
    return ratio(processes.stream().mapToInt(ProcessCoverage::covered).sum(),
        processes.stream().mapToInt(ProcessCoverage::total).sum());
  }

  /** Rules of all decision tables: fired / total, 0 when there are none. */
  public double decisionRatio() {
    return ratio(decisions.stream().mapToInt(DecisionCoverage::fired).sum(),
        decisions.stream().mapToInt(DecisionCoverage::total).sum());
  }

  static double ratio(int covered, int total) {
    return total == 0 ? 0.0 : (double) covered / total;
  }

  /**
   * A model element as people see it in Modeler.
   *
   * @param id its id
   * @param name its name, or empty when it has none
   * @param type its BPMN or DMN type name ({@code userTask}, {@code sequenceFlow}, {@code rule})
   */
  public record Element(String id, String name, String type) {
    public Element {
      requireNonNull(id, "id");
      requireNonNull(name, "name");
      requireNonNull(type, "type");
    }

    /** {@code "Approve order" (Task_Approve)}, or the id alone when unnamed. */
    public String describe() {
      return name.isBlank() ? id : "\"" + name + "\" (" + id + ")";
    }
  }

  /**
   * One executable process.
   *
   * @param file the BPMN file's repository path
   * @param key the process definition key (the process id)
   * @param name the process name, or empty
   * @param flowNodes how many flow nodes count
   * @param sequenceFlows how many sequence flows count
   * @param coveredIds the counted elements the tests passed (flow nodes entered, sequence flows taken)
   * @param uncovered the counted elements no test passed, in document order
   */
  public record ProcessCoverage(
      String file, String key, String name, int flowNodes, int sequenceFlows, Set<String> coveredIds,
      List<Element> uncovered) {
    public ProcessCoverage {
      requireNonNull(file, "file");
      requireNonNull(key, "key");
      requireNonNull(name, "name");
      coveredIds = Set.copyOf(requireNonNull(coveredIds, "coveredIds"));
      uncovered = List.copyOf(requireNonNull(uncovered, "uncovered"));
      if (coveredIds.size() + uncovered.size() != flowNodes + sequenceFlows) {
        throw new IllegalArgumentException(key + ": covered and uncovered elements must add up to the total");
      }
    }

    public int covered() {
      return coveredIds.size();
    }

    public int total() {
      return flowNodes + sequenceFlows;
    }

    public double ratio() {
      return Coverage.ratio(covered(), total());
    }
  }

  /**
   * One decision table.
   *
   * @param file the DMN file's repository path
   * @param key the decision key (the decision id)
   * @param name the decision name, or empty
   * @param rules how many rules the table has
   * @param firedIds ids of the rules that fired in some test
   * @param unfired the rules that never fired, in table order; a rule's name is its description or "Rule n"
   */
  public record DecisionCoverage(
      String file, String key, String name, int rules, Set<String> firedIds, List<Element> unfired) {
    public DecisionCoverage {
      requireNonNull(file, "file");
      requireNonNull(key, "key");
      requireNonNull(name, "name");
      firedIds = Set.copyOf(requireNonNull(firedIds, "firedIds"));
      unfired = List.copyOf(requireNonNull(unfired, "unfired"));
      if (firedIds.size() + unfired.size() != rules) {
        throw new IllegalArgumentException(key + ": fired and unfired rules must add up to the table's rules");
      }
    }

    public int fired() {
      return firedIds.size();
    }

    public int total() {
      return rules;
    }

    public double ratio() {
      return Coverage.ratio(fired(), rules);
    }
  }
}
