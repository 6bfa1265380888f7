package gala.registration;

import gala.access.Access;
import gala.events.UnitMembers;
import gala.notices.UserNotices;
import gala.registration.Applicants.Draft;
import gala.registration.Applicants.Facts;
import gala.registration.Applicants.Kind;
import gala.registration.RegistrationService.Competition;
import gala.registration.rules.Admission;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a registration batch is decided on ({@link Registering}), read in one pipelined round with
 * its competitions locked: who organises each event, the units (with their kept counts), the
 * profiles and memberships of people entering themselves, each competition's kept counts, the
 * people already entered under the batch's keys or names, ids for the new entries and the topics of
 * the batch that exist (the event's title comes with the competition's lock). What is the same for
 * the whole batch or a whole event is read once for it (organisers and memberships per event,
 * profiles, kept counts, topics and ids per batch); the units and the people already entered, by
 * competition.
 */
final class BatchReads {
  private BatchReads() {}

  /** Everything one competition's requests are decided on. */
  record Read(Facts facts, int confirmed, int waitlisted, int checkedIn, Map<Long, Integer> unitLive,
      List<Admission.Entered> entered, List<Long> ids, Set<String> topics) {}

  /** What one competition's requests need read. */
  private static final class Wants {
    final Set<Long> selves = new LinkedHashSet<>();
    final Set<Long> units = new LinkedHashSet<>();
    final Set<String> names = new LinkedHashSet<>();
    int wanted;
    Future<RowSet<Row>> unitRows;
    Future<RowSet<Row>> entered;
  }

