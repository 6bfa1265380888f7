package gala.notices;

import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.TopicLog;
import gala.platform.TopicSource;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code user:<userId>}: one person's private notices, readable only by that user after an auth
 * frame. Features add parts (registration adds "entries"); the snapshot holds one field per part,
 * each computed from database truth, so a feature refreshes the topic in its own transaction.
 */
public final class UserNotices implements TopicSource {
  public static final String KIND = "user";
  private final Map<String, Part> parts = new ConcurrentHashMap<>();

  /** One field of the snapshot, owned by a feature. */
  @FunctionalInterface
  public interface Part {
    /** The field's value (a JSON object or array) for {@code userId}. */
    Future<Object> compute(SqlClient db, long userId);
  }

  private UserNotices() {}

  /** The notices source of this node's topic log, registering it on first use. */
  public static synchronized UserNotices in(TopicLog topics) {
    if (topics.source(KIND + ":0") instanceof UserNotices existing) {
      return existing;
    }
    UserNotices created = new UserNotices();
    topics.register(created);
    return created;
  }

  public static String topic(long userId) {
    return KIND + ":" + userId;
  }

  public UserNotices part(String field, Part part) {
    parts.put(field, part);
    return this;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Future<JsonObject> snapshot(SqlClient db, String id) {
    long userId = parse(id);
    JsonObject out = new JsonObject();
    if (userId <= 0) {
      return Future.succeededFuture(out);
    }
    List<String> fields = new ArrayList<>(parts.keySet());
    fields.sort(null);
    Future<Void> all = Future.succeededFuture();
    for (String field : fields) {
      all = all.compose(v -> parts.get(field).compute(db, userId).map(value -> {
        out.put(field, value);
        return null;
      }));
    }
    return all.map(v -> out);
  }

  @Override
  public Future<Boolean> canRead(SqlClient db, Caller caller, String id) {
    long userId = parse(id);
    if (userId <= 0) {
      return Future.failedFuture(ApiError.notFound("topic user:" + id));
    }
    return Future.succeededFuture(caller != null && caller.userId() == userId);
  }

  private static long parse(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
