package io.strata.ingest;

import io.strata.metadata.DeepStorage;
import io.strata.metadata.MetadataStore;

import java.nio.file.Path;

/**
 * What a task needs from the server it runs in.
 *
 * @param workingDir base for relative input paths in specs (the server's working directory)
 * @param tasksDir   parent of each task's scratch directory (spills, built segments); wiped per task
 */
public record TaskEnvironment(Path workingDir, Path tasksDir, MetadataStore metadataStore, DeepStorage deepStorage,
                              PublishListener publishListener) {
}
