package dev.jpamigrate.report;

import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Writes the reports' JSON with Gson's streaming writer, from the plain maps and lists the reports build. */
final class Json {
    private Json() {
    }

    /**
     * Writes maps (keys in their iteration order), lists, strings, numbers, booleans and null, indented by two
     * spaces; any other value as its string.
     */
    static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonWriter json = new JsonWriter(out)) {
            json.setIndent("  ");
            json.setHtmlSafe(false);
            json.setSerializeNulls(true);
            write(json, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.append('\n').toString();
    }

    private static void write(JsonWriter json, Object value) throws IOException {
        if (value == null) {
            json.nullValue();
        } else if (value instanceof String s) {
            json.value(s);
        } else if (value instanceof Boolean b) {
            json.value(b);
        } else if (value instanceof Number n) {
            json.value(n);
        } else if (value instanceof Map<?, ?> map) {
            json.beginObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                json.name(String.valueOf(e.getKey()));
                write(json, e.getValue());
            }
            json.endObject();
        } else if (value instanceof List<?> list) {
            json.beginArray();
            for (Object item : list) {
                write(json, item);
            }
            json.endArray();
        } else {
            json.value(value.toString());
        }
    }
}
