package gala.registration;

import gala.events.EventAccess;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Tx;
import gala.registration.RegistrationService.Competition;
import gala.registration.rules.Waitlist;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The waitlist and the ways out of a competition: a withdrawal (which frees a place for the head of
 * the waitlist), leaving the waitlist, promotion when capacity grows, and an organiser's reorder
 * with its kept reason. Every one locks the competition row first, as every write of its entries.
 */
public final class Waitlists {
  private final RegistrationService registrations;

  Waitlists(RegistrationService registrations) {
    this.registrations = registrations;
  }

  /**
   * Withdraws an entry (its owner or an organiser); a freed place goes to the head of the waitlist.
   * The competition row is locked first, as by every write of its entries, so no deadlock to retry.
   * Runs in the transaction that claims the request's Idempotency-Key (a retry gets the first reply).
   */
  public Future<JsonObject> withdraw(Tx tx, Caller caller, long entryId, boolean onlyIfWaitlisted) {
    return RegistrationService.competitionOf(tx.conn(), entryId)
        .compose(cid -> RegistrationService.lock(tx.conn(), cid))
        .compose(c -> tx.conn().preparedQuery("SELECT status, owner_id FROM entries WHERE id = $1").execute(Tuple.of(entryId))
            .compose(rows -> {
              Row r = rows.iterator().next();
              Long owner = r.getLong("owner_id");
              String status = r.getString("status");
              boolean freesPlace = !"WAITLISTED".equals(status);
              // Official results are the record: their entrants no longer leave them; organisers may
              // still correct the record (as they still enter people after an event has ended).
              boolean official = c.official() && freesPlace && !"WITHDRAWN".equals(status);
              boolean own = owner != null && owner == caller.userId();
              Future<Boolean> organiser = own && !official ? Future.succeededFuture(false)
                  : RegistrationService.isOrganiser(tx.conn(), caller, c.eventId());
              return organiser.compose(isOrganiser -> {
                if (!own && !isOrganiser) {
                  return Future.failedFuture(ApiError.forbidden("only the entry's owner or an organiser may withdraw it"));
                }
                if ("WITHDRAWN".equals(status)) {
                  return Future.failedFuture(ApiError.conflict("ALREADY_WITHDRAWN", "this entry is already withdrawn"));
                }
                if (onlyIfWaitlisted && !"WAITLISTED".equals(status)) {
                  return Future.failedFuture(ApiError.conflict("NOT_WAITLISTED", "this entry is not on the waitlist"));
                }
                if (official && !isOrganiser) {
                  return Future.failedFuture(ApiError.conflict("RESULTS_OFFICIAL",
                      "this competition's results are official; only its organisers may change who is in them"));
                }
                return tx.conn().preparedQuery("UPDATE entries SET status = 'WITHDRAWN', waitlist_position = NULL, "
                        + "withdrawn_at = now() WHERE id = $1").execute(Tuple.of(entryId))
                    .compose(v -> tx.conn().preparedQuery("UPDATE entry_members SET active = FALSE WHERE entry_id = $1")
                        .execute(Tuple.of(entryId)))
                    .compose(v -> promote(tx, c))
                    .compose(p -> {
                      if (owner != null) {
                        registrations.ownEntryChanged(tx, owner, entryId, false);
                      }
                      Map<Long, Long> touched = new java.util.LinkedHashMap<>(p.owners());
                      touched.putAll(p.renumbered());
                      touched.forEach((id, user) -> {
                        if (user != null) {
                          registrations.ownEntryChanged(tx, user, id, false);
                        }
                      });
                      List<Long> promoted = new ArrayList<>(p.owners().keySet());
                      Future<?> board = freesPlace || !promoted.isEmpty()
                          ? registrations.joined(tx, c.id(), promoted, freesPlace ? List.of(entryId) : List.of()) : Future.succeededFuture();
                      List<Long> changed = new ArrayList<>(promoted);
                      changed.addAll(p.renumbered().keySet());
                      // Official places may have moved: the event's medal table is counted again (rare: an
                      // organiser correcting the record), after the scoreboard, the order every writer keeps.
                      Future<?> medals = official
                          ? board.compose(v -> registrations.topics().refresh(tx, "medals:" + c.eventId())) : board;
                      return medals.compose(v -> registrations.listChanged(tx, c.id(), changed, List.of(entryId), p.reorders()));
                    });
              });
            }))
        .compose(v -> RegistrationService.entry(tx.conn(), entryId, true));
  }

