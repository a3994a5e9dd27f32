package dev.jpamigrate.example.model;

import jakarta.persistence.*;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;
import org.hibernate.annotations.UpdateTimestamp;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A chat session, with its retrieval (RAG) and scratchpad settings. */
@Entity
@Table(name = "conversations")
public class Conversation {
    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    @ColumnDefault("gen_random_uuid()")
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, foreignKey = @ForeignKey(name = "fk_conversations_user"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private User user;

    @Column(length = 255)
    private String title;

    /** The pool that retrieval reads from; the conversation survives the pool's deletion. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "knowledge_pool_id", foreignKey = @ForeignKey(name = "fk_conversations_knowledge_pool"))
    @OnDelete(action = OnDeleteAction.SET_NULL)
    private KnowledgePool knowledgePool;

    @ColumnDefault("true")
    @Column(name = "rag_enabled", nullable = false)
    private boolean ragEnabled = true;

    @ColumnDefault("5")
    @Column(name = "rag_top_k", nullable = false)
    private int ragTopK = 5;

    @ColumnDefault("false")
    @Column(name = "scratchpad_enabled", nullable = false)
    private boolean scratchpadEnabled;

    @JdbcTypeCode(SqlTypes.JSON)
    @ColumnDefault("'{}'::jsonb")
    @Column(nullable = false)
    private Map<String, Object> metadata = Map.of();

    @CreationTimestamp
    @ColumnDefault("now()")
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @UpdateTimestamp
    @ColumnDefault("now()")
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Conversation() {
    }

    public Conversation(User user, String title) {
        this.user = user;
        this.title = title;
    }

    public UUID getId() { return id; }
    public User getUser() { return user; }
    public String getTitle() { return title; }
    public KnowledgePool getKnowledgePool() { return knowledgePool; }
    public void setKnowledgePool(KnowledgePool knowledgePool) { this.knowledgePool = knowledgePool; }
    public boolean isRagEnabled() { return ragEnabled; }
    public int getRagTopK() { return ragTopK; }
    public boolean isScratchpadEnabled() { return scratchpadEnabled; }
    public Map<String, Object> getMetadata() { return metadata; }
    public void setMetadata(Map<String, Object> metadata) { this.metadata = metadata; }
}
