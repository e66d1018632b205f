import { weftError } from '../errors/create-weft-error.js';
import type { ExpressionScope } from '../expressions/index.js';
import { evaluateValue } from '../expressions/index.js';
import type { ValueTemplateV1 } from '../spec/v1/graph.js';

/**
 * Renders a URL template: the literal parts of a `$concat` are kept, every interpolated value is
 * percent-encoded (an id like `a/../b?x` cannot change the path or add a query). A relative
 * result is joined to `baseUrl`; an absolute one must keep the base URL's origin (credentials
 * never go to another host).
 *
 * @example
 * renderUrl({ $concat: ['/customers/', { $ref: ['input', 'id'] }] }, { input: { id: 'a b' } }, 'https://api.example.com/v2');
 * // URL https://api.example.com/v2/customers/a%20b
 */
export function renderUrl(template: ValueTemplateV1, scope: ExpressionScope, baseUrl?: string): URL {
  const text = renderText(template, scope);
  try {
    if (baseUrl === undefined) return new URL(text);
    if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
      const absolute = new URL(text);
      if (absolute.origin !== new URL(baseUrl).origin) throw new Error(`it leaves the base URL ${baseUrl}`);
      return absolute;
    }
    return new URL(`${baseUrl.replace(/\/+$/, '')}/${text.replace(/^\/+/, '')}`);
  } catch (error) {
    throw weftError('TOOL_DEFINITION_INVALID', {
      message: `The request URL is not valid: ${error instanceof Error ? error.message : String(error)}.`,
      cause: error,
    });
  }
}

function renderText(template: ValueTemplateV1, scope: ExpressionScope): string {
  if (
    typeof template === 'object' &&
    template !== null &&
    !Array.isArray(template) &&
    '$concat' in template
  ) {
    const parts = (template as { $concat: readonly ValueTemplateV1[] }).$concat;
    return parts
      .map((part) =>
        typeof part === 'string' ? part : encodeURIComponent(stringOf(evaluateValue(part, scope))),
      )
      .join('');
  }
  return stringOf(evaluateValue(template, scope));
}

function stringOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
