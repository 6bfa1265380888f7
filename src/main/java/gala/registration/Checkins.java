package gala.registration;

import gala.events.EventAccess;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Reply;
import gala.platform.ShortCodes;
import gala.platform.Tx;
import gala.registration.rules.CheckinCodes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The door: every entry's short check-in code (given by the database when the entry is written, also
 * to imported athletes), check-in by code or by the list's button, and bib numbers.
 */
final class Checkins {
  static final int CODE_LENGTH = 6;
  private final RegistrationService registrations;

  Checkins(RegistrationService registrations) {
    this.registrations = registrations;
  }

  /** The short code of an entry, for its owner or an organiser, once it is confirmed. */
  Future<String> code(Caller caller, long entryId) {
    SqlClient pool = registrations.db().pool();
    return pool.preparedQuery("SELECT e.status, e.owner_id, e.checkin_code, c.event_id FROM entries e "
            + "JOIN competitions c ON c.id = e.competition_id WHERE e.id = $1").execute(Tuple.of(entryId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.notFound("entry " + entryId));
          }
          Row r = rows.iterator().next();
          Long owner = r.getLong("owner_id");
          Future<Boolean> allowed = owner != null && owner == caller.userId() ? Future.succeededFuture(true)
              : RegistrationService.isOrganiser(pool, caller, r.getLong("event_id"));
          return allowed.compose(ok -> {
            if (!ok) {
              return Future.failedFuture(ApiError.forbidden("this is not your entry"));
            }
            if (!RegistrationService.hasCode(r.getString("status"))) {
              return Future.failedFuture(ApiError.conflict("NOT_CONFIRMED", "only confirmed entries have a check-in code"));
            }
            return Future.succeededFuture(r.getString("checkin_code"));
          });
        });
  }

  /**
   * An organiser's scan, typed code or button. The first checks the entry in; a later one changes
   * nothing and says when. On a competition's page, an entry of another competition is refused with
   * the competition it belongs to instead of being checked in there.
   */
  Future<Reply> checkIn(Tx tx, Caller caller, JsonObject req) {
    SqlClient conn = tx.conn();
    Long pageCompetition = req.getLong("competitionId");
    return entryOf(conn, req)
        .compose(entryId -> conn.preparedQuery("SELECT e.competition_id, e.display_name, c.name, c.event_id FROM entries e "
                + "JOIN competitions c ON c.id = e.competition_id WHERE e.id = $1").execute(Tuple.of(entryId))
            .compose(rows -> {
              Row r = rows.iterator().next();
              long cid = r.getLong("competition_id");
              return EventAccess.requireOrganiser(conn, caller, r.getLong("event_id")).compose(v -> {
                if (pageCompetition != null && pageCompetition != cid) {
                  return Future.failedFuture(new ApiError(409, "CHECKIN_OTHER_COMPETITION", r.getString("display_name")
                      + " is entered in " + r.getString("name") + ", not in this competition: check in there",
                      new JsonObject().put("competitionId", cid).put("competition", r.getString("name"))
                          .put("eventId", r.getLong("event_id")).put("entryId", entryId)
                          .put("displayName", r.getString("display_name"))));
                }
                // The competition first, as every write of its entries (one lock order).
                return RegistrationService.lock(conn, cid).compose(c -> admit(tx, caller, cid, entryId));
              });
            }));
  }

  /** The entry a request names: by entryId, a short code, or an old signed G<id>-<signature> code. */
  private Future<Long> entryOf(SqlClient conn, JsonObject req) {
    Long entryId = req.getLong("entryId");
    String code = req.getString("code");
    if (entryId == null && code == null) {
      return Future.failedFuture(ApiError.badRequest("CODE_OR_ENTRY_REQUIRED", "give the check-in code or the entryId"));
    }
    if (entryId != null) {
      return conn.preparedQuery("SELECT 1 FROM entries WHERE id = $1").execute(Tuple.of(entryId))
          .compose(rows -> rows.size() == 1 ? Future.succeededFuture(entryId)
              : Future.failedFuture(ApiError.notFound("entry " + entryId)));
    }
    ApiError invalid = ApiError.unprocessable("INVALID_CHECKIN_CODE", "this is not a valid Gala check-in code");
    String trimmed = code.trim();
    if (trimmed.length() > CODE_LENGTH + 4 && trimmed.toUpperCase(Locale.ROOT).startsWith("G") && trimmed.contains("-")) {
      // Codes printed before the short codes (G<entryId>-<HMAC>): still honoured.
      return registrations.secret().compose(s -> {
        long id = CheckinCodes.verify(s, trimmed);
        return id < 0 ? Future.failedFuture(invalid) : Future.succeededFuture(id);
      });
    }
    String normalised = ShortCodes.normalise(trimmed);
    if (!ShortCodes.wellFormed(normalised, CODE_LENGTH)) {
      return Future.failedFuture(invalid);
    }
    return conn.preparedQuery("SELECT id FROM entries WHERE checkin_code = $1").execute(Tuple.of(normalised))
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture(rows.iterator().next().getLong(0))
            : Future.failedFuture(invalid));
  }

  private Future<Reply> admit(Tx tx, Caller caller, long cid, long entryId) {
    SqlClient conn = tx.conn();
    return conn.preparedQuery("SELECT status, owner_id FROM entries WHERE id = $1 FOR UPDATE").execute(Tuple.of(entryId))
        .compose(rows -> {
          Row r = rows.iterator().next();
          String status = r.getString("status");
          if ("CHECKED_IN".equals(status)) {
            return RegistrationService.entry(conn, entryId, true).map(e -> Reply.ok(new JsonObject()
                .put("alreadyCheckedIn", true).put("checkedInAt", e.getString("checkedInAt")).put("entry", e)));
          }
          if (!"CONFIRMED".equals(status)) {
            return Future.failedFuture(new ApiError(409, "NOT_CONFIRMED", "this entry is " + status.toLowerCase(Locale.ROOT)
                + ", not confirmed", new JsonObject().put("status", status)));
          }
          Long owner = r.getLong("owner_id");
          return conn.preparedQuery("UPDATE entries SET status = 'CHECKED_IN', checked_in_at = now(), checked_in_by = $2 "
                  + "WHERE id = $1").execute(Tuple.of(entryId, caller.userId()))
              .compose(v -> {
                if (owner != null) {
                  registrations.ownEntryChanged(tx, owner, entryId, false);
                }
                return registrations.listChanged(tx, cid, List.of(entryId), List.of(), false);
              })
              .compose(v -> RegistrationService.entry(conn, entryId, true))
              .map(e -> Reply.ok(new JsonObject().put("alreadyCheckedIn", false)
                  .put("checkedInAt", e.getString("checkedInAt")).put("entry", e)));
        });
  }

  /**
   * Sets the bib of an entry's person (organisers): every entry of that person in the event shows
   * it; a number another person of the event holds is 409 BIB_TAKEN.
   */
  Future<JsonObject> setBib(Tx tx, Caller caller, long entryId, int bib) {
    return tx.conn()
        .preparedQuery("SELECT c.event_id, CASE WHEN c.entry_type = 'team' THEN 'e:' || e.id ELSE "
            + "(SELECT m.person_key FROM entry_members m WHERE m.entry_id = e.id ORDER BY m.id LIMIT 1) END AS person_key "
            + "FROM entries e JOIN competitions c ON c.id = e.competition_id WHERE e.id = $1")
        .execute(Tuple.of(entryId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.notFound("entry " + entryId));
          }
          Row r = rows.iterator().next();
          long eventId = r.getLong("event_id");
          String key = r.getString("person_key");
          return EventAccess.requireOrganiser(tx.conn(), caller, eventId)
              // Every competition of the event first, in id order, as every write of entries locks its
              // competition before anything else (one lock order): not only those the person has entries
              // in, since a registration of the person into another one may be in flight with the old
              // number read; it commits first, and the UPDATE below then sees its entry. A rare
              // organiser action, so holding the event's competitions for a moment costs nobody much.
              .compose(v -> tx.conn().preparedQuery("SELECT c.id FROM competitions c WHERE c.event_id = $1 "
                      + "ORDER BY c.id FOR NO KEY UPDATE OF c")
                  .execute(Tuple.of(eventId)))
              .compose(v -> tx.conn().preparedQuery("SELECT b.person_key, e.id, e.display_name FROM bibs b "
                      + "LEFT JOIN entries e ON e.bib = b.bib AND e.competition_id IN (SELECT id FROM competitions WHERE event_id = $1) "
                      + "WHERE b.event_id = $1 AND b.bib = $2 LIMIT 1")
                  .execute(Tuple.of(eventId, bib)))
              .compose(taken -> {
                if (taken.size() == 1 && !taken.iterator().next().getString("person_key").equals(key)) {
                  Row t = taken.iterator().next();
                  return Future.failedFuture(new ApiError(409, "BIB_TAKEN", "bib " + bib + " already belongs to "
                      + t.getString("display_name"), new JsonObject().put("bib", bib).put("entryId", t.getLong("id"))
                      .put("displayName", t.getString("display_name"))));
                }
                return tx.conn().preparedQuery("INSERT INTO bibs (event_id, person_key, bib) VALUES ($1, $2, $3) "
                        + "ON CONFLICT (event_id, person_key) DO UPDATE SET bib = EXCLUDED.bib")
                    .execute(Tuple.of(eventId, key, bib))
                    .compose(v -> tx.conn().preparedQuery("UPDATE entries e SET bib = $3 FROM competitions c "
                            + "WHERE c.id = e.competition_id AND c.event_id = $1 AND (e.id = $4 OR EXISTS (SELECT 1 FROM entry_members m "
                            + "  WHERE m.entry_id = e.id AND m.person_key = $2 AND c.entry_type = 'individual')) "
                            + "RETURNING e.id, e.competition_id, e.owner_id")
                        .execute(Tuple.of(eventId, key, bib, entryId)))
                    .compose(changed -> bibChanged(tx, changed))
                    .recover(e -> Future.failedFuture(e instanceof io.vertx.pgclient.PgException pg
                        && "23505".equals(pg.getSqlState()) ? ApiError.conflict("BIB_TAKEN", "bib " + bib
                        + " was just given to someone else") : e));
              });
        })
        .compose(v -> RegistrationService.entry(tx.conn(), entryId, true));
  }

  /**
   * The deltas of a bib change, from the rows it changed: each competition's entry list gets their
   * rows (a bib moves no row), each owner's own topic theirs. Nothing else is read.
   */
  private Future<Void> bibChanged(Tx tx, io.vertx.sqlclient.RowSet<Row> changed) {
    java.util.Map<Long, List<Long>> byCompetition = new java.util.TreeMap<>();
    changed.forEach(r -> {
      byCompetition.computeIfAbsent(r.getLong("competition_id"), k -> new ArrayList<>()).add(r.getLong("id"));
      if (r.getLong("owner_id") != null) {
        registrations.ownEntryChanged(tx, r.getLong("owner_id"), r.getLong("id"), false);
      }
    });
    Future<Void> f = Future.succeededFuture();
    for (var e : byCompetition.entrySet()) {
      f = f.compose(v -> registrations.listChanged(tx, e.getKey(), e.getValue(), List.of(), false).mapEmpty());
    }
    return f;
  }
}
