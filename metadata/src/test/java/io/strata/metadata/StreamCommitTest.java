package io.strata.metadata;

import io.strata.api.time.Interval;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stream offsets committed with segments: the compare-and-swap that makes streaming exactly-once. */
class StreamCommitTest {
  private static final Interval DAY = Interval.parse("2020-01-01/2020-01-02");

  @TempDir
  Path dir;
  private MetadataStore store;

  @BeforeEach
  void open() {
    store = MetadataStore.open(dir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static StreamOffsets offsets(String stream, Map<String, String> partitions) {
    return new StreamOffsets(stream, partitions);
  }

  private static MetadataStore.StreamCommit commit(Map<String, String> start, Map<String, String> end) {
    return new MetadataStore.StreamCommit(offsets("wiki", start), offsets("wiki", end));
  }

  @Test
  void firstCommitStartsAnywhereThenEachMustContinueTheLast() {
    store.publish("ds", List.of(MetadataStoreTest.seg("ds", DAY, "v1", 0, 0)), List.of(), null,
        commit(Map.of("0", "5", "1", "0"), Map.of("0", "10", "1", "7")));
    assertThat(store.streamOffsets("ds")).contains(offsets("wiki", Map.of("0", "10", "1", "7")));

    // A task that started at 8 in partition 0 overlaps published records: refused, nothing changes.
    assertThatThrownBy(() -> store.publish("ds", List.of(MetadataStoreTest.seg("ds", DAY, "v1", 1, 0)), List.of(),
        null, commit(Map.of("0", "8"), Map.of("0", "20"))))
        .isInstanceOf(MetadataStoreException.class)
        .hasMessageContaining("inconsistent stream offsets")
        .hasMessageContaining("partition 0");
    assertThat(store.usedSegments("ds")).hasSize(1);
    assertThat(store.streamOffsets("ds")).contains(offsets("wiki", Map.of("0", "10", "1", "7")));

    // Continuing exactly: only the partitions it covers move; a partition new to the datasource joins.
    store.publish("ds", List.of(MetadataStoreTest.seg("ds", DAY, "v1", 1, 0)), List.of(), null,
        commit(Map.of("0", "10", "2", "3"), Map.of("0", "20", "2", "9")));
    assertThat(store.streamOffsets("ds")).contains(offsets("wiki", Map.of("0", "20", "1", "7", "2", "9")));
    assertThat(store.usedSegments("ds")).hasSize(2);
  }

  @Test
  void anotherStreamIsRefusedUntilReset() {
    store.publish("ds", List.of(), List.of(), null, commit(Map.of("0", "0"), Map.of("0", "4")));
    MetadataStore.StreamCommit other = new MetadataStore.StreamCommit(offsets("edits", Map.of("0", "0")),
        offsets("edits", Map.of("0", "1")));
    assertThatThrownBy(() -> store.publish("ds", List.of(), List.of(), null, other))
        .isInstanceOf(MetadataStoreException.class)
        .hasMessageContaining("stream [wiki], not [edits]");
    assertThat(store.resetStreamOffsets("ds")).isTrue();
    assertThat(store.streamOffsets("ds")).isEmpty();
    store.publish("ds", List.of(), List.of(), null, other);
    assertThat(store.streamOffsets("ds")).contains(offsets("edits", Map.of("0", "1")));
  }

  @Test
  void offsetsAndSupervisorsSurviveReopening() {
    store.setStreamOffsets("ds", offsets("wiki", Map.of("0", "42")));
    store.putSupervisor("ds", "{\"v\":1}", "RUNNING", true);
    store.putSupervisor("ds", "{\"v\":2}", "SUSPENDED", true);
    store.putSupervisor("ds", "{\"v\":2}", "TERMINATED", false);
    store.close();
    store = MetadataStore.open(dir);
    assertThat(store.streamOffsets("ds")).contains(offsets("wiki", Map.of("0", "42")));
    assertThat(store.supervisors()).singleElement().satisfies(r -> {
      assertThat(r.state()).isEqualTo("TERMINATED");
      assertThat(r.specJson()).isEqualTo("{\"v\":2}");
    });
    assertThat(store.supervisorHistory("ds")).extracting(Map.Entry::getValue)
        .containsExactly("{\"v\":2}", "{\"v\":1}");
  }

  @Test
  void initialOffsetsFillOnlyPartitionsWithoutCommittedOnes() {
    assertThat(store.initStreamOffsets("ds", offsets("wiki", Map.of("0", "100", "1", "50"))))
        .isEqualTo(offsets("wiki", Map.of("0", "100", "1", "50")));
    store.publish("ds", List.of(), List.of(), null, commit(Map.of("0", "100"), Map.of("0", "120")));
    // A later "latest" for partition 0 must not jump over the committed 120; partition 2 is new.
    assertThat(store.initStreamOffsets("ds", offsets("wiki", Map.of("0", "999", "2", "7"))))
        .isEqualTo(offsets("wiki", Map.of("0", "120", "1", "50", "2", "7")));
    assertThatThrownBy(() -> store.initStreamOffsets("ds", offsets("other", Map.of("0", "1"))))
        .isInstanceOf(MetadataStoreException.class).hasMessageContaining("not [other]");
  }

  @Test
  void replicasPublishEachSequenceOnce() {
    MetadataStore.ReplicaSequences first = new MetadataStore.ReplicaSequences("task-a", List.of("grp_" + DAY));
    MetadataStore.ReplicaSequences second = new MetadataStore.ReplicaSequences("task-b", List.of("grp_" + DAY));
    store.publish("ds", List.of(MetadataStoreTest.seg("ds", DAY, "v1", 0, 0)), List.of(), null, null, first);
    assertThatThrownBy(() -> store.publish("ds", List.of(MetadataStoreTest.seg("ds", DAY, "v1", 1, 0)), List.of(),
        null, null, second)).isInstanceOf(MetadataStore.AlreadyPublishedException.class);
    assertThat(store.usedSegments("ds")).hasSize(1);
    assertThat(store.sequencePublisher("ds", "grp_" + DAY)).contains("task-a");
    assertThat(store.sequencePublisher("ds", "grp_other")).isEmpty();
  }
}
