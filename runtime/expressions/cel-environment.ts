import { Environment } from '@marcbachmann/cel-js';
import { expressionRoots } from './expression-scope.js';

/** The largest list `range(a, b)` may build. */
export const maxRangeLength = 100_000;

const environmentOptions = { homogeneousAggregateLiterals: false } as const;

function range(start: unknown, end: unknown): bigint[] {
  if (typeof start !== 'bigint' || typeof end !== 'bigint') throw new Error('range() takes two ints');
  if (end - start > BigInt(maxRangeLength)) {
    throw new Error(`range(${start}, ${end}) would build more than ${maxRangeLength} elements`);
  }
  const out: bigint[] = [];
  for (let value = start; value < end; value++) out.push(value);
  return out;
}

/** Sums a list of numbers: an int when every element is an int, else a double. */
function sum(list: unknown): bigint | number {
  if (!Array.isArray(list)) throw new Error('sum() takes a list');
  let integral = 0n;
  let fractional = 0;
  let allInts = true;
  for (const element of list) {
    if (typeof element === 'bigint') integral += element;
    else if (typeof element === 'number') {
      fractional += element;
      allInts = false;
    } else throw new Error(`sum() takes a list of numbers, got an element of type ${typeof element}`);
  }
  return allInts ? integral : Number(integral) + fractional;
}

const arithmetic = {
  '+': (left: number, right: number) => left + right,
  '-': (left: number, right: number) => left - right,
  '*': (left: number, right: number) => left * right,
  '/': (left: number, right: number) => left / right,
} as const;

function buildBaseEnvironment(): Environment {
  const environment = new Environment(environmentOptions);
  environment.registerFunction('range(int, int): list<int>', range, {
    description: 'The ints a..b-1 (at most 100000 of them).',
  });
  for (const [element, result] of [
    ['dyn', 'double'],
    ['int', 'int'],
    ['double', 'double'],
  ] as const) {
    environment.registerFunction(`sum(list<${element}>): ${result}`, sum, {
      description: 'The sum of a list of numbers.',
    });
    environment.registerFunction(`list<${element}>.sum(): ${result}`, sum, {
      description: 'The sum of a list of numbers.',
    });
  }
  for (const [operator, apply] of Object.entries(arithmetic)) {
    environment.registerOperator(`int ${operator} double: double`, (left: bigint, right: number) =>
      apply(Number(left), right),
    );
    environment.registerOperator(`double ${operator} int: double`, (left: number, right: bigint) =>
      apply(left, Number(right)),
    );
  }
  return environment;
}

let base: Environment | undefined;
let runtime: Environment | undefined;
const checkEnvironments = new Map<string, Environment>();

function baseEnvironment(): Environment {
  base ??= buildBaseEnvironment();
  return base;
}

/**
 * The CEL environment weft evaluates with: the functions `range(int, int)`, `sum(list)` (also
 * `list.sum()`), mixed int/double arithmetic, and the roots `input, steps, item, index,
 * iteration, error, resume, response` declared `dyn`. Shared by the runtime and the compiler.
 *
 * @example
 * celEnvironment().evaluate('sum(range(1, 4))', {}); // 6n
 */
export function celEnvironment(): Environment {
  if (runtime === undefined) {
    const environment = baseEnvironment().clone(environmentOptions);
    for (const root of expressionRoots) environment.registerVariable(root, 'dyn');
    runtime = environment;
  }
  return runtime;
}

/**
 * The same environment with the variables typed for compile-time checks: `variables` maps a root
 * to a CEL type (`'map<string, dyn>'`, `'int'`, `'list<dyn>'`...). Roots left out are not
 * declared, so using them is a type error. Environments are cached by their variable types.
 *
 * @example
 * celCheckEnvironment({ input: 'map<string, dyn>' }).check('input.n + 1').valid; // true
 */
export function celCheckEnvironment(variables: Readonly<Record<string, string>>): Environment {
  const entries = Object.entries(variables).sort(([left], [right]) =>
    left < right ? -1 : left > right ? 1 : 0,
  );
  const key = entries.map(([name, type]) => `${name}:${type}`).join(';');
  let environment = checkEnvironments.get(key);
  if (environment === undefined) {
    environment = baseEnvironment().clone(environmentOptions);
    for (const [name, type] of entries) environment.registerVariable(name, type);
    checkEnvironments.set(key, environment);
  }
  return environment;
}
