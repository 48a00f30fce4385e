package io.strata.ingest;

import io.strata.api.error.InvalidInputException;
import io.strata.api.error.Messages;
import io.strata.api.spec.TaskSpec;
import io.strata.metadata.MetadataStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The life of one task, whatever its type: RUNNING until {@link #run} returns, then SUCCESS or FAILED — always one
 * of the two, whatever the work throws (an {@link Error} such as a stack overflow included), so no task is ever
 * left RUNNING by a failure. Subclasses do the work in {@link #execute}.
 *
 * <p>State fields are written by the running thread and read by any thread (status requests); thread-safe.
 */
public abstract class AbstractTask {
  private static final Logger LOG = LoggerFactory.getLogger(AbstractTask.class);

  private final String id;
  private final TaskSpec spec;
  private final long createdMillis;
  private volatile TaskState state = TaskState.RUNNING;
  private volatile String errorMsg;
  private volatile long startMillis;
  private volatile long endMillis;
  private volatile boolean shutdownRequested;
  /** When the task's outcome was committed as SUCCESS (epoch millis), or 0. */
  private volatile long committedMillis;

  protected AbstractTask(String id, TaskSpec spec, long createdMillis) {
    this.id = id;
    this.spec = spec;
    this.createdMillis = createdMillis;
  }

  public final String id() {
    return id;
  }

  public TaskSpec spec() {
    return spec;
  }

  public final String type() {
    return spec.type();
  }

  public String dataSource() {
    return spec.dataSource();
  }

  public final long createdMillis() {
    return createdMillis;
  }

  public final TaskState state() {
    return state;
  }

  public final String errorMsg() {
    return errorMsg;
  }

  /** When the task started running (epoch millis), or 0 before. */
  public final long startMillis() {
    return startMillis;
  }

  /** Milliseconds the task has run (so far, or in all once complete). */
  public final long durationMillis() {
    if (startMillis == 0) {
      return 0;
    }
    return (endMillis == 0 ? System.currentTimeMillis() : endMillis) - startMillis;
  }

  public final void requestShutdown() {
    shutdownRequested = true;
  }

  protected final boolean shutdownRequested() {
    return shutdownRequested;
  }

  /** Throws {@link TaskShutdownException} if a shutdown was asked for; call it between units of work. */
  protected final void checkShutdown() {
    if (shutdownRequested) {
      throw new TaskShutdownException();
    }
  }

  /**
   * Runs the task to completion on the calling thread. Never throws: whatever {@link #execute} throws ends the task
   * as FAILED with a message for the user; returning normally ends it as SUCCESS (unless {@link #succeeded} already
   * did).
   */
  public final void run() {
    startMillis = System.currentTimeMillis();
    try {
      execute();
      if (state == TaskState.RUNNING) {
        finish(TaskState.SUCCESS, null, System.currentTimeMillis());
      }
    } catch (Throwable t) {
      if (committedMillis != 0) {
        // The outcome is durable: whatever failed afterwards, the task succeeded and says so.
        LOG.error("Task [{}] failed after its outcome was committed; it stays SUCCESS", id, t);
        finish(TaskState.SUCCESS, null, committedMillis);
        return;
      }
      String message = userMessage(t);
      if (message == null) {
        LOG.error("Task [{}] failed", id, t);
        message = describe(t);
      } else {
        LOG.warn("Task [{}] failed: {}", id, message);
      }
      if (state == TaskState.RUNNING) {
        finish(TaskState.FAILED, message, System.currentTimeMillis());
      } else {
        // Already SUCCESS: the outcome was committed; a failure in what follows (telling the serving side) changes
        // nothing the user can see in the task's status.
        LOG.error("Task [{}] had already succeeded when this failed", id, t);
      }
    } finally {
      try {
        cleanUp();
      } catch (Throwable t) {
        LOG.warn("Task [{}] could not clean up", id, t);
      }
    }
  }

  /** The task's work. Returning normally means success. */
  protected abstract void execute() throws Exception;

  /** Frees what the task holds (scratch files, memory); runs after {@link #execute}, also when it failed. */
  protected void cleanUp() {
  }

  /**
   * The message for a failure that is the user's to fix (bad input, a bad spec, a shutdown), shown as it is; null for
   * anything else (logged with its stack trace).
   */
  protected String userMessage(Throwable t) {
    if (t instanceof TaskShutdownException || t instanceof InvalidInputException) {
      return t.getMessage();
    }
    return null;
  }

  /**
   * Notes that the task's success was committed at {@code atMillis} (its publish transaction recorded it): from now
   * on the task ends SUCCESS whatever its remaining steps do.
   */
  protected final void committed(long atMillis) {
    committedMillis = atMillis;
  }

  /** Ends the task as SUCCESS now, with {@code atMillis} as its end. */
  protected final void succeeded(long atMillis) {
    finish(TaskState.SUCCESS, null, atMillis);
  }

  private void finish(TaskState s, String message, long atMillis) {
    errorMsg = Messages.scrub(message);
    endMillis = atMillis;
    state = s;
  }

  /**
   * A message for an unexpected failure that says what happened without naming Java classes; the log has the stack
   * trace.
   */
  static String describe(Throwable t) {
    if (t instanceof StackOverflowError) {
      return "The task ran out of stack space: an expression or filter in the spec is nested too deeply";
    }
    if (t instanceof OutOfMemoryError) {
      return "The task ran out of memory: lower maxRowsInMemory or maxBytesInMemory, or give the server more heap";
    }
    if (t instanceof IOException || t instanceof UncheckedIOException) {
      Throwable io = t instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : t;
      return "I/O error: " + (io.getMessage() == null ? "(no details)" : io.getMessage());
    }
    if (t instanceof MetadataStoreException) {
      return "Metadata store error: " + t.getMessage();
    }
    return "Internal error; the server log has the details";
  }

  /** One report in Druid's envelope: {@code {<type>: {"type": <type>, "taskId": ..., "payload": ...}}}. */
  protected final Map<String, Object> reportOf(String type, Map<String, Object> payload) {
    Map<String, Object> inner = new java.util.LinkedHashMap<>();
    inner.put("type", type);
    inner.put("taskId", id);
    inner.put("payload", payload);
    Map<String, Object> report = new java.util.LinkedHashMap<>();
    report.put(type, inner);
    return report;
  }

  /** The task's reports, in Druid's shape (live while it runs). */
  public final Map<String, Object> report() {
    return report(state());
  }

  /**
   * The reports the task would give in state {@code finalState}, for recording its final status in the same
   * transaction as its outcome.
   */
  public abstract Map<String, Object> report(TaskState finalState);
}
