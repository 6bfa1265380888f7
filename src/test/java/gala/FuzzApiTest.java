package gala;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.platform.ApiDocument;
import gala.platform.DbLocation;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation of openapi.yaml, sent broken on purpose: each body field with the wrong type, a NUL,
 * a huge string or a number beyond 64 bits; bodies nested too deep, malformed or of the wrong kind;
 * path ids of 0, -1, 2^63, 2^64, text and NUL; query parameters likewise. As the owner of every
 * fixture (so requests get past access checks) and anonymously. Every answer is a 4xx (never a 5xx),
 * fits the contract (the shared client checks it), and no table changes.
 */
class FuzzApiTest {
  private static final JsonObject DOC = ApiDocument.parse(ApiDocument.text());
  private static final String HUGE = "长".repeat(60_000);
  /**
   * Tables that record refused requests by design: the refusal stored under its Idempotency-Key, and
   * the sign-in throttle's count of failed attempts (gala.platform.SharedThrottle).
   */
  private static final List<String> RECORDS_REFUSALS = List.of("idempotency_keys", "throttle_hits");

  static Gala gala;
  static Api api;
  static DbLocation db;
  static String organiser;
  static Map<String, String> ids = new LinkedHashMap<>();

  @BeforeAll
  static void setUp() {
    db = TestDatabase.fresh();
    gala = TestGala.start(db);
    api = new Api(gala.port());
    organiser = Api.token(api.signup("org@fuzz.cn", "organiser"));
    long event = api.createEvent(organiser, "模糊测试");
    long unit = api.createUnit(organiser, event, "一队");
    long competition = api.createJudgedCompetition(organiser, event, "项目", 10, 1);
    long entry = api.registerAthlete(organiser, competition, "甲", unit);
    ids.put("eventId", String.valueOf(event));
    ids.put("unitId", String.valueOf(unit));
    ids.put("competitionId", String.valueOf(competition));
    ids.put("entryId", String.valueOf(entry));
  }

  @AfterAll
  static void tearDown() {
    TestGala.stop(gala);
  }

  @Test
  void brokenRequestsToEveryOperationAreRefusedWithoutA5xxAndWriteNothing() throws Exception {
    Map<String, String> before = tables();
    List<String> problems = new ArrayList<>();
    int sent = 0;
    JsonObject paths = DOC.getJsonObject("paths");
    for (String template : paths.fieldNames()) {
      if (!template.startsWith("/api/")) {
        continue;
      }
      JsonObject item = paths.getJsonObject(template);
      for (String method : item.fieldNames()) {
        if (!(item.getValue(method) instanceof JsonObject op) || !op.containsKey("operationId")) {
          continue;
        }
        for (Case c : cases(template, method.toUpperCase(Locale.ROOT), op, item)) {
          for (String token : c.what.startsWith("body ") && c.what.contains("=") ? new String[] {organiser}
              : new String[] {organiser, null}) {
            sent++;
            try {
              Response r = api.send(c.method, c.path, token, c.contentType, c.body, c.key);
              if (r.status() >= 500 || r.status() < 400) {
                problems.add(op.getString("operationId") + " " + c.what + (token == null ? " (anonymous)" : "")
                    + " -> " + r.status() + " " + abbreviate(r.text()));
              }
            } catch (AssertionError contract) {
              problems.add(op.getString("operationId") + " " + c.what + ": " + abbreviate(contract.getMessage()));
            }
          }
        }
      }
    }
    assertEquals(List.of(), problems, sent + " broken requests");
    assertTrue(sent > 1000, "the fuzz reached every operation: " + sent);
    Map<String, String> after = tables();
    before.keySet().removeAll(RECORDS_REFUSALS);
    after.keySet().removeAll(RECORDS_REFUSALS);
    assertEquals(before, after, "no table changed");
  }

  record Case(String what, String method, String path, String contentType, byte[] body, String key) {}

