import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultTemplate, defaultTemplateFile, definitionErrors } from './template';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-template-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the default questionnaire', () => {
  it('is read from resources/assessment/lr14-v1.json of the project', () => {
    expect(defaultTemplateFile()).toBe(path.resolve(__dirname, '..', '..', '..', 'resources', 'assessment', 'lr14-v1.json'));
    const { title, definition } = defaultTemplate();
    expect(title).toBe('Profilo di fragilità L.R. 14/2015');
    expect(definition.dimensions.map((d) => d.code)).toEqual(['lavoro', 'sociale', 'salute']);
    const items = definition.dimensions.flatMap((d) => d.items);
    expect(items).toHaveLength(30);
    expect(items[0]).toEqual({
      code: 'lavoro_01',
      text: 'Durata della disoccupazione',
      options: [
        { code: 'a', label: 'Nessuna criticità', points: 0 },
        { code: 'b', label: 'Criticità lieve', points: 1 },
        { code: 'c', label: 'Criticità moderata', points: 2 },
        { code: 'd', label: 'Criticità grave', points: 3 },
      ],
    });
    expect(definitionErrors(definition)).toEqual({});
  });

  it('is found beside app.asar in the packaged app', () => {
    const resources = tempDir();
    const asar = path.join(resources, 'app.asar');
    const services = path.join(asar, 'build', 'electron', 'electron', 'services', 'assessments');
    fs.mkdirSync(services, { recursive: true });
    fs.writeFileSync(path.join(asar, 'package.json'), '{}');
    const shipped = path.join(resources, 'resources', 'assessment', 'lr14-v1.json');
    fs.mkdirSync(path.dirname(shipped), { recursive: true });
    fs.copyFileSync(defaultTemplateFile(), shipped);
    expect(defaultTemplateFile(services)).toBe(shipped);
  });

  it('can be read from another file, which is checked', () => {
    const file = path.join(tempDir(), 'questionario.json');
    const options = [
      { code: 'no', label: 'No', points: 0 },
      { code: 'si', label: 'Sì', points: 2 },
    ];
    const custom = { title: 'Prova', dimensions: [{ code: 'lavoro', label: 'Lavoro', items: [{ code: 'l1', text: 'Lavora?', options }] }] };
    fs.writeFileSync(file, JSON.stringify(custom));
    expect(defaultTemplate(file)).toEqual({ title: 'Prova', definition: { dimensions: custom.dimensions } });

    const repeated = { ...custom, dimensions: [{ ...custom.dimensions[0], items: [{ code: 'l1', text: 'Lavora?', options: [...options, options[0]] }] }] };
    fs.writeFileSync(file, JSON.stringify(repeated));
    expect(() => defaultTemplate(file)).toThrow(/Codice di risposta ripetuto/);
    fs.writeFileSync(file, JSON.stringify({ dimensions: custom.dimensions }));
    expect(() => defaultTemplate(file)).toThrow(/non valido/);
  });
});
