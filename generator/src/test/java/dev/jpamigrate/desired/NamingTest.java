package dev.jpamigrate.desired;

import dev.jpamigrate.testing.RoundTrip;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Hibernate's default naming and Spring Boot's, applied by --naming, both round-trip. */
class NamingTest {
    private static final String BEFORE = """
            @Entity
            class TeamMember {
                @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                String displayName;
            }
            """;
    private static final String AFTER = BEFORE + """
            @Entity
            class WorkGroup {
                @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                String groupName;
                @ManyToMany Set<TeamMember> teamMembers;
            }
            """;

    @Test
    void springBootNamingIsSnakeCaseWithOwnerNamedJoinTables() {
        RoundTrip.Outcome outcome = RoundTrip.edit(BEFORE, AFTER).withArgs("--naming", "spring").run();
        assertThat(outcome.dumpBefore()).contains("CREATE TABLE public.team_member (").contains("display_name character varying(255)");
        assertThat(outcome.migration())
                .contains("CREATE TABLE public.work_group (")
                .contains("group_name character varying(255)")
                .contains("CREATE TABLE public.work_group_team_members (")
                .contains("team_members_id bigint NOT NULL");
    }

    @Test
    void hibernateNamingKeepsTheJavaNamesWhichPostgresFoldsToLowerCase() {
        RoundTrip.Outcome outcome = RoundTrip.edit(BEFORE, AFTER).run();
        assertThat(outcome.dumpBefore()).contains("CREATE TABLE public.teammember (").contains("displayname character varying(255)");
        assertThat(outcome.migration()).contains("CREATE TABLE public.workgroup_teammember (")
                .contains("teammembers_id bigint NOT NULL");
    }
}
