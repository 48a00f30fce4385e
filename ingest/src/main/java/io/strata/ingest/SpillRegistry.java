package io.strata.ingest;

import io.strata.api.time.Interval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The spill segments written so far by all of a task's readers, per time chunk. Thread-safe. */
final class SpillRegistry {
  private final Path root;
  private final AtomicInteger sequence = new AtomicInteger();
  private final Map<Interval, List<Path>> spills = new TreeMap<>();

  SpillRegistry(Path root) {
    this.root = root;
  }

  Path newSpillDir(Interval chunk) throws IOException {
    Files.createDirectories(root);
    return root.resolve(chunk.start() + "_" + chunk.end() + "_" + sequence.getAndIncrement());
  }

  synchronized void add(Interval chunk, Path spill) {
    spills.computeIfAbsent(chunk, c -> new ArrayList<>()).add(spill);
  }

  /** Spills by chunk, chunks in time order. */
  synchronized Map<Interval, List<Path>> byChunk() {
    Map<Interval, List<Path>> copy = new TreeMap<>();
    spills.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return copy;
  }
}
