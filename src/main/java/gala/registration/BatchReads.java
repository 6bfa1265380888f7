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
 * profiles, kept counts, topics and ids per batch); the units and the people already entered, in
 * one statement each for all competitions, as (competition, key) pairs.
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
    // Per competition, flattened into (competition, value) pairs: the units its requests name, the
    // people entering themselves (whose units they could fall back on), the account keys and names
    // its requests could double; each read below is one statement for all competitions.
    List<Long> unitC = new ArrayList<>();
    List<Long> unitEv = new ArrayList<>();
    List<Long> unitId = new ArrayList<>();
    List<Long> selfC = new ArrayList<>();
    List<Long> selfEv = new ArrayList<>();
    List<Long> selfId = new ArrayList<>();
    List<Long> keyC = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<Long> nameC = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Registering.Part part : parts) {
      Competition c = part.c;
      Wants w = wants.get(part);
      w.units.forEach(u -> {
        unitC.add(c.id());
        unitEv.add(c.eventId());
        unitId.add(u);
      });
      w.selves.forEach(u -> {
        selfC.add(c.id());
        selfEv.add(c.eventId());
        selfId.add(u);
        keyC.add(c.id());
        keys.add("u:" + u);
      });
      w.names.forEach(n -> {
        nameC.add(c.id());
        names.add(n);
      });
    }
    // The units of each competition's requests, and those its self-registrations could fall back on,
    // with their kept counts in that competition. Each pair looked up by key (LATERAL ... OFFSET 0
    // keeps them nested loops over the pairs: the generic plan a batch runs cannot hash a whole table).
    Future<RowSet<Row>> unitRows = unitC.isEmpty() && selfC.isEmpty() ? Future.succeededFuture(null)
        : conn.preparedQuery("SELECT p.c, u.id, u.name, u.contact_user_id, coalesce(k.live, 0) AS live FROM ("
            + "SELECT x.c, x.ev, x.unit FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) x(c, ev, unit) "
            + "UNION SELECT y.c, y.ev, f.id FROM unnest($4::bigint[], $5::bigint[], $6::bigint[]) y(c, ev, self) "
            + "  CROSS JOIN LATERAL (SELECT f.id FROM units f WHERE f.contact_user_id = y.self UNION "
            + "  SELECT m.unit_id FROM unit_members m WHERE m.user_id = y.self OFFSET 0) f) p(c, ev, unit) "
            + "CROSS JOIN LATERAL (SELECT u.id, u.name, u.contact_user_id FROM units u WHERE u.id = p.unit AND u.event_id = p.ev "
            + "  OFFSET 0) u "
            + "LEFT JOIN LATERAL (SELECT k.live FROM unit_entry_counts k WHERE k.unit_id = u.id AND k.competition_id = p.c "
            + "  OFFSET 0) k ON TRUE")
            .execute(Tuple.of(unitC.toArray(new Long[0]), unitEv.toArray(new Long[0]), unitId.toArray(new Long[0]),
                selfC.toArray(new Long[0]), selfEv.toArray(new Long[0]), selfId.toArray(new Long[0])));
    // People already entered whom the requests could double: the same account, or namesakes entered by
    // name. Each by its own index (one OR of both read every member of the competition), the rows
    // read where the index finds them and each entry's unit by its key: a join back to the members,
    // in the generic plan a registration batch runs (Registering), could hash the whole table.
    Future<RowSet<Row>> entered = keyC.isEmpty() && nameC.isEmpty() ? Future.succeededFuture(null)
        : conn.preparedQuery("SELECT x.c, m.id, m.person_key, m.display_name, m.birth_date, "
            + "(SELECT e.unit_id FROM entries e WHERE e.id = m.entry_id) AS unit_id, m.user_id IS NOT NULL AS account, m.entry_id "
            + "FROM unnest($1::bigint[], $2::text[]) x(c, k) CROSS JOIN LATERAL (SELECT * FROM entry_members m "
            + "  WHERE m.competition_id = x.c AND m.active AND m.person_key = x.k OFFSET 0) m "
            + "UNION SELECT y.c, n.id, n.person_key, n.display_name, n.birth_date, "
            + "(SELECT e.unit_id FROM entries e WHERE e.id = n.entry_id), n.user_id IS NOT NULL, n.entry_id "
            + "FROM unnest($3::bigint[], $4::text[]) y(c, name) CROSS JOIN LATERAL (SELECT * FROM entry_members n "
            + "  WHERE n.competition_id = y.c AND n.active AND n.user_id IS NULL AND lower(n.display_name) = y.name OFFSET 0) n "
            + "ORDER BY 1, 2")
            .execute(Tuple.of(keyC.toArray(new Long[0]), keys.toArray(new String[0]), nameC.toArray(new Long[0]),
                names.toArray(new String[0])));
    Future<RowSet<Row>> ids = wanted == 0 ? Future.succeededFuture(null) : conn.preparedQuery("SELECT nextval((SELECT pg_get_serial_sequence('entries', 'id'))::regclass) "
        + "FROM generate_series(1, $1)").execute(Tuple.of(wanted));
    List<Future<?>> all = new ArrayList<>(List.of(profiles, counts, ids));
    all.addAll(organisers.values());
    all.addAll(own.values());
    all.add(unitRows);
    all.add(entered);
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
      Map<Long, List<Row>> unitsOf = byCompetition(unitRows.result());
      Map<Long, List<Row>> enteredIn = byCompetition(entered.result());
      int next = 0;
      for (Map.Entry<Registering.Part, Wants> e : wants.entrySet()) {
        Registering.Part part = e.getKey();
        Wants w = e.getValue();
        long event = part.c.eventId();
        Map<Long, Applicants.Unit> unitMap = new HashMap<>();
        Map<Long, Integer> live = new HashMap<>();
        unitsOf.getOrDefault(part.c.id(), List.of()).forEach(r -> {
          unitMap.put(r.getLong("id"), new Applicants.Unit(r.getLong("id"), r.getString("name"), r.getLong("contact_user_id")));
          live.put(r.getLong("id"), r.getInteger("live"));
        });
        List<Admission.Entered> in = new ArrayList<>();
        enteredIn.getOrDefault(part.c.id(), List.of()).forEach(r -> in.add(new Admission.Entered(r.getString("person_key"),
            r.getString("display_name"), r.getLocalDate("birth_date"), r.getLong("unit_id"), r.getBoolean("account"),
            r.getLong("entry_id"))));
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

  /** Rows whose first column is their competition's id, by competition. */
  private static Map<Long, List<Row>> byCompetition(RowSet<Row> rows) {
    Map<Long, List<Row>> out = new HashMap<>();
    if (rows != null) {
      rows.forEach(r -> out.computeIfAbsent(r.getLong(0), c -> new ArrayList<>()).add(r));
    }
    return out;
  }
}
