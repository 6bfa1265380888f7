package gala.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.contract.SecurityScheme;
import io.vertx.openapi.contract.Server;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request validation against openapi.yaml at the cost of the check itself. vertx-openapi 5.0.10 builds
 * a new schema validator for every parameter and body of every request, and each one copies the
 * contract's whole schema table (a registration burst spent a quarter of its CPU there), then hops to
 * a worker thread. Here each schema's validator is built once and reused (a built validator only reads
 * its table, so threads may share it), and a request whose body is small is validated on the event
 * loop: its check takes microseconds, less than the hop. Larger bodies (imports) still go to a worker.
 */
public final class ContractValidation {
  /** Bodies up to this size are checked in place; a bigger one could hold an event loop for long. */
  static final int INLINE_BODY_BYTES = 16 * 1024;

  private ContractValidation() {}

  public static RequestValidator create(Vertx vertx, OpenAPIContract contract) {
    return new Inline(vertx, new KeptValidators(contract));
  }

  /** The schema repository the validator uses: each schema's validator built once, with its shortcut. */
  static SchemaRepository schemas(OpenAPIContract contract) {
    return new KeptValidators(contract).getSchemaRepository();
  }

  static final class Inline extends RequestValidatorImpl {
    Inline(Vertx vertx, OpenAPIContract contract) {
      super(vertx, contract);
    }

    @Override
    public Future<ValidatedRequest> validate(ValidatableRequest request, String operationId) {
      Operation operation = contract.operation(operationId);
      if (operation == null || bodySize(request) > INLINE_BODY_BYTES) {
        return super.validate(request, operationId);
      }
      try {
        return Future.succeededFuture(check(request, operation));
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }

    /** What RequestValidatorImpl.validate does on its worker, here in place. */
    private ValidatedRequest check(ValidatableRequest request, Operation operation) {
      Map<String, RequestParameter> cookies = new HashMap<>();
      Map<String, RequestParameter> headers = new HashMap<>();
      Map<String, RequestParameter> path = new HashMap<>();
      Map<String, RequestParameter> query = new HashMap<>();
      for (Parameter p : operation.getParameters()) {
        switch (p.getIn()) {
          case COOKIE -> cookies.put(p.getName(), validateParameter(p, request.getCookies().get(p.getName())));
          case HEADER -> headers.put(p.getName(), validateParameter(p, request.getHeaders().get(p.getName())));
          case PATH -> path.put(p.getName(), validateParameter(p, request.getPathParameters().get(p.getName())));
          case QUERY -> query.put(p.getName(), validateParameter(p, request.getQuery().get(p.getName())));
        }
      }
      RequestParameter body = validateBody(operation.getRequestBody(), request);
      return new ValidatedRequestImpl(cookies, headers, path, query, body);
    }

    /**
     * An integer parameter written the one plain way (an id, a page number) is read here: the library
     * runs a regular expression and a JSON parser over every parameter, a few per cent of a write's CPU.
     * Anything else (signs, leading zeros, huge numbers, other types) takes the library's path unchanged.
     */
    @Override
    public RequestParameter validateParameter(Parameter parameter, RequestParameter value) {
      Object raw = value == null ? null : value.get();
      if (raw instanceof String text && parameter.getSchemaType() == SchemaType.STRING
          && (parameter.getIn() == Location.HEADER || parameter.getIn() == Location.QUERY) && plainText(text)) {
        return checked(parameter, text);
      }
      if (!(raw instanceof String text) || !plainInteger(text)
          || !(parameter.getSchemaType() == SchemaType.INTEGER || parameter.getSchemaType() == SchemaType.NUMBER)) {
        return super.validateParameter(parameter, value);
      }
      long parsed = Long.parseLong(text);
      // What the JSON parser gives for the same text, so the schema sees the same value either way.
      return checked(parameter, parsed <= Integer.MAX_VALUE ? (Object) (int) parsed : (Object) parsed);
    }

    /** {@code value} checked against the parameter's schema, as the library checks what it decoded. */
    private RequestParameter checked(Parameter parameter, Object value) {
      OutputUnit result = contract.getSchemaRepository().validator(parameter.getSchema()).validate(value);
      try {
        result.checkValidity();
      } catch (JsonSchemaValidationException e) {
        throw SchemaValidationException.createErrorFromOutputUnitType(parameter, result, e);
      }
      return new RequestParameterImpl(value);
    }

    /**
     * A string parameter's text that the library would give back unchanged, without its detour: for
     * a string that is not one word (an Idempotency-Key's UUID, say) it first parses the text as JSON,
     * which throws, then parses it again in quotes. Here: no quote, backslash, space or control
     * character (which the quoted parse would read or refuse), not a JSON array or object, and some
     * character no JSON number or literal has, so the first parse could not have succeeded either.
     */
    static boolean plainText(String text) {
      int n = text.length();
      if (n == 0 || text.charAt(0) == '[' || text.charAt(0) == '{') {
        return false;
      }
      boolean word = false;
      for (int i = 0; i < n; i++) {
        char c = text.charAt(i);
        if (c <= ' ' || c == '"' || c == '\\' || c == 0x7f || Character.isWhitespace(c)) {
          return false;
        }
        if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E') {
          word = true;
        }
      }
      return word;
    }

