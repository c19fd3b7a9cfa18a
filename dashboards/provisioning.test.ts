import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DATASOURCE_TYPE, DATASOURCE_UID } from './src/board.ts';
import { renderBoards } from './src/generate.ts';
import { boardQueries, loadBoards } from './src/load.ts';

const here = import.meta.dirname;
const read = (p: string) => readFileSync(join(here, p), 'utf8');
type Obj = Record<string, unknown>;

const datasources = parse(read('provisioning/datasources/clickhouse.yaml')) as Obj;
const providers = parse(read('provisioning/dashboards/earshot.yaml')) as Obj;
const boards = loadBoards(join(here, 'json'));

describe('datasource provisioning', () => {
  const list = datasources.datasources as Obj[];
  const ds = list[0] as Obj;
  const jsonData = ds.jsonData as Obj;

  it('declares the official ClickHouse plugin under the uid every board uses', () => {
    expect(datasources.apiVersion).toBe(1);
    expect(list).toHaveLength(1);
    for (const key of ['name', 'uid', 'type', 'access', 'jsonData', 'secureJsonData']) expect(ds, key).toHaveProperty(key);
    expect(ds.type).toBe(DATASOURCE_TYPE);
    expect(ds.uid).toBe(DATASOURCE_UID);
  });

  it('takes host, port, protocol, user and password from the environment', () => {
    for (const key of ['host', 'port', 'protocol', 'username', 'secure', 'defaultDatabase']) {
      expect(String(jsonData[key]), `jsonData.${key}`).toMatch(/^\$\{[A-Z_]+\}$/);
    }
    expect(String((ds.secureJsonData as Obj).password)).toMatch(/^\$\{[A-Z_]+\}$/);
    expect(jsonData).not.toHaveProperty('password'); // would be stored in clear
  });
});

describe('dashboard provider', () => {
  const list = providers.providers as Obj[];
  const p = list[0] as Obj;
  const path = String((p.options as Obj).path);

  it('loads files from the path the README mounts dashboards/json at', () => {
    expect(providers.apiVersion).toBe(1);
    for (const key of ['name', 'type', 'options']) expect(p, key).toHaveProperty(key);
    expect(p.type).toBe('file');
    expect(read('README.md')).toContain(`./dashboards/json:${path}`);
    expect(read('README.md')).toContain('./dashboards/provisioning:/etc/grafana/provisioning');
  });
});

describe('boards', () => {
  it('are generated from dashboards/src and up to date (run: node --import tsx dashboards/src/generate.ts)', () => {
    const expected = renderBoards();
    expect(readdirSync(join(here, 'json')).filter((f) => f.endsWith('.json')).sort()).toEqual([...expected.keys()].sort());
    for (const [file, text] of expected) expect(read(join('json', file)), file).toBe(text);
  });

  it('have unique uids and titles', () => {
    const uids = boards.map((b) => b.json.uid);
    const titles = boards.map((b) => b.json.title);
    expect(boards.length).toBe(5);
    expect(new Set(uids).size).toBe(uids.length);
    expect(new Set(titles).size).toBe(titles.length);
    for (const b of boards) expect(String(b.json.uid).length, 'Grafana uids are at most 40 characters').toBeLessThanOrEqual(40);
  });

  it('point every panel, variable and annotation query at the provisioned datasource', () => {
    const provisioned = new Set((datasources.datasources as Obj[]).map((d) => d.uid));
    for (const b of boards) {
      for (const q of boardQueries(b)) {
        expect(provisioned.has(q.datasourceUid), `${b.file} › ${q.where} uses datasource ${q.datasourceUid}`).toBe(true);
        expect(q.sql.trim(), `${b.file} › ${q.where} has SQL`).not.toBe('');
      }
    }
  });

  it('offer brand, source and language as multi-value variables with All', () => {
    for (const b of boards) {
      const vars = ((b.json.templating as Obj).list as Obj[]).map((v) => [v.name, v.multi, v.includeAll]);
      expect(vars, b.file).toEqual([['brand', true, true], ['source', true, true], ['language', true, true]]);
    }
  });

  it('quote variables in SQL, never splice a bare $var', () => {
    for (const b of boards) {
      for (const q of boardQueries(b)) {
        // A bare $brand is only allowed as the second argument of $__conditionalAll.
        const bare = q.sql.replace(/,\s*\$(brand|source|language)\)/g, '').match(/\$(brand|source|language)\b/g);
        expect(bare, `${b.file} › ${q.where}`).toBeNull();
      }
    }
  });

  it('lay panels out inside the 24-column grid without overlaps', () => {
    for (const b of boards) {
      const cells = new Set<string>();
      for (const p of b.json.panels as Obj[]) {
        const g = p.gridPos as { x: number; y: number; w: number; h: number };
        expect(g.x + g.w, `${b.file} › ${String(p.title)}`).toBeLessThanOrEqual(24);
        for (let x = g.x; x < g.x + g.w; x++)
          for (let y = g.y; y < g.y + g.h; y++) {
            expect(cells.has(`${x},${y}`), `${b.file} › ${String(p.title)} overlaps`).toBe(false);
            cells.add(`${x},${y}`);
          }
      }
    }
  });
});

describe('read-only ClickHouse user (server only)', () => {
  const xml = new XMLParser({ ignoreAttributes: false }).parse(read('clickhouse/users.d/grafana.xml')) as Obj;
  const root = xml.clickhouse as Obj;
  const user = (root.users as Obj).grafana as Obj;
  const profile = (root.profiles as Obj)[String(user.profile)] as Obj;

  it('is read-only, with its password from the environment, not the file', () => {
    expect(profile.readonly).toBe(1);
    expect((user.password as Obj)['@_from_env']).toBe('GRAFANA_CLICKHOUSE_PASSWORD');
    expect(Object.keys(user.password as Obj)).toEqual(['@_from_env']);
    expect(String((user.grants as Obj).query)).toMatch(/^GRANT SELECT ON /);
  });

  it('is the user the datasource logs in as', () => {
    expect(read('README.md')).toMatch(/CLICKHOUSE_GRAFANA_USER: grafana/);
  });
});
