package dev.prometheuspipeline.validate;

/** How a model meets the engine's own parser. */
enum EngineCheck {
  /**
   * The engine's parse without a database ({@code ParseOnlyEngine}); a sandbox deployment only for the models
   * whose deployment could still refuse what the parse accepted. Same findings, no engine schema to build.
   */
  PARSE_FIRST,
  /** Every model deployed alone to a sandbox engine: the reference the parse-first check is held to. */
  DEPLOY
}
