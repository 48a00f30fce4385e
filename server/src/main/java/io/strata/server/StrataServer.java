package io.strata.server;

import io.strata.api.data.SegmentId;
import io.strata.ingest.TaskEnvironment;
import io.strata.ingest.TaskRunner;
import io.strata.ingest.Tasks;
import io.strata.metadata.DataSegment;
import io.strata.metadata.DeepStorage;
import io.strata.metadata.MetadataStore;
import io.strata.query.QueryExecutor;
import io.strata.query.QueryTimeouts;
import io.strata.server.http.HttpApi;
import io.strata.server.http.JsonErrorHandler;
import io.strata.server.http.JsonWarmup;
import io.strata.server.http.Resources;
import io.strata.server.http.SecurityResources;
import io.strata.server.security.BasicSecurity;
import io.strata.api.spec.SupervisorSpec;
import io.strata.api.spec.TaskSpec;
import io.strata.kafka.KafkaIndexTasks;
import io.strata.kafka.KafkaSupervisors;
import io.strata.kinesis.KinesisIndexTasks;
import io.strata.kinesis.KinesisSupervisors;
import io.strata.kafka.RealtimeIndexTasks;
import io.strata.server.http.PushResources;
import io.strata.stream.EventReceivers;
import io.strata.stream.RealtimeTask;
import io.strata.server.http.SupervisorResources;
import io.strata.stream.SupervisorManager;
import io.strata.server.serving.SegmentManager;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The composition root: builds every component with plain constructors, in data-flow order, and owns their
 * lifecycle. One process serves ingestion, queries and the HTTP API on one port.
 */
