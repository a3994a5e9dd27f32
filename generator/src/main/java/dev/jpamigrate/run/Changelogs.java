package dev.jpamigrate.run;

import dev.jpamigrate.MigrateException;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The changelog directory: a master changelog that includes one file per migration, in order. */
public final class Changelogs {
    public static final String MASTER = "db.changelog-master.xml";
    private static final String HEADER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- The migrations, in order. jpa-migrate appends a line here for each file it creates. -->
            <databaseChangeLog
                    xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
            """;
    private static final String FOOTER = "</databaseChangeLog>\n";

    private final Path dir;

    public Changelogs(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path master() {
        return dir.resolve(MASTER);
    }

    public boolean exists() {
        return Files.isRegularFile(master());
    }

    /** The migration files the master includes, in order; an include inside a comment is not one. */
    public List<String> files() {
        if (!exists()) {
            return List.of();
        }
        return parse(read()).includes();
    }

    /** Writes a migration file and appends it to the master, creating the directory and master if needed. */
    public Path add(String fileName, String content) {
        try {
            Files.createDirectories(dir);
            String master = exists() ? read() : HEADER + FOOTER;
            int end = parse(master).end();
            Path file = dir.resolve(fileName);
            Files.writeString(file, content);
            String include = "    <include file=\"" + attribute(fileName) + "\" relativeToChangelogFile=\"true\"/>\n";
            Files.writeString(master(), master.substring(0, end) + include + master.substring(end));
            return file;
        } catch (IOException e) {
            throw new MigrateException("cannot write to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String why(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }

    private String read() {
        try {
            return Files.readString(master());
        } catch (IOException e) {
            throw new MigrateException("cannot read " + master() + ": " + why(e), e);
        }
    }

    /** The master as an XML parser reads it: the included files, and the offset of the root's end tag. */
    private record Master(List<String> includes, int end) {
    }

    private Master parse(String text) {
        // A byte order mark is not part of the document for a parser reading characters.
        int bom = text.startsWith("\uFEFF") ? 1 : 0;
        String xml = text.substring(bom);
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        // No DTDs and no external entities: a changelog has no use for them, and they read other files.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<String> includes = new ArrayList<>();
        String root = null;
        int rootStart = -1;
        int rootEnd = -1;
        try {
            XMLStreamReader r = factory.createXMLStreamReader(new StringReader(xml));
            int depth = 0;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth == 1) {
                        if (!"databaseChangeLog".equals(r.getLocalName())) {
                            throw new MigrateException(master() + " is not a Liquibase XML changelog: its root is <"
                                    + qualified(r) + ">, not <databaseChangeLog>");
                        }
                        root = qualified(r);
                        rootStart = index(xml, r.getLocation());
                    } else if (depth == 2 && "include".equals(r.getLocalName())) {
                        String file = r.getAttributeValue(null, "file");
                        if (file != null) {
                            includes.add(file);
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (depth == 1) {
                        rootEnd = index(xml, r.getLocation());
                    }
                    depth--;
                }
            }
            r.close();
        } catch (XMLStreamException e) {
            throw new MigrateException("malformed changelog " + master() + parseError(e), e);
        }
        if (root == null) {
            throw new MigrateException(master() + " is not a Liquibase XML changelog: no <databaseChangeLog>");
        }
        // The parser reports where the end tag ends (at or just past its '>'); the tag starts at the '<' before.
        int end = xml.lastIndexOf("</", Math.max(0, rootEnd - 1));
        if (end < rootStart || !xml.startsWith("</" + root, end)) {
            throw new MigrateException(master() + " has no </" + root + "> end tag to add an include before: write the"
                    + " root as <" + root + " ...></" + root + ">");
        }
        return new Master(List.copyOf(includes), end + bom);
    }

    private static String qualified(XMLStreamReader r) {
        String prefix = r.getPrefix();
        return prefix == null || prefix.isEmpty() ? r.getLocalName() : prefix + ":" + r.getLocalName();
    }

    /** A parser location (1-based line and column, any of \n, \r\n, \r ending a line) as an offset in the text. */
    private static int index(String text, Location at) {
        int i = 0;
        for (int line = 1; line < at.getLineNumber() && i < text.length(); line++) {
            while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                i++;
            }
            if (i + 1 < text.length() && text.charAt(i) == '\r' && text.charAt(i + 1) == '\n') {
                i++;
            }
            i++;
        }
        return Math.min(text.length(), i + Math.max(0, at.getColumnNumber() - 1));
    }

    /** " (line 3): the reason", from the parser's "ParseError at [row,col]:[3,7]\nMessage: the reason". */
    private static String parseError(XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        int at = message.indexOf("Message: ");
        String reason = (at >= 0 ? message.substring(at + "Message: ".length()) : message).strip();
        Location location = e.getLocation();
        return (location != null && location.getLineNumber() > 0 ? " (line " + location.getLineNumber() + ")" : "")
                + ": " + reason;
    }

    /** A copy of this directory in a temporary place, for trying a migration without touching the real one. */
    public Changelogs copyTo(Path target) {
        try {
            Files.createDirectories(target);
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        if (Files.isRegularFile(f)) {
                            Files.copy(f, target.resolve(f.getFileName()));
                        }
                    }
                }
            }
            return new Changelogs(target);
        } catch (IOException e) {
            throw new MigrateException("cannot copy " + dir + ": " + e.getMessage(), e);
        }
    }
}
