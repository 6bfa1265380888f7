package gala.platform;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stable details of a VALIDATION_FAILED error, so a page can say in its own language what is
 * wrong: {@code {field, in, rule, limit?, allowed?, expected?}} (the ValidationDetails schema of
 * openapi.yaml). Built from vertx-openapi's validation result; the schema's JSON pointer
 * ({@code #/password}) becomes a field name ({@code password}, {@code members[0].birthDate}).
 */
final class ValidationDetails {
  /** Keywords that name a rule (the others, like properties or $ref, only lead to one). */
  private static final Set<String> RULES = Set.of("type", "required", "minLength", "maxLength", "minimum", "maximum",
      "exclusiveMinimum", "exclusiveMaximum", "pattern", "format", "enum", "const", "minItems", "maxItems",
      "minProperties", "maxProperties", "additionalProperties", "multipleOf", "uniqueItems");
  private static final Set<String> NUMERIC_LIMIT = Set.of("minLength", "maxLength", "minimum", "maximum",
      "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "minProperties", "maxProperties", "multipleOf");
  private static final Pattern PARAMETER = Pattern.compile("(path|query|header|cookie) parameter ([^ ]+?)\\.? ");
  private static final Pattern LAST_NUMBER = Pattern.compile("(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)\\D*$");
  private static final Pattern REQUIRED = Pattern.compile("required property \"([^\"]+)\"");
  private static final Pattern EXPECTED_TYPE = Pattern.compile("Expected (.+)$");
  private static final Pattern FORMAT = Pattern.compile("format \"([^\"]+)\"");

  private ValidationDetails() {}

  static JsonObject of(ValidatorException v) {
    String message = v.getMessage() == null ? "" : v.getMessage();
    Matcher param = PARAMETER.matcher(message + " ");
    JsonObject details = new JsonObject();
    if (param.find()) {
      details.put("field", param.group(2)).put("in", param.group(1));
    } else {
      details.put("in", "body");
    }
    OutputUnit leaf = v instanceof SchemaValidationException s ? leaf(s.getOutputUnit()) : null;
    if (leaf == null) {
      details.put("rule", v.type() == io.vertx.openapi.validation.ValidatorErrorType.MISSING_REQUIRED_PARAMETER
          ? "required" : "type");
      if (!details.containsKey("field")) {
        details.put("field", "");
      }
      return details;
    }
    String keywordLocation = leaf.getKeywordLocation() == null ? "" : leaf.getKeywordLocation();
    String rule = keywordLocation.substring(keywordLocation.lastIndexOf('/') + 1);
    String error = leaf.getError() == null ? "" : leaf.getError();
    details.put("rule", rule);
    if ("body".equals(details.getString("in"))) {
      String field = fieldName(leaf.getInstanceLocation());
      if ("required".equals(rule)) {
        Matcher m = REQUIRED.matcher(error);
        if (m.find()) {
          field = field.isEmpty() ? m.group(1) : field + "." + m.group(1);
        }
      }
      details.put("field", field);
    }
    if (NUMERIC_LIMIT.contains(rule)) {
      Matcher m = LAST_NUMBER.matcher(error.replace(")", ""));
      if (m.find()) {
        details.put("limit", number(m.group(1)));
      }
    } else if ("enum".equals(rule)) {
      int at = error.indexOf('[');
      if (at >= 0) {
        try {
          details.put("allowed", new JsonArray(error.substring(at)));
        } catch (RuntimeException ignored) {
          // the message changed shape: the rule alone still says what is wrong
        }
      }
    } else if ("type".equals(rule)) {
      Matcher m = EXPECTED_TYPE.matcher(error);
      if (m.find()) {
        details.put("expected", m.group(1));
      }
    } else if ("format".equals(rule)) {
      Matcher m = FORMAT.matcher(error);
      if (m.find()) {
        details.put("expected", m.group(1));
      }
    }
    return details;
  }

  /** An English sentence for logs and developers; pages translate from the details instead. */
  static String describe(JsonObject d) {
    String field = d.getString("field", "");
    String what = (field.isEmpty() ? "the request" : field) + " (" + d.getString("in") + ")";
    String rule = d.getString("rule", "");
    Object limit = d.getValue("limit");
    return switch (rule) {
      case "required" -> what + " is required";
      case "type" -> what + " must be of type " + d.getString("expected", "?");
      case "minLength" -> what + " must have at least " + limit + " characters";
      case "maxLength" -> what + " must have at most " + limit + " characters";
      case "minimum", "exclusiveMinimum" -> what + " must be at least " + limit;
      case "maximum", "exclusiveMaximum" -> what + " must be at most " + limit;
      case "minItems" -> what + " must have at least " + limit + " items";
      case "maxItems" -> what + " must have at most " + limit + " items";
      case "pattern" -> what + " is blank or has the wrong form";
      case "format" -> what + " must be a valid " + d.getString("expected", "value");
      case "enum" -> what + " must be one of " + d.getValue("allowed");
      case "additionalProperties" -> what + " is not a field of this request";
      default -> what + " breaks the rule " + rule;
    };
  }

  /** The most specific error: the first that names a rule (later ones only say a sub-schema failed). */
  private static OutputUnit leaf(OutputUnit unit) {
    if (unit == null) {
      return null;
    }
    List<OutputUnit> errors = unit.getErrors();
    if (errors == null || errors.isEmpty()) {
      return isRule(unit) ? unit : null;
    }
    for (OutputUnit e : errors) {
      OutputUnit found = leaf(e);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static boolean isRule(OutputUnit u) {
    String k = u.getKeywordLocation();
    return k != null && RULES.contains(k.substring(k.lastIndexOf('/') + 1));
  }

  /** "#/members/0/birthDate" -> "members[0].birthDate". */
  static String fieldName(String pointer) {
    if (pointer == null || pointer.length() <= 1) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String part : pointer.substring(pointer.startsWith("#/") ? 2 : 1).split("/")) {
      String name = part.replace("~1", "/").replace("~0", "~");
      if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
        out.append('[').append(name).append(']');
      } else {
        out.append(out.length() == 0 ? "" : ".").append(name);
      }
    }
    return out.toString();
  }

  private static Number number(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return Double.parseDouble(s);
    }
  }
}