  /**
   * What {@link #promote} did: the promoted entries (with their owners, when they have one), the
   * renumbered ones, and whether the promoted rows are already where the entry list puts them.
   */
  record Promotion(Map<Long, Long> owners, Map<Long, Long> renumbered, boolean inPlace) {
    /** Whether the entry list's delta needs the new order (ids of the whole list): only when rows moved. */
    boolean reorders() {
      return !owners.isEmpty() && !inPlace;
    }
  }

  /**
   * Fills free places from the head of the waitlist and renumbers the rest gap-free; the kept count
   * of confirmed entries says how many places are free. Runs with the competition row locked.
   */
  Future<Promotion> promote(Tx tx, Competition c) {
    SqlClient conn = tx.conn();
    if (c.official()) {
      // Nobody moves up from the waitlist into official results (a withdrawal, a grown capacity).
      return renumber(conn, c.id()).map(n -> new Promotion(Map.of(), n, true));
    }
    // Also the highest id of the entries confirmed before (the statement sees the promoted ones still
    // waitlisted): the list puts confirmed rows by id, then the waitlist by position, so promoted rows
    // stay where they were (at the waitlist's head) when, in waitlist order, their ids rise above it.
    return conn.preparedQuery("WITH free AS (SELECT $2::int - coalesce((SELECT confirmed FROM competition_entry_counts "
            + "  WHERE competition_id = $1), 0) AS n), "
            + "head AS (SELECT id, waitlist_position AS pos FROM entries WHERE competition_id = $1 AND status = 'WAITLISTED' "
            + "  ORDER BY waitlist_position LIMIT greatest((SELECT n FROM free), 0)), "
            // From this competition's end of entries_competition_id (a range, so the planner cannot walk
            // the primary key down through every competition's newer entries instead; see ScoreboardSource).
            + "last AS (SELECT id FROM entries WHERE competition_id >= $1 AND competition_id <= $1 "
            + "  AND status IN ('CONFIRMED', 'CHECKED_IN') ORDER BY competition_id DESC, id DESC LIMIT 1) "
            + "UPDATE entries e SET status = 'CONFIRMED', waitlist_position = NULL, promoted_at = now() FROM head "
            + "WHERE e.id = head.id RETURNING e.id, e.owner_id, head.pos, (SELECT id FROM last)")
        .execute(Tuple.of(c.id(), c.capacity()))
        .compose(promoted -> {
          List<Row> rows = new ArrayList<>();
          promoted.forEach(rows::add);
          rows.sort(java.util.Comparator.comparingInt(r -> r.getInteger(2)));
          Map<Long, Long> owners = new java.util.LinkedHashMap<>();
          boolean inPlace = true;
          Long previous = null;
          for (Row r : rows) {
            owners.put(r.getLong(0), r.getLong(1));
            Long floor = previous != null ? previous : r.getLong(3);
            inPlace &= floor == null || r.getLong(0) > floor;
            previous = r.getLong(0);
          }
          boolean placed = inPlace;
          return renumber(conn, c.id()).map(renumbered -> new Promotion(owners, renumbered, placed));
        });
  }

