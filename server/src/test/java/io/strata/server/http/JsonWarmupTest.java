package io.strata.server.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up samples must stay valid requests: a sample that fails to parse would warm nothing after it. */
class JsonWarmupTest {
  @Test
  void everySampleParses() throws Exception {
    assertThat(JsonWarmup.parseSamples()).isEqualTo(JsonWarmup.TASKS.size() + JsonWarmup.QUERIES.size());
  }
}
