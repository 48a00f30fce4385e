package io.strata.ingest;

import io.strata.api.error.InvalidInputException;
import io.strata.api.spec.TaskSpec;
import io.strata.api.time.Interval;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a task's work throws, the task ends SUCCESS or FAILED, with a message that names no Java class. */
class AbstractTaskTest {
  private static final TaskSpec SPEC = new TaskSpec.KillTask("kill", "t", "ds", Interval.parse("2000/2001"), null,
      null, null, null, null, null);

  /** A task whose work is the given action. */
  private static final class Scripted extends AbstractTask {
    private final ThrowingRunnable work;
    private boolean cleanedUp;

    Scripted(ThrowingRunnable work) {
      super("t", SPEC, 0);
      this.work = work;
    }

    @Override
    protected void execute() throws Exception {
      work.run(this);
    }

    @Override
    protected void cleanUp() {
      cleanedUp = true;
    }

    @Override
    public Map<String, Object> report(TaskState finalState) {
      return Map.of();
    }

    void commit() {
      committed(System.currentTimeMillis());
    }

    void poll() {
      checkShutdown();
    }
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run(Scripted self) throws Exception;
  }

  private static Scripted run(ThrowingRunnable work) {
    Scripted t = new Scripted(work);
    t.run();
    return t;
  }

  @Test
  void errorsEndTheTaskAsFailedWithAPlainMessage() {
    Scripted overflow = run(t -> recurse(0));
    assertThat(overflow.state()).isEqualTo(TaskState.FAILED);
    assertThat(overflow.errorMsg()).contains("nested too deeply").doesNotContain("StackOverflowError");
    assertThat(overflow.cleanedUp).isTrue();

    Scripted oom = run(t -> {
      throw new OutOfMemoryError("Java heap space");
    });
    assertThat(oom.state()).isEqualTo(TaskState.FAILED);
    assertThat(oom.errorMsg()).contains("out of memory").doesNotContain("OutOfMemoryError");

    Scripted npe = run(t -> {
      throw new NullPointerException("Cannot invoke \"java.util.List.size()\"");
    });
    assertThat(npe.state()).isEqualTo(TaskState.FAILED);
    assertThat(npe.errorMsg()).isEqualTo("Internal error; the server log has the details");

    Scripted user = run(t -> {
      throw new InvalidInputException("x", "the spec is wrong");
    });
    assertThat(user.errorMsg()).isEqualTo("the spec is wrong");

    assertThat(run(t -> { }).state()).isEqualTo(TaskState.SUCCESS);
  }

  @Test
  void aFailureAfterTheOutcomeWasCommittedLeavesTheTaskSuccessful() {
    Scripted t = run(self -> {
      self.commit();
      throw new IllegalStateException("telling the serving side failed");
    });
    assertThat(t.state()).isEqualTo(TaskState.SUCCESS);
    assertThat(t.errorMsg()).isNull();
  }

  @Test
  void shutdownEndsARunningTask() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Scripted t = new Scripted(self -> {
      started.countDown();
      while (true) {
        self.poll();
        Thread.sleep(1);
      }
    });
    Thread runner = new Thread(t::run);
    runner.start();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    t.requestShutdown();
    runner.join(10_000);
    assertThat(t.state()).isEqualTo(TaskState.FAILED);
  }

  private static int recurse(int n) {
    return recurse(n + 1) + 1;
  }
}
