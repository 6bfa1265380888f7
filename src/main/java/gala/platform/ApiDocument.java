package gala.platform;

import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.impl.Utils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAPI document ({@code openapi.yaml}): the text served to clients, and the copy the router
 * (and the tests' response check) build their contract from.
 */
public final class ApiDocument {
  public static final String RESOURCE = "openapi.yaml";

  private ApiDocument() {}

  /** The document as written, for {@code GET /openapi.yaml}. */
  public static String text() {
    try (InputStream in = ApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parsed the way vertx-openapi parses YAML. */
  public static JsonObject parse(String yaml) {
    return Utils.yamlStringToJson(yaml).result();
  }

  /**
   * The document for vertx-openapi, which refuses to load a contract whose responses name media types
   * it cannot validate (image/png, text/csv, application/yaml). Clients need those declared, so the
   * served text keeps them; only this copy drops them (the router validates requests, not responses).
   */
  public static JsonObject forVertx(JsonObject document) {
    JsonObject copy = document.copy();
    JsonObject paths = copy.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject op && op.getValue("responses") instanceof JsonObject responses) {
          for (String status : responses.fieldNames()) {
            JsonObject content = responses.getJsonObject(status).getJsonObject("content");
            if (content != null) {
              content.fieldNames().removeIf(type -> !MediaType.isMediaTypeSupported(type));
            }
          }
        }
      }
    }
    return copy;
  }
}
