package io.strata.ingest;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every task id gets a scratch directory of its own, inside the tasks directory. */
class TaskEnvironmentTest {
  private final TaskEnvironment env = new TaskEnvironment(Path.of("/w"), Path.of("/data/tasks"), null, null, null,
      io.strata.input.InputSourcePolicy.UNRESTRICTED);

  @Test
  void idsThatCannotBeFileNamesGetHashedNamesNoIdCanHave() {
    assertThat(env.scratchDirectory("index_parallel_wiki_abc")).isEqualTo(Path.of("/data/tasks/index_parallel_wiki_abc"));
    String longId = "x".repeat(400);
    Path hashed = env.scratchDirectory(longId);
    assertThat(hashed.getParent()).isEqualTo(Path.of("/data/tasks"));
    assertThat(hashed.getFileName().toString()).startsWith(".").hasSizeLessThan(120);
    // The hashed name (without its dot) is itself a valid id: it still gets a directory of its own.
    String lookalike = hashed.getFileName().toString().substring(1);
    assertThat(env.scratchDirectory(lookalike)).isNotEqualTo(hashed);
    assertThat(env.scratchDirectory("a b %Россия!?")).isEqualTo(Path.of("/data/tasks/a b %Россия!?"));
    assertThat(env.scratchDirectory("a\\b").getParent()).isEqualTo(Path.of("/data/tasks"));
  }
}
