package gala.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.platform.DbLocation;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.Dates;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node's concurrent registrations share one transaction whatever competitions they enter (the
 * group commit's batch is the node's, not a competition's), and such batches, which lock several
 * competitions, never deadlock with another node's: every batch locks its competitions in id order
 * first and appends its topics in name order last.
 */
class NodeWideBatchTest {
  static DbLocation db;
  static Gala nodeA;
  static Gala nodeB;
  static Reg a;
  static Reg b;
  static String organiser;
  static long event;

  @BeforeAll
  static void startTwoNodes() {
    db = TestDatabase.fresh();
    List<Gala> nodes = TestGala.startClustered(db);
    nodeA = nodes.get(0);
    nodeB = nodes.get(1);
    a = new Reg(new Api(nodeA.port()));
    b = new Reg(new Api(nodeB.port()));
    organiser = Api.token(a.signup("org@batch.test", "organiser", null));
    event = RegistrationRulesApiTest.created(a.api().post("/api/v1/events", organiser,
        new JsonObject().put("title", "职工运动会").put("startsOn", Dates.inDays(3)).put("endsOn", Dates.inDays(4))));
  }

  @AfterAll
  static void stop() {
    TestGala.stop(nodeB);
    TestGala.stop(nodeA);
  }

  /**
   * While the node's batches wait for competitions' locks (held here from plain SQL), registrations
   * into three other competitions queue up on the node; the next transaction carries all of them:
   * their entries share one transaction id. With one batch per competition they were three transactions.
   */
  @Test
  void registrationsIntoSeveralCompetitionsQueuedTogetherCommitInOneTransaction() throws Exception {
    long first = a.competition(organiser, event, new JsonObject().put("name", "跳绳").put("capacity", 10));
    long second = a.competition(organiser, event, new JsonObject().put("name", "拔河").put("capacity", 10));
    long third = a.competition(organiser, event, new JsonObject().put("name", "象棋").put("capacity", 1));
    long unit = a.api().createUnit(organiser, event, "市邮政局");
    long[] targets = {second, third, first, second, third};
    List<Callable<Response>> calls = new ArrayList<>();
    for (int i = 0; i < targets.length; i++) {
      long target = targets[i];
      String name = "乙" + i;
      calls.add(() -> a.register(organiser, target, athlete(name, unit)));
    }
    List<Response> queued = inOneBatch(calls);
    // The third competition has room for one: whichever of its two arrived first is in, the other waits first in line.
    List<String> inThird = List.of(queued.get(1).json().getString("status"), queued.get(4).json().getString("status"));
    assertTrue(inThird.contains("CONFIRMED") && inThird.contains("WAITLISTED"), "capacity is decided per competition: " + inThird);
    assertEquals(1, (inThird.get(0).equals("WAITLISTED") ? queued.get(1) : queued.get(4)).json().getInteger("waitlistPosition"));
  }

