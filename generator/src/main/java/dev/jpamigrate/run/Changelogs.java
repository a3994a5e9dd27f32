package dev.jpamigrate.run;

import dev.jpamigrate.MigrateException;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
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
    private static final SecureRandom RANDOM = new SecureRandom();

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

    /**
     * Writes a migration file and appends it to the master, creating the directory and master if needed. Both are
     * written or neither: each goes to a temporary name in the directory first, then the migration is renamed into
     * place, then the master atomically replaces the old one. On any failure what was written is removed and the
     * old master is untouched.
     */
    public Path add(String fileName, String content) {
        Path file = dir.resolve(fileName);
        Path master = master();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MigrateException("cannot create " + dir + ": " + why(e), e);
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new MigrateException("cannot write " + file + ": it already exists; nothing was written");
        }
        // A rename replaces a read-only file as long as the directory is writable: honour the file's own mode.
        if (Files.exists(master) && !Files.isWritable(master)) {
            throw new MigrateException("cannot write " + master + ": it is read-only; nothing was written");
        }
        String old = exists() ? read() : HEADER + FOOTER;
        int end = parse(old).end();
        String updated = old.substring(0, end) + "    <include file=\"" + attribute(fileName)
                + "\" relativeToChangelogFile=\"true\"/>\n" + old.substring(end);

        List<Path> written = new ArrayList<>();
        Path target = dir;
        boolean done = false;
        try {
            Path fileTmp = writeTemp(fileName, content, written);
            Path masterTmp = writeTemp(MASTER, updated, written);
            if (Files.exists(master)) {
                try {
                    Files.setPosixFilePermissions(masterTmp, Files.getPosixFilePermissions(master));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: the new file gets the directory's defaults
                }
            }
            target = file;
            Files.move(fileTmp, file); // a plain rename; unlike ATOMIC_MOVE it refuses to replace a file
            written.set(written.indexOf(fileTmp), file);
            target = master;
            Files.move(masterTmp, master, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
            return file;
        } catch (IOException e) {
            throw new MigrateException("cannot write " + target + ": " + why(e) + undo(written), e);
        } finally {
            if (!done) {
                undo(written);
            }
        }
    }

    /** Writes a file under a fresh temporary name in this directory and flushes it to disk. */
    private Path writeTemp(String name, String content, List<Path> written) throws IOException {
        Path tmp = dir.resolve("." + name + "." + Long.toHexString(RANDOM.nextLong() >>> 1) + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            written.add(tmp);
            ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        return tmp;
    }

    /** Deletes what was written; says what could not be, or that nothing is left. Safe to call twice. */
    private static String undo(List<Path> written) {
        List<String> left = new ArrayList<>();
        for (Path p : written) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                left.add(p.toString());
            }
        }
        return left.isEmpty() ? "; nothing was written" : "; could not remove " + String.join(", ", left);
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
                            Path copy = Files.copy(f, target.resolve(f.getFileName()));
                            if (!Files.isWritable(copy)) {
                                // the copy keeps a read-only mode, but it is ours to write: the real master's
                                // mode is what add() refuses on
                                copy.toFile().setWritable(true, true);
                            }
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
