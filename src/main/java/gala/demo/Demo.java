package gala.demo;

import gala.announce.AnnouncementService;
import gala.auth.AuthService;
import gala.events.EventService;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Database;
import gala.platform.Leadership;
import gala.registration.RegistrationService;
import gala.scoring.ScoringService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --demo}: a sample city workers' sports meet in Chinese and a simulated judge feed, driven
 * through the same services a user's requests reach. One node of a cluster leads (PostgreSQL
 * advisory lock): it loads the data once and feeds marks; if it dies another node takes over.
 */
public final class Demo {
  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
  public static final String PASSWORD = "gala-demo-2026";
  public static final String ORGANISER = "organiser@demo.gala";
  private static final long LOCK_ID = 0x6761_6c61_6465_6d6fL;

  private final Vertx vertx;
  private final Database db;
  private final AuthService auth;
  private final EventService events;
  private final RegistrationService registrations;
  private final ScoringService scoring;
  private final AnnouncementService announcements;
  private final int feedMillis;
  private final Leadership leadership;
  private final Random random = new Random();
  private long timer = -1;

  public Demo(Vertx vertx, Database db, AuthService auth, EventService events, RegistrationService registrations,
      ScoringService scoring, AnnouncementService announcements, int feedMillis) {
    this.vertx = vertx;
    this.db = db;
    this.auth = auth;
    this.events = events;
    this.registrations = registrations;
    this.scoring = scoring;
    this.announcements = announcements;
    this.feedMillis = feedMillis;
    this.leadership = new Leadership(vertx, db.pool(), "the demo judge feed", LOCK_ID, this::lead);
  }

  public Future<Void> start() {
    leadership.start();
    return Future.succeededFuture();
  }

  public void stop() {
    vertx.cancelTimer(timer);
    leadership.stop();
  }

  private void lead() {
    eventId()
        .compose(id -> id != null ? Future.succeededFuture(id) : load())
        .onSuccess(eventId -> {
          LOG.info("demo event {} ready; sign in as {} / {}", eventId, ORGANISER, PASSWORD);
          vertx.cancelTimer(timer); // leadership won again after a lost connection: one feed, not two
          timer = vertx.setPeriodic(200, feedMillis, t -> {
            if (leadership.isLeader()) {
              feed(eventId);
            }
          });
        })
        .onFailure(e -> LOG.error("demo data could not be loaded", e));
  }

  private Future<Long> eventId() {
    return db.pool().query("SELECT event_id FROM demo_state WHERE id = 1").execute()
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  // ---- the sample meet ----

  private static final String[] UNITS = {"市交通运输局", "市教育局", "市卫生健康委", "国网市供电公司", "市公安局", "市总工会机关"};
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"};
  private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英",
      "建华", "晓东", "海燕", "志强", "丽华", "春梅", "国庆", "子涵"};

  private Future<Long> load() {
    List<Long> judges = new ArrayList<>();
    Future<JsonObject> organiser = auth.createUser(ORGANISER, PASSWORD, "赛事组委会", "organiser", null);
    Future<Void> judgeAccounts = Future.succeededFuture();
    for (int i = 1; i <= 5; i++) {
      int n = i;
      judgeAccounts = judgeAccounts.compose(v -> auth.createUser("judge" + n + "@demo.gala", PASSWORD, "裁判" + n, "judge", null)
          .map(u -> judges.add(u.getLong("id"))).mapEmpty());
    }
    Future<Void> accounts = judgeAccounts;
    return organiser.compose(org -> accounts.compose(v -> {
      Caller caller = new Caller(org.getLong("id"), "organiser");
      return events.createEvent(caller, new JsonObject().put("title", "2026年市职工运动会").put("startsOn", "2026-11-22")
              .put("endsOn", "2026-11-24").put("venue", "市奥林匹克体育中心"))
          .compose(event -> loadMeet(caller, event.getLong("id"), judges).map(event.getLong("id")))
          .compose(eventId -> db.inTransaction(tx -> announcements.broadcast(tx, caller, eventId, new JsonObject()
              .put("text", "欢迎来到2026年市职工运动会！各代表队请于8:30前到北门检录处报到。")
              .put("audience", "event").put("priority", "normal").put("pinned", true))).map(eventId));
    })).compose(eventId -> db.pool().preparedQuery("INSERT INTO demo_state (id, event_id) VALUES (1, $1)")
        .execute(Tuple.of(eventId)).map(eventId));
  }

