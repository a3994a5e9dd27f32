import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { DocumentStatus } from "./enums";
import { KnowledgePool } from "./KnowledgePool";

/** An uploaded file in a knowledge pool, with its processing status. */
@Entity("documents")
export class Document {
    @PrimaryGeneratedColumn("uuid")
    id!: string;

    @ManyToOne(() => KnowledgePool, { nullable: false, onDelete: "CASCADE" })
    @JoinColumn({ name: "knowledge_pool_id", foreignKeyConstraintName: "fk_documents_knowledge_pool" })
    knowledgePool!: KnowledgePool;

    @Column({ type: "varchar", length: 500 })
    filename!: string;

    @Column({ name: "content_type", type: "varchar", length: 100, nullable: true })
    contentType!: string | null;

    @Column({ name: "size_bytes", type: "bigint", nullable: true })
    sizeBytes!: string | null;

    @Column({ type: "enum", enum: DocumentStatus, enumName: "document_status", default: DocumentStatus.pending })
    status!: DocumentStatus;

    @Column({ name: "error_message", type: "text", nullable: true })
    errorMessage!: string | null;

    @Column({ type: "jsonb", default: () => "'{}'" })
    metadata!: Record<string, unknown>;

    @CreateDateColumn({ name: "created_at", type: "timestamptz" })
    createdAt!: Date;

    @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
    updatedAt!: Date;
}
