import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { KnowledgePool } from "./KnowledgePool";
import { User } from "./User";

/** A chat session, with its retrieval (RAG) and scratchpad settings. */
@Entity("conversations")
export class Conversation {
    @PrimaryGeneratedColumn("uuid")
    id!: string;

    @ManyToOne(() => User, { nullable: false, onDelete: "CASCADE" })
    @JoinColumn({ name: "user_id", foreignKeyConstraintName: "fk_conversations_user" })
    user!: User;

    @Column({ type: "varchar", length: 255, nullable: true })
    title!: string | null;

    @ManyToOne(() => KnowledgePool, { nullable: true, onDelete: "SET NULL" })
    @JoinColumn({ name: "knowledge_pool_id", foreignKeyConstraintName: "fk_conversations_knowledge_pool" })
    knowledgePool!: KnowledgePool | null;

    @Column({ name: "rag_enabled", type: "boolean", default: true })
    ragEnabled!: boolean;

    @Column({ name: "rag_top_k", type: "integer", default: 5 })
    ragTopK!: number;

    @Column({ name: "scratchpad_enabled", type: "boolean", default: false })
    scratchpadEnabled!: boolean;

    @Column({ type: "jsonb", default: () => "'{}'" })
    metadata!: Record<string, unknown>;

    @CreateDateColumn({ name: "created_at", type: "timestamptz" })
    createdAt!: Date;

    @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
    updatedAt!: Date;
}
