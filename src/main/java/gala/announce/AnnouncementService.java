package gala.announce;

import gala.announce.rules.Draft;
import gala.announce.rules.Rejected;
import gala.announce.rules.Viewer;
import gala.events.EventAccess;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Database;
import gala.platform.Reply;
import gala.platform.TopicLog;
import gala.platform.Tx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broadcasting and listing announcements, the poller that sends scheduled ones and expires old ones,
 * and the batched write of delivery counts. Every node runs the poller: rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED} and flipped to sent in the transaction that appends them to the
 * topic, so each goes out exactly once, whichever nodes are alive at its time.
 */
public final class AnnouncementService {
  private static final Logger LOG = LoggerFactory.getLogger(AnnouncementService.class);
  static final String COLUMNS = "id, event_id, audience, competition_id, priority, text, pinned, send_at, "
      + "expires_at, state, sent_seq, sent_at, delivered, created_at";
  static final long POLL_MILLIS = 500;
  static final long FLUSH_MILLIS = 1000;
  private static final int BATCH = 100;
  private final Vertx vertx;
  private final Database db;
  private final TopicLog topics;
  private final AnnouncementSource source = new AnnouncementSource();
  private long pollTimer = -1;
  private long flushTimer = -1;
  private boolean polling;

  public AnnouncementService(Vertx vertx, Database db, TopicLog topics) {
    this.vertx = vertx;
    this.db = db;
    this.topics = topics;
    topics.register(source);
  }

  /** Starts this node's poller and delivery-count flusher. */
  public void start() {
    pollTimer = vertx.setPeriodic(POLL_MILLIS, id -> poll());
    flushTimer = vertx.setPeriodic(FLUSH_MILLIS, id -> flushDeliveries());
  }

  /**
   * Stops the timers. Counts gathered in the last second are not flushed: closing Vert.x from the
   * event loop that would complete the flush hangs, and a receipt count may lag, never a message.
   */
  public void stop() {
    vertx.cancelTimer(pollTimer);
    vertx.cancelTimer(flushTimer);
  }

  /** broadcastAnnouncement: organisers (and admins) only; sent now, or stored for its sendAt. */
  public Future<Reply> broadcast(Tx tx, Caller caller, long eventId, JsonObject req) {
    return EventAccess.requireOrganiser(tx.conn(), caller, eventId).compose(v -> {
      Draft draft;
      try {
        draft = Draft.validate(string(req, "text"), string(req, "audience"), number(req, "competitionId"),
            string(req, "priority"), req.getValue("pinned") instanceof Boolean b ? b : null,
            string(req, "sendAt"), string(req, "expiresAt"), Instant.now());
      } catch (Rejected r) {
        return Future.failedFuture(new ApiError(r.status(), r.code(), r.getMessage()));
      }
      return checkCompetition(tx, eventId, draft).compose(ok -> insert(tx, caller, eventId, draft));
    });
  }

  private Future<Void> checkCompetition(Tx tx, long eventId, Draft draft) {
    Long competitionId = draft.audience().competitionId();
    if (competitionId == null) {
      return Future.succeededFuture();
    }
    return tx.conn().preparedQuery("SELECT 1 FROM competitions WHERE id = $1 AND event_id = $2")
        .execute(Tuple.of(competitionId, eventId))
        .compose(rows -> rows.size() == 1 ? Future.<Void>succeededFuture()
            : Future.failedFuture(new ApiError(422, "UNKNOWN_COMPETITION",
                "competition " + competitionId + " is not part of event " + eventId)));
  }

  private Future<Reply> insert(Tx tx, Caller caller, long eventId, Draft d) {
    String state = d.scheduled() ? "scheduled" : "sent";
    Tuple args = Tuple.tuple()
        .addLong(eventId).addString(d.audience().name()).addLong(d.audience().competitionId())
        .addString(d.priority().label()).addString(d.text()).addBoolean(d.pinned())
        .addOffsetDateTime(utc(d.sendAt())).addOffsetDateTime(utc(d.expiresAt()))
        .addString(state).addLong(caller.userId());
    return tx.conn().preparedQuery("INSERT INTO announcements (event_id, audience, competition_id, priority, text, pinned, "
            + "send_at, expires_at, state, sent_seq, sent_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, "
            + "COALESCE($7::timestamptz, now()), $8, $9::text, "
            + "CASE WHEN $9::text = 'sent' THEN nextval('announcement_send_seq') END, "
            + "CASE WHEN $9::text = 'sent' THEN now() END, $10) RETURNING " + COLUMNS)
        .execute(args)
        .compose(rows -> {
          JsonObject created = fullJson(rows.iterator().next());
          if (d.scheduled()) {
            return Future.succeededFuture(Reply.created(created));
          }
          return topics.refresh(tx, AnnouncementSource.topic(eventId))
              .map(version -> Reply.created(created.put("topicVersion", version)));
        });
  }

  /**
   * listAnnouncements: organisers and admins get every announcement of the event (scheduled, sent,
   * expired) with its delivery count; everyone else exactly what the live topic shows them.
   */
  public Future<JsonObject> list(Caller caller, long eventId) {
    // The guard already refused an event that does not exist or is not the caller's to see.
    return AnnouncementSource.viewer(db.pool(), caller, eventId)
        .compose(viewer -> topics.snapshot(AnnouncementSource.topic(eventId)).compose(snap -> {
          JsonObject out = new JsonObject().put("eventId", eventId).put("version", snap.version())
              .put("all", viewer.seesEverything());
          if (!viewer.seesEverything()) {
            JsonObject data = new AudienceView(viewer).apply(snap.data());
            return Future.succeededFuture(out.put("items", data.getJsonArray(AnnouncementSource.LIST, new JsonArray())));
          }
          return db.pool().preparedQuery("SELECT " + COLUMNS + " FROM announcements WHERE event_id = $1 "
                  + "ORDER BY created_at DESC, id DESC LIMIT 500")
              .execute(Tuple.of(eventId))
              .map(rows -> {
                JsonArray items = new JsonArray();
                rows.forEach(r -> items.add(fullJson(r)));
                return out.put("items", items);
              });
        }));
  }

