import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresOutbox, migratePostgresOutbox } from '../../../src/delivery/outbox/postgres.js';
import { run } from '../../../src/cli/outbox.js';
import { PG_URL, postgresUnavailable, testSchemaName } from '../../support/postgres.js';
import { leadFor } from '../../support/setup.js';

const skip = await postgresUnavailable();
const T0 = Date.UTC(2025, 0, 6, 9);

// A role with rights on the outbox's table or schema only, as a hardened deployment has: the
// outbox must run no DDL when the table is there, and say what to do when it is not.
describe.skipIf(skip)('PostgreSQL outbox with a least-privilege role', () => {
  const role = `lb_role_${randomBytes(5).toString('hex')}`;
  const schemas: string[] = [];
  const admin = new pg.Client({ connectionString: PG_URL });
  const asRole = () => Object.assign(new URL(PG_URL), { username: role, password: '' }).href;
  const newSchema = () => {
    const schema = testSchemaName();
    schemas.push(schema);
    return schema;
  };

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN`);
  });
  afterAll(async () => {
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.query(`DROP OWNED BY ${role}`);
    await admin.query(`DROP ROLE ${role}`);
    await admin.end();
  });

  async function migratedSchema(grants: string): Promise<string> {
    const schema = newSchema();
    await migratePostgresOutbox({ connectionString: PG_URL, schema });
    await admin.query(`GRANT USAGE ON SCHEMA "${schema}" TO ${role}`);
    await admin.query(`GRANT ${grants} ON "${schema}".leadbeacon_outbox TO ${role}`);
    await admin.query(`GRANT USAGE ON SEQUENCE "${schema}".leadbeacon_outbox_seq_seq TO ${role}`);
    return schema;
  }

  it('stores, leases and delivers with only SELECT, INSERT, UPDATE and DELETE on an existing table', async () => {
    const schema = await migratedSchema('SELECT, INSERT, UPDATE, DELETE');
    const outbox = createPostgresOutbox({ connectionString: asRole(), schema });
    try {
      expect(await outbox.append(leadFor('evt-least-0001'), T0)).toEqual({ outcome: 'stored' });
      const [leased] = await outbox.lease(1, 60_000, T0);
      expect(await outbox.acknowledge(leased!, 7, T0)).toBe(true);
      await outbox.probeWrite();
      expect(await outbox.purge('delivered', T0 + 1)).toBe(1);
    } finally {
      await outbox.close();
    }
  });

  it('creates its table in a schema the role owns, without asking to create a schema', async () => {
    const schema = newSchema();
    await admin.query(`CREATE SCHEMA "${schema}" AUTHORIZATION ${role}`);
    const outbox = createPostgresOutbox({ connectionString: asRole(), schema });
    try {
      expect(await outbox.append(leadFor('evt-least-0002'), T0)).toEqual({ outcome: 'stored' });
    } finally {
      await outbox.close();
    }
  });

  it('names `leadbeacon outbox migrate` when the table is missing and the role may not create it', async () => {
    const schema = newSchema();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.query(`GRANT USAGE ON SCHEMA "${schema}" TO ${role}`);
    const outbox = createPostgresOutbox({ connectionString: asRole(), schema });
    try {
      await expect(outbox.append(leadFor('evt-least-0003'), T0)).rejects.toMatchObject({
        code: 'LB_ERR_OUTBOX_UNAVAILABLE',
        message: expect.stringContaining('leadbeacon outbox migrate'),
      });
    } finally {
      await outbox.close();
    }
  });

  it('creates the table with `leadbeacon outbox migrate`, naming the schema and never the URL', async () => {
    const schema = newSchema();
    let out = '';
    const code = await run(['migrate', '--outbox', `${PG_URL}?schema=${schema}`], { stdout: (t) => void (out += t), stderr: (t) => void (out += t), env: {} });
    expect({ code, out }).toEqual({ code: 0, out: `PostgreSQL table "${schema}".leadbeacon_outbox is ready\n` });
    const { rows } = await admin.query(`SELECT to_regclass('"${schema}".leadbeacon_outbox') IS NOT NULL AS made`);
    expect(rows[0].made).toBe(true);
  });

  it('fails the write probe, though reads work, when INSERT is not granted', async () => {
    const schema = await migratedSchema('SELECT, UPDATE, DELETE');
    const outbox = createPostgresOutbox({ connectionString: asRole(), schema });
    try {
      expect(await outbox.stats(T0)).toEqual({ pending: 0, dead: 0, oldestPendingAgeMs: null });
      await expect(outbox.probeWrite()).rejects.toMatchObject({ code: 'LB_ERR_OUTBOX_UNAVAILABLE' });
    } finally {
      await outbox.close();
    }
  });
});
