package dev.jpamigrate.config;

import dev.jpamigrate.MigrateException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The profile-less properties of a Spring Boot application's config files, flattened to dotted keys as Spring Boot
 * flattens YAML ({@code a: {b: 1}} is {@code a.b}, a list item is {@code a[0]}). Keys are matched with Spring Boot's
 * relaxed binding for properties and YAML files: per dot-separated element, case and every character other than a
 * letter or digit are ignored, so {@code change-log}, {@code changeLog} and {@code change_log} are one key.
 */
public final class SpringProperties {
    /** One key as written, its value as written (placeholders unresolved), and the file it is in. */
    public record Entry(String key, String value, Path file) {
    }

    /** Keys of a document that applies only under a profile or on a cloud platform: such documents are skipped. */
    private static final List<String> CONDITIONS = List.of("spring.config.activate.on-profile",
            "spring.config.activate.on-cloud-platform", "spring.profiles");

    /** By canonical key; the first file that holds a key wins. */
    private final Map<String, Entry> entries;

    private SpringProperties(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static SpringProperties empty() {
        return new SpringProperties(Map.of());
    }

    /**
     * The files in order of precedence (the first wins for a key), as Spring Boot ranks them in one location:
     * {@code application.properties} over {@code application.yml} over {@code application.yaml}.
     */
    public static SpringProperties read(List<Path> files) {
        Map<String, Entry> merged = new LinkedHashMap<>();
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new MigrateException("cannot read " + file + ": " + e.getMessage(), e);
            }
            String name = file.getFileName().toString();
            SpringProperties one = name.endsWith(".properties") ? parseProperties(file, text) : parseYaml(file, text);
            one.entries.forEach(merged::putIfAbsent);
        }
        return new SpringProperties(merged);
    }

    /**
     * A YAML file: its documents ({@code ---}) that hold no profile or cloud-platform condition, merged in order,
     * a later one winning for a key, as Spring Boot merges them when no profile is active.
     */
    public static SpringProperties parseYaml(Path file, String text) {
        Map<String, Entry> merged = new LinkedHashMap<>();
        try {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(new StringReader(text))) {
                if (document == null) {
                    continue;
                }
                if (!(document instanceof Map<?, ?> map)) {
                    throw new MigrateException(file + " is not a Spring Boot config file: a YAML document in it is"
                            + " not a map of keys");
                }
                Map<String, String> flat = new LinkedHashMap<>();
                flatten("", map, flat);
                mergeDocument(file, flat, merged);
            }
        } catch (MarkedYAMLException e) {
            throw new MigrateException("malformed " + file + (e.getProblemMark() == null ? ""
                    : " (line " + (e.getProblemMark().getLine() + 1) + ")") + ": " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new MigrateException("malformed " + file + ": " + e.getMessage(), e);
        }
        return new SpringProperties(merged);
    }

    /** A properties file: its documents (split at lines {@code #---} or {@code !---}), as for YAML. */
    public static SpringProperties parseProperties(Path file, String text) {
        Map<String, Entry> merged = new LinkedHashMap<>();
        StringBuilder document = new StringBuilder();
        for (String line : (text + "\n#---").split("\r?\n", -1)) {
            if (line.equals("#---") || line.equals("!---")) {
                Properties props = new Properties();
                try {
                    props.load(new StringReader(document.toString()));
                } catch (IOException | IllegalArgumentException e) {
                    throw new MigrateException("malformed " + file + ": " + e.getMessage(), e);
                }
                Map<String, String> flat = new LinkedHashMap<>();
                props.stringPropertyNames().stream().sorted().forEach(k -> flat.put(k, props.getProperty(k)));
                mergeDocument(file, flat, merged);
                document.setLength(0);
            } else {
                document.append(line).append('\n');
            }
        }
        return new SpringProperties(merged);
    }

    private static void mergeDocument(Path file, Map<String, String> flat, Map<String, Entry> merged) {
        boolean conditional = flat.keySet().stream().map(SpringProperties::canonical)
                .anyMatch(k -> CONDITIONS.stream().map(SpringProperties::canonical).anyMatch(c -> k.equals(c)
                        || k.startsWith(c + "[")));
        if (conditional) {
            return;
        }
        flat.forEach((key, value) -> merged.put(canonical(key), new Entry(key, value, file)));
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
        map.forEach((k, v) -> {
            String key = String.valueOf(k);
            flattenValue(prefix.isEmpty() ? key : key.startsWith("[") ? prefix + key : prefix + "." + key, v, out);
        });
    }

    private static void flattenValue(String key, Object value, Map<String, String> out) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.put(key, "");
            }
            flatten(key, map, out);
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.put(key, "");
            }
            for (int i = 0; i < list.size(); i++) {
                flattenValue(key + "[" + i + "]", list.get(i), out);
            }
        } else {
            out.put(key, value == null ? "" : String.valueOf(value));
        }
    }

    /**
     * The form Spring Boot compares keys in: per element, lower case with only letters and digits; an element in
     * brackets ({@code [hibernate.format_sql]}, {@code [0]}) is kept as written.
     */
    public static String canonical(String key) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < key.length()) {
            char c = key.charAt(i);
            if (c == '[') {
                int end = key.indexOf(']', i);
                end = end < 0 ? key.length() - 1 : end;
                out.append(key, i, end + 1);
                i = end + 1;
            } else if (c == '.') {
                if (!out.isEmpty() && out.charAt(out.length() - 1) != '.' && i + 1 < key.length()
                        && key.charAt(i + 1) != '[') {
                    out.append('.');
                }
                i++;
            } else {
                if (Character.isLetterOrDigit(c)) {
                    out.append(Character.toLowerCase(c));
                }
                i++;
            }
        }
        return out.toString();
    }

    /** The entry for a key in any relaxed form. */
    public Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(canonical(key)));
    }

    /**
     * The entries under a map-valued key such as {@code spring.jpa.properties}, by their map key as written: the rest
     * of the key after the prefix, without the brackets Spring Boot's bracket notation puts around it
     * ({@code spring.jpa.properties[hibernate.format_sql]}).
     */
    public Map<String, Entry> under(String prefix) {
        String canonicalPrefix = canonical(prefix);
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Entry e : entries.values()) {
            String rest = mapKey(e.key(), canonicalPrefix);
            if (rest != null) {
                out.put(rest, e);
            }
        }
        return out;
    }

    /** The map key of {@code key} under the canonical {@code prefix}, or null when it is not under it. */
    private static String mapKey(String key, String canonicalPrefix) {
        int elements = canonicalPrefix.split("\\.").length;
        int at = 0;
        for (int n = 0; n < elements; n++) {
            int dot = nextSeparator(key, at);
            if (dot < 0) {
                return null;
            }
            at = dot + (key.charAt(dot) == '.' ? 1 : 0);
        }
        String head = key.substring(0, at);
        if (!canonical(head).equals(canonicalPrefix)) {
            return null;
        }
        String rest = key.substring(at);
        if (rest.startsWith(".")) {
            rest = rest.substring(1);
        }
        if (rest.startsWith("[") && rest.endsWith("]") && rest.indexOf(']') == rest.length() - 1) {
            rest = rest.substring(1, rest.length() - 1);
        }
        return rest.isEmpty() ? null : rest;
    }

    /** The index of the '.' or '[' that ends the element starting at {@code from}, or -1 at the end of the key. */
    private static int nextSeparator(String key, int from) {
        for (int i = from; i < key.length(); i++) {
            char c = key.charAt(i);
            if ((c == '.' || c == '[') && i > from) {
                return i;
            }
        }
        return -1;
    }

    /** Every key as written, for placeholders that name another property. */
    List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
