package gala.mixer;

import gala.mixer.seating.History;
import gala.mixer.seating.Person;
import gala.mixer.seating.Preference;
import gala.mixer.seating.Rules;
import gala.mixer.seating.Seater;
import gala.mixer.seating.Seating;
import gala.mixer.seating.Violations;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Database;
import gala.platform.Reply;
import gala.platform.Tx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rounds of a mixer: seating the checked-in people for the next round with {@link Seater}
 * (under the mixer row's lock, computed off the event loop) and closing rounds whose clock ran out.
 */
public final class MixerRounds {
  private final Vertx vertx;
  private final Database db;
  private final MixerTopic topic;

  MixerRounds(Vertx vertx, Database db, MixerTopic topic) {
    this.vertx = vertx;
    this.db = db;
    this.topic = topic;
  }

  /**
   * Seats the checked-in participants for the next round. The mixer row is locked, so two clicks or
   * two nodes cannot start the same round twice; the seating is computed off the event loop.
   */
  public Future<Reply> start(Tx tx, Caller caller, long mixerId) {
    SqlClient conn = tx.conn();
    return MixerService.requireOrganiser(conn, caller, mixerId)
        .compose(x -> MixerService.lockMixer(conn, mixerId))
        .compose(m -> {
          int round = m.getInteger("current_round") + 1;
          if (m.getBoolean("round_open")) {
            return Future.failedFuture(ApiError.conflict("ROUND_IN_PROGRESS", "round " + m.getInteger("current_round")
                + " is still running"));
          }
          if (round > m.getInteger("rounds")) {
            return Future.failedFuture(ApiError.conflict("NO_ROUNDS_LEFT", "all " + m.getInteger("rounds")
                + " rounds have been run"));
          }
          Rules rules = new Rules(m.getInteger("group_size"), m.getInteger("min_age"), m.getInteger("max_age"),
              m.getBoolean("gender_balance"));
          return people(conn, mixerId).compose(people -> {
            if (people.size() < 2) {
              return Future.failedFuture(new ApiError(409, "TOO_FEW_PARTICIPANTS",
                  "a round needs at least two checked-in participants", new JsonObject().put("checkedIn", people.size())));
            }
            int roundsLeft = m.getInteger("rounds") - round + 1;
            return MixerSeries.meetings(conn, mixerId).compose(met -> rests(conn, mixerId).map(r -> new History(met, r)))
                .compose(history -> vertx.executeBlocking(() -> {
                  // Planned over the rounds still to come, with the rests so far, so rests rotate fairly.
                  Seating s = Seater.seat(rules, people, history, roundsLeft, mixerId * 1000 + round);
                  List<String> broken = Violations.of(rules, people, history.met(), s);
                  if (!broken.isEmpty()) {
                    throw new IllegalStateException("seating broke constraints: " + broken);
                  }
                  return s;
                }, false))
                .compose(s -> store(conn, mixerId, round, s).map(s));
          }).compose(s -> conn.preparedQuery("UPDATE mixers SET current_round = $2, round_open = TRUE, "
                  + "round_ends_at = now() + make_interval(secs => round_seconds) WHERE id = $1")
              .execute(Tuple.of(mixerId, round))
              .compose(v -> topic.round(tx, mixerId, round))
              .compose(v -> MixerService.mixer(conn, mixerId))
              .map(mixer -> Reply.created(mixer.put("groups", s.groups().size())
                  .put("seated", s.groups().stream().mapToInt(List::size).sum()).put("resting", s.resting().size()))));
        });
  }

  /** Called by the round clock: closes every round whose time is up, in one transaction per batch. */
  public Future<Integer> closeDue() {
    return db.inTransaction(tx -> tx.conn()
        .query("UPDATE mixers SET round_open = FALSE WHERE round_open AND round_ends_at <= now() RETURNING id")
        .execute()
        .compose(rows -> {
          Future<Long> f = Future.succeededFuture();
          for (Row r : rows) {
            long id = r.getLong(0);
            f = f.compose(v -> topic.clock(tx, id));
          }
          return f.map(rows.rowCount());
        }));
  }

  private static Future<Void> store(SqlClient conn, long mixerId, int round, Seating s) {
    List<Long> users = new ArrayList<>();
    List<Integer> tables = new ArrayList<>();
    List<Long> as = new ArrayList<>();
    List<Long> bs = new ArrayList<>();
    int table = 0;
    for (List<Long> g : s.groups()) {
      table++;
      for (int i = 0; i < g.size(); i++) {
        users.add(g.get(i));
        tables.add(table);
        for (int j = i + 1; j < g.size(); j++) {
          as.add(Math.min(g.get(i), g.get(j)));
          bs.add(Math.max(g.get(i), g.get(j)));
        }
      }
    }
    List<String> reasons = new ArrayList<>();
    users.forEach(u -> reasons.add(null));
    for (long r : s.resting()) {
      users.add(r);
      tables.add(0);
      reasons.add(s.reason(r).name());
    }
    return conn.preparedQuery("INSERT INTO mixer_seats (mixer_id, round, user_id, table_no, rest_reason) "
            + "SELECT $1, $2, u, t, r FROM unnest($3::bigint[], $4::int[], $5::text[]) AS x(u, t, r)")
        .execute(Tuple.of(mixerId, round, users.toArray(Long[]::new), tables.toArray(Integer[]::new),
            reasons.toArray(String[]::new)))
        .compose(v -> conn.preparedQuery("INSERT INTO mixer_meetings (mixer_id, user_a, user_b, round) "
                + "SELECT $1, a, b, $2 FROM unnest($3::bigint[], $4::bigint[]) AS x(a, b)")
            .execute(Tuple.of(mixerId, round, as.toArray(Long[]::new), bs.toArray(Long[]::new))))
        .mapEmpty();
  }

  private static Future<List<Person>> people(SqlClient conn, long mixerId) {
    return conn.preparedQuery("SELECT user_id, interests, age, guardian_consent_at IS NOT NULL AS consent, gender, "
            + "preference FROM mixer_profiles WHERE mixer_id = $1 AND checked_in ORDER BY user_id")
        .execute(Tuple.of(mixerId))
        .map(rows -> {
          List<Person> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Person(r.getLong("user_id"), Set.of(r.getArrayOfStrings("interests")), r.getInteger("age"),
                r.getBoolean("consent"), r.getString("gender"),
                Preference.valueOf(r.getString("preference").toUpperCase(Locale.ROOT))));
          }
          return out;
        });
  }

  /** How many rounds each person has sat out so far (leaving the evening is not a rest). */
  private static Future<Map<Long, Integer>> rests(SqlClient conn, long mixerId) {
    return conn.preparedQuery("SELECT user_id, count(*) FROM mixer_seats WHERE mixer_id = $1 AND table_no = 0 "
            + "AND rest_reason IS DISTINCT FROM 'LEFT' GROUP BY user_id")
        .execute(Tuple.of(mixerId))
        .map(rows -> {
          Map<Long, Integer> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getLong(0), r.getLong(1).intValue()));
          return out;
        });
  }
}
