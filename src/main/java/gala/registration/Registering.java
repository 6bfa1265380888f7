package gala.registration;

import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.GroupCommit.Request;
import gala.platform.Http;
import gala.platform.Reply;
import gala.platform.TopicLog;
import gala.platform.Tx;
import gala.registration.Applicants.Draft;
import gala.registration.Applicants.Resolved;
import gala.registration.RegistrationService.Competition;
import gala.registration.rules.Admission;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * registerEntry, set-based: the registrations that arrive together on a node (a group commit batch,
 * see gala.platform.GroupCommit), whatever competitions they enter, are decided and written at once
 * in one transaction. Its first statement locks every competition of the batch, in id order (the
 * order every writer of entries locks competitions in); then one pipelined round of reads
 * ({@link BatchReads}) fetches what its requests need (who organises, the units, the profiles and
 * memberships of people entering themselves, the kept counts, the people already entered under the
 * same keys or names, ids for the new entries): once per batch or event where it can, the units and
 * the people already entered per competition; the pure rule {@link Admission}
 * decides each request, competition by competition, in batch order; a few multi-row statements write
 * the admitted entries of every competition and their members ({@link BatchWrites}); and each topic
 * gets ONE delta for the whole batch, built from the change itself ({@link BatchDeltas}), all
 * appended by one statement at the end (TopicLog.appendAll, which locks the topics in name order).
 * A refused request gets its own 4xx reply and writes nothing. A batch of one is a single registration.
 */
final class Registering {
  /** The node's group of registrations (GroupCommit): one queue, its batches spanning competitions. */
  static final String GROUP = "registrations";
  private final TopicLog topics;

  Registering(TopicLog topics) {
    this.topics = topics;
  }

  /** The lock of one competition (or null when there is no such competition), for a batch of one. */
  static Future<Competition> lock(SqlClient conn, long competitionId) {
    return RegistrationService.lock(conn, competitionId).otherwiseEmpty();
  }

  /**
   * The group lock of a registration batch: every competition its requests enter (their targets),
   * in id order, with their events; a competition that does not exist is missing from the answer.
   */
  static Future<Map<Long, Competition>> lockAll(SqlClient conn, List<Request> requests) {
    TreeSet<Long> ids = new TreeSet<>();
    requests.forEach(r -> ids.add(r.target()));
    return RegistrationService.lockAll(conn, ids);
  }

  /** An admitted request of the batch (its index in the batch), with its competition. */
  record Stored(Competition competition, int index, long id, Resolved resolved, Admission.Admit admit, String unitName) {}

  /** One competition's share of a batch: its requests (and their indexes in the batch), then what they were decided on. */
  static final class Part {
    final Competition c;
    final List<Integer> index = new ArrayList<>();
    final List<Request> requests = new ArrayList<>();
    final List<Stored> stored = new ArrayList<>();
    Draft[] drafts;
    RuntimeException[] unreadable;
    BatchReads.Read read;
    Admission admission;

    Part(Competition c) {
      this.c = c;
    }
  }

  /** Registers one competition's requests (the competition {@code c} is locked; null: it does not exist). */
  Future<List<Reply>> register(Tx tx, Competition c, long competitionId, List<Request> requests) {
    List<Request> targeted = new ArrayList<>();
    requests.forEach(r -> targeted.add(new Request(r.caller(), r.body(), competitionId)));
    return register(tx, c == null ? Map.of() : Map.of(competitionId, c), targeted);
  }