  private static List<Case> cases(String template, String method, JsonObject op, JsonObject item) {
    List<Case> out = new ArrayList<>();
    List<JsonObject> params = new ArrayList<>();
    for (JsonArray list : new JsonArray[] {item.getJsonArray("parameters"), op.getJsonArray("parameters")}) {
      if (list != null) {
        list.forEach(p -> params.add(resolve((JsonObject) p)));
      }
    }
    boolean needsKey = params.stream().anyMatch(p -> "Idempotency-Key".equals(p.getString("name")));
    String path = fill(template, Map.of());
    JsonObject bodySchema = bodySchema(op);
    String type = bodyType(op);
    byte[] valid = bodySchema == null ? null : sample(bodySchema, 0).toString().getBytes(StandardCharsets.UTF_8);

    // Path ids that cannot be.
    for (JsonObject p : params) {
      if ("path".equals(p.getString("in"))) {
        for (String bad : new String[] {"0", "-1", "9223372036854775808", "18446744073709551616", "abc", "1%00"}) {
          out.add(new Case("path " + p.getString("name") + "=" + bad, method,
              fill(template, Map.of(p.getString("name"), bad)), type, valid, fresh(needsKey)));
        }
      }
      if ("query".equals(p.getString("in"))) {
        JsonObject schema = p.getJsonObject("schema", new JsonObject());
        String kind = schema.containsKey("enum") ? "enum" : schema.getString("type", "string");
        String[] breakers = switch (kind) {
          case "integer" -> new String[] {"a%00b", "9223372036854775808", "abc", "1.5", "-1"};
          case "enum" -> new String[] {"a%00b", "not-one-of-them"};
          default -> new String[] {"a%00b", "x".repeat(1000)}; // free text: only a NUL or beyond its maxLength is wrong
        };
        for (String bad : breakers) {
          out.add(new Case("query " + p.getString("name") + "=" + bad.substring(0, Math.min(20, bad.length())), method,
              path + "?" + p.getString("name") + "=" + bad, type, valid, fresh(needsKey)));
        }
      }
    }
    if (bodySchema == null) {
      return out;
    }
    if (!"application/json".equals(type)) {
      out.add(new Case("body of NULs", method, path, type, "a,b\n\0\0,\0".getBytes(StandardCharsets.UTF_8), fresh(needsKey)));
      return out;
    }
    // Whole bodies that are not what the operation takes.
    String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
    for (String bad : new String[] {"{", "[]", "\"x\"", "null", deep, "{\"\\u0000\":1}", "{\"extra\":[[[[[[[[]]]]]]]]}"}) {
      out.add(new Case("body " + bad.substring(0, Math.min(20, bad.length())), method, path, type,
          bad.getBytes(StandardCharsets.UTF_8), fresh(needsKey)));
    }
    // Each field broken in turn, the others as the schema wants them.
    JsonObject props = properties(bodySchema);
    for (String field : props.fieldNames()) {
      JsonObject schema = resolveSchema(props.getJsonObject(field));
      for (Object bad : breakers(schema)) {
        JsonObject body = sample(bodySchema, 0) instanceof JsonObject o ? o : new JsonObject();
        String text = body.put(field, "@@").encode().replace("\"@@\"", String.valueOf(bad));
        out.add(new Case("body " + field + "=" + String.valueOf(bad).substring(0, Math.min(24, String.valueOf(bad).length())),
            method, path, type, text.getBytes(StandardCharsets.UTF_8), fresh(needsKey)));
      }
    }
    return out;
  }

  /** JSON texts that break a field of this schema: the wrong type, a NUL, too long, beyond 64 bits. */
  private static List<String> breakers(JsonObject schema) {
    String type = String.valueOf(schema.getValue("type"));
    List<String> out = new ArrayList<>(List.of("\"n\\u0000@x.cn\"", "18446744073709551616", "-9223372036854775809",
        "1e400", "{\"a\":{\"b\":[1,[2,[3]]]}}"));
    if (type.contains("string")) {
      out.add("12345");
      out.add("\"" + HUGE + "\"");
      out.add("[\"x\"]");
    } else if (type.contains("integer") || type.contains("number")) {
      out.add("\"abc\"");
      out.add("1.5");
      out.add("9223372036854775807");
      out.add("true");
    } else if (type.contains("boolean")) {
      out.add("\"yes\"");
      out.add("0");
    } else if (type.contains("array")) {
      out.add("\"x\"");
      out.add("[" + "\"\\u0000\",".repeat(50) + "1]");
    }
    return out;
  }

