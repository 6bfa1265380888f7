package gala.mixer;

import gala.access.PersonalData;
import gala.mixer.seating.Person;
import gala.platform.TopicSource;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code mixer-board:<mixerId>}: the seating plan as the hall may see it, for the projector and the
 * printed sheet on the wall (display.html), followed without signing in where the event is public.
 * The round clock, then each table (keyed by its number) with the names of the people at it, and
 * who rests this round; names only as {@link PersonalData#publicName} allows (a minor by initials),
 * never ids, ages, interests or why someone rests. People who left the evening are not listed.
 */
final class MixerBoard implements TopicSource {
  static final String KIND = "mixer-board";

  static String topic(long mixerId) {
    return KIND + ":" + mixerId;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Future<JsonObject> snapshot(SqlClient db, String id) {
    Long mixerId = MixerSource.parse(id);
    if (mixerId == null) {
      return Future.succeededFuture(new JsonObject());
    }
    return db.preparedQuery("SELECT * FROM mixers WHERE id = $1").execute(Tuple.of(mixerId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(new JsonObject());
      }
      Row m = rows.iterator().next();
      int round = m.getInteger("current_round");
      // Both reads in flight together (pipelined on a transaction's connection).
      Future<JsonArray> tables = tables(db, mixerId, round, null);
      Future<JsonArray> resting = resting(db, mixerId, round);
      return Future.all(tables, resting)
          .map(v -> MixerService.clockJson(m).put("tables", tables.result()).put("resting", resting.result()));
    });
  }

  /**
   * The rows of the round's tables numbered {@code numbers} (all of them when null), by number;
   * each row's names in alphabetical order, so people find themselves.
   */
  static Future<JsonArray> tables(SqlClient db, long mixerId, int round, Integer[] numbers) {
    return db.preparedQuery("SELECT s.table_no, p.display_name, p.age FROM mixer_seats s "
            + "JOIN mixer_profiles p ON p.mixer_id = s.mixer_id AND p.user_id = s.user_id "
            + "WHERE s.mixer_id = $1 AND s.round = $2 AND s.table_no > 0 AND ($3::int[] IS NULL OR s.table_no = ANY($3)) "
            + "ORDER BY s.table_no")
        .execute(Tuple.of(mixerId, round, numbers))
        .map(rows -> {
          Map<Integer, List<String>> byTable = new LinkedHashMap<>();
          for (Row r : rows) {
            byTable.computeIfAbsent(r.getInteger("table_no"), t -> new ArrayList<>()).add(name(r));
          }
          JsonArray out = new JsonArray();
          byTable.forEach((t, names) -> out.add(new JsonObject().put("id", t).put("names", sorted(names))));
          return out;
        });
  }

  /** Who sits this round out (those who left the evening are not on the board). */
  static Future<JsonArray> resting(SqlClient db, long mixerId, int round) {
    return db.preparedQuery("SELECT p.display_name, p.age FROM mixer_seats s "
            + "JOIN mixer_profiles p ON p.mixer_id = s.mixer_id AND p.user_id = s.user_id "
            + "WHERE s.mixer_id = $1 AND s.round = $2 AND s.table_no = 0 AND s.rest_reason IS DISTINCT FROM 'LEFT'")
        .execute(Tuple.of(mixerId, round))
        .map(rows -> {
          List<String> names = new ArrayList<>();
          rows.forEach(r -> names.add(name(r)));
          return sorted(names);
        });
  }

  private static String name(Row r) {
    return PersonalData.publicName(r.getString("display_name"), r.getInteger("age") < Person.ADULT_AGE);
  }

  private static JsonArray sorted(List<String> names) {
    names.sort(java.text.Collator.getInstance(java.util.Locale.CHINA));
    return new JsonArray(names);
  }
}
