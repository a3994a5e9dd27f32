package dev.jpamigrate.render;

import dev.jpamigrate.change.Change.AlterColumn;
import dev.jpamigrate.schema.Column;
import dev.jpamigrate.schema.QualifiedName;
import dev.jpamigrate.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** timestamp to timestamptz and back gives the same values whatever the TimeZone of the session that runs it. */
class TimeZoneConversionTest {

    @Test
    void theConversionDoesNotDependOnTheSessionTimeZone() throws Exception {
        Column local = new Column("at", "timestamp(6) without time zone", "D", false, null, null, null, null);
        AlterColumn toZoned = new AlterColumn(new QualifiedName("public", "events"), local,
                local.withType("timestamp(6) with time zone", "D"));
        try (TestPostgres.Db db = TestPostgres.create()) {
            db.execute("CREATE TABLE public.events (at timestamp(6) without time zone)",
                    "INSERT INTO public.events VALUES ('2026-01-01 12:00:00')");
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("SET TimeZone = 'America/New_York'");
                for (String sql : SqlRenderer.render(toZoned)) {
                    st.execute(sql);
                }
                assertThat(one(st, "select to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') from public.events"))
                        .as("the wall-clock value read as UTC, not as the session's zone").isEqualTo("2026-01-01 12:00");
                st.execute("SET TimeZone = 'Asia/Tokyo'");
                for (String sql : SqlRenderer.render(toZoned.inverse())) {
                    st.execute(sql);
                }
                assertThat(one(st, "select to_char(at, 'YYYY-MM-DD HH24:MI') from public.events"))
                        .as("and back, exactly").isEqualTo("2026-01-01 12:00");
            }
        }
    }

    @Test
    void theValuesAreReadInTheConfiguredZone() throws Exception {
        Column local = new Column("at", "timestamp(6) without time zone", "D", false, null, null, null, null);
        AlterColumn toZoned = new AlterColumn(new QualifiedName("public", "events"), local,
                local.withType("timestamp(6) with time zone", "D"));
        RenderOptions paris = RenderOptions.forZone("Europe/Paris");
        assertThat(SqlRenderer.render(toZoned, paris)).containsExactly("ALTER TABLE public.events ALTER COLUMN at"
                + " TYPE timestamp(6) with time zone USING at AT TIME ZONE 'Europe/Paris'");
        try (TestPostgres.Db db = TestPostgres.create()) {
            db.execute("CREATE TABLE public.events (at timestamp(6) without time zone)",
                    "INSERT INTO public.events VALUES ('2026-01-01 12:00:00')");
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                for (String sql : SqlRenderer.render(toZoned, paris)) {
                    st.execute(sql);
                }
                assertThat(one(st, "select to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') from public.events"))
                        .as("noon in Paris in winter is 11:00 UTC").isEqualTo("2026-01-01 11:00");
                for (String sql : SqlRenderer.render(toZoned.inverse(), paris)) {
                    st.execute(sql);
                }
                assertThat(one(st, "select to_char(at, 'YYYY-MM-DD HH24:MI') from public.events"))
                        .as("and back, exactly").isEqualTo("2026-01-01 12:00");
            }
        }
    }

    /** date to timestamptz is the same reinterpretation: midnight of the day, in the zone, either way. */
    @Test
    void aDateBecomesMidnightInTheZoneAndBack() throws Exception {
        Column day = new Column("on_day", "date", "D", false, null, null, null, null);
        AlterColumn toZoned = new AlterColumn(new QualifiedName("public", "events"), day,
                day.withType("timestamp(6) with time zone", "D"));
        RenderOptions paris = RenderOptions.forZone("Europe/Paris");
        try (TestPostgres.Db db = TestPostgres.create()) {
            db.execute("CREATE TABLE public.events (on_day date)", "INSERT INTO public.events VALUES ('2026-01-01')");
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("SET TimeZone = 'Asia/Tokyo'");
                for (String sql : SqlRenderer.render(toZoned, paris)) {
                    st.execute(sql);
                }
                assertThat(one(st, "select to_char(on_day AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') from public.events"))
                        .as("midnight in Paris, not in the session's Tokyo").isEqualTo("2025-12-31 23:00");
                st.execute("SET TimeZone = 'America/New_York'");
                for (String sql : SqlRenderer.render(toZoned.inverse(), paris)) {
                    st.execute(sql);
                }
                assertThat(one(st, "select on_day::text from public.events")).as("and back, the same day")
                        .isEqualTo("2026-01-01");
            }
        }
    }

    @Test
    void aZoneMeansToPostgresqlWhatItMeansToJava() {
        assertThat(RenderOptions.forZone("Europe/Paris").timeZone()).isEqualTo("Europe/Paris");
        assertThat(RenderOptions.forZone("Etc/GMT-2").timeZone()).as("a tz database name means the same to both")
                .isEqualTo("Etc/GMT-2");
        assertThat(RenderOptions.forZone("GMT").timeZone()).isEqualTo("GMT");
        assertThat(List.of("UTC", "Z", "+00:00", "UTC+0")).allSatisfy(z ->
                assertThat(RenderOptions.forZone(z)).as(z).isEqualTo(RenderOptions.DEFAULT));
        assertThat(List.of("+02:00", "GMT+2", "UTC-05:00")).allSatisfy(z ->
                assertThatThrownBy(() -> RenderOptions.forZone(z)).as(z)
                        .hasMessageContaining("PostgreSQL reads with the opposite (POSIX) sign"));
        assertThatThrownBy(() -> RenderOptions.forZone("Mars/Olympus")).hasMessageStartingWith("not a time zone");
    }

    private static String one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
