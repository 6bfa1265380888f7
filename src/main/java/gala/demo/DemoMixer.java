package gala.demo;

import gala.events.EventService;
import gala.mixer.MixerService;
import gala.platform.Caller;
import gala.platform.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's mixer night: a young workers' mixer (tables of four, six rounds of ten minutes) with 24
 * guests who joined and were checked in at the door, and a round running, so a newcomer sees the
 * host's plan ({@code /mixer-admin.html} as the organiser), a guest's seat ({@code /mixer.html} as
 * {@code guest1@demo.gala}) and the hall's projector ({@code /display.html?event=E&mixer=M}). The
 * simulated host starts the next round half a minute after one ends, and a new evening with the
 * same guests once all rounds have run. Everything goes through the mixer's own services.
 */
final class DemoMixer {
  static final String TITLE = "青年职工交友联谊会";
  static final String GUEST = "guest1@demo.gala";
  static final int GUESTS = 24;
  private static final String[] NAMES = {"林晓雨", "周子轩", "陈思远", "王雨桐", "李浩然", "张可欣", "刘一鸣", "杨梓涵", "赵嘉怡",
      "黄俊杰", "吴佳琪", "徐天宇", "孙若曦", "马文博", "朱诗涵", "胡景行", "郭静怡", "何宇航", "高雅琴", "罗明轩", "郑欣然",
      "梁志远", "谢婉婷", "宋嘉豪"};
  private static final String[] INTERESTS = {"读书", "电影", "徒步", "羽毛球", "摄影", "烘焙", "桌游", "旅行", "音乐", "篮球"};
  /** Between two rounds, the guests change tables. */
  private static final int BREAK_SECONDS = 30;

  private final Database db;
  private final DemoAccounts accounts;
  private final EventService events;
  private final MixerService mixers;
  private final List<Caller> guests = new ArrayList<>();
  private boolean busy;

  DemoMixer(Database db, DemoAccounts accounts, EventService events, MixerService mixers) {
    this.db = db;
    this.accounts = accounts;
    this.events = events;
    this.mixers = mixers;
  }

  /** The guests' accounts, the mixer's event and a mixer night with its first round, unless there already. */
  Future<Void> load(Caller org) {
    Future<Void> accounts = Future.succeededFuture();
    guests.clear();
    for (int i = 0; i < GUESTS; i++) {
      int n = i;
      accounts = accounts.compose(v -> guest(n)).map(id -> {
        guests.add(new Caller(id, "participant"));
        return null;
      });
    }
    return accounts.compose(v -> eventId(org)).compose(eventId -> latestMixer(eventId)
        .compose(m -> m != null ? Future.succeededFuture() : evening(org, eventId)));
  }

  /** Each tick of the simulated host: the next round after the break, or a new evening after the last. */
  Future<Void> tick(Caller org) {
    if (busy || guests.isEmpty()) {
      return Future.succeededFuture();
    }
    busy = true;
    return eventId(org).compose(eventId -> latestMixer(eventId).compose(m -> {
      if (m == null || m.getBoolean("round_open") || !m.getBoolean("break_over")) {
        return Future.<Void>succeededFuture();
      }
      if (m.getInteger("current_round") >= m.getInteger("rounds")) {
        return evening(org, eventId);
      }
      return db.inTransaction(tx -> mixers.rounds().start(tx, org, m.getLong("id"))).mapEmpty();
    })).onComplete(ar -> busy = false);
  }

  private Future<Long> guest(int i) {
    String email = "guest" + (i + 1) + "@demo.gala";
    // 23 to 33 years old (counted from today, so every year's demo has them), inside the band of 20-35.
    LocalDate birth = LocalDate.now(EventService.ZONE).minusYears(23 + i % 10).minusDays(1 + i * 37 % 300);
    return accounts.id(email, NAMES[i], "participant", birth);
  }

  /** The mixer's event (today's, kept current on every start like the meet), created when missing. */
  private Future<Long> eventId(Caller org) {
    // Today by the event calendar (not the database's or the JVM's zone): after 16:00 UTC it is
    // already tomorrow in China, and an event that ended yesterday takes no more guests.
    LocalDate today = LocalDate.now(EventService.ZONE);
    return db.pool().preparedQuery("UPDATE events SET starts_on = LEAST(starts_on, $3), "
            + "ends_on = GREATEST(ends_on, $3) WHERE title = $1 AND created_by = $2 RETURNING id")
        .execute(Tuple.of(TITLE, org.userId(), today))
        .compose(rows -> rows.size() > 0 ? Future.succeededFuture(rows.iterator().next().getLong(0))
            : events.createEvent(org, new JsonObject().put("title", TITLE).put("startsOn", today.toString())
                    .put("endsOn", today.toString()).put("venue", "市青年宫三楼多功能厅"))
                .map(e -> e.getLong("id")));
  }

  private Future<Row> latestMixer(long eventId) {
    return db.pool().preparedQuery("SELECT id, current_round, rounds, round_open, "
            + "coalesce(round_ends_at < now() - make_interval(secs => $2), TRUE) AS break_over "
            + "FROM mixers WHERE event_id = $1 ORDER BY id DESC LIMIT 1")
        .execute(Tuple.of(eventId, BREAK_SECONDS))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
  }

  /** A mixer night: created, every guest joined and checked in at the door, the first round started. */
  private Future<Void> evening(Caller org, long eventId) {
    return mixers.create(org, eventId, new JsonObject().put("title", "周五晚 · 桌游交友夜").put("mode", "tables")
            .put("tableSize", 4).put("rounds", 6).put("roundSeconds", 600).put("minAge", 20).put("maxAge", 35)
            .put("capacity", 60).put("genderBalance", true))
        .compose(reply -> {
          long mixerId = reply.body().getLong("id");
          Future<Void> f = Future.succeededFuture();
          for (int i = 0; i < guests.size(); i++) {
            Caller guest = guests.get(i);
            JsonObject profile = new JsonObject().put("gender", i % 2 == 0 ? "female" : "male")
                .put("interests", new JsonArray().add(INTERESTS[i % INTERESTS.length]).add(INTERESTS[(i * 3 + 1) % INTERESTS.length]));
            f = f.compose(v -> db.inTransaction(tx -> mixers.profiles().join(tx, guest, mixerId, profile)
                    .compose(r -> mixers.profiles().checkIn(tx, org, mixerId, new JsonObject().put("userId", guest.userId())))))
                .mapEmpty();
          }
          return f.compose(v -> db.inTransaction(tx -> mixers.rounds().start(tx, org, mixerId))).mapEmpty();
        });
  }
}