  private Future<Void> loadMeet(Caller org, long eventId, List<Long> judges) {
    List<Long> unitIds = new ArrayList<>();
    Future<Void> units = Future.succeededFuture();
    for (String name : UNITS) {
      units = units.compose(v -> events.createUnit(org, eventId, new JsonObject().put("name", name).put("contact", "工会办公室"))
          .map(u -> unitIds.add(u.getLong("id"))).mapEmpty());
    }
    java.util.Set<String> used = new java.util.HashSet<>();
    Random seed = new Random(2026);
    java.util.function.IntFunction<String> person = i -> {
      String n;
      do {
        n = SURNAMES[seed.nextInt(SURNAMES.length)] + GIVEN[seed.nextInt(GIVEN.length)];
      } while (!used.add(n));
      return n;
    };
    return units
        .compose(v -> competition(org, eventId, "演讲比赛《劳动最光荣》", judged("trimmed_mean", 5, 1, 10, 2), judges, 12,
            person, unitIds))
        .compose(v -> competition(org, eventId, "第九套广播体操（团体）", judged("trimmed_mean", 5, 1, 10, 2), judges, UNITS.length,
            i -> UNITS[i] + "代表队", unitIds))
        .compose(v -> competition(org, eventId, "硬笔书法", judged("median", 3, 0, 100, 1), judges.subList(0, 3), 10,
            person, unitIds));
  }

  private static JsonObject judged(String aggregate, int judges, int trim, int max, int decimals) {
    return new JsonObject().put("type", "judged").put("aggregate", aggregate).put("judges", judges).put("trim", trim)
        .put("min", 0).put("max", max).put("decimals", decimals);
  }

  private Future<Void> competition(Caller org, long eventId, String name, JsonObject format, List<Long> judges,
      int athletes, java.util.function.IntFunction<String> athleteName, List<Long> unitIds) {
    return events.createCompetition(org, eventId, new JsonObject().put("name", name).put("capacity", 40).put("format", format))
        .compose(c -> {
          long id = c.getLong("id");
          Future<Void> f = Future.succeededFuture();
          for (long judge : judges) {
            f = f.compose(v -> db.inTransaction(tx -> scoring.assignJudge(tx, org, id, new JsonObject().put("userId", judge)))
                .mapEmpty());
          }
          for (int i = 0; i < athletes; i++) {
            JsonObject body = new JsonObject().put("displayName", athleteName.apply(i)).put("unitId", unitIds.get(i % unitIds.size()));
            f = f.compose(v -> db.inTransaction(tx -> registrations.register(tx, org, id, body)).mapEmpty());
          }
          return f;
        });
  }

  // ---- the simulated judges ----

  /** One mark per tick: in a random competition, the first performer still missing marks, by one missing judge. */
  private void feed(long eventId) {
    db.pool().preparedQuery(
            "WITH missing AS (SELECT e.competition_id, e.id AS entry_id, j.user_id, c.format FROM entries e "
                + "JOIN competitions c ON c.id = e.competition_id "
                + "JOIN competition_judges j ON j.competition_id = e.competition_id "
                + "WHERE c.event_id = $1 AND e.status IN ('CONFIRMED', 'CHECKED_IN') "
                + "AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.entry_id = e.id AND s.judge_id = j.user_id)), "
                + "pick AS (SELECT competition_id FROM missing GROUP BY competition_id ORDER BY random() LIMIT 1) "
                + "SELECT m.* FROM missing m JOIN pick p USING (competition_id) ORDER BY m.entry_id, random() LIMIT 1")
        .execute(Tuple.of(eventId))
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            LOG.info("demo feed: every performance is scored");
            vertx.cancelTimer(timer);
            return;
          }
          Row r = rows.iterator().next();
          JsonObject format = (JsonObject) r.getValue("format");
          long entryId = r.getLong("entry_id");
          double max = format.getDouble("max");
          // Each performer has a steady level; judges scatter around it.
          double level = 0.72 + 0.25 * new Random(entryId * 7919).nextDouble();
          double mark = Math.max(0, Math.min(max, max * (level + (random.nextGaussian() * 0.03))));
          double step = format.getInteger("decimals") >= 2 ? 0.05 : 0.5;
          BigDecimal value = BigDecimal.valueOf(Math.round(mark / step) * step).setScale(2, RoundingMode.HALF_UP);
          JsonObject body = new JsonObject().put("entryId", entryId).put("value", value);
          Caller judge = new Caller(r.getLong("user_id"), "judge");
          db.inTransaction(tx -> scoring.submitScore(tx, judge, r.getLong("competition_id"), body))
              .onFailure(e -> {
                if (!(e instanceof ApiError)) {
                  LOG.warn("demo feed could not submit a mark", e);
                }
              });
        });
  }
}