  /**
   * People entering themselves into two competitions of one event and one of an earlier event, in one
   * batch: one bib per person in the event, and each person's own topic (its checkpoint plus the
   * batch's delta, rows from three competitions, the earlier event's first) equals a fresh recompute.
   */
  @Test
  void onePersonsEntriesInSeveralCompetitionsOfOneBatchShareTheirBibAndTheirOwnTopic() throws Exception {
    long earlier = RegistrationRulesApiTest.created(a.api().post("/api/v1/events", organiser,
        new JsonObject().put("title", "青年联谊").put("startsOn", Dates.inDays(1)).put("endsOn", Dates.inDays(1))));
    long warmUp = a.competition(organiser, event, new JsonObject().put("name", "踢毽").put("capacity", 10));
    long x = a.competition(organiser, event, new JsonObject().put("name", "飞镖").put("capacity", 10));
    long y = a.competition(organiser, event, new JsonObject().put("name", "套圈").put("capacity", 10));
    long z = a.competition(organiser, earlier, new JsonObject().put("name", "猜谜").put("capacity", 10));
    List<String> tokens = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      JsonObject session = a.signup("self" + i + "@batch.test", "participant", "1995-03-0" + (i + 1));
      tokens.add(Api.token(session));
      ids.add(Api.userId(session));
      assertEquals(201, a.register(tokens.get(i), warmUp, new JsonObject()).status(), "their own topic exists before the batch");
    }
    // The competitions' live topics exist before the batch, so the batch appends its deltas to them
    // (its scoreboard deltas told for the three competitions at once: ScoreboardSource.changedAll).
    List<String> competitionTopics = new ArrayList<>();
    for (long c : new long[] {x, y, z}) {
      competitionTopics.add("scoreboard:" + c);
      competitionTopics.add(EntryListSource.topic(c));
    }
    java.util.Map<String, Long> before = new java.util.HashMap<>();
    for (String topic : competitionTopics) {
      before.put(topic, nodeA.topics().snapshot(topic).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
          .version());
    }
    List<Callable<Response>> calls = new ArrayList<>();
    for (String token : tokens) {
      for (long c : new long[] {y, z, x}) {
        calls.add(() -> a.register(token, c, new JsonObject()));
      }
    }
    List<Response> replies = inOneBatch(calls);
    for (int i = 0; i < tokens.size(); i++) {
      assertEquals(replies.get(3 * i).json().getInteger("bib"), replies.get(3 * i + 2).json().getInteger("bib"),
          "one bib per person in the event");
      String topic = "user:" + ids.get(i);
      JsonObject stored = nodeA.topics().snapshot(topic).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).data();
      JsonObject fresh = nodeA.topics().source(topic).snapshot(nodeA.database().pool(), String.valueOf(ids.get(i)))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(fresh, stored, "checkpoint plus deltas = the database's own list of " + topic);
    }
    assertNotEquals(replies.get(0).json().getInteger("bib"), replies.get(3).json().getInteger("bib"));
    for (String topic : competitionTopics) {
      gala.platform.TopicLog.Snapshot stored = nodeA.topics().snapshot(topic).toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      JsonObject fresh = nodeA.topics().source(topic).snapshot(nodeA.database().pool(), gala.platform.TopicLog.idOf(topic))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(before.get(topic) + 1, stored.version(), topic + ": one delta from the batch");
      assertEquals(fresh, stored.data(), "checkpoint plus the batch's delta = the database's own " + topic);
    }
  }

  /**
   * Runs {@code calls} as one batch of node A: first fills every batch the node may run at once with a
   * registration waiting for a competition's lock (held here from plain SQL), then sends the calls,
   * which queue on the node, then lets go. Asserts their entries were written by one transaction.
   */
  private static List<Response> inOneBatch(List<Callable<Response>> calls) throws Exception {
    int running = nodeA.idempotency().groups().spanningRunning(Registering.GROUP);
    List<Long> held = new ArrayList<>();
    for (int i = 0; i < running; i++) {
      held.add(a.competition(organiser, event, new JsonObject().put("name", "长跑" + held.size() + "-" + System.nanoTime() % 1000)
          .put("capacity", 10)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(running + calls.size());
    try (Connection holder = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Connection watch = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      holder.setAutoCommit(false);
      holder.createStatement().executeQuery("SELECT id FROM competitions WHERE id IN (" + join(held) + ") FOR UPDATE").close();
      List<Future<Response>> blocked = new ArrayList<>();
      for (int i = 0; i < running; i++) {
        long target = held.get(i);
        String name = "甲" + i;
        blocked.add(pool.submit(() -> a.register(organiser, target, new JsonObject().put("displayName", name))));
        int waiting = i + 1;
        assertTrue(waitFor(() -> lockWaiters(watch) == waiting), () -> "batch " + waiting + " waits for its competition's lock: "
            + nodeA.idempotency().groups().queued(Registering.GROUP) + " queued, " + activity(watch));
      }
      List<Future<Response>> queued = new ArrayList<>();
      calls.forEach(c -> queued.add(pool.submit(c)));
      assertTrue(waitFor(() -> nodeA.idempotency().groups().queued(Registering.GROUP) == calls.size()),
          "the node's later registrations wait for its next batch, whatever competition they enter");
      holder.commit();
      for (Future<Response> f : blocked) {
        assertEquals(201, f.get().status(), f.get().text());
      }
      List<Response> out = new ArrayList<>();
      List<Long> entries = new ArrayList<>();
      for (Future<Response> f : queued) {
        Response r = f.get();
        assertEquals(201, r.status(), r.text());
        out.add(r);
        entries.add(r.json().getLong("id"));
      }
      try (ResultSet rs = watch.createStatement().executeQuery("SELECT count(DISTINCT xmin::text) "
          + "FROM entries WHERE id IN (" + join(entries) + ")")) {
        rs.next();
        assertEquals(1, rs.getInt(1), "one transaction for the queued registrations");
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Two nodes register the same people (bibs are per person and event, the unit contact's own topic is
   * shared) into two competitions, each node in the opposite order of the other, in many concurrent
   * batches: every registration goes through in its first transaction (no batch fails as a whole, as
   * one a deadlock aborted would), and each person has one bib in both competitions.
   */
  @Test
  void twoNodesRegisteringTheSamePeopleInOppositeOrdersNeverDeadlock() throws Exception {
    long low = a.competition(organiser, event, new JsonObject().put("name", "跳远").put("capacity", 100));
    long high = a.competition(organiser, event, new JsonObject().put("name", "跳高").put("capacity", 100));
    long unitOne = a.api().createUnit(organiser, event, "市电力局");
    long unitTwo = a.api().createUnit(organiser, event, "市水务局");
    int people = 24;
    long failedBefore = nodeA.idempotency().groups().wholeBatchFailures() + nodeB.idempotency().groups().wholeBatchFailures();
    // Node A enters the first half into the low competition and the second half into the high one, in
    // that order; node B the other way round: every person ends in both, entered by both nodes.
    List<Response> answers = BurstAcrossNodesTest.fire(2 * people, i -> {
      int person = i % people;
      boolean onA = i < people;
      boolean firstHalf = person < people / 2;
      long target = onA == firstHalf ? low : high;
      long unit = person % 2 == 0 ? unitOne : unitTwo;
      return (onA ? a : b).register(organiser, target, athlete("丙" + person, unit));
    });
    answers.forEach(r -> assertEquals(201, r.status(), r.text()));
    assertEquals(failedBefore, nodeA.idempotency().groups().wholeBatchFailures()
        + nodeB.idempotency().groups().wholeBatchFailures(), "no batch failed as a whole (a deadlock would abort one)");
    Map<String, Integer> bibs = new HashMap<>();
    for (long comp : new long[] {low, high}) {
      var entries = a.entries(comp, null);
      assertEquals(people, entries.size());
      for (int i = 0; i < entries.size(); i++) {
        JsonObject e = entries.getJsonObject(i);
        Integer before = bibs.putIfAbsent(e.getString("displayName"), e.getInteger("bib"));
        if (before != null) {
          assertEquals(before, e.getInteger("bib"), "one bib per person in the event: " + e.getString("displayName"));
        }
      }
    }
    assertEquals(people, bibs.size());
    assertEquals(people, bibs.values().stream().distinct().count(), "each person a bib of their own");
  }

  private static JsonObject athlete(String name, long unit) {
    return new JsonObject().put("displayName", name).put("unitId", unit).put("birthDate", "1990-05-0" + (1 + name.length() % 8));
  }

  private static int lockWaiters(Connection watch) throws Exception {
    return gala.testing.LockWaits.onQuery(watch, "competitions");
  }

  private static String activity(Connection watch) {
    try (ResultSet rs = watch.createStatement().executeQuery("SELECT state, wait_event_type, wait_event, left(query, 60) "
        + "FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database()")) {
      StringBuilder out = new StringBuilder();
      while (rs.next()) {
        out.append("\n").append(rs.getString(1)).append(" ").append(rs.getString(2)).append(" ").append(rs.getString(3))
            .append(" ").append(rs.getString(4));
      }
      return out.toString();
    } catch (Exception e) {
      return e.toString();
    }
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  /** Polls a state the test cannot be told about (another process's lock wait, a node's queue). */
  private static boolean waitFor(Condition c) throws Exception {
    for (int i = 0; i < 400; i++) {
      if (c.holds()) {
        return true;
      }
      Thread.sleep(25);
    }
    return false;
  }

  private static String join(List<Long> ids) {
    return String.join(",", ids.stream().map(String::valueOf).toList());
  }
}
