package gala.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts of {@link ContractValidation} give what vertx-openapi gives for the same parameter
 * text, value for value and refusal for refusal: a header's string and a path's integer, on values
 * that take the shortcut and values that must not.
 */
class ContractValidationTest {
  private static Vertx vertx;
  private static OpenAPIContract contract;

  @BeforeAll
  static void load() throws Exception {
    vertx = Vertx.vertx();
    contract = OpenAPIContract.from(vertx, ApiDocument.forVertx(ApiDocument.parse(ApiDocument.text())))
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void close() {
    vertx.close();
  }

  private static Parameter parameter(String operationId, String name) {
    return contract.operation(operationId).getParameters().stream().filter(p -> p.getName().equals(name)).findFirst()
        .orElseThrow();
  }

  /** The value or the refusal ("!" and the exception's class and message) one validator gives. */
  private static String outcome(RequestValidatorImpl validator, Parameter p, String text) {
    try {
      RequestParameter r = validator.validateParameter(p, new RequestParameterImpl(text));
      Object v = r.get();
      return v == null ? "null" : v.getClass().getSimpleName() + ":" + v;
    } catch (RuntimeException e) {
      return "!" + e.getClass().getSimpleName() + ":" + e.getMessage();
    }
  }

  @Test
  void aHeadersTextIsWhatTheLibraryMakesOfIt() {
    RequestValidatorImpl library = new RequestValidatorImpl(vertx, contract);
    RequestValidatorImpl ours = (RequestValidatorImpl) ContractValidation.create(vertx, contract);
    Parameter key = parameter("registerEntry", "Idempotency-Key");
    List<String> values = List.of("3f2b8c1e-9a4d-4e6f-b1a2-7c8d9e0f1a2b", "k1", "a-b", "true", "null", "-5", "12.5", "1e5",
        "1e5x", " true ", "x y", "x\"y", "x\\y", "\"quoted\"", "[1]", "{}", "内容-1", "ключ-1", "x\u0001", "",
        "a".repeat(300), "0-0-0", "+1", "e", "E-");
    for (String v : values) {
      assertEquals(outcome(library, key, v), outcome(ours, key, v), "Idempotency-Key " + v);
    }
  }

  @Test
  void aPathsIntegerIsWhatTheLibraryMakesOfIt() {
    RequestValidatorImpl library = new RequestValidatorImpl(vertx, contract);
    RequestValidatorImpl ours = (RequestValidatorImpl) ContractValidation.create(vertx, contract);
    Parameter id = parameter("getScoreboard", "competitionId");
    for (String v : List.of("1", "42", "0", "007", "-3", "2147483647", "2147483648", "999999999999999999",
        "99999999999999999999", "1.0", "x", "")) {
      assertEquals(outcome(library, id, v), outcome(ours, id, v), "competitionId " + v);
    }
  }

  @Test
  void plainSchemasAreReadByTheShortcutAndOthersAreNot() {
    Predicate<Object> id = SchemaShortcut.of(parameter("getEvent", "eventId").getSchema());
    assertTrue(id.test(1) && id.test(9_000_000_000L));
    assertFalse(id.test(0) || id.test(-1L) || id.test("1") || id.test(1.0) || id.test(null));
    Predicate<Object> key = SchemaShortcut.of(parameter("registerEntry", "Idempotency-Key").getSchema());
    assertTrue(key.test("k".repeat(200)));
    assertFalse(key.test("k".repeat(201)) || key.test(""));
    // 100 characters beyond the BMP are 200 UTF-16 units: within either count; 101 are not
    assertTrue(key.test("\uD83C\uDFC5".repeat(100)));
    assertFalse(key.test("\uD83C\uDFC5".repeat(101)));
    Predicate<Object> when = SchemaShortcut.of(parameter("listEvents", "when").getSchema());
    assertTrue(when.test("past"));
    assertFalse(when.test("later"));
    Predicate<Object> entry = SchemaShortcut.of(body("registerEntry"));
    assertTrue(entry.test(new JsonObject().put("displayName", "运动员1").put("unitId", 3)));
    // a property the shortcut does not read (a date's format, a $ref'd array) goes to the library
    assertFalse(entry.test(new JsonObject().put("displayName", "A").put("birthDate", "2001-02-03")));
    assertFalse(entry.test(new JsonObject().put("members", new JsonArray())));
    assertFalse(entry.test(new JsonObject().put("displayName", "A").put("extra", 1)));
    assertFalse(entry.test(new JsonObject().put("displayName", "   ")));
  }

  /** Every body below gets from ours what it gets from the library: accepted, or the same refusal. */
  @Test
  void aBodyIsWhatTheLibraryMakesOfIt() {
    SchemaRepository library = contract.getSchemaRepository();
    SchemaRepository ours = ContractValidation.schemas(contract);
    List<String> bodies = List.of("{}", "{\"displayName\":\"运动员1\",\"unitId\":3}", "{\"displayName\":\"A\"}",
        "{\"displayName\":\"\"}", "{\"displayName\":\"   \"}", "{\"displayName\":\" x \"}", "{\"displayName\":null}",
        "{\"displayName\":\"" + "x".repeat(100) + "\"}", "{\"displayName\":\"" + "x".repeat(101) + "\"}",
        "{\"unitId\":0}", "{\"unitId\":1.0}", "{\"unitId\":1.5}", "{\"unitId\":\"3\"}", "{\"unitId\":99999999999}",
        "{\"gender\":\"M\"}", "{\"gender\":\"X\"}", "{\"anotherPerson\":true}", "{\"anotherPerson\":\"yes\"}",
        "{\"birthDate\":\"2001-02-30\"}", "{\"members\":[]}", "{\"extra\":1}", "{\"division\":\"U18\",\"teamName\":\"队\"}",
        "[]", "\"x\"", "3", "{\"entryId\":1,\"value\":8.5}", "{\"entryId\":1,\"value\":-1000000}",
        "{\"entryId\":1,\"value\":1000000.5}", "{\"entryId\":1,\"value\":2000000}", "{\"value\":1}",
        "{\"entryId\":1,\"marks\":{\"a\":1}}", "{\"entryId\":1,\"attempt\":2,\"value\":9}", "{\"entryId\":-1}");
    for (String op : List.of("registerEntry", "submitScore")) {
      JsonSchema schema = body(op);
      for (String text : bodies) {
        Object value = io.vertx.core.json.Json.decodeValue(text);
        assertEquals(verdict(library.validator(schema), value), verdict(ours.validator(schema), value), op + " " + text);
      }
    }
  }

  private static JsonSchema body(String operationId) {
    return contract.operation(operationId).getRequestBody().getContent().get("application/json").getSchema();
  }

  private static String verdict(Validator validator, Object value) {
    OutputUnit out = validator.validate(value);
    try {
      out.checkValidity();
      return "valid";
    } catch (JsonSchemaValidationException e) {
      return "!" + e.getMessage() + " at " + e.location();
    }
  }

  @Test
  void aLongKeyOrANonBmpKeyIsWhatTheLibraryMakesOfIt() {
    RequestValidatorImpl library = new RequestValidatorImpl(vertx, contract);
    RequestValidatorImpl ours = (RequestValidatorImpl) ContractValidation.create(vertx, contract);
    Parameter key = parameter("registerEntry", "Idempotency-Key");
    for (String v : List.of("k".repeat(199), "k".repeat(200), "k".repeat(201), "\uD83C\uDFC5".repeat(100),
        "\uD83C\uDFC5".repeat(101), "\uD83C\uDFC5".repeat(150), "\uD83C\uDFC5".repeat(201))) {
      assertEquals(outcome(library, key, v), outcome(ours, key, v), "Idempotency-Key of " + v.length() + " units");
    }
  }

  @Test
  void theShortcutIsTakenOnlyWhereItCannotDiffer() {
    assertTrue(ContractValidation.Inline.plainText("3f2b8c1e-9a4d-4e6f-b1a2-7c8d9e0f1a2b"));
    assertTrue(ContractValidation.Inline.plainText("内容-1"));
    for (String v : List.of("", "-5", "1e5", "12.5", " true", "x y", "x\"y", "x\\y", "[1]", "{}", "x\u0001")) {
      assertFalse(ContractValidation.Inline.plainText(v), v);
    }
  }
}
