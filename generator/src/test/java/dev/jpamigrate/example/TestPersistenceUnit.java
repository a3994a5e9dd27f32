package dev.jpamigrate.example;

import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import org.hibernate.jpa.HibernatePersistenceProvider;

import javax.sql.DataSource;
import java.net.URL;
import java.util.List;
import java.util.Properties;

/** A persistence unit without persistence.xml, listing the entity classes, as an application would bootstrap. */
record TestPersistenceUnit(List<String> classes) implements PersistenceUnitInfo {
    public String getPersistenceUnitName() { return "example"; }
    public String getPersistenceProviderClassName() { return HibernatePersistenceProvider.class.getName(); }
    @SuppressWarnings("deprecation")
    public PersistenceUnitTransactionType getTransactionType() { return PersistenceUnitTransactionType.RESOURCE_LOCAL; }
    public DataSource getJtaDataSource() { return null; }
    public DataSource getNonJtaDataSource() { return null; }
    public List<String> getMappingFileNames() { return List.of(); }
    public List<URL> getJarFileUrls() { return List.of(); }
    public URL getPersistenceUnitRootUrl() { return null; }
    public List<String> getManagedClassNames() { return classes; }
    public boolean excludeUnlistedClasses() { return true; }
    public SharedCacheMode getSharedCacheMode() { return SharedCacheMode.UNSPECIFIED; }
    public ValidationMode getValidationMode() { return ValidationMode.NONE; }
    public Properties getProperties() { return new Properties(); }
    public String getPersistenceXMLSchemaVersion() { return "3.1"; }
    public ClassLoader getClassLoader() { return getClass().getClassLoader(); }
    public void addTransformer(ClassTransformer transformer) { }
    public ClassLoader getNewTempClassLoader() { return null; }
}
