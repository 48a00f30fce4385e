package io.strata.ingest;

import io.strata.input.InputSplit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Hands a task's splits to its readers: each reader owns a contiguous run of the splits (in input order, which for
 * the usual time-ordered files is time order, so each reader's rows fall in few time chunks and few chunks are
 * built by two readers) and takes them from the front; a reader that runs out steals from the back of the run with
 * the most bytes left, so no reader idles while another still has work. Thread-safe.
 */
final class SplitQueues {
  private final List<Deque<InputSplit>> runs = new ArrayList<>();
  private final long[] bytesLeft;

  SplitQueues(List<InputSplit> splits, int readers) {
    long total = 0;
    for (InputSplit s : splits) {
      total += Math.max(1, s.sizeBytes());
    }
    bytesLeft = new long[readers];
    long perReader = total / readers + 1;
    long seen = 0;
    for (int r = 0; r < readers; r++) {
      runs.add(new ArrayDeque<>());
    }
    for (InputSplit s : splits) {
      long size = Math.max(1, s.sizeBytes());
      // The run whose share of the bytes holds this split's middle.
      int r = (int) Math.min(readers - 1, (seen + size / 2) / perReader);
      runs.get(r).addLast(s);
      bytesLeft[r] += size;
      seen += size;
    }
  }

  /** The next split for {@code reader}, or null when no work is left anywhere. */
  synchronized InputSplit next(int reader) {
    InputSplit own = runs.get(reader).pollFirst();
    if (own != null) {
      bytesLeft[reader] -= Math.max(1, own.sizeBytes());
      return own;
    }
    int victim = -1;
    for (int r = 0; r < runs.size(); r++) {
      if (!runs.get(r).isEmpty() && (victim < 0 || bytesLeft[r] > bytesLeft[victim])) {
        victim = r;
      }
    }
    if (victim < 0) {
      return null;
    }
    InputSplit stolen = runs.get(victim).pollLast();
    bytesLeft[victim] -= Math.max(1, stolen.sizeBytes());
    return stolen;
  }
}
