package dev.prometheuspipeline.notes;

import static java.util.Objects.requireNonNull;

/**
 * One element of a model that was added, removed or changed.
 *
 * @param kind what happened to it
 * @param scope the process, decision or form it belongs to (its id); {@code definitions} for root elements
 *     outside any process or decision (messages, signals, input data…)
 * @param id the element's id; {@code type#n} (its position) for an element that has none
 * @param type the element's type as the model names it: {@code userTask}, {@code sequenceFlow},
 *     {@code rule}, {@code textfield}…
 * @param name its name (label, for forms and DMN columns); empty when it has none
 * @param detail what changed, or a short description of an added or removed element; may be empty
 */
public record ElementChange(Kind kind, String scope, String id, String type, String name, String detail) {
  public ElementChange {
    requireNonNull(kind, "kind");
    requireNonNull(scope, "scope");
    requireNonNull(id, "id");
    requireNonNull(type, "type");
    requireNonNull(name, "name");
    requireNonNull(detail, "detail");
  }
}
