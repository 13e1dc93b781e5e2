package dev.prometheuspipeline.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A process's output kept within a budget: the beginning (how it started) and the end (where it failed),
 * with a note of what was dropped between. A runaway test printing in a loop cannot fill the heap.
 */
final class CappedOutput {
  private final int headLimit;
  private final byte[] tail;
  private final ByteArrayOutputStream head = new ByteArrayOutputStream();
  private long tailWritten;
  private long total;

  CappedOutput(int headLimit, int tailLimit) {
    if (headLimit < 0 || tailLimit < 1) {
      throw new IllegalArgumentException("limits must be positive: " + headLimit + ", " + tailLimit);
    }
    this.headLimit = headLimit;
    this.tail = new byte[tailLimit];
  }

  synchronized void write(byte[] bytes, int offset, int length) {
    total += length;
    int toHead = Math.min(length, headLimit - head.size());
    if (toHead > 0) {
      head.write(bytes, offset, toHead);
    }
    for (int i = offset + Math.max(toHead, 0); i < offset + length; i++) {
      tail[(int) (tailWritten++ % tail.length)] = bytes[i];
    }
  }

  synchronized String text() {
    StringBuilder text = new StringBuilder(head.toString(StandardCharsets.UTF_8));
    long kept = Math.min(tailWritten, tail.length);
    long dropped = total - head.size() - kept;
    if (dropped > 0) {
      text.append("\n[… ").append(dropped).append(" bytes of output dropped …]\n");
    }
    byte[] end = new byte[(int) kept];
    for (int i = 0; i < kept; i++) {
      end[i] = tail[(int) ((tailWritten - kept + i) % tail.length)];
    }
    return text.append(new String(end, StandardCharsets.UTF_8)).toString();
  }
}
