package gala.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.platform.Caller;
import gala.platform.DbLocation;
import gala.platform.GroupCommit;
import gala.platform.Reply;
import gala.platform.Tx;
import gala.testing.Api;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A registration batch's statements run on generic plans (Registering): PostgreSQL judged the
 * custom plans of its array-taking statements cheaper and planned them anew at every execution,
 * 0.5 ms of its CPU per registration for the same plan. Proven on one connection of the node's
 * pool (pg_prepared_statements counts each statement's custom and generic plans); each generic plan
 * reads by key, never a whole entries, members or bibs table; and the rest of a writer's
 * transaction plans as before.
 */
class GenericPlansTest {
  static DbLocation db;
  static Gala gala;
  static Api api;
  static Reg reg;

  @BeforeAll
  static void setUp() {
    db = TestDatabase.fresh();
    gala = TestGala.start(db);
    api = new Api(gala.port());
    reg = new Reg(api);
  }

  @AfterAll
  static void tearDown() {
    TestGala.stop(gala);
  }

  /** The registration statements that PostgreSQL used to plan at every execution, by a piece of their text. */
  static final Map<String, String> WATCHED = Map.of(
      "the entries insert", "INSERT INTO entries (id, competition_id",
      "the members insert", "INSERT INTO entry_members",
      "the bibs insert", "INSERT INTO bibs",
      "the namesake read", "lower(n.display_name) = y.name",
      "the owners' order", "array_agg(m.id ORDER BY m.starts_on",
      "the new ids", "FROM generate_series(1, $1)",
      "the competitions' lock", "WHERE c.id = ANY($1) ORDER BY c.id FOR NO KEY UPDATE");

  @Test
  void aBatchPlansItsStatementsOnceAndByKey() throws Exception {
    JsonObject organiserSession = reg.signup("org@plans.test", "organiser", null);
    String organiser = Api.token(organiserSession);
    long event = api.createEvent(organiser, "职工运动会");
    JsonObject contact = reg.signup("unit@plans.test", "participant", null);
    String contactToken = Api.token(contact);
    long unit = api.post("/api/v1/events/" + event + "/units", organiser, new JsonObject().put("name", "市供电局")
        .put("contactEmail", "unit@plans.test")).json().getLong("id");
    long competition = reg.competition(organiser, event, new JsonObject().put("capacity", 20).put("unitQuota", 20));
    // Batches of one on one pooled connection, one after another: more executions than PostgreSQL's
    // five custom plans before it settles on one kind.
    Caller unitContact = new Caller(contact.getJsonObject("user").getLong("id"), "participant");
    Registering registering = new Registering(gala.topics());
    SqlConnection conn = await(gala.database().pool().getConnection());
    List<Row> prepared;
    try {
      for (int i = 0; i < 12; i++) {
        JsonObject body = new JsonObject().put("displayName", "运动员" + i).put("unitId", unit);
        Tx tx = new Tx(conn, new ArrayList<>());
        List<GroupCommit.Request> batch = List.of(new GroupCommit.Request(unitContact, body, competition));
        List<Reply> replies = await(conn.query("BEGIN").execute().compose(v -> Registering.lockAll(conn, batch))
            .compose(locked -> registering.register(tx, locked, batch))
            .compose(r -> conn.query("COMMIT").execute().map(r)));
        assertEquals(201, replies.get(0).status(), String.valueOf(replies.get(0).body()));
      }
      prepared = await(conn.query("SELECT statement, custom_plans, generic_plans FROM pg_prepared_statements").execute()
          .map(rows -> {
            List<Row> out = new ArrayList<>();
            rows.forEach(out::add);
            return out;
          }));
    } finally {
      conn.close();
    }

    Map<String, int[]> plans = new TreeMap<>(); // what: {custom, generic}
    List<String> statements = new ArrayList<>();
    for (Row r : prepared) {
      statements.add(r.getString(0));
      WATCHED.forEach((what, text) -> {
        if (r.getString(0).contains(text)) {
          int[] n = plans.computeIfAbsent(what, k -> new int[2]);
          n[0] += r.getLong(1).intValue();
          n[1] += r.getLong(2).intValue();
        }
      });
    }
    assertEquals(WATCHED.keySet(), plans.keySet(), "each watched statement ran");
    plans.forEach((what, n) -> {
      assertEquals(0, n[0], what + " was planned anew (custom plans: " + n[0] + ")");
      assertTrue(n[1] >= 12, what + " ran " + n[1] + " times on its generic plan");
    });

    // Each generic plan goes by key: with thousands of entries, members and bibs in the event, no
    // statement of the batch reads one of those tables whole.
    java.util.Properties props = new java.util.Properties();
    props.setProperty("user", db.user());
    props.setProperty("password", db.password());
    props.setProperty("preferQueryMode", "simple"); // EXPLAIN (GENERIC_PLAN) of a text with $n, sent as it is
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), props); Statement s = c.createStatement()) {
      // Entered by the organiser, one unit's athletes on a long waitlist (no owner: theirs is a list of its own).
      s.execute("INSERT INTO entries (competition_id, unit_id, display_name, status, created_by) "
          + "SELECT " + competition + ", " + unit + ", 'p' || g, 'WAITLISTED', " + Api.userId(organiserSession)
          + " FROM generate_series(1, 3000) g");
      s.execute("INSERT INTO entry_members (entry_id, competition_id, display_name, person_key) "
          + "SELECT id, competition_id, display_name, 'n:' || display_name FROM entries WHERE display_name LIKE 'p%'");
      s.execute("INSERT INTO bibs (event_id, person_key, bib) SELECT " + event + ", 'n:q' || g, 1000 + g FROM generate_series(1, 3000) g");
      s.execute("ANALYZE");
      List<String> texts = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT statement FROM pg_prepared_statements")) {
        while (rs.next()) {
          texts.add(rs.getString(1));
        }
      }
      assertTrue(texts.isEmpty(), "this JDBC session prepared nothing of its own");
      for (String text : statements) {
        if (WATCHED.values().stream().noneMatch(text::contains)) {
          continue;
        }
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery("EXPLAIN (GENERIC_PLAN) " + text)) {
          while (rs.next()) {
            plan.append(rs.getString(1)).append('\n');
          }
        }
        for (String table : List.of("entries", "entry_members", "bibs")) {
          assertFalse(plan.toString().matches("(?s).*Seq Scan on " + table + "\\b.*"), "reads all of " + table + ":\n" + plan);
        }
      }
    }
  }

  static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void theRestOfTheTransactionPlansAsBefore() throws Exception {
    String organiser = Api.token(reg.signup("org2@plans.test", "organiser", null));
    long event = api.createEvent(organiser, "青年联谊");
    long competition = reg.competition(organiser, event, new JsonObject().put("capacity", 8));
    long user = reg.signup("self@plans.test", "participant", "1990-05-01").getJsonObject("user").getLong("id");
    Registering registering = new Registering(gala.topics());
    String[] modes = gala.database().inTransaction(tx -> tx.conn().preparedQuery("SHOW plan_cache_mode").execute()
        .compose(before -> Registering.lock(tx.conn(), competition)
            .compose(c -> registering.register(tx, c, competition,
                List.of(new GroupCommit.Request(new Caller(user, "participant"), new JsonObject()))))
            .compose(replies -> {
              assertEquals(201, replies.get(0).status(), String.valueOf(replies.get(0).body()));
              return tx.conn().preparedQuery("SHOW plan_cache_mode").execute();
            })
            .map(after -> new String[] {before.iterator().next().getString(0), after.iterator().next().getString(0)})))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals("auto", modes[0]);
    assertEquals("auto", modes[1], "the batch left its generic plans to the rest of the transaction");
  }
}
