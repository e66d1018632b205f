/**
 * Expressions at run time: value templates (`$ref`, `$cel`, `$concat`, `$literal`), CEL
 * evaluation and the CEL environment shared with the compiler.
 *
 * @example
 * import { evaluateCondition, evaluateValue } from '../expressions/index.js';
 * if (evaluateCondition(step.when, scope)) run(evaluateValue(step.with, scope));
 */
export { celCheckEnvironment, celEnvironment, maxRangeLength } from './cel-environment.js';
export { fromCelValue, toCelValue } from './cel-values.js';
export { evaluateCel, evaluateCondition } from './evaluate-cel.js';
export { evaluateValue, resolveReference } from './evaluate-value.js';
export { type ExpressionRoot, type ExpressionScope, expressionRoots } from './expression-scope.js';
