package dev.nabla.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@link Manifest} to and from {@code manifest.json}. Written by hand over Jackson's tree model so that
 * the file layout is explicit and every problem on reading names the field. Doubles are written in
 * Java's shortest round-trip form (NaN and infinities as the strings "NaN", "Infinity", "-Infinity"),
 * so they read back bitwise.
 */
final class ManifestJson {
  /** The version of the manifest layout; a reader refuses a newer one. */
  static final int FORMAT = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ManifestJson() {
  }

  static String write(Manifest m) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("format", FORMAT);
    o.put("nablaVersion", m.nablaVersion());
    o.put("sparkVersion", m.sparkVersion());
    o.put("javaVersion", m.javaVersion());
    o.put("createdAt", m.createdAt());
    ArrayNode layers = o.putArray("layers");
    for (int n : m.layers()) {
      layers.add(n);
    }
    ArrayNode acts = o.putArray("activations");
    m.activations().forEach(acts::add);
    o.put("loss", m.loss());
    o.put("task", m.task().cliName());
    o.put("numClasses", m.numClasses());
    o.put("scaling", m.scaling());
    o.put("seed", m.seed());
    putStrings(o.putObject("hyperParameters"), m.hyperParameters());
    putStrings(o.putObject("dataPaths"), m.dataPaths());
    putDouble(o, "trainingSeconds", m.trainingSeconds());
    ObjectNode metrics = o.putObject("finalMetrics");
    m.finalMetrics().forEach((k, v) -> putDouble(metrics, k, v));
    putStrings(o.putObject("notes"), m.notes());
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render manifest as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Parses manifest JSON read from {@code source} (named in error messages).
   *
   * @throws ModelFormatException naming the source, the field and what was expected
   */
  static Manifest read(String json, String source) {
    JsonNode o;
    try {
      o = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
      throw new ModelFormatException(source + " is not valid JSON" + where + ": " + e.getOriginalMessage()
          + "; restore the file or re-save the model", e);
    }
    if (o == null || !o.isObject()) {
      throw new ModelFormatException(source + " must hold a JSON object; restore the file or re-save the model");
    }
    Reader r = new Reader(o, source);
    int format = (int) r.integer("format");
    if (format > FORMAT) {
      throw new ModelFormatException(source + " has manifest format " + format + " but this Nabla reads up to "
          + FORMAT + "; load it with the Nabla version that wrote it (" + o.path("nablaVersion").asText() + ")");
    }
    try {
      return new Manifest(r.text("nablaVersion"), r.text("sparkVersion"), r.text("javaVersion"),
          r.text("createdAt"), r.ints("layers"), r.texts("activations"), r.text("loss"),
          r.parsed("task", Task::parse), (int) r.integer("numClasses"), r.text("scaling"), r.integer("seed"),
          r.map("hyperParameters", Reader::asText), r.map("dataPaths", Reader::asText), r.real("trainingSeconds"),
          r.map("finalMetrics", n -> r.asReal(n, "finalMetrics")), r.map("notes", Reader::asText));
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(source + ": " + e.getMessage(), e);
    }
  }

  private static void putStrings(ObjectNode o, Map<String, String> map) {
    map.forEach(o::put);
  }

  private static void putDouble(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.put(key, Double.toString(v));
    }
  }

  /** Typed field access that fails with the source and field name. */
  private static final class Reader {
    private final JsonNode o;
    private final String source;

    Reader(JsonNode o, String source) {
      this.o = o;
      this.source = source;
    }

    private JsonNode field(String name) {
      JsonNode n = o.get(name);
      if (n == null || n.isNull()) {
        throw bad(name, "is missing");
      }
      return n;
    }

    String text(String name) {
      JsonNode n = field(name);
      if (!n.isTextual()) {
        throw bad(name, "is " + n + ", expected a string");
      }
      return n.asText();
    }

    long integer(String name) {
      JsonNode n = field(name);
      if (!n.canConvertToLong() || !n.isIntegralNumber()) {
        throw bad(name, "is " + n + ", expected an integer");
      }
      return n.asLong();
    }

    double real(String name) {
      return asReal(field(name), name);
    }

    double asReal(JsonNode n, String name) {
      if (n.isNumber()) {
        return n.asDouble();
      }
      if (n.isTextual() && (n.asText().equals("NaN") || n.asText().endsWith("Infinity"))) {
        return Double.parseDouble(n.asText());
      }
      throw bad(name, "has " + n + ", expected a number (or \"NaN\", \"Infinity\", \"-Infinity\")");
    }

    static String asText(JsonNode n) {
      return n.isValueNode() ? n.asText() : n.toString();
    }

    <T> T parsed(String name, Function<String, T> parser) {
      String s = text(name);
      try {
        return parser.apply(s);
      } catch (IllegalArgumentException e) {
        throw bad(name, e.getMessage());
      }
    }

    int[] ints(String name) {
      JsonNode n = field(name);
      if (!n.isArray()) {
        throw bad(name, "is " + n + ", expected an array of integers");
      }
      int[] out = new int[n.size()];
      for (int i = 0; i < out.length; i++) {
        if (!n.get(i).canConvertToInt() || !n.get(i).isIntegralNumber()) {
          throw bad(name, "has " + n.get(i) + " at index " + i + ", expected an integer");
        }
        out[i] = n.get(i).asInt();
      }
      return out;
    }

    List<String> texts(String name) {
      JsonNode n = field(name);
      if (!n.isArray()) {
        throw bad(name, "is " + n + ", expected an array of strings");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode e : n) {
        if (!e.isTextual()) {
          throw bad(name, "has " + e + ", expected strings only");
        }
        out.add(e.asText());
      }
      return out;
    }

    <V> Map<String, V> map(String name, Function<JsonNode, V> value) {
      JsonNode n = field(name);
      if (!n.isObject()) {
        throw bad(name, "is " + n + ", expected an object");
      }
      Map<String, V> out = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        out.put(e.getKey(), value.apply(e.getValue()));
      }
      return out;
    }

    private ModelFormatException bad(String name, String what) {
      return new ModelFormatException(source + ": field '" + name + "' " + what
          + "; restore the file or re-save the model");
    }
  }
}
