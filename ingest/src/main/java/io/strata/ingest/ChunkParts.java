package io.strata.ingest;

import io.strata.api.time.Interval;
import io.strata.index.IncrementalIndex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a task's readers have built so far, per time chunk: the spill segments they wrote when memory was full, and
 * the in-memory indexes they handed over when they ran out of input. The final merge reads both, so data that fits
 * in memory is never written to disk twice. Thread-safe.
 */
final class ChunkParts {
  /** One chunk's parts. The in-memory indexes are owned by whoever holds this until it closes them. */
  record Parts(List<Path> spills, List<IncrementalIndex> inMemory) {
    int count() {
      return spills.size() + inMemory.size();
    }
  }

  private final Path spillRoot;
  private final AtomicInteger sequence = new AtomicInteger();
  private final Map<Interval, List<Path>> spills = new TreeMap<>();
  private final Map<Interval, List<IncrementalIndex>> inMemory = new TreeMap<>();

  ChunkParts(Path spillRoot) {
    this.spillRoot = spillRoot;
  }

  Path newSpillDir(Interval chunk) throws IOException {
    Files.createDirectories(spillRoot);
    return spillRoot.resolve(chunk.start() + "_" + chunk.end() + "_" + sequence.getAndIncrement());
  }

  synchronized void addSpill(Interval chunk, Path spill) {
    spills.computeIfAbsent(chunk, c -> new ArrayList<>()).add(spill);
  }

  /** Takes ownership of a non-empty in-memory index of {@code chunk}. */
  synchronized void addInMemory(Interval chunk, IncrementalIndex index) {
    inMemory.computeIfAbsent(chunk, c -> new ArrayList<>()).add(index);
  }

  /**
   * Every chunk's parts, chunks in time order. The in-memory indexes move to the caller (this registry lets go of
   * them, so each one's memory can go as soon as its chunk is merged).
   */
  synchronized Map<Interval, Parts> takeAll() {
    Map<Interval, Parts> out = new TreeMap<>();
    spills.forEach((chunk, list) -> out.put(chunk, new Parts(List.copyOf(list), new ArrayList<>())));
    inMemory.forEach((chunk, list) ->
        out.computeIfAbsent(chunk, c -> new Parts(List.of(), new ArrayList<>())).inMemory().addAll(list));
    inMemory.clear();
    return out;
  }

  /** Closes the in-memory indexes still held here (when the task fails before the final merge). */
  synchronized void closeInMemory() {
    inMemory.values().forEach(list -> list.forEach(IncrementalIndex::close));
    inMemory.clear();
  }
}
