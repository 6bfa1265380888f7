package gala.registration;

import gala.events.rules.Division;
import gala.notices.UserNotices;
import gala.platform.TopicLog;
import gala.platform.Tx;
import gala.registration.Registering.Part;
import gala.registration.Registering.Stored;
import gala.registration.RegistrationService.Competition;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One delta per topic for a whole registration batch ({@link Registering}), from the change itself:
 * each competition's scoreboard hears which entries joined the field, its entry list gets the new
 * rows and the counts (and the order when a confirmed row goes before a waitlist), each owner's own
 * topic its new rows from every competition of the batch. All of them appended by ONE
 * {@link TopicLog#appendAll} at the end of the transaction, which locks the topics in name order:
 * appends competition by competition would lock people's topics in another order than other
 * writers, and two nodes could wait for each other in a circle.
 */
final class BatchDeltas {
  private BatchDeltas() {}

  /** A row of an owner's own list, with what orders it there (its event's first day, then its id). */
  private record OwnRow(LocalDate day, long id, JsonObject row) {}

  /**
   * Appends the batch's deltas in {@code tx}, {@code last} sent along with the append; answers the
   * new entries as the API shows them to whoever entered them, in {@code stored} order. The reads
   * the deltas need are sent at once, behind the batch's writes ({@code given}: the bib and check-in
   * code of each new entry) and without waiting for them: the server runs them in order after the
   * writes, and the batch saves a round trip.
   */
  static Future<List<JsonObject>> append(TopicLog topics, Tx tx, Collection<Part> parts, List<Stored> stored,
      Future<Map<Long, Row>> written, Supplier<Future<?>> last) {
    SqlClient conn = tx.conn();
    List<JsonObject> bodies = new ArrayList<>();
    Map<String, JsonObject> deltas = new HashMap<>();
    Set<String> existing = new HashSet<>();
    TreeMap<String, List<OwnRow>> own = new TreeMap<>(); // each owner's new rows, by topic
    Map<Long, LocalDate> ownerDay = new HashMap<>(); // each owner's earliest first day among them
    Map<Long, List<Long>> joined = new HashMap<>();
    for (Part part : parts) {
      if (part.stored.isEmpty()) {
        continue;
      }
      existing.addAll(part.read.topics());
      List<Long> in = new ArrayList<>();
      for (Stored s : part.stored) {
        if (s.admit().confirmed()) {
          in.add(s.id());
        }
        if (s.resolved().ownerId() != null) {
          ownerDay.merge(s.resolved().ownerId(), s.competition().firstDay(), (x, y) -> x.isBefore(y) ? x : y);
        }
      }
      joined.put(part.c.id(), in);
    }
    // One round of reads, pipelined on the one connection: every scoreboard's lock (the competitions'
    // results locks, in id order) in one statement and what they need to tell their deltas in one
    // more, whatever the number of competitions (TopicLog.deltasOf); each list's order when a
    // confirmed row goes before its waitlist; then the owners whose new rows do not simply go last.
    // Then one statement appends every topic's delta.
    Map<String, JsonObject> fields = new java.util.LinkedHashMap<>();
    Map<Long, Future<JsonArray>> orders = new HashMap<>();
    for (Part part : parts) {
      List<Long> in = joined.get(part.c.id());
      if (in == null || in.isEmpty()) {
        continue;
      }
      long id = part.c.id();
      fields.put(String.valueOf(id), new JsonObject().put("added", new JsonArray(new ArrayList<>(in))).put("removed", new JsonArray()));
      if (part.read.waitlisted() > 0) {
        orders.put(id, EntryListSource.order(conn, id));
      }
    }
    Future<Map<String, JsonObject>> boards = fields.isEmpty() ? Future.succeededFuture(Map.of())
        : topics.deltasOf(tx, "scoreboard", fields);
    // Owners grouped by their earliest day: one read for almost every batch (one event).
    Map<LocalDate, Set<Long>> byDay = new TreeMap<>();
    ownerDay.forEach((owner, day) -> byDay.computeIfAbsent(day, d -> new java.util.LinkedHashSet<>()).add(owner));
    List<Future<Map<Long, JsonArray>>> ownOrders = new ArrayList<>();
    byDay.forEach((day, owners) -> ownOrders.add(MyEntries.ordersIfLater(conn, owners, day)));
    List<Future<?>> reads = new ArrayList<>(List.of(boards));
    reads.addAll(orders.values());
    reads.addAll(ownOrders);
    return written.compose(given -> Future.all(reads).map(given)).compose(given -> {
      // In named steps, not one lambda: as one, C2 spent 1.3 s compiling it inside a registration
      // burst (a per-batch method reaches C2 late; JFR, RegistrationBench 2026-12-04).
      Map<Long, JsonArray> listRows = rows(parts, given, bodies, own);
      listDeltas(parts, listRows, orders, deltas);
      ownDeltas(own, ownOrders, deltas);
      Future<?> refreshed = boardDeltas(topics, tx, boards.result(), deltas);
      return refreshed.compose(x -> Future.all(topics.appendAll(tx, deltas, existing), last.get()));
    }).map(v -> bodies);
  }

  /**
   * Each part's new rows for its entry list (confirmed first, then waitlisted), by competition; adds
   * each new entry's API body to {@code bodies} (in stored order) and each owner's row to {@code own}.
   */
  private static Map<Long, JsonArray> rows(Collection<Part> parts, Map<Long, Row> given, List<JsonObject> bodies,
      TreeMap<String, List<OwnRow>> own) {
    Map<Long, JsonArray> listRows = new HashMap<>();
    for (Part part : parts) {
      if (part.stored.isEmpty()) {
        continue;
      }
      List<JsonObject> confirmedRows = new ArrayList<>();
      List<JsonObject> waitlistedRows = new ArrayList<>();
      for (Stored s : part.stored) {
        Competition c = s.competition();
        Row g = given.get(s.id());
        JsonObject entry = entryJson(c, s, g.getInteger("bib"), g.getString("checkin_code"));
        bodies.add(entry.copy()); // parts in order, each one's admitted requests in order: the batch's stored order
        JsonObject row = EntryListSource.row(s.id(), s.resolved().displayName(), s.unitName(), entry.getString("status"),
            s.admit().position(), s.admit().division(), null, g.getInteger("bib"), g.getString("checkin_code"));
        (s.admit().confirmed() ? confirmedRows : waitlistedRows).add(row);
        Long owner = s.resolved().ownerId();
        if (owner != null) {
          own.computeIfAbsent(UserNotices.topic(owner), t -> new ArrayList<>()).add(new OwnRow(c.firstDay(), s.id(),
              MyEntries.row(entry, c.name(), c.eventId(), c.eventTitle(), c.firstDay(),
                  divisionName(c.divisions(), s.admit().division()), c.diveSheet())));
        }
      }
      JsonArray rows = new JsonArray();
      confirmedRows.forEach(rows::add);
      waitlistedRows.forEach(rows::add);
      listRows.put(part.c.id(), rows);
    }
    return listRows;
  }

  /** Each entry list's delta: its new rows, its counts, and its order when it was read. */
  private static void listDeltas(Collection<Part> parts, Map<Long, JsonArray> listRows, Map<Long, Future<JsonArray>> orders,
      Map<String, JsonObject> deltas) {
    for (Part part : parts) {
      JsonArray rows = listRows.get(part.c.id());
      if (rows == null) {
        continue;
      }
      JsonObject list = new JsonObject().put("upsert", rows);
      Future<JsonArray> order = orders.get(part.c.id());
      if (order != null) {
        list.put("order", order.result());
      }
      JsonObject set = new JsonObject().put("confirmed", part.admission.confirmed())
          .put("waitlisted", part.admission.waitlisted()).put("checkedIn", part.read.checkedIn());
      deltas.put(EntryListSource.topic(part.c.id()),
          new JsonObject().put("set", set).put("lists", new JsonObject().put("rows", list)));
    }
  }

  /** Each owner's own topic's delta: their new rows in their list's order, and the whole order when they do not simply go last. */
  private static void ownDeltas(TreeMap<String, List<OwnRow>> own, List<Future<Map<Long, JsonArray>>> ownOrders,
      Map<String, JsonObject> deltas) {
    Map<Long, JsonArray> ownOrder = new HashMap<>();
    ownOrders.forEach(f -> ownOrder.putAll(f.result()));
    for (Map.Entry<String, List<OwnRow>> e : own.entrySet()) {
      JsonArray upsert = new JsonArray();
      e.getValue().stream().sorted(Comparator.comparing(OwnRow::day).thenComparingLong(OwnRow::id))
          .forEach(r -> upsert.add(r.row()));
      JsonObject list = new JsonObject().put("upsert", upsert);
      JsonArray order = ownOrder.get(Long.parseLong(TopicLog.idOf(e.getKey())));
      if (order != null) {
        list.put("order", order);
      }
      deltas.put(e.getKey(), new JsonObject().put("lists", new JsonObject().put("entries", list)));
    }
  }

  /**
   * Each scoreboard's delta; a board the source cannot tell the change of (scored already) is
   * recomputed instead: it is the competition's own topic, serialised by the locks this batch holds,
   * like the entry list.
   */
  private static Future<?> boardDeltas(TopicLog topics, Tx tx, Map<String, JsonObject> boards, Map<String, JsonObject> deltas) {
    Future<?> refreshed = Future.succeededFuture();
    for (Map.Entry<String, JsonObject> b : new TreeMap<>(boards).entrySet()) {
      String topic = b.getKey();
      if (b.getValue() != null) {
        deltas.put(topic, b.getValue());
      } else {
        refreshed = refreshed.compose(x -> topics.refresh(tx, topic));
      }
    }
    return refreshed;
  }

  /** The new entry as the API shows it to whoever entered it (with its check-in code once confirmed). */
  private static JsonObject entryJson(Competition c, Stored s, Integer bib, String code) {
    gala.registration.rules.Admission.Applicant a = s.resolved().applicant();
    JsonArray members = new JsonArray();
    a.people().forEach(p -> members.add(p.name()));
    String status = s.admit().confirmed() ? "CONFIRMED" : "WAITLISTED";
    JsonObject e = new JsonObject().put("id", s.id()).put("competitionId", c.id()).put("userId", a.userId())
        .put("ownerId", s.resolved().ownerId()).put("unitId", a.unitId()).put("unit", s.unitName())
        .put("displayName", s.resolved().displayName()).put("status", status)
        .put("waitlistPosition", s.admit().position()).put("division", s.admit().division()).put("checkedInAt", null)
        .put("promotedAt", null).put("bib", bib).put("members", members);
    if (RegistrationService.hasCode(status)) {
      e.put("checkinCode", code);
    }
    return e;
  }

  private static String divisionName(List<Division> divisions, String code) {
    for (Division d : divisions) {
      if (d.code().equals(code)) {
        return d.name();
      }
    }
    return null;
  }
}
