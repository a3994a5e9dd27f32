package dev.jpamigrate.drift;

import dev.jpamigrate.Program;
import dev.jpamigrate.Text;
import dev.jpamigrate.integrity.Integrity;
import dev.jpamigrate.integrity.Problem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The include-order rule on its own: a pure function of the master's include list. */
class IncludeOrderTest {

    @Test
    void migrationsInCreationOrderAreFine() {
        assertThat(Integrity.includeOrder(List.of("20261101_0900-aaaaaa_init.sql", "20261102_0900-bbbbbb_next.sql",
                "sub/20261102_0900-cccccc_same_minute.sql"))).isEmpty();
    }

    @Test
    void anOlderFileAfterANewerOneIsReportedWithBothNames() {
        List<Problem> problems = Integrity.includeOrder(List.of("20261101_0900-aaaaaa_init.sql",
                "20261103_1000-cccccc_bob.sql", "20261102_1500-bbbbbb_alice.sql", "20261104_0800-dddddd_later.sql"));

        assertThat(problems).hasSize(1);
        Problem p = problems.get(0);
        assertThat(p.kind()).isEqualTo(Problem.Kind.OUT_OF_ORDER);
        assertThat(p.files()).containsExactly("20261102_1500-bbbbbb_alice.sql", "20261103_1000-cccccc_bob.sql");
        assertThat(Program.words(p.message())).contains("(created 2026-11-02 15:00 UTC) is included after 20261103_1000-cccccc_bob.sql");
        assertThat(p.fix().parts()).as("the fix names the command as data").contains(Text.command("create", "\"<message>\""));
    }

    @Test
    void filesNotNamedByTheGeneratorAreLeftAlone() {
        assertThat(Integrity.includeOrder(List.of("20261103_1000-cccccc_bob.sql", "legacy/baseline.sql",
                "V1__init.sql"))).isEmpty();
    }
}
