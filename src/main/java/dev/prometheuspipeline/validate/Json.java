package dev.prometheuspipeline.validate;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The package's plain JSON mapper (forms, package.json, ESLint's report), created on first use: a validation of
 * BPMN and DMN files reads no JSON, and Jackson's start-up (some 370 classes) is otherwise a noticeable part of a
 * cold {@code validate} command.
 */
final class Json {
  /** Thread-safe once configured, and never configured further. */
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}
}
