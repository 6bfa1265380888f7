package gala.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.registration.Reg;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.Dates;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Two events built the way people build them, one private and one public, each with a unit, a
 * competition with an entrant and a judge, a mixer, a judge code, a score and a record; plus the
 * outsiders of the access matrix: a participant with no ties, the judge of another event's
 * competition and the organiser of another event.
 */
final class MatrixFixture {
  static final String UNIT_PHONE = "13800138000";
  /** The entrant's birth date: an adult inside the mixer's 18-35 band whenever the test runs. */
  static final String ADULT = Dates.aged(28);
  final Api api;
  final Gala gala;
  final String organiser;
  final String judge;
  final String entrant;
  final long entrantId;
  final String stranger;
  final String otherJudge;
  final String otherOrganiser;
  final String admin;
  final long coOrganiserId;
  final long spareJudgeId;
  final Ids privateEvent;
  final Ids publicEvent;

  /** The ids of one event's things, by the path parameter that names them. */
  record Ids(boolean isPublic, Map<String, Long> byParam) {
    long get(String param) {
      Long id = byParam.get(param);
      if (id == null) {
        throw new AssertionError("the fixture has no " + param);
      }
      return id;
    }
  }

  MatrixFixture(Gala gala, String adminEmail, String adminPassword) {
    this.gala = gala;
    this.api = new Api(gala.port());
    organiser = Api.token(api.signup("organiser@matrix.test", "organiser"));
    JsonObject entrantSession = api.signup("entrant@matrix.test", "participant");
    entrant = Api.token(entrantSession);
    entrantId = Api.userId(entrantSession);
    JsonObject judgeSession = api.signup("judge@matrix.test", "participant");
    judge = Api.token(judgeSession);
    stranger = Api.token(api.signup("stranger@matrix.test", "participant"));
    JsonObject otherJudgeSession = api.signup("otherjudge@matrix.test", "participant");
    otherJudge = Api.token(otherJudgeSession);
    otherOrganiser = Api.token(api.signup("other@matrix.test", "organiser"));
    coOrganiserId = Api.userId(api.signup("co@matrix.test", "organiser"));
    spareJudgeId = Api.userId(api.signup("spare@matrix.test", "participant"));
    Response login = api.post("/api/v1/auth/login", null,
        new JsonObject().put("email", adminEmail).put("password", adminPassword));
    assertEquals(200, login.status(), login.text());
    admin = login.json().getString("accessToken");
    // The entrant states their birth date once, on their profile; every later use reads it from there.
    ok(api.patch("/api/v1/me", entrant, new JsonObject().put("birthDate", ADULT).put("gender", "F")));

    long otherEvent = api.createEvent(otherOrganiser, "其他赛事");
    long otherCompetition = api.createJudgedCompetition(otherOrganiser, otherEvent, "其他项目", 10, 1);
    api.assignJudge(otherOrganiser, otherCompetition, Api.userId(otherJudgeSession));

    privateEvent = build(false, Api.userId(judgeSession));
    publicEvent = build(true, Api.userId(judgeSession));
  }