    /** 0 or 1-18 digits without a leading zero: always a long, and exactly what JSON reads as that number. */
    static boolean plainInteger(String text) {
      int n = text.length();
      if (n == 0 || n > 18 || (text.charAt(0) == '0' && n > 1)) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          return false;
        }
      }
      return true;
    }

    private static int bodySize(ValidatableRequest request) {
      RequestParameter body = request.getBody();
      Object value = body == null ? null : body.get();
      if (value instanceof Buffer b) {
        return b.length();
      }
      return value instanceof String s ? s.length() : 0;
    }
  }

  /** The contract as parsed, whose schema repository keeps the validator it built for each schema. */
  private static final class KeptValidators implements OpenAPIContract {
    private final OpenAPIContract contract;
    private final SchemaRepository schemas;

    KeptValidators(OpenAPIContract contract) {
      this.contract = contract;
      this.schemas = new KeptRepository(contract.getSchemaRepository());
    }

    @Override
    public SchemaRepository getSchemaRepository() {
      return schemas;
    }

    @Override
    public Operation operation(String operationId) {
      return contract.operation(operationId);
    }

    @Override
    public List<Operation> operations() {
      return contract.operations();
    }

    @Override
    public List<Path> getPaths() {
      return contract.getPaths();
    }

    @Override
    public JsonObject getRawContract() {
      return contract.getRawContract();
    }

    @Override
    public OpenAPIVersion getVersion() {
      return contract.getVersion();
    }

    @Override
    public List<Server> getServers() {
      return contract.getServers();
    }

    @Override
    public Path findPath(String urlPath) {
      return contract.findPath(urlPath);
    }

    @Override
    public Operation findOperation(String urlPath, HttpMethod method) {
      return contract.findOperation(urlPath, method);
    }

    @Override
    public List<SecurityRequirement> getSecurityRequirements() {
      return contract.getSecurityRequirements();
    }

    @Override
    public SecurityScheme securityScheme(String name) {
      return contract.securityScheme(name);
    }
  }

  /** Keys: the contract's schema objects themselves (a parameter's or a body's), a bounded set. */
  private record Identity(JsonSchema schema) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Identity i && i.schema == schema;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(schema);
    }
  }

  private static final class KeptRepository implements SchemaRepository {
    private final SchemaRepository repository;
    private final Map<Identity, Validator> built = new ConcurrentHashMap<>();

    KeptRepository(SchemaRepository repository) {
      this.repository = repository;
    }

    @Override
    public Validator validator(JsonSchema schema) {
      return built.computeIfAbsent(new Identity(schema), k -> SchemaShortcut.around(schema, repository.validator(schema)));
    }

    @Override
    public SchemaRepository dereference(JsonSchema schema) {
      return repository.dereference(schema);
    }

    @Override
    public SchemaRepository dereference(String uri, JsonSchema schema) {
      return repository.dereference(uri, schema);
    }

    @Override
    public SchemaRepository preloadMetaSchema(FileSystem fs) {
      return repository.preloadMetaSchema(fs);
    }

    @Override
    public SchemaRepository preloadMetaSchema(FileSystem fs, Draft draft) {
      return repository.preloadMetaSchema(fs, draft);
    }

    @Override
    public Validator validator(String ref) {
      return repository.validator(ref);
    }

    @Override
    public Validator validator(String ref, JsonSchemaOptions options) {
      return repository.validator(ref, options);
    }

    @Override
    public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) {
      return repository.validator(schema, options, dereference);
    }

    @Override
    public JsonObject resolve(JsonObject schema) {
      return repository.resolve(schema);
    }

    @Override
    public JsonSchema find(String pointer) {
      return repository.find(pointer);
    }
  }
}
