import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PG_MIGRATIONS } from './migrations/index';

/**
 * sha256 of every landed PostgreSQL migration file (LF line endings), as db/migrate.test.ts pins the
 * SQLite ones: a failure means a landed migration was edited — undo it and write a new migration.
 */
const CHECKSUMS: Record<string, string> = {
  '001_domain': '274fd48eb5eebf9516399b4661ad8a30a8a72aa2ed996dd4836dc59f1a4534a4',
  '002_reference_data': 'd31fc0eec4c18322c5dd657f65cb17e96993a2fe72b397fca4e57baaf8371e8e',
  '003_people_cases': 'd429b9ca5f0fe8474538b21c5d3bbc9636daf02f6d2b07b9993d507f1777464c',
  '004_birth_places_italy': '6b3f24b746a3156b893be2abd1c1f9add01075e5dd8bc1048cad51d7831fc1a8',
  '005_budget_totals': 'b9bcdd79c4bcb801de2d4184efdae9280bc3e4a3baecbd6583a89a3078aa085f',
  '006_people_cases_repair': '8929340ce5509453991343ed871bc516f86255dd29554a913e4d6be0f73b3c1f',
  '007_paths': '3b34f4e0787ebebeca32aebd34f0658eb94f1dbe90309146ba0a5df0fe099ecb',
  '008_pacts_lists': '2a91a984aca35b5467d7f149016beff079391a0894153b16622fc07b25c7ca18',
  '009_reports': '9b297e04d6f0a4ba9943bf99aa8ef4043c86522951bb21a74d941f6889076ce9',
  '010_money_integers': 'f058398a915f3591034072675e565d2e66b77408ec4e9223b8226e2023d20e87',
  '011_logins': 'dfb5fa30d6adb0809726fda9d64f5565495c44380855eef50c53b40632b561d6',
  '012_privacy': 'dba320bb99c47a25523942de2565c4b8bcd5c79236ff9fa6fea45eebf1580de1',
  '013_anonymisation': '91ae88d643e58df64dcd0225b64ced0eb80a08a901132ac422a70c26ea4ff80b',
  '014_audit_index': 'da0d10dfa7c3da4fedfda4d08a60cf4161ee1fb26470f89981d6728a0b431757',
  '015_record_versions': '34135c7008f7efb311929ed28069af383b49a0894463f7d2bfadfa4865cb92f2',
  '018_duplicates': '3451a94e642bb57a275c04f1b8e8c08605a9f0c9ef78d3ef3d9b5a11df422100',
};
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n')).digest('hex');

describe('PostgreSQL migrations', () => {
  it('are never edited once landed, and every file is in the list', () => {
    const folder = path.join(__dirname, 'migrations');
    expect(Object.keys(CHECKSUMS)).toEqual(PG_MIGRATIONS.map((m) => m.id));
    for (const { id } of PG_MIGRATIONS) expect({ id, sha256: sha256(path.join(folder, `${id}.ts`)) }).toEqual({ id, sha256: CHECKSUMS[id] });
    const files = fs.readdirSync(folder).filter((f) => /^\d{3}_.*\.ts$/.test(f));
    expect(files.map((f) => f.slice(0, -3)).sort()).toEqual(PG_MIGRATIONS.map((m) => m.id));
  });
});
