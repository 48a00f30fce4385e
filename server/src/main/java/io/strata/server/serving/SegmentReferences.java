package io.strata.server.serving;

import io.strata.api.data.Segment;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * How many views of a datasource hold each opened segment. A segment closes when the last view holding it has been
 * retired and released by its last query: a query may still read an old view after two newer ones replaced it, so
 * "not in the next view" is not enough to close a segment (its mapped files would be unmapped under the reader).
 * Thread-safe.
 */
final class SegmentReferences {
  private final Map<Segment, Integer> holders = new IdentityHashMap<>();

  /** A new view holds these segments. */
  synchronized void hold(Collection<Segment> segments) {
    for (Segment s : segments) {
      holders.merge(s, 1, Integer::sum);
    }
  }

  /** A view that held these segments is gone; those no other view holds are closed. */
  void release(Collection<Segment> segments) {
    java.util.List<Segment> unheld = new java.util.ArrayList<>();
    synchronized (this) {
      for (Segment s : segments) {
        Integer n = holders.get(s);
        if (n == null || n <= 1) {
          holders.remove(s);
          unheld.add(s);
        } else {
          holders.put(s, n - 1);
        }
      }
    }
    unheld.forEach(Segment::close);
  }

  /** How many views hold the segment (0 once closed). */
  synchronized int holders(Segment s) {
    return holders.getOrDefault(s, 0);
  }
}