  /**
   * For the events feature, inside its editing transaction: the competition's capacity, rules or
   * name changed. A grown capacity promotes from the waitlist; the topics get deltas from the change
   * alone: the scoreboard the promoted entries, the entry list their rows, the renumbered ones, the
   * new counts, name and capacity (and the order when a promotion moved rows), the owners' own
   * topics those rows. {@code shown}: the name or divisions changed, which every entrant's own list
   * shows, so each owner's topic gets the rows of their entries here (rare: an organiser's edit).
   */
  public Future<Void> competitionChanged(Tx tx, long competitionId, boolean shown) {
    SqlClient conn = tx.conn();
    return RegistrationService.lock(conn, competitionId)
        .compose(c -> promote(tx, c).compose(p -> {
          List<Long> promoted = new ArrayList<>(p.owners().keySet());
          Map<Long, Long> touched = new java.util.LinkedHashMap<>(p.owners());
          touched.putAll(p.renumbered());
          Future<?> owned = !shown ? Future.succeededFuture()
              : conn.preparedQuery("SELECT id, owner_id FROM entries WHERE competition_id = $1 AND owner_id IS NOT NULL")
                  .execute(Tuple.of(competitionId)).map(rows -> {
                    rows.forEach(r -> touched.putIfAbsent(r.getLong(0), r.getLong(1)));
                    return null;
                  });
          Future<?> board = promoted.isEmpty() ? Future.succeededFuture()
              : registrations.joined(tx, competitionId, promoted, List.of());
          List<Long> changed = new ArrayList<>(promoted);
          changed.addAll(p.renumbered().keySet());
          Future<?> list = EntryListSource.delta(conn, competitionId, changed, List.of(), p.reorders())
              .compose(delta -> {
                delta.getJsonObject("set").put("name", c.name()).put("capacity", c.capacity());
                return registrations.topics().append(tx, EntryListSource.topic(competitionId), delta);
              });
          return Future.all(owned, board, list).map(v -> {
            touched.forEach((id, user) -> {
              if (user != null) {
                registrations.ownEntryChanged(tx, user, id, false);
              }
            });
            return null;
          });
        }))
        .mapEmpty();
  }

  /** Renumbers the waitlist 1..n in its order; returns the entries whose position changed, with their owners. */
  private static Future<Map<Long, Long>> renumber(SqlClient conn, long competitionId) {
    return conn.preparedQuery("UPDATE entries e SET waitlist_position = r.pos FROM (SELECT id, "
            + "row_number() OVER (ORDER BY waitlist_position, id)::int AS pos FROM entries "
            + "WHERE competition_id = $1 AND status = 'WAITLISTED') r "
            + "WHERE e.id = r.id AND e.waitlist_position IS DISTINCT FROM r.pos RETURNING e.id, e.owner_id")
        .execute(Tuple.of(competitionId)).map(rows -> {
          Map<Long, Long> ids = new java.util.LinkedHashMap<>();
          rows.forEach(r -> ids.put(r.getLong(0), r.getLong(1)));
          return ids;
        });
  }

