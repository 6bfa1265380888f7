package gala.registration;

import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Hashing;
import gala.platform.Http;
import gala.platform.Idempotency;
import gala.platform.Reply;
import gala.platform.print.QrCode;
import gala.registration.rules.ImportFile;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.pgclient.PgException;
import java.util.function.Supplier;

/**
 * registerEntry, withdrawEntry, leaveWaitlist, reorderWaitlist, listWaitlistChanges, checkInEntry, setEntryBib,
 * getEntry, getEntryQr, listEntries, listMyEntries, importEntries, getImport, exportEntries, getBadges.
 */
public final class RegistrationRoutes {
  private final RegistrationService registrations;
  private final Idempotency idempotency;
  private final Imports imports;
  private final Exports exports;
  private final Checkins checkins;
  private final Badges badges;

  public RegistrationRoutes(RegistrationService registrations, Idempotency idempotency) {
    this.registrations = registrations;
    this.idempotency = idempotency;
    this.imports = new Imports(registrations);
    this.exports = new Exports(registrations.db().pool());
    this.checkins = new Checkins(registrations);
    this.badges = new Badges(registrations.db().pool());
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("registerEntry").addHandler(Http.handle(rc -> {
      Caller caller = Caller.of(rc);
      long competitionId = Http.pathId(rc, "competitionId");
      JsonObject body = Http.body(rc);
      String key = Idempotency.requireKey(rc);
      // Every entry write locks the competition, then its topics, then people's topics in one order
      // (at the end of the transaction): no lock cycle, so no deadlock to retry. Concurrent
      // registrations on this node share a transaction (group commit), whatever competitions they
      // enter: it locks all of them first, in id order, and decides and writes them together (set-based).
      return idempotency.batched(Registering.GROUP, Registering::lockAll,
          (tx, locked, requests) -> registrations.registering().register(tx, lockedCompetitions(locked), requests),
          caller, key, "POST", rc.request().path(), body, competitionId);
    }));
    rb.getRoute("listEntries").addHandler(Http.handle(rc -> {
      JsonObject filter = new JsonObject().put("status", rc.queryParams().get("status"))
          .put("division", rc.queryParams().get("division")).put("q", rc.queryParams().get("q"));
      Long unit = Http.queryId(rc, "unitId");
      if (unit != null) {
        filter.put("unitId", unit);
      }
      return registrations.listEntries(Caller.optional(rc), Http.pathId(rc, "competitionId"), filter)
          .map(RegistrationRoutes::items);
    }));
    rb.getRoute("getEntry").addHandler(Http.handle(rc ->
        registrations.getEntry(Http.pathId(rc, "entryId")).map(Reply::ok)));
    // Withdrawing, leaving the waitlist and setting a bib are idempotent by effect, but a retry after a
    // lost reply would answer 409 (already withdrawn): under an Idempotency-Key it gets the first reply.
    rb.getRoute("withdrawEntry").addHandler(idempotency.route((tx, caller, rc, body) -> withdraw(tx, caller, rc, false)));
    rb.getRoute("leaveWaitlist").addHandler(idempotency.route((tx, caller, rc, body) -> withdraw(tx, caller, rc, true)));
    rb.getRoute("reorderWaitlist").addHandler(Http.handle(rc ->
        registrations.waitlists().reorderWaitlist(Caller.of(rc), Http.pathId(rc, "competitionId"), Http.body(rc)).map(Reply::ok)));
    rb.getRoute("listWaitlistChanges").addHandler(Http.handle(rc ->
        registrations.waitlists().listWaitlistChanges(Caller.of(rc), Http.pathId(rc, "competitionId")).map(RegistrationRoutes::items)));
    rb.getRoute("checkInEntry").addHandler(Http.handle(this::checkIn));
    rb.getRoute("setEntryBib").addHandler(idempotency.route((tx, caller, rc, body) ->
        checkins.setBib(tx, caller, Http.pathId(rc, "entryId"), body.getInteger("bib")).map(Reply::ok)));
    rb.getRoute("listMyEntries").addHandler(Http.handle(rc -> registrations.listMyEntries(Caller.of(rc)).map(RegistrationRoutes::items)));
    rb.getRoute("getEntryQr").addHandler(rc -> {
      try {
        checkins.code(Caller.of(rc), Http.pathId(rc, "entryId"))
            .compose(code -> rc.vertx().executeBlocking(() -> QrCode.png(code, 320), false))
            .onSuccess(png -> rc.response().putHeader("content-type", "image/png")
                .putHeader("cache-control", "private, no-store").end(Buffer.buffer(png)))
            .onFailure(rc::fail);
      } catch (RuntimeException e) {
        rc.fail(e);
      }
    });
    rb.getRoute("getBadges").addHandler(rc -> {
      try {
        badges.pdf(rc.vertx(), Caller.of(rc), Http.pathId(rc, "eventId"), Http.queryId(rc, "unitId"),
                Http.queryId(rc, "competitionId"), "en".equals(rc.queryParams().get("lang")))
            .onSuccess(pdf -> rc.response().putHeader("content-type", "application/pdf")
                .putHeader("content-disposition", "attachment; filename=\"badges-" + rc.pathParam("eventId") + ".pdf\"")
                .putHeader("cache-control", "private, no-store")
                .end(Buffer.buffer(pdf)))
            .onFailure(rc::fail);
      } catch (RuntimeException e) {
        rc.fail(e);
      }
    });
    rb.getRoute("importEntries").addHandler(Http.handle(this::importEntries));
    rb.getRoute("getImport").addHandler(Http.handle(rc ->
        Imports.requireJob(registrations.db().pool(), Caller.of(rc), Http.pathId(rc, "importId")).map(Reply::ok)));
    rb.getRoute("exportEntries").addHandler(rc -> {
      try {
        exports.entries(Caller.of(rc), Http.pathId(rc, "eventId"), Http.queryId(rc, "competitionId"))
            .onSuccess(csv -> rc.response().putHeader("content-type", "text/csv; charset=utf-8")
                .putHeader("content-disposition", "attachment; filename=\"entries-" + rc.pathParam("eventId") + ".csv\"")
                .putHeader("cache-control", "private, no-store")
                .end(csv))
            .onFailure(rc::fail);
      } catch (RuntimeException e) {
        rc.fail(e);
      }
    });
  }

