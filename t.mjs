import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
const t=Date.now();
const db = await PGlite.create({ extensions: { pg_trgm } });
await db.exec('create extension pg_trgm');
console.log((await db.query(`select to_tsvector('german','Hundesteuer Umzüge Ummeldung Kindertagesstätte') v, similarity('Hundesteuer','Hundestuer') s, ts_lexize('german_stem','Umzüge') l`)).rows);
const c = await db.clone(); console.log((await c.query(`select similarity('a','a')`)).rows, Date.now()-t);
