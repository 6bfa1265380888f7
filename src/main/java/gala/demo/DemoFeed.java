package gala.demo;

import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Database;
import gala.scoring.ScoringService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated judges, one step per tick: a mark by a simulated judge (performers in start order,
 * competitions interleaved at random), the publication of a round whose results are all in (after
 * a short look at the complete provisional board), and when every simulated competition of the day
 * is official, after a pause, the next day's competitions. It never stops: a demo left running
 * keeps moving. Marks missing from the demo judge login are never filled in.
 */
final class DemoFeed {
  private static final Logger LOG = LoggerFactory.getLogger(DemoFeed.class);
  /** Ticks a complete round stays provisional on screen before it is published. */
  static final int PUBLISH_AFTER_TICKS = 4;
  /** Ticks the last official results of a day stay up before the next day starts. */
  static final int NEXT_DAY_AFTER_TICKS = 30;
  private static final Pattern DAY = Pattern.compile("^第(\\d+)天");

  private final Database db;
  private final ScoringService scoring;
  private final DemoMeet meet;
  private final DemoMeet.Cast cast;
  private final long eventId;
  private final Random random = new Random();
  private final Map<Long, Long> completeSince = new HashMap<>();
  private long tick;
  private long dayDoneSince = -1;
  private boolean busy;

  DemoFeed(Database db, ScoringService scoring, DemoMeet meet, DemoMeet.Cast cast, long eventId) {
    this.db = db;
    this.scoring = scoring;
    this.meet = meet;
    this.cast = cast;
    this.eventId = eventId;
  }

  /** One competition as the feed sees it. */
  private record Competition(long id, String name, JsonObject format, int rounds, int official, List<Long> judges) {
    boolean open() {
      return official < rounds;
    }

    int day() {
      Matcher m = DAY.matcher(name);
      return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }
  }

  /** Runs one step unless the previous one is still going (a slow database never piles up steps). */
  void tick() {
    if (busy) {
      return;
    }
    busy = true;
    tick++;
    step().onComplete(ar -> {
      busy = false;
      if (ar.failed() && !(ar.cause() instanceof ApiError)) {
        LOG.warn("demo feed step failed", ar.cause());
      }
    });
  }

  private Future<Void> step() {
    return competitions().compose(all -> {
      List<Competition> simulated = new ArrayList<>(all.stream().filter(c -> c.open() && !hand(c) && !simulatedJudges(c).isEmpty())
          .toList());
      List<Competition> handOpen = all.stream().filter(c -> c.open() && hand(c)).toList();
      Collections.shuffle(simulated, random);
      List<Competition> order = new ArrayList<>(simulated);
      order.addAll(handOpen); // published by the simulated head once the demo judge has scored it all
      return tryCompetitions(order).compose(v -> {
        if (!simulated.isEmpty()) {
          dayDoneSince = -1;
          return Future.succeededFuture();
        }
        if (dayDoneSince < 0) {
          dayDoneSince = tick;
        }
        if (tick - dayDoneSince < NEXT_DAY_AFTER_TICKS) {
          return Future.succeededFuture();
        }
        dayDoneSince = -1;
        int day = all.stream().mapToInt(Competition::day).max().orElse(0) + 1;
        LOG.info("demo: day {} of the meet begins", day);
        return meet.day(cast, eventId, day, handOpen.isEmpty());
      });
    });
  }

  /** The first competition in the list with something to do gets one step. */
  private Future<Void> tryCompetitions(List<Competition> order) {
    if (order.isEmpty()) {
      return Future.succeededFuture();
    }
    Competition c = order.remove(0);
    return stepIn(c).compose(acted -> acted ? Future.succeededFuture() : tryCompetitions(order));
  }