  /** One round of this node's poller: send what is due, expire what ran out, refresh their topics. */
  Future<Void> poll() {
    if (polling) {
      return Future.succeededFuture();
    }
    polling = true;
    // A cheap look through the partial indexes first: most rounds find nothing and open no transaction.
    return db.pool().query("SELECT EXISTS (SELECT 1 FROM announcements WHERE state = 'scheduled' AND send_at <= now()) "
            + "OR EXISTS (SELECT 1 FROM announcements WHERE state = 'sent' AND expires_at <= now())")
        .execute()
        .compose(rows -> rows.iterator().next().getBoolean(0) ? claimDue() : Future.succeededFuture(0))
        .transform(ar -> {
          polling = false;
          if (ar.failed()) {
            LOG.warn("announcement poller failed; next round retries", ar.cause());
            return Future.succeededFuture();
          }
          // A full batch means more may be due right now.
          return ar.result() >= BATCH ? poll() : Future.succeededFuture();
        });
  }

  /** Sends what is due and expires what ran out, in one transaction with their topic refreshes. */
  private Future<Integer> claimDue() {
    return db.inTransaction(tx -> tx.conn().query(
                "WITH due AS (SELECT id FROM announcements WHERE state = 'scheduled' AND send_at <= now() "
                    + "ORDER BY send_at, id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED) "
                    + "UPDATE announcements a SET state = 'sent', sent_at = now(), "
                    + "sent_seq = nextval('announcement_send_seq') FROM due WHERE a.id = due.id RETURNING a.event_id")
            .execute()
            .compose(sent -> tx.conn().query(
                    "WITH gone AS (SELECT id FROM announcements WHERE state = 'sent' AND expires_at <= now() "
                        + "LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED) "
                        + "UPDATE announcements a SET state = 'expired' FROM gone WHERE a.id = gone.id RETURNING a.event_id")
                .execute()
                .compose(expired -> {
                  // Topic rows are locked in id order, so pollers on several nodes never deadlock.
                  TreeSet<Long> events = new TreeSet<>();
                  sent.forEach(r -> events.add(r.getLong(0)));
                  expired.forEach(r -> events.add(r.getLong(0)));
                  Future<Void> chain = Future.succeededFuture();
                  for (Long e : events) {
                    chain = chain.compose(x -> topics.refresh(tx, AnnouncementSource.topic(e)).mapEmpty());
                  }
                  return chain.map(x -> Math.max(sent.rowCount(), expired.rowCount()));
                })));
  }

  /** Adds this node's delivery counts to the database in one statement. */
  Future<Void> flushDeliveries() {
    Map<Long, Long> counts = source.drainDeliveries();
    if (counts.isEmpty()) {
      return Future.succeededFuture();
    }
    Long[] ids = counts.keySet().toArray(Long[]::new);
    Long[] ns = new Long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      ns[i] = counts.get(ids[i]);
    }
    return db.pool().preparedQuery("UPDATE announcements a SET delivered = a.delivered + d.n "
            + "FROM unnest($1::bigint[], $2::bigint[]) AS d(id, n) WHERE a.id = d.id")
        .execute(Tuple.tuple().addArrayOfLong(ids).addArrayOfLong(ns))
        .<Void>mapEmpty()
        .onFailure(e -> source.restoreDeliveries(counts));
  }

  /** An announcement as the live topic carries it (no counts: they would turn every flush into a delta). */
  static JsonObject toJson(Row r) {
    JsonObject j = new JsonObject().put("id", r.getLong("id")).put("text", r.getString("text"))
        .put("priority", r.getString("priority")).put("audience", r.getString("audience"));
    if (r.getLong("competition_id") != null) {
      j.put("competitionId", r.getLong("competition_id"));
    }
    return j.put("pinned", r.getBoolean("pinned")).put("sentAt", time(r.getOffsetDateTime("sent_at")))
        .put("expiresAt", time(r.getOffsetDateTime("expires_at")));
  }

  /** What organisers see: the topic row plus its state, schedule and delivery count. */
  static JsonObject fullJson(Row r) {
    return toJson(r).put("eventId", r.getLong("event_id")).put("state", r.getString("state"))
        .put("sendAt", time(r.getOffsetDateTime("send_at"))).put("delivered", r.getLong("delivered"))
        .put("createdAt", time(r.getOffsetDateTime("created_at")));
  }

  private static String time(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }

  private static OffsetDateTime utc(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  private static String string(JsonObject req, String field) {
    Object v = req.getValue(field);
    if (v != null && !(v instanceof String)) {
      throw ApiError.invalid(field, "type", field + " must be a string", new JsonObject().put("expected", "string"));
    }
    return (String) v;
  }

  private static Long number(JsonObject req, String field) {
    Object v = req.getValue(field);
    if (v != null && !(v instanceof Number)) {
      throw ApiError.invalid(field, "type", field + " must be an integer", new JsonObject().put("expected", "integer"));
    }
    return v == null ? null : ((Number) v).longValue();
  }
}
