import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Conversation } from "./Conversation";
import { MessageRole } from "./enums";

/** One chat message. */
@Entity("messages")
@Index("idx_messages_conversation_created", ["conversation", "createdAt"])
export class Message {
    @PrimaryGeneratedColumn("uuid")
    id!: string;

    @ManyToOne(() => Conversation, { nullable: false, onDelete: "CASCADE" })
    @JoinColumn({ name: "conversation_id", foreignKeyConstraintName: "fk_messages_conversation" })
    conversation!: Conversation;

    @Column({ type: "enum", enum: MessageRole, enumName: "message_role" })
    role!: MessageRole;

    @Column({ type: "text" })
    content!: string;

    @Column({ name: "token_count", type: "integer", nullable: true })
    tokenCount!: number | null;

    @Column({ type: "jsonb", default: () => "'{}'" })
    metadata!: Record<string, unknown>;

    @CreateDateColumn({ name: "created_at", type: "timestamptz" })
    createdAt!: Date;
}
