package io.strata.stream;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@code receiver} firehoses of the running tasks, by service name: what
 * {@code POST /druid/worker/v1/chat/{serviceName}/push-events} delivers to. Several tasks may register one name (the
 * replicas of one shard on this server); a push goes to each of them. Thread-safe.
 */
public final class EventReceivers {
  private final Map<String, List<ReceiverReader>> byName = new ConcurrentHashMap<>();

  void register(String serviceName, ReceiverReader reader) {
    byName.computeIfAbsent(serviceName, n -> new CopyOnWriteArrayList<>()).add(reader);
  }

  void unregister(String serviceName, ReceiverReader reader) {
    byName.computeIfPresent(serviceName, (n, list) -> {
      list.remove(reader);
      return list.isEmpty() ? null : list;
    });
  }

  /** The receivers registered under a name; empty if none. */
  public List<ReceiverReader> get(String serviceName) {
    return byName.getOrDefault(serviceName, List.of());
  }
}
