package gala.registration;

import gala.access.Access;
import gala.events.UnitMembers;
import gala.notices.UserNotices;
import gala.platform.GroupCommit.Request;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a registration batch is decided on ({@link Registering}), read in one pipelined round with
 * the competition locked: who organises, the units (with their kept counts), the profiles and
 * memberships of people entering themselves, the competition's kept counts, the people already
 * entered under the batch's keys or names, ids for the new entries and the owners' topics that exist
 * (the event's title comes with the competition's lock).
 */
final class BatchReads {
  private BatchReads() {}

  /** Everything the batch's requests are decided on: one pipelined round of reads. */
  record Read(Facts facts, int confirmed, int waitlisted, int checkedIn, Map<Long, Integer> unitLive,
      List<Admission.Entered> entered, List<Long> ids, Set<String> topics) {}

  static Future<Read> of(SqlClient conn, Competition c, List<Request> requests, Draft[] drafts) {
    Set<Long> callers = new LinkedHashSet<>();
    requests.forEach(r -> {
      if (!r.caller().isAdmin()) {
        callers.add(r.caller().userId());
      }
    });
    Set<Long> selves = new LinkedHashSet<>();
    Set<Long> units = new LinkedHashSet<>();
    Set<String> names = new LinkedHashSet<>();
    // The topics the batch appends to: its entry list, its scoreboard and each owner's own topic.
    Set<String> owners = new LinkedHashSet<>(List.of(EntryListSource.topic(c.id()), "scoreboard:" + c.id()));
    int wanted = 0;
    for (Draft d : drafts) {
      if (d == null) {
        continue;
      }
      wanted++;
      owners.add(UserNotices.topic(d.caller().userId()));
      if (d.unitId() != null) {
        units.add(d.unitId());
      }
      if (d.kind() == Kind.SELF) {
        selves.add(d.caller().userId());
      } else {
        d.people().forEach(p -> names.add(p.name().trim().toLowerCase(Locale.ROOT)));
      }
    }
    List<String> accountKeys = new ArrayList<>();
    selves.forEach(u -> accountKeys.add("u:" + u));
    Future<Set<Long>> organisers = callers.isEmpty() ? Future.succeededFuture(Set.of())
        : Access.organisersAmong(conn, c.eventId(), callers);
    Future<Map<Long, List<Long>>> own = selves.isEmpty() ? Future.succeededFuture(Map.of())
        : UnitMembers.unitsOfAll(conn, c.eventId(), selves);
    // The units of the batch, and those its self-registrations could fall back on, with their kept counts.
    Future<RowSet<Row>> unitRows = conn.preparedQuery("SELECT u.id, u.name, u.contact_user_id, coalesce(k.live, 0) AS live "
            + "FROM units u LEFT JOIN unit_entry_counts k ON k.unit_id = u.id AND k.competition_id = $2 "
            + "WHERE u.event_id = $1 AND (u.id = ANY($3) OR u.contact_user_id = ANY($4) "
            + "  OR u.id IN (SELECT m.unit_id FROM unit_members m WHERE m.user_id = ANY($4)))")
        .execute(Tuple.of(c.eventId(), c.id(), units.toArray(new Long[0]), selves.toArray(new Long[0])));
    Future<RowSet<Row>> profiles = selves.isEmpty() ? Future.succeededFuture(null)
        : conn.preparedQuery("SELECT id, display_name, birth_date, gender FROM users WHERE id = ANY($1)")
            .execute(Tuple.tuple().addValue(selves.toArray(new Long[0])));
    // The competition's kept counts (read under its lock, taken by an earlier statement: never in
    // the locking statement itself, whose other rows could be older than the lock) and which of
    // the batch's topics exist, in one statement.
    Future<RowSet<Row>> counts = conn.preparedQuery("SELECT k.confirmed, k.waitlisted, k.checked_in, "
        + "ARRAY(SELECT t.name FROM topics t WHERE t.name = ANY($2)) AS topics "
        + "FROM (SELECT $1::bigint AS id) c LEFT JOIN competition_entry_counts k ON k.competition_id = c.id")
        .execute(Tuple.tuple().addValue(c.id()).addValue(owners.toArray(new String[0])));
    // People already entered whom the batch could double: the same account, or namesakes entered by
    // name. Each by its own index (one OR of both read every member of the competition), the rows
    // read where the index finds them and each entry's unit by its key: a join back to the members,
    // in the generic plan a registration batch runs (Registering), could hash the whole table.
    Future<RowSet<Row>> entered = conn.preparedQuery("SELECT m.id, m.person_key, m.display_name, m.birth_date, "
            + "(SELECT e.unit_id FROM entries e WHERE e.id = m.entry_id) AS unit_id, m.user_id IS NOT NULL AS account, m.entry_id "
            + "FROM entry_members m WHERE m.competition_id = $1 AND m.active AND m.person_key = ANY($2) "
            + "UNION SELECT n.id, n.person_key, n.display_name, n.birth_date, "
            + "(SELECT e.unit_id FROM entries e WHERE e.id = n.entry_id), n.user_id IS NOT NULL, n.entry_id "
            + "FROM entry_members n WHERE n.competition_id = $1 AND n.active AND n.user_id IS NULL "
            + "AND lower(n.display_name) = ANY($3) ORDER BY 1")
        .execute(Tuple.of(c.id(), accountKeys.toArray(new String[0]), names.toArray(new String[0])));
    Future<RowSet<Row>> ids = wanted == 0 ? Future.succeededFuture(null) : conn.preparedQuery("SELECT nextval((SELECT pg_get_serial_sequence('entries', 'id'))::regclass) "
        + "FROM generate_series(1, $1)").execute(Tuple.of(wanted));
    return Future.all(List.of(organisers, own, unitRows, profiles, counts, entered, ids)).map(v -> {
      Map<Long, Applicants.Unit> unitMap = new HashMap<>();
      Map<Long, Integer> live = new HashMap<>();
      unitRows.result().forEach(r -> {
        unitMap.put(r.getLong("id"), new Applicants.Unit(r.getLong("id"), r.getString("name"), r.getLong("contact_user_id")));
        live.put(r.getLong("id"), r.getInteger("live"));
      });
      Map<Long, Applicants.Profile> people = new HashMap<>();
      if (profiles.result() != null) {
        profiles.result().forEach(r -> people.put(r.getLong("id"), new Applicants.Profile(r.getString("display_name"),
            r.getLocalDate("birth_date"), r.getString("gender"))));
      }
      int[] k = new int[3];
      Set<String> known = new HashSet<>();
      counts.result().forEach(r -> {
        if (r.getInteger("confirmed") != null) {
          k[0] = r.getInteger("confirmed");
          k[1] = r.getInteger("waitlisted");
          k[2] = r.getInteger("checked_in");
        }
        known.addAll(List.of(r.getArrayOfStrings("topics")));
      });
      List<Admission.Entered> in = new ArrayList<>();
      entered.result().forEach(r -> in.add(new Admission.Entered(r.getString("person_key"), r.getString("display_name"),
          r.getLocalDate("birth_date"), r.getLong("unit_id"), r.getBoolean("account"), r.getLong("entry_id"))));
      List<Long> newIds = new ArrayList<>();
      if (ids.result() != null) {
        ids.result().forEach(r -> newIds.add(r.getLong(0)));
      }
      newIds.sort(null);
      return new Read(new Facts(organisers.result(), unitMap, people, own.result()), k[0], k[1], k[2], live, in, newIds, known);
    });
  }

}
