package io.strata.ingest;

import io.strata.api.input.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts, samples and logs bad rows per the task's {@code maxParseExceptions}, {@code maxSavedParseExceptions} and
 * {@code logParseExceptions}. When the number of bad rows goes past {@code maxParseExceptions} it throws
 * {@link MaxParseExceptionsExceededException}, which fails the task. Thread-safe.
 */
public final class ParseErrorHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ParseErrorHandler.class);

  private final String taskId;
  private final RowStats stats;
  private final int maxParseExceptions;
  private final int maxSaved;
  private final boolean log;
  private final AtomicLong errors = new AtomicLong();
  private final Deque<Map<String, Object>> saved = new ArrayDeque<>();

  public ParseErrorHandler(String taskId, RowStats stats, int maxParseExceptions, int maxSaved, boolean log) {
    this.taskId = taskId;
    this.stats = stats;
    this.maxParseExceptions = maxParseExceptions;
    this.maxSaved = maxSaved;
    this.log = log;
  }

  /** A record that could not be read (bad syntax, bad or missing timestamp). */
  public void unparseable(ParseException e) {
    stats.unparseable.increment();
    record(e.input(), "unparseable", List.of(e.getMessage()));
  }

  /** A row that was ingested, but some of its values were bad. */
  public void processedWithError(String input, List<String> details) {
    stats.processedWithError.increment();
    record(input, "processedWithError", details);
  }

  private void record(String input, String errorType, List<String> details) {
    if (log) {
      LOG.warn("Task [{}]: {} row {}: {}", taskId, errorType, input, details);
    }
    if (maxSaved > 0) {
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("input", input);
      event.put("errorType", errorType);
      event.put("details", List.copyOf(details));
      event.put("timeOfExceptionMillis", System.currentTimeMillis());
      synchronized (saved) {
        saved.addFirst(event);
        while (saved.size() > maxSaved) {
          saved.removeLast();
        }
      }
    }
    if (errors.incrementAndGet() > maxParseExceptions) {
      throw new MaxParseExceptionsExceededException(maxParseExceptions);
    }
  }

  /** Saved bad rows, newest first, as the task report shows them. */
  public List<Map<String, Object>> savedEvents() {
    synchronized (saved) {
      return new ArrayList<>(saved);
    }
  }

  /** Thrown when bad rows exceed {@code maxParseExceptions}; fails the task. */
  public static final class MaxParseExceptionsExceededException extends RuntimeException {
    MaxParseExceptionsExceededException(int max) {
      super("Max parse exceptions[" + max + "] exceeded");
    }
  }
}
