package dev.jpamigrate.desired;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's implicit naming named as a Hibernate setting (its class name, as spring.jpa.hibernate.naming
 * .implicit-strategy maps to one) works without spring-boot on the class path, next to another physical naming.
 */
class SpringImplicitNamingTest {
    @Entity(name = "TeamMember")
    static class TeamMember {
        @Id @GeneratedValue Long id;
    }

    @Entity(name = "WorkGroup")
    static class WorkGroup {
        @Id @GeneratedValue Long id;
        @ManyToMany Set<TeamMember> teamMembers;
    }

    private static String joinTable(Map<String, String> settings) {
        List<String> ddl = HibernateDdl.generate(List.of(TeamMember.class, WorkGroup.class),
                SpringImplicitNamingTest.class.getClassLoader(), Naming.HIBERNATE, HibernateSettings.of(settings));
        return ddl.stream().filter(s -> s.startsWith("create table WorkGroup_")).map(s -> s.split(" ")[2])
                .findFirst().orElseThrow(() -> new AssertionError("no join table in " + ddl));
    }

    @Test
    void springBootsClassNameStandsForItsJoinTableNaming() {
        assertThat(joinTable(Map.of("hibernate.implicit_naming_strategy", SpringImplicitNaming.SPRING_BOOT_CLASS)))
                .as("owner table + attribute, as SpringImplicitNamingStrategy names it").isEqualTo("WorkGroup_teamMembers");
        assertThat(joinTable(Map.of())).as("Hibernate's own: owner + target entity").isEqualTo("WorkGroup_TeamMember");
    }
}
