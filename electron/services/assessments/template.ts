import fs from 'node:fs';
import { z } from 'zod';
import { templateDefinition, type TemplateDefinition } from '../../contract/assessments';
import { resourceFile } from '../resources';

/** The default L.R. 14/2015 questionnaire, shipped as data in resources/assessment/ (DOMAIN.md §2). */
export const DEFAULT_TEMPLATE_CODE = 'lr14';
const templateFile = templateDefinition.extend({ title: z.string().min(1) });

/** Where the default questionnaire is: resources/assessment/lr14-v1.json (see resourceFile). */
export function defaultTemplateFile(startDir?: string): string {
  return resourceFile(['assessment', 'lr14-v1.json'], startDir);
}

/** Reads and checks the default questionnaire; `file` overrides where it is read from. */
export function defaultTemplate(file: string = defaultTemplateFile()): { title: string; definition: TemplateDefinition } {
  const parsed = templateFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`Questionario predefinito non valido (${file}): ${parsed.error.message}`);
  const { title, ...definition } = parsed.data;
  const errors = Object.values(definitionErrors(definition));
  if (errors.length > 0) throw new Error(`Questionario predefinito non valido (${file}): ${errors.join('; ')}`);
  return { title, definition };
}

/**
 * What the schema cannot say about a questionnaire: codes unique (dimensions, items across the whole
 * questionnaire, options within an item), at least two options per item. Field errors by path.
 */
export function definitionErrors(definition: TemplateDefinition): Record<string, string> {
  const fields: Record<string, string> = {};
  const dimensionCodes = new Set<string>();
  const itemCodes = new Set<string>();
  definition.dimensions.forEach((dimension, d) => {
    if (dimensionCodes.has(dimension.code)) fields[`definition.dimensions.${d}.code`] = `Codice di dimensione ripetuto: ${dimension.code}`;
    dimensionCodes.add(dimension.code);
    dimension.items.forEach((item, i) => {
      const at = `definition.dimensions.${d}.items.${i}`;
      if (itemCodes.has(item.code)) fields[`${at}.code`] = `Codice di domanda ripetuto: ${item.code}`;
      itemCodes.add(item.code);
      if (item.options.length < 2) fields[`${at}.options`] = `La domanda «${item.text}» deve avere almeno due risposte`;
      const optionCodes = new Set<string>();
      item.options.forEach((option, o) => {
        if (optionCodes.has(option.code)) fields[`${at}.options.${o}.code`] = `Codice di risposta ripetuto nella domanda «${item.text}»: ${option.code}`;
        optionCodes.add(option.code);
      });
    });
  });
  return fields;
}
