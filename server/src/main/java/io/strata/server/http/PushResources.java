package io.strata.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.api.time.DateTimes;
import io.strata.server.security.Action;
import io.strata.server.security.ResourceAction;
import io.strata.server.security.ResourceType;
import io.strata.stream.EventReceivers;
import io.strata.stream.ReceiverReader;

import java.io.IOException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Push ingestion: {@code POST /druid/worker/v1/chat/{serviceName}/push-events} with a JSON array of events (the
 * endpoint Tranquility pushes to) delivers them to every {@code receiver} task registered under that name, and
 * answers {@code {"eventCount": n}}; {@code .../shutdown?shutoffTime=} ends the receiving. As in Druid, pushing needs
 * WRITE on STATE.
 */
public final class PushResources {
  private static final String BASE = "/druid/worker/v1/chat/{serviceName}";
  private static final ResourceAction STATE_WRITE = new ResourceAction("STATE", ResourceType.STATE, Action.WRITE);

  private final EventReceivers receivers;

  public PushResources(EventReceivers receivers) {
    this.receivers = receivers;
  }

  public void register(HttpApi api) {
    api.postJson(BASE + "/push-events", STATE_WRITE, this::push)
        .post(BASE + "/shutdown", STATE_WRITE, this::shutdown);
  }

  private List<ReceiverReader> receiversOf(HttpExchange ex) {
    String name = ex.path("serviceName");
    List<ReceiverReader> found = receivers.get(name);
    if (found.isEmpty()) {
      throw HttpError.notFound("No task receives events as [" + name + "]");
    }
    return found;
  }

  private Object push(HttpExchange ex) throws IOException, InterruptedException {
    List<ReceiverReader> targets = receiversOf(ex);
    String producerId = ex.headers().get("X-Firehose-Producer-Id");
    long producerSeq = 0;
    if (producerId != null) {
      String seq = ex.headers().get("X-Firehose-Producer-Seq");
      if (seq == null) {
        throw HttpError.badRequestLegacy("Producer sequence value is missing");
      }
      try {
        producerSeq = Long.parseLong(seq.trim());
      } catch (NumberFormatException e) {
        throw HttpError.badRequestLegacy("Producer sequence must be a number");
      }
    }
    JsonNode body = Json.MAPPER.readTree(ex.body());
    if (body == null || !body.isArray()) {
      throw HttpError.badRequestLegacy("push-events takes a JSON array of events, for example "
          + "[{\"timestamp\":\"2013-08-31T01:02:33Z\",\"page\":\"Gypsy Danger\"}]");
    }
    List<byte[]> events = new ArrayList<>(body.size());
    for (JsonNode e : body) {
      if (!e.isObject()) {
        throw HttpError.badRequestLegacy("event " + events.size() + " of the push is not a JSON object");
      }
      events.add(Json.MAPPER.writeValueAsBytes(e));
    }
    boolean skipped = false;
    for (ReceiverReader r : targets) {
      switch (r.push(events, producerId, producerSeq)) {
        case ACCEPTED -> {
        }
        case SKIPPED_DUPLICATE -> skipped = true;
        case TOO_MANY_PRODUCERS -> throw HttpError.forbiddenLegacy("Too many individual producer IDs for this "
            + "firehose.  Max is 10000");
        case BUFFER_FULL -> throw HttpError.unavailable("the receiver's buffer stayed full for 30 s; retry later");
        case CLOSED -> throw HttpError.notFound("No task receives events as [" + ex.path("serviceName") + "]");
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (skipped) {
      out.put("eventCount", 0);
      out.put("skipped", true);
    } else {
      out.put("eventCount", events.size());
    }
    return out;
  }

  private Object shutdown(HttpExchange ex) {
    List<ReceiverReader> targets = receiversOf(ex);
    String at = ex.param("shutoffTime");
    long millis;
    try {
      millis = at == null ? System.currentTimeMillis() : DateTimes.parseIso(at);
    } catch (DateTimeException e) {
      throw HttpError.badRequestLegacy("Invalid shutoffTime [" + at + "]: expected an ISO time");
    }
    targets.forEach(r -> r.shutoffAt(millis));
    return new HttpResult(200, null);
  }
}
