package io.strata.server;

import io.strata.metadata.DeepStorage;
import io.strata.metadata.MetadataStore;
import io.strata.server.serving.SegmentManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A streaming hand-off's metadata commit and its swap of live rows for the published segments are one step for the
 * served view: a refresh another task's hand-off (or a batch publish) triggers meanwhile waits until the swap is
 * done, so no view holds both the new segments and the live rows they came from (a transient double count).
 */
class SegmentManagerHandOffTest {
  @TempDir
  Path tmp;

  @Test
  void aRefreshDuringAHandOffsCommitWaitsForItsSwap() throws Exception {
    try (MetadataStore store = MetadataStore.open(tmp.resolve("metadata"))) {
      SegmentManager manager = new SegmentManager(store, new DeepStorage(tmp.resolve("deep")), SegmentLoading::load);
      CountDownLatch refreshStarted = new CountDownLatch(1);
      CountDownLatch refreshDone = new CountDownLatch(1);
      boolean[] doneDuringCommit = {true};
      manager.commitAndHandOff("ds", "task-a", () -> {
        Thread other = new Thread(() -> {
          refreshStarted.countDown();
          manager.published("ds");
          refreshDone.countDown();
        });
        other.start();
        assertThat(refreshStarted.await(10, TimeUnit.SECONDS)).isTrue();
        // While the commit runs, the concurrent refresh must not get through.
        doneDuringCommit[0] = refreshDone.await(300, TimeUnit.MILLISECONDS);
      }, List.of());
      assertThat(doneDuringCommit[0]).as("a refresh completed between a hand-off's commit and its swap").isFalse();
      assertThat(refreshDone.await(10, TimeUnit.SECONDS)).as("the refresh runs once the swap is done").isTrue();
    }
  }
}
