package dev.prometheuspipeline.board;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The release board: how many releases the list shows, how many live pages may be open at once (each holds
 * a connection; one more is refused with 503 rather than letting them grow without bound), how many threads
 * write the updates to them (side by side, so one slow page holds up only its share), how often an idle
 * stream carries a heartbeat (so proxies keep it and a closed page is noticed), and how long a stream lives
 * before the browser reconnects.
 */
@ConfigurationProperties("pipeline.board")
public record BoardProperties(Integer recent, Integer maxStreams, Integer senderThreads, Duration heartbeat,
    Duration streamTimeout) {
  public BoardProperties {
    recent = recent == null ? 50 : recent;
    maxStreams = maxStreams == null ? 500 : maxStreams;
    senderThreads = senderThreads == null ? 4 : senderThreads;
    heartbeat = heartbeat == null ? Duration.ofSeconds(15) : heartbeat;
    streamTimeout = streamTimeout == null ? Duration.ofMinutes(30) : streamTimeout;
    if (recent < 1 || maxStreams < 1 || senderThreads < 1) {
      throw new IllegalArgumentException("pipeline.board.recent, max-streams and sender-threads must be positive");
    }
    if (heartbeat.isNegative() || heartbeat.isZero() || streamTimeout.isNegative() || streamTimeout.isZero()) {
      throw new IllegalArgumentException("pipeline.board.heartbeat and stream-timeout must be positive");
    }
  }
}
