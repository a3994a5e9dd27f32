package dev.jpamigrate.run;

import dev.jpamigrate.MigrateException;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import liquibase.Contexts;
import liquibase.LabelExpression;

import java.io.FileNotFoundException;
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
import java.util.Locale;
import java.util.function.Function;

/**
 * The changelogs: a master changelog (XML or YAML that jpa-migrate edits; JSON or formatted SQL that it only reads)
 * whose tree of includes Liquibase runs, the directory new migrations go to, and the resource root that paths in the
 * master resolve against, the way Spring Boot resolves them on the class path.
 */
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
    private static final String YAML_HEADER = "# The migrations, in order. jpa-migrate appends an entry here for each"
            + " file it creates.\ndatabaseChangeLog:\n";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Which changeSets apply, as Liquibase's {@code --contexts} and {@code --labels} say (a context or label
     * expression); none given means every changeSet, as in Liquibase.
     */
    public record Filter(String contexts, String labels) {
        public static final Filter ALL = new Filter(null, null);

        public Filter {
            contexts = contexts == null || contexts.isBlank() ? null : contexts.trim();
            labels = labels == null || labels.isBlank() ? null : labels.trim();
        }

        Contexts liquibaseContexts() {
            return contexts == null ? new Contexts() : new Contexts(contexts);
        }

        LabelExpression liquibaseLabels() {
            return labels == null ? new LabelExpression() : new LabelExpression(labels);
        }
    }

    /** An includeAll entry of the master: every changelog under a directory, in name order. */
    record IncludeAll(String path, boolean relativeToChangelogFile, int minDepth, int maxDepth, String endsWithFilter) {
    }

    /**
     * The master as its parser reads it: the files it includes, its includeAll entries, and where a new include
     * goes ({@code insertAt}, -1 when jpa-migrate cannot edit this format) with the text {@code entry} renders for a
     * path relative to the master.
     */
    record Master(List<String> includes, List<IncludeAll> includeAlls, int insertAt, Function<String, String> entry) {
    }

    private final Path master;
    private final Path root;
    private final Path dir;
    private final Path overlay;
    private final Filter filter;

    /** The generator's own layout: {@code dir/db.changelog-master.xml}, new files next to it. */
    public Changelogs(Path dir) {
        this(dir.resolve(MASTER), dir, Filter.ALL);
    }

    /** A master anywhere, new migrations in {@code dir}, Liquibase's paths resolved from {@link #resourceRoot}. */
    public Changelogs(Path master, Path dir, Filter filter) {
        this(master.toAbsolutePath().normalize(), resourceRoot(master), dir.toAbsolutePath().normalize(), null, filter);
    }

    private Changelogs(Path master, Path root, Path dir, Path overlay, Filter filter) {
        this.master = master;
        this.root = root;
        this.dir = dir;
        this.overlay = overlay;
        this.filter = filter;
    }

    /**
     * The directory Liquibase resolves the master's paths against. Spring Boot runs
     * {@code classpath:db/changelog/db.changelog-master.yaml}, so the changeSets of a master under
     * {@code src/main/resources} are recorded as {@code db/changelog/...}: the root is that {@code src/<set>/resources}
     * directory. Elsewhere it is the master's own directory.
     */
    public static Path resourceRoot(Path master) {
        Path abs = master.toAbsolutePath().normalize();
        for (Path d = abs.getParent(); d != null && d.getParent() != null && d.getParent().getParent() != null;
             d = d.getParent()) {
            Path src = d.getParent().getParent().getFileName();
            if (d.getFileName().toString().equals("resources") && src != null && src.toString().equals("src")) {
                return d;
            }
        }
        return abs.getParent();
    }

    /** Where new migrations go. */
    public Path dir() {
        return dir;
    }

    public Path master() {
        return master;
    }

    public Path root() {
        return root;
    }

    public Filter filter() {
        return filter;
    }

    /** The same changelogs with other contexts and labels. */
    public Changelogs filter(Filter other) {
        return new Changelogs(master, root, dir, overlay, other);
    }

    /** The master as Liquibase is given it: its path below the resource root. */
    public String masterPath() {
        return slashes(root.relativize(master));
    }

    public boolean exists() {
        return Files.isRegularFile(master) || overlay != null && Files.isRegularFile(shadow(master));
    }

    /** What Liquibase reads the changelogs through. */
    ProjectResources resources() throws FileNotFoundException {
        if (overlay == null && !Files.isDirectory(root)) {
            throw new FileNotFoundException(root.toString());
        }
        return new ProjectResources(root, overlay);
    }

    /** The file of a changelog path as Liquibase reads it (relative to the root, {@code classpath:} or not). */
    Path file(String path) {
        Path file = root.resolve(ProjectResources.strip(path)).normalize();
        return overlay != null && Files.isRegularFile(shadow(file)) ? shadow(file) : file;
    }

    /**
     * A name for a migration file that is not one jpa-migrate wrote: its path relative to the master's directory
     * (below it) or to the resource root, without the extension: {@code changes/001-init} for
     * {@code db/changelog/changes/001-init.xml} when the master is {@code db/changelog/db.changelog-master.yaml}.
     */
    public String label(String path) {
        String p = ProjectResources.strip(path);
        String masterDir = slashes(root.relativize(master.getParent()));
        if (!masterDir.isEmpty() && p.startsWith(masterDir + "/")) {
            p = p.substring(masterDir.length() + 1);
        }
        return p.replaceFirst("\\.[^./]*$", "");
    }

    /** The files the master includes directly, in order; an include inside a comment is not one. */
    public List<String> files() {
        if (!exists()) {
            return List.of();
        }
        Master parsed = parse(read());
        return parsed == null ? List.of() : parsed.includes();
    }

    /**
     * Writes a migration file and includes it from the master, creating the directory and master if needed; when an
     * includeAll of the master already covers the directory, the master is left alone. Both are written or neither:
     * each goes to a temporary name in its directory first, then the migration is renamed into place, then the master
     * atomically replaces the old one. On any failure what was written is removed and the old master is untouched.
     */
    public Path add(String fileName, String content) {
        Path file = dir.resolve(fileName);
        if (!dir.startsWith(root)) {
            throw new MigrateException("cannot write " + file + ": new migrations go to " + dir + ", which is outside "
                    + root + ", where Liquibase finds the changelogs of " + master + "; set changelogs= to a"
                    + " directory under it; nothing was written");
        }
        Path fileOut = shadow(file);
        Path masterOut = shadow(master);
        try {
            Files.createDirectories(fileOut.getParent());
            Files.createDirectories(masterOut.getParent());
        } catch (IOException e) {
            throw new MigrateException("cannot create " + fileOut.getParent() + ": " + why(e), e);
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.exists(fileOut, LinkOption.NOFOLLOW_LINKS)) {
            throw new MigrateException("cannot write " + file + ": it already exists; nothing was written");
        }
        // A rename replaces a read-only file as long as the directory is writable: honour the file's own mode.
        if (overlay == null && Files.exists(master) && !Files.isWritable(master)) {
            throw new MigrateException("cannot write " + master + ": it is read-only; nothing was written");
        }
        String old = exists() ? read() : newMaster();
        Master parsed = parse(old);
        String updated = null;
        if (!covered(parsed)) {
            if (parsed == null || parsed.insertAt() < 0) {
                throw new MigrateException("cannot include " + fileName + " from " + master + ": jpa-migrate edits XML"
                        + " and YAML masters (block style) only. Include it yourself, or add an includeAll of "
                        + dir + "; nothing was written");
            }
            String rel = slashes(master.getParent().relativize(file));
            updated = old.substring(0, parsed.insertAt()) + parsed.entry().apply(rel) + old.substring(parsed.insertAt());
        }

        List<Path> written = new ArrayList<>();
        Path target = fileOut.getParent();
        boolean done = false;
        try {
            Path fileTmp = writeTemp(fileOut, content, written);
            Path masterTmp = updated == null ? null : writeTemp(masterOut, updated, written);
            if (masterTmp != null && Files.exists(masterOut)) {
                try {
                    Files.setPosixFilePermissions(masterTmp, Files.getPosixFilePermissions(masterOut));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: the new file gets the directory's defaults
                }
            }
            target = file;
            Files.move(fileTmp, fileOut); // a plain rename; unlike ATOMIC_MOVE it refuses to replace a file
            written.set(written.indexOf(fileTmp), fileOut);
            if (masterTmp != null) {
                target = master;
                Files.move(masterTmp, masterOut, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
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

    /** A master for a project that has none yet, in the format its name says. */
    private String newMaster() {
        return switch (format()) {
            case XML -> HEADER + FOOTER;
            case YAML -> YAML_HEADER;
            default -> throw new MigrateException("no master changelog " + master + ": jpa-migrate creates XML and YAML"
                    + " masters only; create it, or name an .xml or .yaml master; nothing was written");
        };
    }

    /**
     * True when an includeAll of the master picks up a new file in {@link #dir}, so it needs no include of its own.
     * Liquibase counts depth from the includeAll's directory (1 for a file directly in it).
     */
    private boolean covered(Master parsed) {
        if (parsed == null) {
            return false;
        }
        for (IncludeAll all : parsed.includeAlls()) {
            Path base = all.relativeToChangelogFile() ? master.getParent().resolve(all.path())
                    : root.resolve(ProjectResources.strip(all.path()));
            base = base.normalize();
            if (!dir.startsWith(base)) {
                continue;
            }
            int depth = dir.getNameCount() - base.getNameCount() + 1;
            String ends = all.endsWithFilter() == null ? "" : all.endsWithFilter().trim().toLowerCase(Locale.ROOT);
            if (depth >= all.minDepth() && depth <= all.maxDepth() && ".sql".endsWith(ends)) {
                return true;
            }
        }
        return false;
    }

    private enum Format { XML, YAML, JSON, OTHER }

    private Format format() {
        String name = master.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xml")) {
            return Format.XML;
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return Format.YAML;
        }
        return name.endsWith(".json") ? Format.JSON : Format.OTHER;
    }

    /** Where this view writes {@code file}: in the overlay when there is one, else the file itself. */
    private Path shadow(Path file) {
        return overlay == null ? file : overlay.resolve(root.relativize(file));
    }

    private static String slashes(Path path) {
        return path.toString().replace(java.io.File.separatorChar, '/');
    }

    /** Writes a file under a fresh temporary name next to {@code target} and flushes it to disk. */
    private static Path writeTemp(Path target, String content, List<Path> written) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong() >>> 1)
                + ".tmp");
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
        Path file = overlay != null && Files.isRegularFile(shadow(master)) ? shadow(master) : master;
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new MigrateException("cannot read " + master + ": " + why(e), e);
        }
    }

    /** The master as its parser reads it; null for a format jpa-migrate does not read (formatted SQL). */
    private Master parse(String text) {
        return switch (format()) {
            case XML -> parseXml(text);
            case YAML, JSON -> YamlMaster.parse(master, text); // JSON is YAML in flow style: read, never edited
            case OTHER -> null;
        };
    }

    /** The master as an XML parser reads it: includes and includeAlls, and the offset of the root's end tag. */
    private Master parseXml(String text) {
        // A byte order mark is not part of the document for a parser reading characters.
        int bom = text.startsWith("\uFEFF") ? 1 : 0;
        String xml = text.substring(bom);
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        // No DTDs and no external entities: a changelog has no use for them, and they read other files.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<String> includes = new ArrayList<>();
        List<IncludeAll> includeAlls = new ArrayList<>();
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
                    } else if (depth == 2 && "includeAll".equals(r.getLocalName())) {
                        String path = r.getAttributeValue(null, "path");
                        if (path != null) {
                            includeAlls.add(new IncludeAll(path,
                                    Boolean.parseBoolean(r.getAttributeValue(null, "relativeToChangelogFile")),
                                    integer(r.getAttributeValue(null, "minDepth"), 0),
                                    integer(r.getAttributeValue(null, "maxDepth"), Integer.MAX_VALUE),
                                    r.getAttributeValue(null, "endsWithFilter")));
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
        int at = end + bom;
        return new Master(List.copyOf(includes), List.copyOf(includeAlls), at,
                rel -> "    <include file=\"" + attribute(rel) + "\" relativeToChangelogFile=\"true\"/>\n");
    }

    private static int integer(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
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

    /**
     * A view of these changelogs for trying a migration without touching them: what {@link #add} writes goes to
     * {@code overlay} (at the same path below the root), and Liquibase reads those files in place of the real ones.
     */
    public Changelogs candidate(Path overlay) {
        return new Changelogs(master, root, dir, overlay.toAbsolutePath().normalize(), filter);
    }
}
