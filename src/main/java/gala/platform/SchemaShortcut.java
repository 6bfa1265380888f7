package gala.platform;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A quick yes for the values a plain schema accepts, before vertx-json-schema's walk (which builds
 * output units and pointers at every keyword: one integer id cost a signed-in read 4% of its CPU).
 * Only "yes" is answered here; anything else goes to the library, so every refusal is the library's,
 * word for word. A schema is compiled only when all its keywords are in the small set below
 * (type string, integer, number, boolean or object; minLength, maxLength, pattern, enum; minimum,
 * maximum; properties, required, additionalProperties false); an object property whose schema is
 * not (a $ref, an array, a format...) sends a body that has it to the library.
 */
final class SchemaShortcut {
  /** Words that describe and never refuse. */
  private static final Set<String> NOTES = Set.of("description", "title", "example", "examples", "default",
      "$comment", "deprecated");
  private static final Set<String> STRING = Set.of("type", "minLength", "maxLength", "pattern", "enum");
  private static final Set<String> NUMBER = Set.of("type", "minimum", "maximum");
  private static final Set<String> OBJECT = Set.of("type", "properties", "required", "additionalProperties");

  private SchemaShortcut() {}

  /** The library's validator of {@code schema}, answering a value the shortcut accepts without it. */
  static Validator around(JsonSchema schema, Validator library) {
    Predicate<Object> quick = of(schema);
    if (quick == null) {
      return library;
    }
    return value -> quick.test(value) ? new OutputUnit(true) : library.validate(value);
  }

  /** What the shortcut accepts of {@code schema}'s values, or null when the schema is not one it reads. */
  static Predicate<Object> of(JsonSchema schema) {
    if (schema == null) {
      return null;
    }
    Map<String, Object> words = new HashMap<>();
    for (String name : schema.fieldNames()) {
      words.put(name, schema.get(name));
    }
    return compile(words);
  }

  private static Predicate<Object> compile(Map<String, Object> schema) {
    Map<String, Object> words = new HashMap<>();
    for (Map.Entry<String, Object> e : schema.entrySet()) {
      if (JsonSchema.EXCLUDE_ANNOTATIONS.test(e.getKey()) && !NOTES.contains(e.getKey())) {
        words.put(e.getKey(), e.getValue());
      }
    }
    Object type = words.get("type");
    if ("string".equals(type) && STRING.containsAll(words.keySet())) {
      return string(words);
    }
    if (("integer".equals(type) || "number".equals(type)) && NUMBER.containsAll(words.keySet())) {
      return number("integer".equals(type), words);
    }
    if ("boolean".equals(type) && words.size() == 1) {
      return v -> v instanceof Boolean;
    }
    if ("object".equals(type) && OBJECT.containsAll(words.keySet())) {
      return object(words);
    }
    return null;
  }

  private static Predicate<Object> string(Map<String, Object> words) {
    Long min = whole(words, "minLength");
    Long max = whole(words, "maxLength");
    if (min == null || max == null) {
      return null;
    }
    Pattern pattern = null;
    if (words.get("pattern") instanceof String p) {
      pattern = Pattern.compile(p);
    } else if (words.containsKey("pattern")) {
      return null;
    }
    List<String> choices = null;
    if (words.get("enum") instanceof JsonArray a) {
      choices = new ArrayList<>();
      for (Object o : a) {
        if (!(o instanceof String s)) {
          return null;
        }
        choices.add(s);
      }
    } else if (words.containsKey("enum")) {
      return null;
    }
    Pattern must = pattern;
    List<String> among = choices;
    return v -> {
      if (!(v instanceof String text)) {
        return false;
      }
      // Within the bounds whether they count characters or UTF-16 units (they differ beyond the BMP).
      int units = text.length();
      int characters = text.codePointCount(0, units);
      return characters >= min && units <= max && (must == null || must.matcher(text).find())
          && (among == null || among.contains(text));
    };
  }

  private static Predicate<Object> number(boolean integer, Map<String, Object> words) {
    Long min = whole(words, "minimum");
    Long max = whole(words, "maximum");
    if (min == null || max == null) {
      return null;
    }
    return v -> {
      if (v instanceof Integer || v instanceof Long) {
        long n = ((Number) v).longValue();
        return n >= min && n <= max;
      }
      // A fraction (or 1.0) is the library's to judge for an integer; a number's bounds are whole.
      return !integer && v instanceof Double d && Double.isFinite(d) && d >= min && d <= max;
    };
  }

  private static Predicate<Object> object(Map<String, Object> words) {
    Object extra = words.get("additionalProperties");
    if (extra != null && !Boolean.FALSE.equals(extra)) {
      return null;
    }
    boolean closed = extra != null;
    Map<String, Predicate<Object>> properties = new HashMap<>();
    Set<String> named = new java.util.HashSet<>();
    if (words.get("properties") instanceof JsonObject props) {
      for (String name : props.fieldNames()) {
        named.add(name);
        Predicate<Object> p = props.getValue(name) instanceof JsonObject s ? compile(s.getMap()) : null;
        if (p != null) {
          properties.put(name, p);
        }
      }
    } else if (words.containsKey("properties")) {
      return null;
    }
    List<String> required = new ArrayList<>();
    if (words.get("required") instanceof JsonArray r) {
      for (Object o : r) {
        if (!(o instanceof String s)) {
          return null;
        }
        required.add(s);
      }
    } else if (words.containsKey("required")) {
      return null;
    }
    return v -> {
      if (!(v instanceof JsonObject o)) {
        return false;
      }
      for (String name : required) {
        if (!o.containsKey(name)) {
          return false;
        }
      }
      for (Map.Entry<String, Object> e : o) {
        Predicate<Object> p = properties.get(e.getKey());
        if (p == null ? named.contains(e.getKey()) || closed : !p.test(e.getValue())) {
          return false; // a property the shortcut does not read, one the schema forbids, or a bad value
        }
      }
      return true;
    };
  }

  /** The whole-number bound {@code name}: its value, the widest when absent, null when not whole. */
  private static Long whole(Map<String, Object> words, String name) {
    Object bound = words.get(name);
    if (bound == null) {
      return name.startsWith("min") ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return bound instanceof Integer || bound instanceof Long ? ((Number) bound).longValue() : null;
  }
}
