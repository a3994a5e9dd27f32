package dev.jpamigrate.desired;

/** Which physical and implicit naming Hibernate applies to the entities. */
public enum Naming {
    /** Hibernate's defaults: names as written in the mapping. */
    HIBERNATE,
    /** Spring Boot's defaults: camelCase to snake_case, join tables named owner_table + "_" + attribute. */
    SPRING
}
