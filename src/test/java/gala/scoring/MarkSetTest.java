package gala.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import gala.platform.Caller;
import gala.platform.GroupCommit;
import gala.platform.JsonDiff;
import gala.platform.Reply;
import gala.platform.TopicChange;
import gala.testing.Api;
import gala.testing.ApiTestBase;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A set of marks of one competition decided and stored together (MarkSet, the set-based batch of
 * the judges' group commit): each mark gets exactly the answer it would get alone after the marks
 * before it, refused ones store nothing, the stored ones come back with their own row, and the lot
 * makes one scoreboard version whose delta, applied to the board before, gives the board the
 * database holds.
 */
class MarkSetTest extends ApiTestBase {

  @Test
  void eachMarkOfASetIsAnsweredAsIfAloneAndTheSetMakesOneVersion() throws Exception {
    Fixture f = new Fixture(api, "set");
    long c = f.competition("Set", Fixture.judged(3, "mean"));
    long other = f.competition("Other", Fixture.judged(3, "mean"));
    long e1 = f.entry(c, "One", null);
    long e2 = f.entry(c, "Two", null);
    long elsewhere = f.entry(other, "Elsewhere", null);
    Caller j1 = judge(f, c);
    Caller j2 = judge(f, c);
    Caller outsider = judge(f, other);
    f.mark(token(j1, f), c, e2, "6"); // a mark before the set: the set's first board has it

    List<GroupCommit.Request> set = List.of(
        request(j1, new JsonObject().put("entryId", e1).put("value", 7.5)),      // stored
        request(j2, new JsonObject().put("entryId", e1).put("value", 11)),       // out of range
        request(j2, new JsonObject().put("entryId", e1).put("value", 8.25)),     // stored (the refusal before it stored nothing)
        request(j1, new JsonObject().put("entryId", e1).put("value", 9)),        // j1 marked e1 earlier in this set
        request(outsider, new JsonObject().put("entryId", e1).put("value", 5)),  // judges another competition
        request(j2, new JsonObject().put("entryId", elsewhere).put("value", 5)), // entry of another competition
        request(j1, new JsonObject().put("entryId", e2).put("value", 9)),        // j1 marked e2 before the set
        request(j2, new JsonObject().put("entryId", e2).put("value", 6.5)));     // stored
    ScoringService scoring = new ScoringService(gala.database().pool(), gala.topics());
    String topic = ScoringService.scoreboardTopic(c);
    long before = await(gala.topics().snapshot(topic)).version();
    JsonObject boardBefore = await(gala.topics().snapshot(topic)).data();
    List<Reply> replies = await(gala.database().inTransaction(tx -> ScoringService.lockResults(tx.conn(), c)
        .compose(v -> scoring.submitSet(tx, c, set))));

    assertEquals(set.size(), replies.size());
    assertEquals(List.of(201, 422, 201, 409, 403, 409, 409, 201), replies.stream().map(Reply::status).toList(), replies.toString());
    assertEquals("MARK_OUT_OF_RANGE", code(replies.get(1)));
    assertEquals("ALREADY_SCORED", code(replies.get(3)));
    assertEquals("NOT_ASSIGNED_JUDGE", code(replies.get(4)));
    assertEquals("ENTRY_NOT_IN_COMPETITION", code(replies.get(5)));
    assertEquals("ALREADY_SCORED", code(replies.get(6)));
    for (int i : new int[] {0, 2, 7}) {
      JsonObject body = replies.get(i).body();
      assertEquals(before + 1, body.getLong("scoreboardVersion"), "every stored mark of the set names the set's one version");
      JsonObject score = body.getJsonObject("score");
      JsonObject req = set.get(i).body();
      assertEquals(req.getLong("entryId"), score.getLong("entryId"));
      assertEquals(set.get(i).caller().userId(), score.getLong("judgeId"));
      assertEquals(new java.math.BigDecimal(req.getValue("value").toString()).compareTo(new java.math.BigDecimal(score.getString("value"))), 0);
      Row stored = await(gala.database().pool().preparedQuery("SELECT entry_id, judge_id, value, created_at FROM scores WHERE id = $1")
          .execute(Tuple.of(score.getLong("id")))).iterator().next();
      assertEquals(score.getLong("entryId"), stored.getLong("entry_id"), "the reply's row id is the row stored for this mark");
      assertEquals(score.getLong("judgeId"), stored.getLong("judge_id"));
      assertEquals(0, stored.getBigDecimal("value").compareTo(new java.math.BigDecimal(score.getString("value"))));
      assertEquals(stored.getOffsetDateTime("created_at").toString(), score.getString("createdAt"));
    }
    long rows = await(gala.database().pool().preparedQuery("SELECT count(*) FROM scores WHERE competition_id = $1")
        .execute(Tuple.of(c))).iterator().next().getLong(0);
    assertEquals(4, rows, "the mark before the set and the set's three that passed; nothing of the refused ones");

    // One version, whose delta turns the board before into the board the database holds.
    List<TopicChange> log = await(gala.topics().since(topic, before));
    assertEquals(1, log.size(), "the set made one scoreboard version");
    JsonObject followed = JsonDiff.apply(boardBefore, log.get(0).delta());
    JsonObject fresh = await(new ScoreboardSource().snapshot(gala.database().pool(), Long.toString(c)));
    assertEquals(fresh, followed, "the board before the set plus the set's delta = the board recomputed");
    assertEquals(fresh, await(gala.topics().snapshot(topic)).data());
    JsonArray marks = Fixture.row(fresh, e1).getJsonArray("attempts").getJsonObject(0).getJsonArray("marks");
    assertEquals(2, marks.size(), marks.encode());
  }

  @Test
  void aSetOfOnlyRefusalsWritesNothingAndMovesNoVersion() throws Exception {
    Fixture f = new Fixture(api, "set-refused");
    long c = f.competition("Refused", Fixture.judged(3, "mean"));
    long e1 = f.entry(c, "One", null);
    Caller j1 = judge(f, c);
    ScoringService scoring = new ScoringService(gala.database().pool(), gala.topics());
    String topic = ScoringService.scoreboardTopic(c);
    long before = await(gala.topics().snapshot(topic)).version();
    List<Reply> replies = await(gala.database().inTransaction(tx -> ScoringService.lockResults(tx.conn(), c)
        .compose(v -> scoring.submitSet(tx, c, List.of(request(j1, new JsonObject().put("entryId", e1).put("value", -1)),
            request(j1, new JsonObject().put("entryId", 999_999L).put("value", 5)))))));
    assertEquals(List.of(422, 404), replies.stream().map(Reply::status).toList(), replies.toString());
    assertEquals(before, await(gala.topics().snapshot(topic)).version());
    assertEquals(0, await(gala.database().pool().preparedQuery("SELECT count(*) FROM scores WHERE competition_id = $1")
        .execute(Tuple.of(c))).iterator().next().getLong(0));
  }

  /**
   * A spanning batch's board frames (one multi-join statement for all its competitions) run on a
   * generic plan: PostgreSQL kept custom plans for it and planned it anew at every batch. Batches of
   * two competitions on one pooled connection, more than PostgreSQL's five custom plans before it
   * settles; pg_prepared_statements counts each statement's plans. The rest of the transaction plans as before.
   */
  @Test
  void aBatchReadsItsBoardFramesOnOneGenericPlan() throws Exception {
    Fixture f = new Fixture(api, "plans");
    long c1 = f.competition("Plans 1", Fixture.judged(1, "mean"));
    long c2 = f.competition("Plans 2", Fixture.judged(1, "mean"));
    Caller j1 = judge(f, c1);
    Caller j2 = judge(f, c2);
    ScoringService scoring = new ScoringService(gala.database().pool(), gala.topics());
    io.vertx.sqlclient.SqlConnection conn = await(gala.database().pool().getConnection());
    List<Row> prepared = new java.util.ArrayList<>();
    String mode;
    try {
      for (int i = 0; i < 12; i++) {
        List<GroupCommit.Request> batch = List.of(
            new GroupCommit.Request(j1, new JsonObject().put("entryId", f.entry(c1, "A" + i, null)).put("value", 5), c1),
            new GroupCommit.Request(j2, new JsonObject().put("entryId", f.entry(c2, "B" + i, null)).put("value", 6), c2));
        gala.platform.Tx tx = new gala.platform.Tx(conn, new java.util.ArrayList<>());
        List<Reply> replies = await(conn.query("BEGIN").execute().compose(v -> MarkSet.lockAll(conn, batch))
            .compose(frames -> scoring.submitSets(tx, frames, batch))
            .compose(r -> conn.query("COMMIT").execute().map(r)));
        assertEquals(List.of(201, 201), replies.stream().map(Reply::status).toList(), replies.toString());
      }
      mode = await(conn.query("BEGIN").execute().compose(v -> MarkSet.lockAll(conn, List.of(
              new GroupCommit.Request(j1, new JsonObject(), c1))))
          .compose(frames -> conn.query("SHOW plan_cache_mode").execute())
          .compose(rows -> conn.query("COMMIT").execute().map(rows.iterator().next().getString(0))));
      await(conn.query("SELECT statement, custom_plans, generic_plans FROM pg_prepared_statements").execute())
          .forEach(prepared::add);
    } finally {
      conn.close();
    }
    Row frames = prepared.stream().filter(r -> r.getString(0).contains("k.holders AS k_holders")).findFirst().orElseThrow();
    assertEquals(0L, frames.getLong(1), "the frames were planned anew (custom plans)");
    assertEquals(true, frames.getLong(2) >= 12, "the frames ran " + frames.getLong(2) + " times on their generic plan");
    assertEquals("auto", mode, "the batch left its generic plan to the frames alone");
  }

  private static final java.util.Map<Long, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

  private static Caller judge(Fixture f, long competition) {
    JsonObject s = api.signup("judge-" + UUID.randomUUID() + "@set.test", "participant");
    Api.Response r = api.post("/api/v1/competitions/" + competition + "/judges", f.organiser,
        new JsonObject().put("userId", Api.userId(s)));
    assertEquals(201, r.status(), r.text());
    TOKENS.put(Api.userId(s), Api.token(s));
    return new Caller(Api.userId(s), "participant");
  }

  private static String token(Caller c, Fixture f) {
    return TOKENS.get(c.userId());
  }

  private static GroupCommit.Request request(Caller caller, JsonObject body) {
    return new GroupCommit.Request(caller, body);
  }

  private static String code(Reply r) {
    assertNotNull(r.body(), r.toString());
    return r.body().getJsonObject("error").getString("code");
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