  /** A value the schema accepts, as far as a generic reading of it can tell (enough to reach the field checks). */
  private static Object sample(JsonObject schema, int depth) {
    schema = resolveSchema(schema);
    if (schema.containsKey("enum")) {
      return schema.getJsonArray("enum").getValue(0);
    }
    String type = String.valueOf(schema.getValue("type"));
    if (schema.containsKey("properties") || type.contains("object")) {
      JsonObject o = new JsonObject();
      if (depth < 4) {
        JsonObject props = properties(schema);
        props.fieldNames().forEach(f -> o.put(f, sample(props.getJsonObject(f), depth + 1)));
      }
      return o;
    }
    if (type.contains("array")) {
      JsonObject items = schema.getJsonObject("items");
      return items == null || depth >= 4 ? new JsonArray() : new JsonArray().add(sample(items, depth + 1));
    }
    if (type.contains("integer") || type.contains("number")) {
      return schema.getValue("minimum", 1);
    }
    if (type.contains("boolean")) {
      return true;
    }
    String format = schema.getString("format", "");
    return switch (format) {
      case "date" -> "2026-12-01";
      case "date-time" -> "2026-12-01T09:00:00Z";
      case "email" -> "fuzz@x.cn";
      default -> "样本";
    };
  }

  private static JsonObject properties(JsonObject schema) {
    return resolveSchema(schema).getJsonObject("properties", new JsonObject());
  }

  private static JsonObject bodySchema(JsonObject op) {
    JsonObject content = op.getJsonObject("requestBody", new JsonObject()).getJsonObject("content");
    if (content == null || content.isEmpty()) {
      return null;
    }
    JsonObject media = content.getJsonObject(content.fieldNames().iterator().next());
    return media.getJsonObject("schema", new JsonObject());
  }

  private static String bodyType(JsonObject op) {
    JsonObject content = op.getJsonObject("requestBody", new JsonObject()).getJsonObject("content");
    return content == null || content.isEmpty() ? null : content.fieldNames().iterator().next();
  }

  private static JsonObject resolve(JsonObject parameter) {
    String ref = parameter.getString("$ref");
    return ref == null ? parameter
        : DOC.getJsonObject("components").getJsonObject("parameters").getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
  }

  private static JsonObject resolveSchema(JsonObject schema) {
    String ref = schema == null ? null : schema.getString("$ref");
    if (ref != null) {
      return resolveSchema(DOC.getJsonObject("components").getJsonObject("schemas")
          .getJsonObject(ref.substring(ref.lastIndexOf('/') + 1)));
    }
    if (schema != null && schema.getJsonArray("allOf") != null) {
      JsonObject merged = new JsonObject();
      schema.getJsonArray("allOf").forEach(s -> merged.mergeIn(resolveSchema((JsonObject) s), true));
      return merged;
    }
    return schema == null ? new JsonObject() : schema;
  }

  /** The template with the fixtures' ids (1 for kinds without a fixture) and the overrides. */
  private static String fill(String template, Map<String, String> overrides) {
    String out = template;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
    while (m.find()) {
      String name = m.group(1);
      out = out.replace("{" + name + "}", overrides.getOrDefault(name, ids.getOrDefault(name, "1")));
    }
    return out;
  }

  private static String fresh(boolean needsKey) {
    return needsKey ? UUID.randomUUID().toString() : null;
  }

  /** Each table's row count and a digest of its rows. */
  private static Map<String, String> tables() throws SQLException {
    Map<String, String> out = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      List<String> names = new ArrayList<>();
      try (ResultSet rs = c.createStatement().executeQuery(
          "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'")) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      for (String t : names) {
        try (ResultSet rs = c.createStatement().executeQuery(
            "SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM " + t + " x")) {
          rs.next();
          out.put(t, rs.getString(1));
        }
      }
    }
    return out;
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
