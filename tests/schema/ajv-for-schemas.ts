import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { customKeywords, manifestSchemas, weftSchema } from '../../schema/index.js';

/**
 * A strict Ajv (the compiler's settings) with the custom keywords and every weft schema added.
 *
 * @example
 * strictAjv().getSchema('https://weft.dev/schema/v1/tool.schema.json');
 */
export function strictAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  for (const keyword of customKeywords) ajv.addKeyword({ keyword, schemaType: 'boolean' });
  for (const schema of Object.values(manifestSchemas)) ajv.addSchema(schema);
  ajv.addSchema(weftSchema);
  return ajv;
}
