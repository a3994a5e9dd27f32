package dev.jpamigrate.example.model;

import jakarta.persistence.*;
import org.hibernate.annotations.Check;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;
import org.hibernate.annotations.UpdateTimestamp;

import java.time.Instant;
import java.util.UUID;

/** A fact or preference extracted from a user's conversations. */
@Entity
@Table(name = "user_memories",
        indexes = @Index(name = "idx_user_memories_importance", columnList = "user_id, importance DESC"))
@Check(name = "ck_user_memories_importance", constraints = "importance BETWEEN 1 AND 10")
public class UserMemory {
    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    @ColumnDefault("gen_random_uuid()")
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, foreignKey = @ForeignKey(name = "fk_user_memories_user"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private User user;

    /** The message the memory was extracted from; the memory outlives it. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "source_message_id", foreignKey = @ForeignKey(name = "fk_user_memories_source_message"))
    @OnDelete(action = OnDeleteAction.SET_NULL)
    private Message sourceMessage;

    @Column(nullable = false, columnDefinition = "text")
    private String content;

    @Column(length = 50)
    private String category;

    @ColumnDefault("5")
    @Column(nullable = false)
    private int importance = 5;

    @CreationTimestamp
    @ColumnDefault("now()")
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @UpdateTimestamp
    @ColumnDefault("now()")
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected UserMemory() {
    }

    public UserMemory(User user, String content, int importance) {
        this.user = user;
        this.content = content;
        this.importance = importance;
    }

    public UUID getId() { return id; }
    public User getUser() { return user; }
    public Message getSourceMessage() { return sourceMessage; }
    public void setSourceMessage(Message sourceMessage) { this.sourceMessage = sourceMessage; }
    public String getContent() { return content; }
    public String getCategory() { return category; }
    public void setCategory(String category) { this.category = category; }
    public int getImportance() { return importance; }
}
