package dev.jpamigrate.run;

import dev.jpamigrate.MigrateException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A YAML master changelog read with a YAML parser: its {@code include} and {@code includeAll} entries, and where a
 * new {@code - include:} entry goes so that everything else stays byte-identical (the end of the last entry of the
 * {@code databaseChangeLog:} list, at that list's indentation).
 */
final class YamlMaster {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]*");

    private YamlMaster() {
    }

    static Changelogs.Master parse(Path file, String text) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new MigrateException("malformed changelog " + file + (e.getProblemMark() == null ? ""
                    : " (line " + (e.getProblemMark().getLine() + 1) + ")") + ": " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new MigrateException("malformed changelog " + file + ": " + e.getMessage(), e);
        }
        Node list = root instanceof MappingNode m ? value(m, "databaseChangeLog") : null;
        if (list == null) {
            throw new MigrateException(file + " is not a Liquibase YAML changelog: it has no databaseChangeLog: key"
                    + " at the top");
        }
        String nl = text.contains("\r\n") ? "\r\n" : "\n";
        if (list instanceof ScalarNode empty && empty.getValue().isEmpty()) {
            // "databaseChangeLog:" with nothing under it yet
            int at = lineEnd(text, empty.getEndMark().getIndex());
            return new Changelogs.Master(List.of(), List.of(), at,
                    rel -> (at > 0 && text.charAt(at - 1) != '\n' ? nl : "") + "  " + entry(rel) + nl);
        }
        if (!(list instanceof SequenceNode sequence)) {
            throw new MigrateException(file + " is not a Liquibase changelog: its databaseChangeLog is not a list");
        }
        List<String> includes = new ArrayList<>();
        List<Changelogs.IncludeAll> includeAlls = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            if (!(item instanceof MappingNode entry)) {
                continue;
            }
            Node include = value(entry, "include");
            if (include instanceof MappingNode inc && scalar(inc, "file") != null) {
                includes.add(scalar(inc, "file"));
            }
            Node all = value(entry, "includeAll");
            if (all instanceof MappingNode a && scalar(a, "path") != null) {
                includeAlls.add(new Changelogs.IncludeAll(scalar(a, "path"),
                        Boolean.parseBoolean(scalar(a, "relativeToChangelogFile")),
                        integer(scalar(a, "minDepth"), 0), integer(scalar(a, "maxDepth"), Integer.MAX_VALUE),
                        scalar(a, "endsWithFilter")));
            }
        }
        if (sequence.getFlowStyle() == DumperOptions.FlowStyle.FLOW || sequence.getValue().isEmpty()) {
            // JSON, or "[...]": read, but not edited
            return new Changelogs.Master(List.copyOf(includes), List.copyOf(includeAlls), -1, rel -> "");
        }
        Node first = sequence.getValue().get(0);
        Node last = sequence.getValue().get(sequence.getValue().size() - 1);
        String indent = dashIndent(text, first.getStartMark().getIndex());
        int at = lineEnd(text, contentEnd(last));
        return new Changelogs.Master(List.copyOf(includes), List.copyOf(includeAlls), at,
                rel -> (at > 0 && text.charAt(at - 1) != '\n' ? nl : "") + indent + entry(rel) + nl);
    }

    private static String entry(String rel) {
        return "- include: {file: " + scalar(rel) + ", relativeToChangelogFile: true}";
    }

    /** A plain scalar where YAML reads it back unchanged, else a double-quoted one. */
    private static String scalar(String value) {
        if (PLAIN.matcher(value).matches()) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    private static Node value(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private static String scalar(MappingNode map, String key) {
        return value(map, key) instanceof ScalarNode s ? s.getValue() : null;
    }

    private static int integer(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * Where the text of a node ends: the end of its last scalar. The parser's own end mark of a block node lies past
     * the comments and blank lines that follow it.
     */
    private static int contentEnd(Node node) {
        int end = node.getStartMark().getIndex();
        if (node instanceof ScalarNode) {
            return node.getEndMark().getIndex();
        }
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                end = Math.max(end, Math.max(contentEnd(t.getKeyNode()), contentEnd(t.getValueNode())));
            }
        } else if (node instanceof SequenceNode s) {
            for (Node n : s.getValue()) {
                end = Math.max(end, contentEnd(n));
            }
        }
        if (node instanceof MappingNode m && m.getFlowStyle() == DumperOptions.FlowStyle.FLOW
                || node instanceof SequenceNode q && q.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            end = Math.max(end, node.getEndMark().getIndex()); // the closing bracket
        }
        return end;
    }

    /**
     * The offset just past the line break that ends the line where the text before {@code index} ends, or the text's
     * end. A block scalar ({@code |}) ends past the blank lines after it: those stay after the new entry.
     */
    private static int lineEnd(String text, int index) {
        int i = Math.min(index, text.length());
        while (i > 0 && Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        int nl = text.indexOf('\n', i);
        return nl < 0 ? text.length() : nl + 1;
    }

    /** The text before the dash of the list item that starts at {@code itemStart}: the list's indentation. */
    private static String dashIndent(String text, int itemStart) {
        int dash = text.lastIndexOf('-', itemStart);
        int lineStart = text.lastIndexOf('\n', dash) + 1;
        String before = text.substring(lineStart, Math.max(lineStart, dash));
        return before.isBlank() ? before : " ".repeat(before.length());
    }
}
