package gala.demo;

import gala.events.EventService;
import gala.events.UnitMembers;
import gala.platform.Caller;
import gala.platform.Database;
import gala.registration.RegistrationService;
import gala.scoring.ScoringService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The demo's sample meet: its accounts, units and, day after day, its competitions. Everything goes
 * through the same services a user's requests reach. The simulated judges have accounts of their
 * own ({@code sim1..sim5@demo.gala}); {@code judge1@demo.gala}, the login a newcomer tries, sits on
 * a panel of one competition with two simulated judges and is left to score it by hand.
 */
final class DemoMeet {
  static final String ORGANISER = "organiser@demo.gala";
  static final String HAND_JUDGE = "judge1@demo.gala";
  /** The contact of 市交通运输局 (its members and join codes on /units.html) and one of its members. */
  static final String UNIT_CONTACT = "unit1@demo.gala";
  static final String ATHLETE = "athlete1@demo.gala";
  static final int SIMS = 5;
  static final String HAND = "硬笔书法";

  private static final String[] UNITS = {"市交通运输局", "市教育局", "市卫生健康委", "国网市供电公司", "市公安局", "市总工会机关"};
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"};
  private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英",
      "建华", "晓东", "海燕", "志强", "丽华", "春梅", "国庆", "子涵"};

  private final Database db;
  private final DemoAccounts accounts;
  private final EventService events;
  private final RegistrationService registrations;
  private final ScoringService scoring;

  /** Who is who in the demo, looked up (or created) when a node starts leading. */
  record Cast(Caller organiser, long handJudge, List<Long> sims) {}

  DemoMeet(Database db, DemoAccounts accounts, EventService events, RegistrationService registrations, ScoringService scoring) {
    this.db = db;
    this.accounts = accounts;
    this.events = events;
    this.registrations = registrations;
    this.scoring = scoring;
  }

  /** The demo accounts, created when missing (also for a demo loaded by an earlier version). */
  Future<Cast> cast() {
    Future<Long> organiser = user(ORGANISER, "赛事组委会", "organiser");
    Future<Long> hand = organiser.compose(v -> user(HAND_JUDGE, "裁判1", "judge"));
    List<Long> sims = new ArrayList<>();
    Future<Void> all = hand.mapEmpty();
    for (int i = 1; i <= SIMS; i++) {
      int n = i;
      all = all.compose(v -> user("sim" + n + "@demo.gala", "模拟裁判" + n, "judge").map(sims::add).mapEmpty());
    }
    return all.map(v -> new Cast(new Caller(organiser.result(), "organiser"), hand.result(), List.copyOf(sims)));
  }

  private Future<Long> user(String email, String name, String role) {
    return accounts.id(email, name, role, null);
  }

  /** The event with its units; day 1 follows from the feed. */
  Future<Long> createEvent(Cast cast) {
    Caller org = cast.organiser();
    // Dated from today, so a newcomer finds the meet under the events running now.
    LocalDate today = LocalDate.now(EventService.ZONE);
    return events.createEvent(org, new JsonObject().put("title", "2026年市职工运动会").put("startsOn", today.toString())
            .put("endsOn", today.plusDays(2).toString()).put("venue", "市奥林匹克体育中心"))
        .compose(event -> user(UNIT_CONTACT, "交通局领队", "participant").compose(contact -> user(ATHLETE, "李明", "participant"))
            .map(event))
        .compose(event -> {
          long eventId = event.getLong("id");
          Future<Void> units = Future.succeededFuture();
          for (String name : UNITS) {
            // The first unit has a contact account, who manages its members and join codes, and one member.
            JsonObject unit = new JsonObject().put("name", name).put("contact", "工会办公室");
            boolean first = name.equals(UNITS[0]);
            if (first) {
              unit.put("contactEmail", UNIT_CONTACT);
            }
            units = units.compose(v -> events.createUnit(org, eventId, unit))
                .compose(u -> first ? new UnitMembers(db).add(org, u.getLong("id"), ATHLETE).mapEmpty()
                    : Future.<Void>succeededFuture());
          }
          return units.map(eventId);
        });
  }

  /**
   * One competition day: a speech contest and a team routine (panels of five simulated judges) and
   * a 100 m sprint in heats and a final (a simulated timekeeper); and, unless one is still open,
   * the calligraphy contest that waits for the demo judge login.
   */
  Future<Void> day(Cast cast, long eventId, int day, boolean withHandCompetition) {
    Caller org = cast.organiser();
    Random seed = new Random(2026L * day);
    Set<String> used = new HashSet<>();
    IntFunction<String> person = i -> {
      String n;
      do {
        n = SURNAMES[seed.nextInt(SURNAMES.length)] + GIVEN[seed.nextInt(GIVEN.length)];
      } while (!used.add(n));
      return n;
    };
    String prefix = day == 1 ? "" : "第" + day + "天 · ";
    List<Long> sims = cast.sims();
    return db.pool().preparedQuery("SELECT id FROM units WHERE event_id = $1 ORDER BY id").execute(Tuple.of(eventId))
        .compose(rows -> {
          List<Long> units = new ArrayList<>();
          rows.forEach(r -> units.add(r.getLong(0)));
          Future<Void> f = competition(org, eventId, prefix + "演讲比赛《劳动最光荣》", judged("trimmed_mean", 5, 1, 10, 2),
              sims, 12, person, units);
          f = f.compose(v -> competition(org, eventId, prefix + "第九套广播体操（团体）", judged("trimmed_mean", 5, 1, 10, 2),
              sims, UNITS.length, i -> UNITS[i] + "代表队", units));
          f = f.compose(v -> competition(org, eventId, prefix + "男子100米", sprint(), sims.subList(0, 1), 14, person, units));
          if (withHandCompetition) {
            List<Long> panel = List.of(cast.handJudge(), sims.get(0), sims.get(1));
            f = f.compose(v -> competition(org, eventId, prefix + HAND, judged("median", 3, 0, 100, 1), panel, 8, person, units));
          }
          return f;
        });
  }

  private static JsonObject judged(String aggregate, int judges, int trim, int max, int decimals) {
    return new JsonObject().put("type", "judged").put("aggregate", aggregate).put("judges", judges).put("trim", trim)
        .put("min", 0).put("max", max).put("decimals", decimals);
  }

  /** Heats of seven, the eight fastest to the final (as decoded JSON, the way a request brings it). */
  private static JsonObject sprint() {
    return new JsonObject(new JsonObject().put("type", "timed").put("aggregate", "best").put("attempts", 1).put("min", 9).put("max", 40)
        .put("decimals", 2).put("rounds", new JsonArray()
            .add(new JsonObject().put("name", "预赛").put("heatSize", 7).put("advance", new JsonObject().put("top", 8)))
            .add(new JsonObject().put("name", "决赛"))).encode());
  }

  private Future<Void> competition(Caller org, long eventId, String name, JsonObject format, List<Long> judges,
      int athletes, IntFunction<String> athleteName, List<Long> unitIds) {
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
}
