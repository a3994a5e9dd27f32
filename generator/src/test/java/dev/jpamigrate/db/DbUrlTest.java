package dev.jpamigrate.db;

import dev.jpamigrate.MigrateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each URL form is read completely or refused with one line; no secret reaches a printed text or the JDBC URL. */
class DbUrlTest {
    private static final String SECRET = "S3cret";
    private static final String OS_USER = "osuser";

    private static DbUrl parse(String url) {
        return DbUrl.parse(url, Map.of(), OS_USER);
    }

    /** url, toString (user, hosts, database), jdbcUrl (hosts, database, parameters), secrets. */
    static Stream<Arguments> accepted() {
        return Stream.of(
                arguments("postgresql://app:" + SECRET + "@db.prod.example:5433/app",
                        "postgresql://app@db.prod.example:5433/app", "jdbc:postgresql://db.prod.example:5433/app",
                        Map.of("password", SECRET)),
                arguments("postgresql://app@pg_primary/app", // Docker service names; java.net.URI refuses them
                        "postgresql://app@pg_primary:5432/app", "jdbc:postgresql://pg_primary:5432/app", Map.of()),
                arguments("postgresql://app:p@ss:w@" + SECRET + "@db:5432/app", // the last '@' ends the userinfo
                        "postgresql://app@db:5432/app", "jdbc:postgresql://db:5432/app",
                        Map.of("password", "p@ss:w@" + SECRET)),
                arguments("postgresql://app:p%40ss%2Fw%3F%25+" + SECRET + "@db/app", // libpq: '+' is a plus
                        "postgresql://app@db:5432/app", "jdbc:postgresql://db:5432/app",
                        Map.of("password", "p@ss/w?%+" + SECRET)),
                arguments("postgresql://app@[::1]/app",
                        "postgresql://app@[::1]:5432/app", "jdbc:postgresql://[::1]:5432/app", Map.of()),
                arguments("postgresql://app@[2001:db8::5]:5433/app",
                        "postgresql://app@[2001:db8::5]:5433/app", "jdbc:postgresql://[2001:db8::5]:5433/app", Map.of()),
                arguments("postgresql://app@h1:5432,h2:5433/app?targetServerType=primary",
                        "postgresql://app@h1:5432,h2:5433/app",
                        "jdbc:postgresql://h1:5432,h2:5433/app?targetServerType=primary", Map.of()),
                arguments("postgresql://app@h1,[::1]:5433/app",
                        "postgresql://app@h1:5432,[::1]:5433/app", "jdbc:postgresql://h1:5432,[::1]:5433/app", Map.of()),
                arguments("postgresql://app@db/app?host=h1,h2&port=5433", // libpq: one port for every host
                        "postgresql://app@h1:5433,h2:5433/app", "jdbc:postgresql://h1:5433,h2:5433/app", Map.of()),
                arguments("postgres://db/app?user=app&password=" + SECRET,
                        "postgresql://app@db:5432/app", "jdbc:postgresql://db:5432/app", Map.of("password", SECRET)),
                arguments("jdbc:postgresql://db:5433/app?user=app&password=" + SECRET + "&sslmode=require&ApplicationName=ci",
                        "postgresql://app@db:5433/app", "jdbc:postgresql://db:5433/app?sslmode=require&ApplicationName=ci",
                        Map.of("password", SECRET)),
                arguments("jdbc:postgresql://db/app?user=app&sslpassword=" + SECRET + "&sslkey=/home/app/k.pk8&SSLFactoryArg=" + SECRET,
                        "postgresql://app@db:5432/app", "jdbc:postgresql://db:5432/app?sslkey=/home/app/k.pk8",
                        Map.of("sslpassword", SECRET, "sslfactoryarg", SECRET)),
                arguments("jdbc:postgresql://db/app?user=app&password=a+" + SECRET, // pgjdbc: '+' is a space
                        "postgresql://app@db:5432/app", "jdbc:postgresql://db:5432/app", Map.of("password", "a " + SECRET)),
                arguments("jdbc:postgresql://srv.postgres.database.azure.com/app?user=app@srv&password=" + SECRET,
                        "postgresql://app%40srv@srv.postgres.database.azure.com:5432/app",
                        "jdbc:postgresql://srv.postgres.database.azure.com:5432/app", Map.of("password", SECRET)),
                arguments("postgresql://app@db:5433/app?host=other&dbname=real&user=owner", // the query wins, as in libpq
                        "postgresql://owner@other:5433/real", "jdbc:postgresql://other:5433/real", Map.of()),
                arguments("jdbc:postgresql://db/app?PGHOST=other&Port=5999&DBNAME=real", // pgjdbc reads these too
                        "postgresql://osuser@other:5999/real", "jdbc:postgresql://other:5999/real", Map.of()),
                arguments("postgresql:///app", // no host: the local server
                        "postgresql://osuser@localhost:5432/app", "jdbc:postgresql://localhost:5432/app", Map.of()),
                arguments("postgresql://:" + SECRET + "@:5433/app",
                        "postgresql://osuser@localhost:5433/app", "jdbc:postgresql://localhost:5433/app",
                        Map.of("password", SECRET)),
                arguments("jdbc:postgresql:app", // pgjdbc's short form
                        "postgresql://osuser@localhost:5432/app", "jdbc:postgresql://localhost:5432/app", Map.of()),
                arguments("postgresql://app:@db/my%20db?options=-c%20search_path%3Dx", // an empty password is none
                        "postgresql://app@db:5432/my%20db", "jdbc:postgresql://db:5432/my%20db?options=-c%20search_path%3Dx",
                        Map.of()),
                arguments("  postgresql://app@db/app\n",
                        "postgresql://app@db:5432/app", "jdbc:postgresql://db:5432/app", Map.of()));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void readsEveryPart(String url, String display, String jdbcUrl, Map<String, String> secrets) {
        DbUrl parsed = parse(url);
        assertThat(parsed.toString()).as("where the run goes").isEqualTo(display);
        assertThat(parsed.jdbcUrl()).as("what pgjdbc and Liquibase see").isEqualTo(jdbcUrl);
        assertThat(parsed.secrets()).as("passed as connection properties").isEqualTo(secrets);
        assertThat(parsed.jdbcUrl()).as("no secret parameter name").doesNotContainIgnoringCase("password")
                .doesNotContainIgnoringCase("sslfactoryarg");
        for (String secret : secrets.values()) {
            assertThat(parsed.toString() + " " + parsed.jdbcUrl()).doesNotContain(secret);
        }
    }

    @Test
    void partsOfOneUrl() {
        DbUrl url = parse("postgresql://app:" + SECRET + "@h1:5433,[::1]/app?sslmode=require");
        assertThat(url.hosts()).containsExactly(new DbUrl.Address("h1", 5433), new DbUrl.Address("::1", 5432));
        assertThat(url.host()).isEqualTo("h1");
        assertThat(url.port()).isEqualTo(5433);
        assertThat(url.hostAndPort()).isEqualTo("h1:5433,[::1]:5432");
        assertThat(url.database()).isEqualTo("app");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo(SECRET);
        assertThat(url.params()).isEqualTo(Map.of("sslmode", "require"));
        assertThat(url.withDatabase("other").jdbcUrl()).isEqualTo("jdbc:postgresql://h1:5433,[::1]:5432/other?sslmode=require");
    }

    @Test
    void anOmittedUserIsPguserThenTheOsUserNeverPostgres() {
        assertThat(DbUrl.parse("postgresql://db/app", Map.of("PGUSER", "fromenv"), OS_USER).user()).isEqualTo("fromenv");
        assertThat(DbUrl.parse("postgresql://db/app", Map.of("PGUSER", " "), OS_USER).user()).isEqualTo(OS_USER);
        assertThat(DbUrl.parse("postgresql://given@db/app", Map.of("PGUSER", "fromenv"), OS_USER).user()).isEqualTo("given");
        assertThat(DbUrl.parse("postgresql://db/app", Map.of(), "alice").user()).isEqualTo("alice");
        assertThatThrownBy(() -> DbUrl.parse("postgresql://db/app", Map.of(), null)).isInstanceOf(MigrateException.class)
                .hasMessage("the database URL names no user and PGUSER is not set: add one, e.g. postgresql://app@db:5432/app");
    }

    private static final String NO_DATABASE = "the database URL names no database: add /<name>, e.g. postgresql://app@db:5432/app";
    private static final String AMBIGUOUS = "the database URL has an '@' after its host part: percent-encode '/', '?'"
            + " and '@' in the user name and password (%2F, %3F, %40)";
    private static final String NOT_POSTGRES = "'. Use postgresql://user:password@host:5432/db"
            + " or jdbc:postgresql://host:5432/db?user=..&password=..";

    /** url, the exact one-line message. */
    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("postgresql://app:" + SECRET + "@db.prod.example:54x3/app",
                        "invalid port '54x3' in database URL postgresql://app:***@db.prod.example:54x3/app"),
                arguments("postgresql://app:" + SECRET + "@db:65536/app",
                        "invalid port '65536' in database URL postgresql://app:***@db:65536/app"),
                arguments("jdbc:postgresql://db:0/app?user=app&password=" + SECRET,
                        "invalid port '0' in database URL jdbc:postgresql://db:0/app?user=app&password=***"),
                arguments("postgresql://app@db/app?host=a,b,c&port=1,2",
                        "2 ports for 3 hosts in database URL postgresql://app@db/app?host=a,b,c&port=1,2:"
                                + " give one port for all hosts, or one per host"),
                arguments("postgresql://app:" + SECRET + "@/app?host=/var/run/postgresql",
                        "unsupported host '/var/run/postgresql' in database URL postgresql://app:***@/app?host=/var/run/postgresql:"
                                + " a Unix-domain socket needs extra jars with pgjdbc; connect over TCP, e.g. host=127.0.0.1"),
                arguments("postgresql://%2Fvar%2Frun%2Fpostgresql/app",
                        "unsupported host '/var/run/postgresql' in database URL postgresql://%2Fvar%2Frun%2Fpostgresql/app:"
                                + " a Unix-domain socket needs extra jars with pgjdbc; connect over TCP, e.g. host=127.0.0.1"),
                arguments("postgresql://app:" + SECRET + "@db:5432", NO_DATABASE),
                arguments("postgresql://app:" + SECRET + "@db:5432/", NO_DATABASE),
                arguments("jdbc:postgresql://db:5432/?user=app&password=" + SECRET, NO_DATABASE),
                arguments("postgresql://app@db/?dbname=", NO_DATABASE),
                arguments("", "the database URL is empty: expected e.g. postgresql://app@db:5432/app"),
                arguments("   ", "the database URL is empty: expected e.g. postgresql://app@db:5432/app"),
                arguments("mysql://app:" + SECRET + "@localhost/app", "not a PostgreSQL URL: 'mysql://app:***@localhost/app" + NOT_POSTGRES),
                arguments("hello", "not a PostgreSQL URL: 'hello" + NOT_POSTGRES),
                arguments("postgresql//db/app", "not a PostgreSQL URL: 'postgresql//db/app" + NOT_POSTGRES),
                arguments("jdbc:postgres://db/app", "not a PostgreSQL URL: 'jdbc:postgres://db/app" + NOT_POSTGRES),
                arguments("postgresql://app:" + SECRET + "/x@db/app", AMBIGUOUS), // unencoded '/' in the password
                arguments("postgresql://app:" + SECRET + "/x@db", AMBIGUOUS),
                arguments("postgresql://app:" + SECRET + "?x=y@db/app", AMBIGUOUS), // its start would be the port
                arguments("postgresql://app:" + SECRET + "?x@db/app", "a query parameter of database URL"
                        + " postgresql://app:***@db/app is not name=value: join name=value pairs with &,"
                        + " and percent-encode '?' in a password as %3F"),
                arguments("postgresql://app:" + SECRET + " x@db/app", "the database URL contains a space or control"
                        + " character: percent-encode it (a space is %20)"),
                arguments("postgresql://app:S3%ZZcret@db/app", "invalid percent-encoding in the password of database URL"
                        + " postgresql://app:***@db/app: write %XX with two hex digits (% itself is %25)"),
                arguments("postgresql://app:%C3%28" + SECRET + "@db/app", "invalid percent-encoding in the password of"
                        + " database URL postgresql://app:***@db/app: write %XX with two hex digits (% itself is %25)"),
                arguments("postgresql://::1/app", "invalid host '::1' in database URL postgresql://::1/app:"
                        + " write an IPv6 address in brackets, e.g. [::1]:5432"),
                arguments("postgresql://[::1/app", "invalid host '[::1' in database URL postgresql://[::1/app:"
                        + " write an IPv6 address as [::1] or [::1]:5432"),
                arguments("postgresql://[::1]5433/app", "invalid host '[::1]5433' in database URL postgresql://[::1]5433/app:"
                        + " write an IPv6 address as [::1] or [::1]:5432"),
                arguments("postgresql://[db]/app", "invalid IPv6 address 'db' in database URL postgresql://[db]/app"),
                arguments("postgresql://app@db!x/app", "invalid host 'db!x' in database URL postgresql://app@db!x/app"),
                arguments("postgresql://app@db/a/b", "invalid database name 'a/b' in database URL postgresql://app@db/a/b:"
                        + " percent-encode a '/' in it as %2F"),
                arguments("postgresql://app@db/app?service=prod", "parameter 'service' in database URL"
                        + " postgresql://app@db/app?service=prod is not supported: write the host, port and database in the URL"),
                arguments("postgresql://app@db/app?hostaddr=10.0.0.5", "parameter 'hostaddr' in database URL"
                        + " postgresql://app@db/app?hostaddr=10.0.0.5 is not supported (pgjdbc ignores it):"
                        + " put the address in the host part or host="),
                arguments("postgresql://app@db/app?sslmode", "a query parameter of database URL postgresql://app@db/app?sslmode"
                        + " is not name=value: join name=value pairs with &, and percent-encode '?' in a password as %3F"),
                arguments("postgresql://app@db/app?a%20b=1", "invalid parameter name 'a b' in database URL"
                        + " postgresql://app@db/app?a%20b=1"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusesWithOneLine(String url, String message) {
        assertThatThrownBy(() -> parse(url)).isInstanceOf(MigrateException.class)
                .satisfies(e -> assertThat(((MigrateException) e).kind()).isEqualTo(MigrateException.Kind.FAILED))
                .hasMessage(message)
                .satisfies(e -> assertThat(e.getMessage()).as("one line, no password").doesNotContain("\n", SECRET));
    }

    /** text, masked. */
    static Stream<Arguments> masked() {
        return Stream.of(
                arguments("jdbc:postgresql://db/app?user=a&password=" + SECRET + "&sslpassword=" + SECRET + "&sslmode=require",
                        "jdbc:postgresql://db/app?user=a&password=***&sslpassword=***&sslmode=require"),
                arguments("key: sslpassword=" + SECRET + "; SSLFACTORYARG=" + SECRET, "key: sslpassword=***; SSLFACTORYARG=***"),
                arguments("cannot connect to postgresql://app:p@ss:" + SECRET + "@db/app (refused)",
                        "cannot connect to postgresql://app:***@db/app (refused)"),
                arguments("url postgresql://:" + SECRET + "@db/app", "url postgresql://:***@db/app"),
                arguments("Upgrading postgresql://app@db:5433/app and jdbc:postgresql://[::1]:5432/app?x=1",
                        "Upgrading postgresql://app@db:5433/app and jdbc:postgresql://[::1]:5432/app?x=1"));
    }

    @ParameterizedTest
    @MethodSource("masked")
    void masksPasswordsInFreeText(String text, String expected) {
        assertThat(DbUrl.mask(text)).isEqualTo(expected);
    }

    @Test
    void aSecretCannotBeAPrintedParameter() {
        assertThatThrownBy(() -> new DbUrl(List.of(new DbUrl.Address("db", 5432)), "app", "app",
                Map.of("SSLPassword", SECRET), Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