  private Ids build(boolean isPublic, long judgeId) {
    long event = created(api.post("/api/v1/events", organiser, new JsonObject().put("title", isPublic ? "公开运动会" : "内部运动会")
        .put("startsOn", Dates.inDays(18)).put("endsOn", Dates.inDays(19)).put("public", isPublic)));
    ok(api.post("/api/v1/events/" + event + "/organisers", organiser, new JsonObject().put("email", "co@matrix.test")));
    // The entrant is the unit's contact: that is how a private event lets a person in.
    long unit = created(api.post("/api/v1/events/" + event + "/units", organiser,
        new JsonObject().put("name", "一中").put("contact", UNIT_PHONE).put("contactEmail", "entrant@matrix.test")));
    long competition = api.createJudgedCompetition(organiser, event, "演讲", 20, 1);
    api.assignJudge(organiser, competition, judgeId);
    api.assignJudge(organiser, competition, spareJudgeId);
    long entry = created(api.post("/api/v1/competitions/" + competition + "/entries", entrant, "{}", key()));
    long athlete = api.registerAthlete(organiser, competition, "王五", unit);
    Response score = api.submitScore(judge, competition, athlete, "8.5", key());
    assertEquals(201, score.status(), score.text());
    long scoreId = score.json().getJsonObject("score").getLong("id");
    long problem = created(api.post("/api/v1/competitions/" + competition + "/problems", judge,
        new JsonObject().put("text", "计时器故障").encode(), key()));
    long mixer = created(api.post("/api/v1/events/" + event + "/mixers", organiser, new JsonObject().put("title", "交友会")
        .put("mode", "pairs").put("rounds", 3).put("roundSeconds", 600).put("minAge", 18).put("maxAge", 35)
        .put("capacity", 40)));
    ok(api.post("/api/v1/mixers/" + mixer + "/participants", entrant, new JsonObject().put("birthDate", ADULT)
        .put("interests", new io.vertx.core.json.JsonArray().add("读书")).encode(), key()));
    long code = created(api.post("/api/v1/competitions/" + competition + "/judge-codes", organiser,
        new JsonObject().put("judgeName", "裁判")));
    long record = created(api.post("/api/v1/competitions/" + competition + "/records", organiser,
        new JsonObject().put("kind", "meet").put("value", 9.5).put("holder", "李四").encode(), key()));
    long importId = created(api.send("POST", "/api/v1/events/" + event + "/imports?unitId=" + unit, organiser,
        "application/octet-stream", "name,gender,birthDate,competition\n赵六,M,2000-01-01,演讲\n".getBytes(StandardCharsets.UTF_8),
        key()));
    awaitImport(importId);
    Map<String, Long> ids = new java.util.HashMap<>(Map.of("eventId", event, "unitId", unit, "competitionId", competition,
        "entryId", entry, "scoreId", scoreId, "mixerId", mixer, "codeId", code, "recordId", record, "importId", importId,
        "matchId", 1L));
    ids.put("problemId", problem);
    ids.put("round", 1L); // a round of the competition, scored above
    ids.put("joinCodeId", created(api.post("/api/v1/units/" + unit + "/join-codes", organiser, new JsonObject())));
    return new Ids(isPublic, ids);
  }

  /** The import runs on after its 202; the matrix compares database fingerprints, so it must be finished. */
  private void awaitImport(long importId) {
    JsonObject job = new Reg(api).awaitImport(organiser, importId);
    String status = job.getString("status"); // none when the job could not be read
    assertTrue(status != null && !"RUNNING".equals(status), "import " + importId + " did not finish: " + job.encode());
  }

  static String key() {
    return UUID.randomUUID().toString();
  }

  private static void ok(Response r) {
    if (r.status() >= 300) {
      throw new AssertionError("expected success, got " + r.status() + " " + r.text());
    }
  }

  private static long created(Response r) {
    if (r.status() != 201 && r.status() != 202 && r.status() != 200) {
      throw new AssertionError("expected 201, got " + r.status() + " " + r.text());
    }
    return r.json().getLong("id", r.json().getLong("jobId", r.json().getLong("importId")));
  }

  /**
   * A fingerprint of every row of every table: equal before and after means nothing was written
   * (no row inserted, changed or deleted anywhere).
   */
  String fingerprint() {
    try {
      List<String> tables = new ArrayList<>();
      for (Row r : gala.database().pool().query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
          + "AND tablename <> 'flyway_schema_history' ORDER BY tablename").execute()
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)) {
        tables.add(r.getString(0));
      }
      StringBuilder sql = new StringBuilder("SELECT md5(string_agg(f, '|' ORDER BY f)) FROM (");
      for (int i = 0; i < tables.size(); i++) {
        sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT '").append(tables.get(i)).append(":' || count(*) || ':' || ")
            .append("coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') AS f FROM \"").append(tables.get(i))
            .append("\" t");
      }
      sql.append(") all_tables");
      return gala.database().pool().query(sql.toString()).execute()
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).iterator().next().getString(0);
    } catch (Exception e) {
      throw new IllegalStateException("cannot fingerprint the database", e);
    }
  }
}
