package io.strata.server;

import io.strata.api.data.Segment;
import io.strata.api.data.SegmentId;
import io.strata.api.time.Interval;
import io.strata.metadata.DeepStorage;
import io.strata.metadata.MetadataStore;
import io.strata.server.serving.DataSourceView;
import io.strata.server.serving.SegmentManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live segment leaves the served view (a merge replaced it) while a query still reads a view two swaps old: the
 * segment must stay open until that query is done, since closing unmaps its files under the reader (a JVM crash).
 */
class SegmentReferencesTest {
  @TempDir
  Path tmp;

  private final Set<String> closed = ConcurrentHashMap.newKeySet();

  private Segment segment(String name) {
    SegmentId id = new SegmentId("ds", Interval.parse("2013-09-01/2013-09-02"), name, 0);
    return (Segment) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Segment.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "id" -> id;
          case "close" -> {
            closed.add(name);
            yield null;
          }
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> name;
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  @Test
  void aSegmentClosesOnlyWhenNoViewStillInUseHoldsIt() throws Exception {
    try (MetadataStore store = MetadataStore.open(tmp.resolve("metadata"))) {
      SegmentManager manager = new SegmentManager(store, new DeepStorage(tmp.resolve("deep")), SegmentLoading::load);
      Segment a = segment("a");
      Segment b = segment("b");
      manager.announce("ds", "task", List.of(a));
      DataSourceView first = manager.acquire("ds"); // a slow query on the view with a
      assertThat(first.live()).containsExactly(a);
      manager.announce("ds", "task", List.of(a, b));
      manager.announce("ds", "task", List.of(b)); // a merged away: the served view no longer has it
      assertThat(closed).as("the first view's query still reads a").isEmpty();

      DataSourceView current = manager.acquire("ds");
      assertThat(current.live()).containsExactly(b);
      current.release();
      first.release();
      assertThat(closed).containsExactly("a");

      manager.announce("ds", "task", List.of());
      assertThat(closed).containsExactlyInAnyOrder("a", "b");
    }
  }
}