  /** Reads what every part of the batch needs and hands each part its {@link Read}. */
  static Future<Void> of(SqlClient conn, Collection<Registering.Part> parts) {
    Map<Long, Set<Long>> callers = new TreeMap<>(); // by event: who may be one of its organisers
    Map<Long, Set<Long>> selvesOf = new TreeMap<>(); // by event: people entering themselves
    Set<Long> selves = new LinkedHashSet<>();
    // The topics the batch appends to: each entry list, each scoreboard and each owner's own topic.
    Set<String> topics = new LinkedHashSet<>();
    Map<Registering.Part, Wants> wants = new LinkedHashMap<>();
    int wanted = 0;
    for (Registering.Part part : parts) {
      Competition c = part.c;
      Wants w = new Wants();
      wants.put(part, w);
      part.requests.forEach(r -> {
        if (!r.caller().isAdmin()) {
          callers.computeIfAbsent(c.eventId(), e -> new LinkedHashSet<>()).add(r.caller().userId());
        }
      });
      topics.add(EntryListSource.topic(c.id()));
      topics.add("scoreboard:" + c.id());
      for (Draft d : part.drafts) {
        if (d == null) {
          continue;
        }
        w.wanted++;
        topics.add(UserNotices.topic(d.caller().userId()));
        if (d.unitId() != null) {
          w.units.add(d.unitId());
        }
        if (d.kind() == Kind.SELF) {
          w.selves.add(d.caller().userId());
        } else {
          d.people().forEach(p -> w.names.add(p.name().trim().toLowerCase(Locale.ROOT)));
        }
      }
      wanted += w.wanted;
      selves.addAll(w.selves);
      if (!w.selves.isEmpty()) {
        selvesOf.computeIfAbsent(c.eventId(), e -> new LinkedHashSet<>()).addAll(w.selves);
      }
    }
    Map<Long, Future<Set<Long>>> organisers = new HashMap<>();
    callers.forEach((event, who) -> organisers.put(event, Access.organisersAmong(conn, event, who)));
    Map<Long, Future<Map<Long, List<Long>>>> own = new HashMap<>();
    selvesOf.forEach((event, who) -> own.put(event, UnitMembers.unitsOfAll(conn, event, who)));
    Future<RowSet<Row>> profiles = selves.isEmpty() ? Future.succeededFuture(null)
        : conn.preparedQuery("SELECT id, display_name, birth_date, gender FROM users WHERE id = ANY($1)")
            .execute(Tuple.tuple().addValue(selves.toArray(new Long[0])));
    // Each competition's kept counts (read under its lock, taken by an earlier statement: never in
    // the locking statement itself, whose other rows could be older than the lock) and which of
    // the batch's topics exist, in one statement.
    Long[] competitions = parts.stream().map(p -> p.c.id()).toArray(Long[]::new);
    Future<RowSet<Row>> counts = conn.preparedQuery("SELECT c.id, k.confirmed, k.waitlisted, k.checked_in, "
        + "ARRAY(SELECT t.name FROM topics t WHERE t.name = ANY($2)) AS topics "
        + "FROM unnest($1::bigint[]) c(id) LEFT JOIN competition_entry_counts k ON k.competition_id = c.id")
        .execute(Tuple.tuple().addValue(competitions).addValue(topics.toArray(new String[0])));
    for (Registering.Part part : parts) {
      Competition c = part.c;
      Wants w = wants.get(part);
      List<String> accountKeys = new ArrayList<>();
      w.selves.forEach(u -> accountKeys.add("u:" + u));
      // The units of the competition's requests, and those its self-registrations could fall back on, with their kept counts.
      w.unitRows = conn.preparedQuery("SELECT u.id, u.name, u.contact_user_id, coalesce(k.live, 0) AS live "
              + "FROM units u LEFT JOIN unit_entry_counts k ON k.unit_id = u.id AND k.competition_id = $2 "
              + "WHERE u.event_id = $1 AND (u.id = ANY($3) OR u.contact_user_id = ANY($4) "
              + "  OR u.id IN (SELECT m.unit_id FROM unit_members m WHERE m.user_id = ANY($4)))")
          .execute(Tuple.of(c.eventId(), c.id(), w.units.toArray(new Long[0]), w.selves.toArray(new Long[0])));
      // People already entered whom the requests could double: the same account, or namesakes entered by
      // name. Each by its own index (one OR of both read every member of the competition), the rows
      // read where the index finds them and each entry's unit by its key: a join back to the members,
      // in the generic plan a registration batch runs (Registering), could hash the whole table.
      w.entered = conn.preparedQuery("SELECT m.id, m.person_key, m.display_name, m.birth_date, "
              + "(SELECT e.unit_id FROM entries e WHERE e.id = m.entry_id) AS unit_id, m.user_id IS NOT NULL AS account, m.entry_id "
              + "FROM entry_members m WHERE m.competition_id = $1 AND m.active AND m.person_key = ANY($2) "
              + "UNION SELECT n.id, n.person_key, n.display_name, n.birth_date, "
              + "(SELECT e.unit_id FROM entries e WHERE e.id = n.entry_id), n.user_id IS NOT NULL, n.entry_id "
              + "FROM entry_members n WHERE n.competition_id = $1 AND n.active AND n.user_id IS NULL "
              + "AND lower(n.display_name) = ANY($3) ORDER BY 1")
          .execute(Tuple.of(c.id(), accountKeys.toArray(new String[0]), w.names.toArray(new String[0])));
    }
    Future<RowSet<Row>> ids = wanted == 0 ? Future.succeededFuture(null) : conn.preparedQuery("SELECT nextval((SELECT pg_get_serial_sequence('entries', 'id'))::regclass) "
        + "FROM generate_series(1, $1)").execute(Tuple.of(wanted));
    List<Future<?>> all = new ArrayList<>(List.of(profiles, counts, ids));
    all.addAll(organisers.values());
    all.addAll(own.values());
    wants.values().forEach(w -> {
      all.add(w.unitRows);
      all.add(w.entered);
    });
    return Future.all(all).map(v -> {
      Map<Long, Applicants.Profile> people = new HashMap<>();
      if (profiles.result() != null) {
        profiles.result().forEach(r -> people.put(r.getLong("id"), new Applicants.Profile(r.getString("display_name"),
            r.getLocalDate("birth_date"), r.getString("gender"))));
      }
      Map<Long, int[]> kept = new HashMap<>();
      Set<String> known = new HashSet<>();
      counts.result().forEach(r -> {
        if (r.getInteger("confirmed") != null) {
          kept.put(r.getLong("id"), new int[] {r.getInteger("confirmed"), r.getInteger("waitlisted"), r.getInteger("checked_in")});
        }
        known.addAll(List.of(r.getArrayOfStrings("topics")));
      });
      List<Long> newIds = new ArrayList<>();
      if (ids.result() != null) {
        ids.result().forEach(r -> newIds.add(r.getLong(0)));
      }
      newIds.sort(null);
      int next = 0;
      for (Map.Entry<Registering.Part, Wants> e : wants.entrySet()) {
        Registering.Part part = e.getKey();
        Wants w = e.getValue();
        long event = part.c.eventId();
        Map<Long, Applicants.Unit> unitMap = new HashMap<>();
        Map<Long, Integer> live = new HashMap<>();
        w.unitRows.result().forEach(r -> {
          unitMap.put(r.getLong("id"), new Applicants.Unit(r.getLong("id"), r.getString("name"), r.getLong("contact_user_id")));
          live.put(r.getLong("id"), r.getInteger("live"));
        });
        List<Admission.Entered> in = new ArrayList<>();
        w.entered.result().forEach(r -> in.add(new Admission.Entered(r.getString("person_key"), r.getString("display_name"),
            r.getLocalDate("birth_date"), r.getLong("unit_id"), r.getBoolean("account"), r.getLong("entry_id"))));
        int[] k = kept.getOrDefault(part.c.id(), new int[3]);
        Future<Set<Long>> organising = organisers.get(event);
        Future<Map<Long, List<Long>>> units = own.get(event);
        Facts facts = new Facts(organising == null ? Set.of() : organising.result(), unitMap, people,
            units == null ? Map.of() : units.result());
        part.read = new Read(facts, k[0], k[1], k[2], live, in, new ArrayList<>(newIds.subList(next, next + w.wanted)), known);
        next += w.wanted;
      }
      return null;
    });
  }
}
