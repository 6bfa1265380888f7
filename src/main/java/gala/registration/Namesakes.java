package gala.registration;

import gala.platform.ApiError;
import gala.registration.rules.Person;
import gala.registration.rules.SamePerson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The person keys of an applicant's people (u:<userId> for an account; n:<unit>:<name>:<birth> for an
 * athlete entered by name), after checking athletes entered by name against their namesakes in the
 * same unit and competition (see {@link SamePerson}): the same person is 409 ALREADY_REGISTERED, an
 * undecidable one 409 POSSIBLE_DUPLICATE unless the request says "another person", in which case the
 * key gets a #n suffix so both can be entered. Runs with the competition locked.
 */
final class Namesakes {
  private Namesakes() {}

  static Future<List<String>> keys(SqlClient conn, long competitionId, Registering.Applicant a) {
    if (a.userId() != null) {
      List<String> keys = new ArrayList<>();
      a.people().forEach(p -> keys.add("u:" + a.userId()));
      return Future.succeededFuture(keys);
    }
    List<String> names = new ArrayList<>();
    a.people().forEach(p -> names.add(p.name().trim().toLowerCase(Locale.ROOT)));
    return conn.preparedQuery("SELECT lower(m.display_name) AS name, m.birth_date, m.person_key, m.entry_id "
            + "FROM entry_members m JOIN entries e ON e.id = m.entry_id WHERE m.competition_id = $1 AND m.active "
            + "AND m.user_id IS NULL AND e.unit_id IS NOT DISTINCT FROM $2 AND lower(m.display_name) = ANY($3)")
        .execute(Tuple.tuple().addValue(competitionId).addValue(a.unitId()).addValue(names.toArray(new String[0])))
        .map(rows -> {
          List<String> keys = new ArrayList<>();
          for (Person p : a.people()) {
            String name = p.name().trim().toLowerCase(Locale.ROOT);
            List<LocalDate> births = new ArrayList<>();
            Set<String> taken = new HashSet<>(keys);
            Long namesakeEntry = null;
            for (Row r : rows) {
              if (r.getString("name").equals(name)) {
                births.add(r.getLocalDate("birth_date"));
                taken.add(r.getString("person_key"));
                namesakeEntry = r.getLong("entry_id");
              }
            }
            switch (SamePerson.judge(p.birthDate(), births, a.anotherPerson())) {
              case SAME -> throw new ApiError(409, "ALREADY_REGISTERED", p.name() + " (born " + p.birthDate()
                  + ") is already registered in this competition", new JsonObject().put("names", p.name())
                  .put("entryId", namesakeEntry));
              case UNSURE -> throw new ApiError(409, "POSSIBLE_DUPLICATE", "someone called " + p.name()
                  + " of this unit is already entered and the birth dates cannot tell them apart: give the birth date, "
                  + "or say it is another person", new JsonObject().put("name", p.name()).put("entryId", namesakeEntry));
              default -> {
                String key = RegistrationService.personKey(a.unitId(), p);
                String unique = key;
                for (int n = 2; taken.contains(unique); n++) {
                  unique = key + "#" + n;
                }
                keys.add(unique);
              }
            }
          }
          return keys;
        });
  }
}
