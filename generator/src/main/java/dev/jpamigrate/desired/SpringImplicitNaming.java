package dev.jpamigrate.desired;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.ImplicitJoinTableNameSource;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyJpaCompliantImpl;

/** Spring Boot's implicit naming: a join table is named after the owning table and the attribute. */
public final class SpringImplicitNaming extends ImplicitNamingStrategyJpaCompliantImpl {
    /** Spring Boot's class, which is in spring-boot's jar: the entities' class path rarely holds it. */
    public static final String SPRING_BOOT_CLASS = "org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy";

    /**
     * The value a Hibernate setting is applied with: this class's instance for {@code hibernate.implicit_naming_strategy}
     * set to Spring Boot's class, which it does the work of; any other value as it is.
     */
    public static Object standIn(String key, String value) {
        return key.equals("hibernate.implicit_naming_strategy") && value.trim().equals(SPRING_BOOT_CLASS)
                ? new SpringImplicitNaming() : value;
    }

    @Override
    public Identifier determineJoinTableName(ImplicitJoinTableNameSource source) {
        String name = source.getOwningPhysicalTableName() + "_"
                + source.getAssociationOwningAttributePath().getProperty();
        return toIdentifier(name, source.getBuildingContext());
    }
}
