package dev.prometheuspipeline.telemetry;

import dev.prometheuspipeline.release.TraceParents;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The current span's context as Micrometer Tracing's propagator writes it (W3C by default). */
@Component
class MicrometerTraceParents implements TraceParents {
  private final ObjectProvider<Tracer> tracer;
  private final ObjectProvider<Propagator> propagator;

  MicrometerTraceParents(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  @Override
  public Optional<String> current() {
    Tracer current = tracer.getIfAvailable();
    Propagator writer = propagator.getIfAvailable();
    Span span = current == null ? null : current.currentSpan();
    if (span == null || writer == null || span.isNoop()) {
      return Optional.empty();
    }
    Map<String, String> carrier = new HashMap<>();
    writer.inject(span.context(), carrier, Map::put);
    return Optional.ofNullable(carrier.get(VARIABLE));
  }
}
