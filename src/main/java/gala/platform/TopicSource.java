package gala.platform;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;

/**
 * What a feature tells the topic log about one kind of topic ({@code scoreboard:<id>}, ...):
 * how to compute its snapshot from the database, and who may read it. Features register sources;
 * the platform never imports a feature.
 */
public interface TopicSource {
  /** The part before the colon, such as "scoreboard". */
  String kind();

  /** The full snapshot of topic {@code kind:id}, computed from database truth inside {@code db}. */
  Future<JsonObject> snapshot(SqlClient db, String id);

  /**
   * Takes the lock that serialises every writer of topic {@code kind:id} (a competition's results
   * lock for its scoreboard), inside the writing transaction {@code db}, before the topic is read
   * or written: a writer that computes its delta from its own reads (a mark) must not see the topic
   * changed under it by another feature's write (a registration). Taken before the topic's row, as
   * the topic's own writers do. Nothing by default.
   */
  default Future<Void> serialise(SqlClient db, String id) {
    return Future.succeededFuture();
  }

  /**
   * The delta of topic {@code kind:id} after a write described by {@code change} (say, entries that
   * joined or left a competition's field: {@code {"added": [ids], "removed": [ids]}}), read inside
   * the writing transaction {@code db}, when the source can tell it from the change alone; null when
   * it cannot, and then the topic is recomputed ({@link TopicLog#refresh}). Null by default.
   */
  default Future<JsonObject> changed(SqlClient db, String id, JsonObject change) {
    return Future.succeededFuture(null);
  }

  /**
   * {@link #serialise} for several topics of this kind at once (a registration batch's
   * scoreboards), in the order {@code ids} are given; one by one by default (pipelined).
   */
  default Future<Void> serialiseAll(SqlClient db, java.util.Collection<String> ids) {
    java.util.List<Future<Void>> locks = new java.util.ArrayList<>();
    ids.forEach(id -> locks.add(serialise(db, id)));
    return Future.all(locks).mapEmpty();
  }

  /**
   * {@link #changed} for several topics of this kind changed by one write, each id's change; answers
   * each id's delta (null: recompute it). One by one by default (pipelined); a source may read them
   * all in one statement.
   */
  default Future<java.util.Map<String, JsonObject>> changedAll(SqlClient db, java.util.Map<String, JsonObject> changes) {
    java.util.Map<String, Future<JsonObject>> each = new java.util.LinkedHashMap<>();
    changes.forEach((id, change) -> each.put(id, changed(db, id, change)));
    return Future.all(new java.util.ArrayList<>(each.values())).map(v -> {
      java.util.Map<String, JsonObject> out = new java.util.HashMap<>();
      each.forEach((id, f) -> out.put(id, f.result()));
      return out;
    });
  }

  /**
   * The source's own finer rule (results hidden until released), asked after gala.access.TopicAccess
   * let {@code caller} (null for anonymous spectators) follow the topic, which already refused a
   * subject that does not exist or is not theirs to see; fails with an {@link ApiError} to refuse.
   * Nothing more by default.
   */
  default Future<Boolean> canRead(SqlClient db, Caller caller, String id) {
    return Future.succeededFuture(true);
  }

  /**
   * How {@code caller} (null for anonymous) sees topic {@code kind:id}, decided once per
   * subscription after {@link #canRead}. Everything by default.
   */
  default Future<TopicView> view(SqlClient db, Caller caller, String id) {
    return Future.succeededFuture(TopicView.ALL);
  }

  /**
   * Told by a live gateway that it wrote {@code data} (a filtered snapshot or delta of topic
   * {@code kind:id}) to {@code sockets} clients; for delivery receipts. Called on an event loop: keep
   * it cheap and non-blocking. Nothing by default.
   */
  default void delivered(String id, JsonObject data, int sockets) {}
}