  /** An organiser moves a waitlisted entry to another position, giving a reason that is kept. */
  public Future<JsonObject> reorderWaitlist(Caller caller, long competitionId, JsonObject req) {
    long entryId = req.getLong("entryId");
    int position = req.getInteger("position");
    String reason = req.getString("reason").trim();
    return registrations.db().inTransaction(tx -> RegistrationService.lock(tx.conn(), competitionId)
        .compose(c -> EventAccess.requireOrganiser(tx.conn(), caller, c.eventId()))
        .compose(v -> tx.conn().preparedQuery("SELECT id, waitlist_position FROM entries WHERE competition_id = $1 "
            + "AND status = 'WAITLISTED' ORDER BY waitlist_position, id").execute(Tuple.of(competitionId)))
        .compose(rows -> {
          List<Long> order = new ArrayList<>();
          Map<Long, Integer> held = new java.util.HashMap<>();
          Integer from = null;
          for (Row r : rows) {
            order.add(r.getLong("id"));
            held.put(r.getLong("id"), r.getInteger("waitlist_position"));
            if (r.getLong("id") == entryId) {
              from = r.getInteger("waitlist_position");
            }
          }
          if (from == null) {
            return Future.failedFuture(ApiError.conflict("NOT_WAITLISTED", "entry " + entryId + " is not on this waitlist"));
          }
          if (position > order.size()) {
            return Future.failedFuture(ApiError.unprocessable("POSITION_OUT_OF_RANGE",
                "the waitlist has " + order.size() + " places"));
          }
          List<Long> next = Waitlist.move(order, entryId, position);
          // Only the entries between the old and the new place move: they are written, and their
          // rows (with the new order) make the list's delta and their owners' own topics' deltas.
          List<Tuple> updates = new ArrayList<>();
          List<Long> moved = new ArrayList<>();
          for (int i = 0; i < next.size(); i++) {
            if (!Integer.valueOf(i + 1).equals(held.get(next.get(i)))) {
              updates.add(Tuple.of(next.get(i), i + 1));
              moved.add(next.get(i));
            }
          }
          int fromPosition = from;
          Future<?> written = updates.isEmpty() ? Future.succeededFuture()
              : tx.conn().preparedQuery("UPDATE entries SET waitlist_position = $2 WHERE id = $1")
                  .executeBatch(updates);
          return written
              .compose(v -> tx.conn().preparedQuery("INSERT INTO waitlist_changes (competition_id, entry_id, from_position, "
                      + "to_position, reason, changed_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, changed_at")
                  .execute(Tuple.of(competitionId, entryId, fromPosition, position, reason, caller.userId())))
              .compose(v -> moved.isEmpty() ? Future.succeededFuture()
                  : tx.conn().preparedQuery("SELECT id, owner_id FROM entries WHERE id = ANY($1) AND owner_id IS NOT NULL")
                      .execute(Tuple.of(moved.toArray(new Long[0])))
                      .compose(owners -> {
                        owners.forEach(r -> registrations.ownEntryChanged(tx, r.getLong(1), r.getLong(0), false));
                        return tailMoved(tx, competitionId, next.subList(next.indexOf(moved.get(0)), next.size()));
                      }))
              .compose(v -> waitlistChanges(tx.conn(), competitionId))
              .map(changes -> new JsonObject().put("order", new JsonArray(next)).put("changes", changes));
        }));
  }

  /**
   * The entry list's delta of a reorder: the waitlist ends the list, so instead of the whole list's
   * order (every id, however long the confirmed part) the delta takes the waitlist's rows from the
   * first moved one to its end out and puts them back, in their new order, at the end (a row both
   * removed and upserted by one delta goes last: see JsonDiff). Costs what the waitlist holds behind
   * the first moved place, whatever the length of the list.
   */
  private Future<Long> tailMoved(Tx tx, long competitionId, List<Long> tail) {
    return EntryListSource.delta(tx.conn(), competitionId, tail, List.of(), false).compose(delta -> {
      JsonObject rows = delta.getJsonObject("lists").getJsonObject("rows");
      rows.put("remove", new JsonArray(new ArrayList<>(tail)));
      return registrations.topics().append(tx, EntryListSource.topic(competitionId), delta);
    });
  }

  public Future<JsonArray> listWaitlistChanges(Caller caller, long competitionId) {
    return EventAccess.requireCompetitionOrganiser(registrations.db().pool(), caller, competitionId)
        .compose(v -> waitlistChanges(registrations.db().pool(), competitionId));
  }

  private static Future<JsonArray> waitlistChanges(SqlClient conn, long competitionId) {
    return conn.preparedQuery("SELECT w.id, w.entry_id, e.display_name, w.from_position, w.to_position, w.reason, "
            + "w.changed_by, u.display_name AS changed_by_name, w.changed_at FROM waitlist_changes w "
            + "JOIN entries e ON e.id = w.entry_id JOIN users u ON u.id = w.changed_by "
            + "WHERE w.competition_id = $1 ORDER BY w.id")
        .execute(Tuple.of(competitionId))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id")).put("entryId", r.getLong("entry_id"))
              .put("displayName", r.getString("display_name")).put("fromPosition", r.getInteger("from_position"))
              .put("toPosition", r.getInteger("to_position")).put("reason", r.getString("reason"))
              .put("changedBy", r.getLong("changed_by")).put("changedByName", r.getString("changed_by_name"))
              .put("changedAt", r.getOffsetDateTime("changed_at").toString())));
          return out;
        });
  }
}
