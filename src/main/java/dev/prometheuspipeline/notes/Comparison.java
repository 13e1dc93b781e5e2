package dev.prometheuspipeline.notes;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** The element changes of one model file and the notes they need; shared by BPMN, DMN and forms. */
record Comparison(List<ElementChange> elements, List<String> notes) {
  static final String OUTSIDE_ELEMENTS =
      "changed outside the listed elements (lanes, annotations or the definitions' own attributes)";

  Comparison {
    elements = List.copyOf(elements);
    notes = List.copyOf(notes);
  }

  /**
   * Closes a comparison: with no element change, says whether the file differs in meaning elsewhere, only
   * in its diagram (layout only), or only in formatting.
   */
  static Comparison of(List<ElementChange> elements, boolean sameMeaning, boolean sameLayout) {
    List<String> notes = new ArrayList<>();
    if (elements.isEmpty()) {
      notes.add(!sameMeaning ? OUTSIDE_ELEMENTS
          : !sameLayout ? ArtifactChange.LAYOUT_ONLY : ArtifactChange.FORMATTING_ONLY);
    }
    return new Comparison(elements, notes);
  }

  /**
   * One comparable element: a flow element, a DMN column or rule, a form component.
   *
   * @param key its id, or its position when it has none
   * @param parent the container it sits in (a subprocess's id), to report a move; empty at the top
   * @param summary what to say of it when it is added or removed
   * @param form its canonical form: equal forms mean no change
   */
  record Item<F>(String key, String type, String name, String parent, String summary, F form) {
    Item {
      requireNonNull(key, "key");
      requireNonNull(type, "type");
      requireNonNull(name, "name");
      requireNonNull(parent, "parent");
      requireNonNull(summary, "summary");
      requireNonNull(form, "form");
    }
  }

  /**
   * Appends the changes of one scope's items: added ones (in the new order), removed ones (in the old
   * order), then changed ones, so a reader sees what is new before what was touched.
   *
   * @param differences what differs between an item's two versions; empty when nothing does
   */
  /**
   * The entries of {@code after} that {@code before} lacks, as {@link Kind#ADDED}, then those it lost, as
   * {@link Kind#REMOVED}: whole processes or decisions, named by their key.
   */
  static <T> void addedAndRemoved(Map<String, T> before, Map<String, T> after,
      BiFunction<Kind, T, ElementChange> change, List<ElementChange> into) {
    after.forEach((key, value) -> {
      if (!before.containsKey(key)) {
        into.add(change.apply(Kind.ADDED, value));
      }
    });
    before.forEach((key, value) -> {
      if (!after.containsKey(key)) {
        into.add(change.apply(Kind.REMOVED, value));
      }
    });
  }

  static <F> void items(String scope, Map<String, Item<F>> before, Map<String, Item<F>> after,
      BiFunction<Item<F>, Item<F>, List<String>> differences, List<ElementChange> out) {
    for (Item<F> item : after.values()) {
      if (!before.containsKey(item.key())) {
        out.add(new ElementChange(Kind.ADDED, scope, item.key(), item.type(), item.name(), item.summary()));
      }
    }
    for (Item<F> item : before.values()) {
      if (!after.containsKey(item.key())) {
        out.add(new ElementChange(Kind.REMOVED, scope, item.key(), item.type(), item.name(), item.summary()));
      }
    }
    for (Item<F> item : after.values()) {
      Item<F> old = before.get(item.key());
      if (old == null || old.equals(item)) {
        continue;
      }
      List<String> details = new ArrayList<>();
      if (!old.type().equals(item.type())) {
        details.add("type " + old.type() + " → " + item.type());
      }
      if (!old.parent().equals(item.parent())) {
        details.add("moved from " + where(old.parent()) + " to " + where(item.parent()));
      }
      details.addAll(differences.apply(old, item));
      if (!details.isEmpty()) {
        out.add(new ElementChange(Kind.CHANGED, scope, item.key(), item.type(), item.name(), join(details)));
      }
    }
  }

  /** Details joined and bounded: a rewritten script must not make one bullet a page long. */
  static String join(List<String> details) {
    String joined = String.join("; ", details);
    return joined.length() > 400 ? joined.substring(0, 400) + "…" : joined;
  }

  private static String where(String parent) {
    return parent.isEmpty() ? "the top level" : parent;
  }
}
