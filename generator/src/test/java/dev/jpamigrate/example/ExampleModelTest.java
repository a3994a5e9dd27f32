package dev.jpamigrate.example;

import dev.jpamigrate.example.model.*;
import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.TestPostgres;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.hibernate.jpa.boot.internal.EntityManagerFactoryBuilderImpl;
import org.hibernate.jpa.boot.internal.PersistenceUnitInfoDescriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.*;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The example's committed changelogs, applied to an empty database, give exactly the RAG chat schema. */
class ExampleModelTest {
    private static final Path REPO = Path.of(System.getProperty("migrate.repo.root", "..")).toAbsolutePath().normalize();
    private static final String PKG = "dev.jpamigrate.example.model";
    private static TestPostgres.Db db;
    private static Path work;
    private static Cli cli;

    @BeforeAll
    static void applyTheExampleChangelogs() throws IOException {
        work = Files.createTempDirectory("jpa-migrate-example");
        Path changelogs = work.resolve("changelogs");
        Files.createDirectories(changelogs);
        try (Stream<Path> files = Files.list(REPO.resolve("changelogs"))) {
            for (Path f : files.toList()) {
                Files.copy(f, changelogs.resolve(f.getFileName()));
            }
        }
        db = TestPostgres.create();
        cli = new Cli(work);
        Cli.Result up = cli.run("upgrade", "--url", db.jdbcUrl(), "--entities", PKG);
        assertThat(up.exit()).as(up.toString()).isZero();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void hasTheTablesOfTheDesign() {
        assertThat(strings("select tablename from pg_tables where schemaname = 'public'"
                + " and tablename not like 'databasechangelog%' order by 1"))
                .containsExactly("conversations", "documents", "knowledge_pools", "messages", "scratchpad_entries",
                        "user_memories", "users");
    }

    @Test
    void enumTypesHaveTheirValuesInDeclaredOrder() {
        assertThat(strings("select t.typname || ':' || string_agg(e.enumlabel, ',' order by e.enumsortorder)"
                + " from pg_type t join pg_enum e on e.enumtypid = t.oid group by t.typname order by 1"))
                .containsExactly("document_status:pending,processing,completed,failed",
                        "message_role:user,assistant,system", "scratchpad_entry_type:todo,note,journal");
    }

    @Test
    void indexesAreThoseOfTheDesign() {
        assertThat(strings("select indexdef from pg_indexes where schemaname = 'public' and indexname like 'idx_%' order by 1"))
                .containsExactly(
                        "CREATE INDEX idx_messages_conversation_created ON public.messages USING btree (conversation_id, created_at)",
                        "CREATE INDEX idx_scratchpad_user_type ON public.scratchpad_entries USING btree (user_id, entry_type)",
                        "CREATE INDEX idx_user_memories_importance ON public.user_memories USING btree (user_id, importance DESC)");
    }

    @Test
    void uuidKeysAndTimestampsDefaultInTheDatabase() {
        assertThat(strings("select table_name || '.' || column_name || '=' || column_default from information_schema.columns"
                + " where table_schema = 'public' and column_name in ('id', 'created_at', 'updated_at')"
                + " and table_name not like 'databasechangelog%' order by 1"))
                .allSatisfy(s -> assertThat(s).matches(".*\\.(id=gen_random_uuid\\(\\)|(created|updated)_at=now\\(\\))"))
                .filteredOn(s -> s.contains(".created_at=")).hasSize(7);
        assertThat(strings("select table_name from information_schema.columns where table_schema = 'public'"
                + " and column_name = 'metadata' and data_type = 'jsonb' order by 1"))
                .containsExactly("conversations", "documents", "messages");
    }

    @Test
    void foreignKeysCascadeAndOptionalReferencesSetNull() {
        assertThat(strings("select conrelid::regclass || '.' || conname || ' ' || confdeltype::text from pg_constraint"
                + " where contype = 'f' order by 1"))
                .containsExactly(
                        "conversations.fk_conversations_knowledge_pool n",
                        "conversations.fk_conversations_user c",
                        "documents.fk_documents_knowledge_pool c",
                        "knowledge_pools.fk_knowledge_pools_user c",
                        "messages.fk_messages_conversation c",
                        "scratchpad_entries.fk_scratchpad_entries_conversation n",
                        "scratchpad_entries.fk_scratchpad_entries_user c",
                        "user_memories.fk_user_memories_source_message n",
                        "user_memories.fk_user_memories_user c");
    }

    @Test
    void emailIsUnique() {
        assertThat(strings("select pg_get_constraintdef(oid) from pg_constraint where conrelid = 'users'::regclass and contype = 'u'"))
                .containsExactly("UNIQUE (email)");
    }

    @Test
    void zeroNoiseOnTheUnchangedModel() {
        Cli.Result check = cli.run("check", "--url", db.jdbcUrl(), "--entities", PKG);
        assertThat(check.exit()).as(check.toString()).isZero();
        assertThat(check.out()).contains("OK: entities, changelogs and database agree");
        Cli.Result create = cli.run("create", "nothing", "--url", db.jdbcUrl(), "--entities", PKG);
        assertThat(create.exit()).as(create.toString()).isZero();
        assertThat(create.out()).contains("No changes detected");
        try (Stream<Path> files = Files.list(work.resolve("changelogs"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".sql")).count())
                    .as("create on an unchanged model writes nothing").isEqualTo(countRepoMigrations());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theApplicationBootsWithValidateAndPersistsEveryEntity() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(AvailableSettings.JAKARTA_JDBC_URL, db.url().jdbcUrl());
        settings.put(AvailableSettings.JAKARTA_JDBC_USER, db.url().user());
        settings.put(AvailableSettings.HBM2DDL_AUTO, "validate");
        List<String> classes = List.of(User.class, Conversation.class, Message.class, ScratchpadEntry.class,
                KnowledgePool.class, Document.class, UserMemory.class).stream().map(Class::getName).toList();
        try (EntityManagerFactory emf = new EntityManagerFactoryBuilderImpl(
                new PersistenceUnitInfoDescriptor(new TestPersistenceUnit(classes)), settings).build()) {
            UUID userId;
            try (EntityManager em = emf.createEntityManager()) {
                em.getTransaction().begin();
                User user = new User("ada@example.com", "Ada");
                em.persist(user);
                KnowledgePool pool = new KnowledgePool(user, "papers");
                em.persist(pool);
                Conversation conversation = new Conversation(user, "first chat");
                conversation.setKnowledgePool(pool);
                conversation.setMetadata(Map.of("model", "gpt"));
                em.persist(conversation);
                Message message = new Message(conversation, MessageRole.assistant, "hello");
                message.setMetadata(Map.of("tokens", 3));
                em.persist(message);
                ScratchpadEntry entry = new ScratchpadEntry(user, ScratchpadEntryType.journal, "dear diary");
                entry.setConversation(conversation);
                em.persist(entry);
                Document document = new Document(pool, "paper.pdf");
                document.setStatus(DocumentStatus.processing);
                em.persist(document);
                UserMemory memory = new UserMemory(user, "likes tea", 9);
                memory.setSourceMessage(message);
                em.persist(memory);
                em.getTransaction().commit();
                userId = user.getId();
            }
            try (EntityManager em = emf.createEntityManager()) {
                User user = em.find(User.class, userId);
                assertThat(user.getEmail()).isEqualTo("ada@example.com");
                assertThat(user.getCreatedAt()).isNotNull();
                assertThat(em.createQuery("select m from Message m", Message.class).getSingleResult().getRole())
                        .isEqualTo(MessageRole.assistant);
                assertThat(em.createQuery("select d from Document d", Document.class).getSingleResult().getStatus())
                        .isEqualTo(DocumentStatus.processing);
                assertThat(em.createQuery("select s from ScratchpadEntry s", ScratchpadEntry.class).getSingleResult()
                        .getEntryType()).isEqualTo(ScratchpadEntryType.journal);
                assertThat(em.createQuery("select c from Conversation c", Conversation.class).getSingleResult()
                        .getMetadata()).containsEntry("model", "gpt");
                assertThat(em.createQuery("select u from UserMemory u", UserMemory.class).getSingleResult()
                        .getImportance()).isEqualTo(9);
                assertThat(em.createQuery("select k from KnowledgePool k", KnowledgePool.class).getSingleResult()
                        .getName()).isEqualTo("papers");
            }
        }
        // the database defaults, not Hibernate, fill a row inserted by plain SQL
        db.execute("insert into users (email) values ('sql@example.com')");
        assertThat(strings("select (id is not null and created_at is not null)::text from users where email = 'sql@example.com'"))
                .containsExactly("true");
    }

    private static long countRepoMigrations() throws IOException {
        try (Stream<Path> files = Files.list(REPO.resolve("changelogs"))) {
            return files.filter(f -> f.toString().endsWith(".sql")).count();
        }
    }

    private static List<String> strings(String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
