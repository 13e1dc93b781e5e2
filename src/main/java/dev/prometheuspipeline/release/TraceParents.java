package dev.prometheuspipeline.release;

import java.util.Optional;

/**
 * The W3C {@code traceparent} of the trace the caller is in. A release's process carries it as the variable
 * {@value #VARIABLE} into its called processes, so each stage's span, wherever its worker runs, joins the trace of
 * the request that started the release instead of starting one of its own.
 */
@FunctionalInterface
public interface TraceParents {
  String VARIABLE = "traceparent";

  /** When tracing is off, or no trace is current: empty. */
  Optional<String> current();
}