public final class StrataServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StrataServer.class);
  /** How long a connection may sit idle, including a request body that stops arriving. */
  private static final long IDLE_TIMEOUT_MILLIS = 30_000;

  private final ServerConfig config;
  private final MetadataStore metadataStore;
  private final SegmentManager segmentManager;
  private final TaskRunner taskRunner;
  private final SupervisorManager supervisors;
  private final ExecutorService queryPool;
  private final Server http;

  private StrataServer(ServerConfig config) throws Exception {
    this.config = config;
    Files.createDirectories(config.dataDir());
    this.metadataStore = MetadataStore.open(config.dataDir().resolve("metadata"));
    DeepStorage deepStorage = new DeepStorage(config.dataDir().resolve("deep-storage"));
    int failed = metadataStore.failDanglingTasks("Server stopped while the task was running").size();
    if (failed > 0) {
      LOG.warn("{} task(s) were running when the server last stopped; marked FAILED", failed);
    }
    Tasks.wipeScratch(config.dataDir().resolve("tasks"));
    sweepDeepStorage(deepStorage);
    this.segmentManager = new SegmentManager(metadataStore, deepStorage, SegmentLoading::load);
    segmentManager.loadAll();
    BasicSecurity security = BasicSecurity.start(config.security(), metadataStore);
    AtomicInteger n = new AtomicInteger();
    this.queryPool = Executors.newFixedThreadPool(config.queryThreads(), r -> {
      Thread t = new Thread(r, "query-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.http = new Server(new QueuedThreadPool(64, 4, 60_000));
    HttpConfiguration httpConfig = new HttpConfiguration();
    httpConfig.setSendServerVersion(false);
    // Path segments are decoded one by one by HttpApi, so encoded '/' and '%' in names are not ambiguous there.
    httpConfig.setUriCompliance(UriCompliance.DEFAULT.with("strata", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
        UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING, UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
    ServerConnector connector = new ServerConnector(http, new HttpConnectionFactory(httpConfig));
    connector.setHost(config.host());
    connector.setPort(config.port());
    connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
    http.addConnector(connector);
    http.setStopTimeout(5_000);
    http.setErrorHandler(new JsonErrorHandler());
    TaskEnvironment env = new TaskEnvironment(config.workingDir(), config.dataDir().resolve("tasks"),
        metadataStore, deepStorage, segmentManager, config.inputPolicy());
    // Task status shows the bound port, known only once the connector is open (port 0 in tests).
    this.taskRunner = new TaskRunner(env, config.taskSlots(), config.host(), connector::getLocalPort);
    taskRunner.register(TaskSpec.KafkaIndexTask.class, new KafkaIndexTasks(segmentManager));
    taskRunner.register(TaskSpec.KinesisIndexTask.class, new KinesisIndexTasks(segmentManager));
    EventReceivers receivers = new EventReceivers();
    taskRunner.register(TaskSpec.RealtimeIndexTask.class, new RealtimeIndexTasks(segmentManager, receivers));
    this.supervisors = new SupervisorManager(metadataStore);
    supervisors.register(SupervisorSpec.Kafka.class, new KafkaSupervisors(taskRunner, metadataStore));
    supervisors.register(SupervisorSpec.Kinesis.class, new KinesisSupervisors(taskRunner, metadataStore));
    HttpApi api = new HttpApi(config.maxRequestBytes(), security, config.corsAllowedOrigins());
    QueryExecutor executor = new QueryExecutor(queryPool,
        new QueryTimeouts(config.defaultQueryTimeoutMillis(), config.maxQueryTimeoutMillis()));
    io.strata.server.http.LookupResources lookups = new io.strata.server.http.LookupResources(metadataStore);
    lookups.register(api);
    new Resources(segmentManager, taskRunner, metadataStore, executor, config.security(), lookups).register(api);
    SecurityResources.register(api, security);
    new SupervisorResources(supervisors, metadataStore).register(api);
    new PushResources(receivers).register(api);
    // As Druid's servers: responses gzip-compressed for clients that accept it (native queries are POSTs, so
    // every method is included), and gzip-encoded request bodies inflated.
    org.eclipse.jetty.server.handler.gzip.GzipHandler gzip = new org.eclipse.jetty.server.handler.gzip.GzipHandler();
    gzip.setIncludedMethods("GET", "POST", "DELETE");
    gzip.setInflateBufferSize(8192);
    gzip.setHandler(api);
    http.setHandler(gzip);
    http.start();
    supervisors.startStored();
    JsonWarmup.startInBackground();
    LOG.info("Strata listening on http://{}:{} (data in {}{})", config.host(), connector.getLocalPort(),
        config.dataDir(), security.enabled() ? ", authentication on" : "");
  }

  /**
   * Deletes segment directories the metadata store does not refer to (left by a crash between a push and its
   * publish, or between a kill's metadata delete and its file delete). Runs before any task can push.
   */
  private void sweepDeepStorage(DeepStorage deepStorage) {
    try {
      List<SegmentId> ids = metadataStore.allSegmentIds();
      if (ids.isEmpty()) {
        // An empty store beside a deep storage that holds segments is more likely the wrong (or a lost) metadata
        // store than a crash's leftovers: delete nothing on that evidence alone.
        LOG.info("The metadata store has no segments; deep storage is not swept");
        return;
      }
      Set<Path> keep = new HashSet<>();
      for (SegmentId id : ids) {
        try {
          keep.add(deepStorage.partitionDirectory(id));
        } catch (IllegalArgumentException e) {
          // a name that cannot be a directory has none to keep
        }
      }
      for (DataSegment d : metadataStore.allSegments()) {
        try {
          keep.add(deepStorage.pathOf(d));
        } catch (IllegalArgumentException e) {
          // not in local deep storage
        }
      }
      for (Path p : deepStorage.sweepUnreferenced(keep)) {
        LOG.warn("Deleted segment directory {}: no segment in the metadata store refers to it", p);
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("Could not sweep deep storage for unreferenced segments; will try at the next start", e);
    }
  }

  /** Starts a server; it is ready to serve when this returns. */
  public static StrataServer start(ServerConfig config) throws Exception {
    return new StrataServer(config);
  }

  public int port() {
    return ((ServerConnector) http.getConnectors()[0]).getLocalPort();
  }

  public String url() {
    return "http://" + config.host() + ":" + port();
  }

  /**
   * Runs the specs of a legacy realtime node's spec file (a JSON array of realtime specs, as read from
   * {@code -Ddruid.realtime.specFile}), each as an {@code index_realtime} task. Their rows are served at once; they run
   * until the server stops, which hands off what they hold.
   *
   * @return the task ids
   * @throws io.strata.api.error.InvalidInputException naming what is wrong with a spec; then none is started
   */
  public List<String> startRealtime(List<io.strata.api.spec.RealtimeSpec> specs) {
    List<TaskSpec.RealtimeIndexTask> tasks = new java.util.ArrayList<>();
    Set<String> kafkaDataSources = new HashSet<>();
    for (io.strata.api.spec.RealtimeSpec spec : specs) {
      if (spec.ioConfig().firehose().source() instanceof io.strata.api.spec.stream.Firehose.Kafka
          && !kafkaDataSources.add(spec.dataSchema().dataSource())) {
        throw new io.strata.api.error.InvalidInputException("dataSource", "two specs read Kafka into datasource ["
            + spec.dataSchema().dataSource() + "]; one task reads every partition of a topic, so give one spec");
      }
      tasks.add(new TaskSpec.RealtimeIndexTask("index_realtime", null, null, spec, null));
    }
    List<String> ids = new java.util.ArrayList<>();
    for (TaskSpec.RealtimeIndexTask t : tasks) {
      String id = taskRunner.submit(t);
      ids.add(id);
      LOG.info("Realtime node: task [{}] ingests [{}] from {}", id, t.dataSource(),
          t.spec().ioConfig().firehose().source().type());
    }
    return ids;
  }

  /** Reads a realtime spec file: a JSON array of realtime specs (or one spec). */
  public static List<io.strata.api.spec.RealtimeSpec> readRealtimeSpecs(Path file) throws IOException {
    com.fasterxml.jackson.databind.JsonNode root = io.strata.api.json.Json.MAPPER.readTree(file.toFile());
    List<io.strata.api.spec.RealtimeSpec> out = new java.util.ArrayList<>();
    if (root == null) {
      return out;
    }
    for (com.fasterxml.jackson.databind.JsonNode n : root.isArray() ? root : List.of(root)) {
      out.add(io.strata.api.json.Json.MAPPER.treeToValue(n, io.strata.api.spec.RealtimeSpec.class));
    }
    return out;
  }

  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  public void join() throws InterruptedException {
    http.join();
  }

  /**
   * A stopping server hands off what its realtime tasks hold (Druid's realtime node did the same), so pushed events
   * are not lost and Kafka-fed ones need not be read again; a task that takes longer than a minute is shut down by
   * the task runner (its Kafka records are read again at the next start).
   */
  private void handOffRealtimeTasks() {
    List<RealtimeTask> stopping = new java.util.ArrayList<>();
    for (io.strata.ingest.AbstractTask t : taskRunner.liveTasks()) {
      if (t instanceof RealtimeTask r) {
        r.stopReading();
        stopping.add(r);
      }
    }
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    for (RealtimeTask r : stopping) {
      while (!r.state().isComplete() && System.nanoTime() < deadline) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (r.state().isComplete()) {
        LOG.info("Realtime task [{}] handed off and ended {}", r.id(), r.state());
      }
    }
  }

  /** Idempotent: the CLI's shutdown hook may close a server its command closed already. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      http.stop();
    } catch (Exception e) {
      LOG.warn("HTTP server did not stop cleanly", e);
    }
    supervisors.close();
    handOffRealtimeTasks();
    if (taskRunner != null) {
      taskRunner.close();
    }
    queryPool.shutdownNow();
    segmentManager.close();
    try {
      metadataStore.close();
    } catch (Exception e) {
      LOG.warn("Metadata store did not close cleanly", e);
    }
  }
}
