// The DataSource that bench/run.sh gives TypeORM's CLI: the entities compiled beside it, the database from
// BENCH_TYPEORM_URL, and the migrations in BENCH_TYPEORM_MIGRATIONS when it is set (for migration:run).
import "reflect-metadata";
import * as path from "path";
import { DataSource } from "typeorm";

const migrations = process.env.BENCH_TYPEORM_MIGRATIONS;

export default new DataSource({
    type: "postgres",
    url: process.env.BENCH_TYPEORM_URL,
    entities: [path.join(__dirname, "entities", "*.js")],
    migrations: migrations ? [path.join(migrations, "*.js")] : [],
    // gen_random_uuid() is built into PostgreSQL 13+, as on the Java side; uuid-ossp would be an extension
    uuidExtension: "pgcrypto",
});
