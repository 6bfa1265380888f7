package gala.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
  void anIdsBoundsAndAKeysLengthAreCheckedWithoutTheLibrary() {
    ContractValidation.Inline ours = (ContractValidation.Inline) ContractValidation.create(vertx, contract);
    assertEquals(new ContractValidation.Bounds(true, 1, Long.MAX_VALUE), ours.bounds(parameter("getEvent", "eventId")));
    assertEquals(new ContractValidation.Bounds(false, 1, 200), ours.bounds(parameter("registerEntry", "Idempotency-Key")));
    // enum and default are the library's to check
    assertEquals(null, ours.bounds(parameter("listEvents", "when")));
    ContractValidation.Bounds key = ours.bounds(parameter("registerEntry", "Idempotency-Key"));
    assertTrue(key.accepts("k".repeat(200)));
    assertFalse(key.accepts("k".repeat(201)));
    assertFalse(key.accepts(""));
    // 100 characters beyond the BMP are 200 UTF-16 units: within either count; 101 are not
    assertTrue(key.accepts("\uD83C\uDFC5".repeat(100)));
    assertFalse(key.accepts("\uD83C\uDFC5".repeat(101)));
    ContractValidation.Bounds id = ours.bounds(parameter("getEvent", "eventId"));
    assertTrue(id.accepts(1) && id.accepts(9_000_000_000L));
    assertFalse(id.accepts(0) || id.accepts(-1L) || id.accepts("1") || id.accepts(1.5));
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
