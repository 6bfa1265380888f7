package gala.mixer;

import gala.events.EventAccess;
import gala.mixer.seating.Person;
import gala.mixer.seating.RestReason;
import gala.platform.Caller;
import gala.platform.TopicSource;
import gala.platform.TopicView;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mixer:<mixerId>}: the round clock and counts for everyone in the mixer, and each seat of
 * the current round as a row keyed by user id. It is private: only the event's organisers and the
 * mixer's participants may follow it, and {@link #visible} cuts every snapshot and delta down to the
 * subscriber's own seat, so nobody learns where anyone else sits; the event's organisers see the
 * whole plan (the host's view).
 */
final class MixerSource implements TopicSource {
  static final String KIND = "mixer";

  static String topic(long mixerId) {
    return KIND + ":" + mixerId;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Future<JsonObject> snapshot(SqlClient db, String id) {
    Long mixerId = parse(id);
    if (mixerId == null) {
      return Future.succeededFuture(new JsonObject());
    }
    return db.preparedQuery(MixerService.MIXER_SELECT + " WHERE m.id = $1")
        .execute(Tuple.of(mixerId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(new JsonObject());
          }
          Row m = rows.iterator().next();
          return seats(db, mixerId, m.getInteger("current_round")).map(seats -> head(m).put("seats", seats));
        });
  }

  /** Everything of the snapshot but the seats: the round clock and the counts ({@link MixerService#MIXER_SELECT}). */
  static JsonObject head(Row m) {
    return MixerService.clockJson(m).put("joined", m.getLong("joined")).put("checkedIn", m.getLong("checked_in"));
  }

  private static final String SEATS = "SELECT s.user_id, s.table_no, s.rest_reason, p.display_name, p.interests, p.age "
      + "FROM mixer_seats s JOIN mixer_profiles p ON p.mixer_id = s.mixer_id AND p.user_id = s.user_id "
      + "WHERE s.mixer_id = $1 AND s.round = $2";

  /** Every seat of the round, in the topic's order (by person, so a move never reorders the list). */
  static Future<JsonArray> seats(SqlClient db, long mixerId, int round) {
    return db.preparedQuery(SEATS + " ORDER BY s.user_id").execute(Tuple.of(mixerId, round)).map(rows -> rows(rows, round));
  }

  /**
   * The seats a change touched: everyone at {@code tables}, and {@code users} with everyone at their
   * tables; each row complete (its table mates), so it can replace the row a client holds.
   */
  static Future<JsonArray> seats(SqlClient db, long mixerId, int round, Integer[] tables, Long[] users) {
    return db.preparedQuery(SEATS + " AND (s.user_id = ANY($4) OR (s.table_no > 0 AND (s.table_no = ANY($3) "
            + "OR s.table_no IN (SELECT table_no FROM mixer_seats WHERE mixer_id = $1 AND round = $2 AND user_id = ANY($4)))))"
            + " ORDER BY s.user_id")
        .execute(Tuple.of(mixerId, round, tables, users))
        .map(rows -> rows(rows, round));
  }

  /** One row per seat: the table and who else sits there, with the interests they share. */
  private static JsonArray rows(Iterable<Row> rows, int round) {
    Map<Integer, List<Row>> tables = new LinkedHashMap<>();
    List<Row> all = new ArrayList<>();
    for (Row r : rows) {
      all.add(r);
      tables.computeIfAbsent(r.getInteger("table_no"), t -> new ArrayList<>()).add(r);
    }
    JsonArray out = new JsonArray();
    for (Row r : all) {
      int table = r.getInteger("table_no");
      JsonArray with = new JsonArray();
      if (table > 0) {
        Set<String> mine = new HashSet<>(List.of(r.getArrayOfStrings("interests")));
        for (Row o : tables.get(table)) {
          if (o.getLong("user_id").equals(r.getLong("user_id"))) {
            continue;
          }
          JsonArray shared = new JsonArray();
          for (String tag : o.getArrayOfStrings("interests")) {
            if (mine.contains(tag)) {
              shared.add(tag);
            }
          }
          with.add(new JsonObject().put("userId", o.getLong("user_id"))
              .put("displayName", o.getString("display_name")).put("shared", shared));
        }
      }
      out.add(new JsonObject().put("id", r.getLong("user_id")).put("round", round)
          .put("displayName", r.getString("display_name")).put("minor", r.getInteger("age") < Person.ADULT_AGE)
          .put("table", table > 0 ? table : null).put("resting", table == 0)
          .put("reason", table == 0 ? reason(r.getString("rest_reason")) : null)
          .put("with", with));
    }
    return out;
  }

  /** Rows stored before reasons were kept rested because no table fitted. */
  private static String reason(String stored) {
    return stored == null ? RestReason.NO_TABLE_FITS.name() : stored;
  }

  /** The host's view: the whole plan, every table and everyone resting with the reason. */
  private static final TopicView HOST = new TopicView() {
    @Override
    public String key() {
      return "host";
    }

    @Override
    public JsonObject apply(JsonObject snapshotOrDelta) {
      return snapshotOrDelta;
    }
  };

  /**
   * The event's organisers (and admins) see the whole plan; everyone else their own seat only
   * (views of one person are shared by their sockets).
   */
  @Override
  public Future<TopicView> view(SqlClient db, Caller caller, String id) {
    Long mixerId = parse(id);
    if (caller != null && mixerId != null) {
      return db.preparedQuery("SELECT event_id FROM mixers WHERE id = $1").execute(Tuple.of(mixerId))
          .compose(rows -> rows.size() == 0 ? Future.succeededFuture(false)
              : EventAccess.requireOrganiser(db, caller, rows.iterator().next().getLong(0)).map(v -> true)
                  .recover(e -> Future.succeededFuture(false)))
          .map(host -> host ? HOST : ownSeat(caller));
    }
    return Future.succeededFuture(ownSeat(caller));
  }

  private TopicView ownSeat(Caller caller) {
    String key = caller == null ? "anonymous" : "user:" + caller.userId();
    return new TopicView() {
      @Override
      public String key() {
        return key;
      }

      @Override
      public JsonObject apply(JsonObject snapshotOrDelta) {
        return visible(caller, snapshotOrDelta);
      }
    };
  }

  /** Everyone sees only their own seat row, in snapshots and in deltas alike. */
  public JsonObject visible(Caller caller, JsonObject data) {
    if (caller == null) {
      return new JsonObject();
    }
    JsonObject out = data.copy();
    String me = String.valueOf(caller.userId());
    if (out.getValue("seats") instanceof JsonArray seats) {
      out.put("seats", own(seats, me));
    }
    if (out.getValue("set") instanceof JsonObject set && set.getValue("seats") instanceof JsonArray seats) {
      set.put("seats", own(seats, me));
    }
    if (out.getValue("lists") instanceof JsonObject lists && lists.getValue("seats") instanceof JsonObject d) {
      JsonObject mine = new JsonObject();
      JsonArray upsert = own(d.getJsonArray("upsert", new JsonArray()), me);
      if (!upsert.isEmpty()) {
        mine.put("upsert", upsert);
      }
      JsonArray remove = new JsonArray();
      d.getJsonArray("remove", new JsonArray()).forEach(id -> {
        if (me.equals(String.valueOf(id))) {
          remove.add(id);
        }
      });
      if (!remove.isEmpty()) {
        mine.put("remove", remove);
      }
      // The order of others' rows is theirs too; a list of one row needs none.
      if (mine.isEmpty()) {
        lists.remove("seats");
      } else {
        lists.put("seats", mine);
      }
      if (lists.isEmpty()) {
        out.remove("lists");
      }
    }
    return out;
  }

  private static JsonArray own(JsonArray rows, String me) {
    JsonArray out = new JsonArray();
    for (Object o : rows) {
      if (o instanceof JsonObject row && me.equals(String.valueOf(row.getValue("id")))) {
        out.add(row);
      }
    }
    return out;
  }

  /** The mixer id of a topic id; null when it is not a number. */
  static Long parse(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