  /**
   * The file is read whole off the event loop; a file that cannot be read at all is refused
   * before anything is written. The job is created under the Idempotency-Key (a retried upload
   * gets the same job), and its rows are imported after the response.
   */
  private Future<Reply> importEntries(RoutingContext rc) {
    Caller caller = Caller.of(rc);
    long eventId = Http.pathId(rc, "eventId");
    Long unitId = Http.queryId(rc, "unitId");
    String fileName = rc.queryParams().get("fileName");
    String key = Idempotency.requireKey(rc);
    byte[] bytes = rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes();
    if (bytes.length == 0) {
      throw ApiError.unprocessable("EMPTY_FILE", "the file is empty");
    }
    // Parsing and hashing a file of up to 10 MiB is CPU work: both on a worker, off the event loop.
    return rc.vertx().executeBlocking(() -> {
      try {
        return new Upload(ImportFile.parse(bytes), Hashing.sha256Hex(bytes));
      } catch (ImportFile.Rejected e) {
        throw new ApiError(422, e.code(), e.getMessage());
      }
    }, false).compose(upload -> {
      ImportFile.Parsed parsed = upload.parsed();
      long[] created = {0};
      JsonObject fingerprint = new JsonObject().put("sha256", upload.sha256()).put("unitId", unitId).put("fileName", fileName);
      return idempotency.once(caller, key, "POST", rc.request().path(), fingerprint,
              tx -> imports.create(tx, caller, eventId, unitId, fileName, parsed, created))
          .onSuccess(reply -> {
            if (created[0] > 0) {
              imports.run(rc.vertx(), created[0], eventId, unitId, parsed.rows());
            }
          });
    });
  }

  /**
   * A check-in at the door. From a competition's page (the page names its competition), it shares a
   * transaction with the concurrent check-ins and registrations of that competition (group commit:
   * several volunteers scanning at once pay one lock wait and one commit); a bare code, whose
   * competition is known only once it is looked up, runs on its own.
   */
  private Future<Reply> checkIn(RoutingContext rc) {
    Caller caller = Caller.of(rc);
    JsonObject body = Http.body(rc);
    String key = Idempotency.requireKey(rc);
    Long competitionId = body.getLong("competitionId");
    String path = rc.request().path();
    if (competitionId == null) {
      return idempotency.once(caller, key, "POST", path, body, tx -> checkins.checkIn(tx, caller, body));
    }
    Idempotency.Group group = new Idempotency.Group("entries:" + competitionId,
        conn -> RegistrationService.lock(conn, competitionId).otherwiseEmpty());
    return idempotency.grouped(group, caller, key, "POST", path, body, tx -> checkins.checkIn(tx, caller, body));
  }

  private Future<Reply> withdraw(gala.platform.Tx tx, Caller caller, RoutingContext rc, boolean onlyIfWaitlisted) {
    return registrations.waitlists().withdraw(tx, caller, Http.pathId(rc, "entryId"), onlyIfWaitlisted).map(Reply::ok);
  }

  @SuppressWarnings("unchecked")
  private static java.util.Map<Long, RegistrationService.Competition> lockedCompetitions(Object locked) {
    return (java.util.Map<Long, RegistrationService.Competition>) locked;
  }

  private static Reply items(JsonArray list) {
    return Reply.ok(new JsonObject().put("items", list));
  }

  private record Upload(ImportFile.Parsed parsed, String sha256) {}
}
