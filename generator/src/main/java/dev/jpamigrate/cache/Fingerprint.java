package dev.jpamigrate.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A SHA-256 over everything a cached result depends on: texts, and files by path and content. Every input goes in
 * with its length, so two different sequences of inputs never hash alike.
 */
public final class Fingerprint {
    private final MessageDigest digest;

    private Fingerprint(String kind) {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        text(kind);
    }

    /** A fingerprint for one kind of result, keyed from the start by the tool's own build. */
    public static Fingerprint of(String kind) {
        return new Fingerprint(kind).text(toolBuild());
    }

    public Fingerprint text(String value) {
        byte[] bytes = String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        number(bytes.length);
        digest.update(bytes);
        return this;
    }

    public Fingerprint texts(List<String> values) {
        number(values.size());
        values.forEach(this::text);
        return this;
    }

    /** A file, or every file under a directory (sorted by path), by relative path and content; absent is hashed too. */
    public Fingerprint tree(Path root) {
        return tree(root, file -> true);
    }

    /** As {@link #tree(Path)}, with only the files {@code include} accepts. */
    public Fingerprint tree(Path root, java.util.function.Predicate<Path> include) {
        text(root.toAbsolutePath().normalize().toString());
        if (Files.isRegularFile(root)) {
            return content(root);
        }
        if (!Files.isDirectory(root)) {
            return text("<absent>");
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile).filter(include).sorted()::iterator) {
                text(root.relativize(file).toString());
                content(file);
            }
        } catch (IOException | UncheckedIOException e) {
            text("<unreadable " + e.getMessage() + ">");
        }
        return this;
    }

    private Fingerprint content(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                size += n;
            }
            number(size);
        } catch (IOException e) {
            text("<unreadable " + e.getMessage() + ">");
        }
        return this;
    }

    private void number(long n) {
        for (int i = 0; i < 8; i++) {
            digest.update((byte) (n >>> (8 * i)));
        }
    }

    public String hex() {
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    private static volatile String build;

    /**
     * The tool's own code: a result cached by one build is never read by another. From the jar the tool runs from
     * (its size and date), or, when it runs from a class directory (tests, an IDE), from that directory's contents.
     */
    static String toolBuild() {
        String known = build;
        if (known != null) {
            return known;
        }
        String identity;
        try {
            Path code = Path.of(Fingerprint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(code)) {
                identity = code.getFileName() + "|" + Files.size(code) + "|" + Files.getLastModifiedTime(code).toMillis();
            } else {
                Fingerprint classes = new Fingerprint("tool classes");
                classes.tree(code);
                identity = classes.hex();
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            identity = "unknown build " + System.nanoTime(); // never matches: no cache rather than a wrong one
        }
        build = identity;
        return identity;
    }
}