  /** A mark or a publication in one competition; false when it has nothing to do now. */
  private Future<Boolean> stepIn(Competition c) {
    return scoring.review(cast.organiser(), c.id()).compose(review -> {
      JsonArray entries = review.getJsonArray("entries");
      List<Long> sims = simulatedJudges(c);
      for (int i = 0; i < entries.size(); i++) {
        JsonObject e = entries.getJsonObject(i);
        Long judge = missingJudge(c, e, sims);
        if (judge != null) {
          completeSince.remove(c.id());
          return submit(c, e, judge).map(true);
        }
      }
      boolean complete = entries.stream().allMatch(o -> ((JsonObject) o).getBoolean("complete", false));
      if (!complete || entries.isEmpty()) {
        return Future.succeededFuture(false);
      }
      long since = completeSince.computeIfAbsent(c.id(), k -> tick);
      if (tick - since < PUBLISH_AFTER_TICKS) {
        return Future.succeededFuture(true); // the complete board stays provisional a moment
      }
      completeSince.remove(c.id());
      return db.inTransaction(tx -> scoring.publishScoreboard(tx, cast.organiser(), c.id(), new JsonObject())).map(true);
    });
  }

  /** The simulated judge who still owes this entry a mark (a panel seat, or the next attempt), or null. */
  private static Long missingJudge(Competition c, JsonObject entry, List<Long> sims) {
    JsonArray scores = entry.getJsonArray("scores", new JsonArray());
    if ("judged".equals(c.format().getString("type"))) {
      for (long sim : sims) {
        if (scores.stream().noneMatch(s -> ((JsonObject) s).getLong("judgeId") == sim)) {
          return sim;
        }
      }
      return null;
    }
    return scores.size() < c.format().getInteger("attempts", 1) ? sims.get(0) : null;
  }

  private Future<Void> submit(Competition c, JsonObject entry, long judge) {
    long entryId = entry.getLong("id");
    JsonObject f = c.format();
    // Each performer has a steady level; judges scatter around it.
    double level = 0.72 + 0.25 * new Random(entryId * 7919).nextDouble();
    BigDecimal value;
    if ("timed".equals(f.getString("type"))) {
      double seconds = 11.2 + 5.5 * (1 - level) + random.nextGaussian() * 0.15;
      value = BigDecimal.valueOf(seconds).setScale(2, RoundingMode.HALF_UP);
    } else {
      double max = f.getDouble("max");
      double mark = Math.max(0, Math.min(max, max * (level + random.nextGaussian() * 0.03)));
      double step = f.getInteger("decimals") >= 2 ? 0.05 : 0.5;
      value = BigDecimal.valueOf(Math.round(mark / step) * step).setScale(2, RoundingMode.HALF_UP);
    }
    JsonObject body = new JsonObject().put("entryId", entryId).put("value", value);
    Caller caller = new Caller(judge, "judge");
    return db.inTransaction(tx -> scoring.submitScore(tx, caller, c.id(), body)).mapEmpty();
  }

  /** The competition left for the demo judge login (with simulated judges beside it on the panel). */
  private boolean hand(Competition c) {
    return c.judges().contains(cast.handJudge()) && !simulatedJudges(c).isEmpty();
  }

  private List<Long> simulatedJudges(Competition c) {
    return c.judges().stream().filter(cast.sims()::contains).toList();
  }

  private Future<List<Competition>> competitions() {
    return db.pool().preparedQuery("SELECT c.id, c.name, c.format, "
            + "(SELECT count(*) FROM scoreboard_rounds r WHERE r.competition_id = c.id AND r.status = 'OFFICIAL') AS official, "
            + "ARRAY(SELECT j.user_id FROM competition_judges j WHERE j.competition_id = c.id ORDER BY j.user_id) AS judges "
            + "FROM competitions c WHERE c.event_id = $1 ORDER BY c.id")
        .execute(Tuple.of(eventId))
        .map(rows -> {
          List<Competition> out = new ArrayList<>();
          for (Row r : rows) {
            JsonObject format = (JsonObject) r.getValue("format");
            JsonArray rounds = format.getJsonArray("rounds");
            out.add(new Competition(r.getLong("id"), r.getString("name"), format, rounds == null ? 1 : rounds.size(),
                r.getLong("official").intValue(), Arrays.asList(r.getArrayOfLongs("judges"))));
          }
          return out;
        });
  }
}