  /**
   * Registers every request of the batch in order, each into its target competition; {@code locked}
   * holds the competitions the batch locked ({@link #lockAll}). One reply each.
   */
  Future<List<Reply>> register(Tx tx, Map<Long, Competition> locked, List<Request> requests) {
    int n = requests.size();
    Reply[] replies = new Reply[n];
    TreeMap<Long, Part> parts = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      Long target = requests.get(i).target();
      Competition c = locked.get(target);
      if (c == null) {
        replies[i] = Reply.of(ApiError.notFound("competition " + target));
        continue;
      }
      Part part = parts.computeIfAbsent(target, t -> new Part(c));
      part.index.add(i);
      part.requests.add(requests.get(i));
    }
    if (parts.isEmpty()) {
      return Future.succeededFuture(List.of(replies));
    }
    // Generic plans for the batch's statements (pipelined ahead of them; undone with its last
    // statement, so the rest of a writer's transaction plans as before). Several of them (the namesake read, the
    // owners' order, the entry and bib inserts) take arrays, whose custom plans PostgreSQL judged
    // cheaper than the generic one and so planned anew at every execution: 0.5 ms of PostgreSQL
    // CPU per registration (pg_stat_statements.track_planning) for the same plan each time. Each
    // of their generic plans is key lookups (GenericPlansTest keeps them so).
    SqlClient conn = tx.conn();
    Future<?> generic = gala.platform.PlanModes.generic(conn);
    for (Part part : parts.values()) {
      int size = part.requests.size();
      part.drafts = new Draft[size];
      part.unreadable = new RuntimeException[size];
      for (int i = 0; i < size; i++) {
        try {
          part.drafts[i] = Applicants.draft(part.requests.get(i).caller(), part.c.team(), part.c.teamSize(),
              part.requests.get(i).body());
        } catch (RuntimeException e) {
          part.unreadable[i] = e;
        }
      }
    }
    Future<List<Reply>> done = BatchReads.of(conn, parts.values()).compose(v -> {
      List<Stored> stored = new ArrayList<>();
      for (Part part : parts.values()) {
        decide(part, replies);
        stored.addAll(part.stored);
      }
      if (stored.isEmpty()) {
        return plansAsBefore(conn).get().map(x -> List.of(replies));
      }
      // The deltas' reads go out right behind the writes (BatchDeltas): one round trip for both.
      return BatchDeltas.append(topics, tx, parts.values(), stored, BatchWrites.write(conn, stored), plansAsBefore(conn))
          .map(bodies -> {
            for (int s = 0; s < stored.size(); s++) {
              replies[stored.get(s).index()] = Reply.created(bodies.get(s));
            }
            return List.of(replies);
          });
    });
    return Future.all(generic, done).map(v -> done.result());
  }

  /**
   * Undoes the generic plans (gala.platform.PlanModes); {@link BatchDeltas} sends it along with the batch's last
   * statement: a round trip after it would keep the topics locked longer.
   */
  private static java.util.function.Supplier<Future<?>> plansAsBefore(SqlClient conn) {
    return () -> gala.platform.PlanModes.asBefore(conn);
  }

  /** Decides one competition's requests in batch order (the pure rule); the admitted ones go to {@code part.stored}. */
  private static void decide(Part part, Reply[] replies) {
    Competition c = part.c;
    BatchReads.Read read = part.read;
    Admission admission = new Admission(new Admission.Rules(c.capacity(), c.unitQuota(), c.divisions(), c.firstDay()),
        read.confirmed(), read.waitlisted(), read.unitLive(), read.entered());
    part.admission = admission;
    int next = 0;
    for (int i = 0; i < part.drafts.length; i++) {
      int at = part.index.get(i);
      try {
        Caller caller = part.requests.get(i).caller();
        // Who may register here at all (a private event: its members only) was decided by gala.access.
        if (!read.facts().organises(caller) && !c.open()) {
          throw c.refusal();
        }
        if (part.unreadable[i] != null) {
          throw part.unreadable[i];
        }
        Resolved r = Applicants.resolve(part.drafts[i], read.facts());
        long id = read.ids().get(next);
        Admission.Decision d = admission.decide(r.applicant(), id);
        if (d instanceof Admission.Refuse no) {
          replies[at] = Reply.of(new ApiError(no.status(), no.code(), no.message(), new JsonObject(no.details())));
        } else {
          next++;
          Long unit = r.applicant().unitId();
          Applicants.Unit u = unit == null ? null : read.facts().units().get(unit);
          part.stored.add(new Stored(c, at, id, r, (Admission.Admit) d, u == null ? null : u.name()));
        }
      } catch (RuntimeException e) {
        replies[at] = refusal(e);
      }
    }
  }

  private static Reply refusal(RuntimeException e) {
    ApiError error = Http.apiError(e);
    if (error == null) {
      throw e;
    }
    return Reply.of(error);
  }
}
