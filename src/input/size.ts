/**
 * Parsing of user-written sizes in bytes, e.g. `--memory 59.5G` or
 * `--mmio64 "1T + 512G"`.
 *
 * Two forms are accepted:
 *
 * - Simple form (fast path, plain bigint arithmetic, mathjs is not loaded):
 *   an unsigned decimal number with an optional fractional part, optionally
 *   followed by spaces and a binary suffix K M G T P E (2^10 … 2^60) with an
 *   optional `iB` or `B`, or by a lone `B` (bytes). Case-insensitive.
 *
 * - Expression form: anything else containing `+ - * / ^ ( )` is parsed by a
 *   trimmed, lazily loaded mathjs instance working on 64-digit BigNumbers.
 *   The syntax tree is checked against an allow-list (numbers, parentheses,
 *   + - * / ^, unary + -, and the size suffixes as symbols) before anything is
 *   evaluated, so no function, assignment or other mathjs feature is
 *   reachable.
 *
 * Every result must be a whole number of bytes in [0, 2^64 - 1].
 */
import type { BigNumber, MathJsInstance, MathNode } from 'mathjs';

export type SizeResult = { ok: true; value: bigint } | { ok: false; reason: string };

/**
 * 2^64 - 1: QEMU's qemu_strtosz (util/cutils.c) refuses 16E and above with ERANGE ("expects a non-negative number
 * below 2^64"), so a size of 2^64 would plan addresses QEMU never sees (issue 21).
 */
const MAX_BYTES = (1n << 64n) - 1n;
const tooLarge = (input: string): SizeResult => fail(`${quote(input)} is 2^64 bytes (16E) or more; QEMU's sizes are below 2^64`);
/** Longest accepted input (after trimming surrounding whitespace). */
const MAX_LENGTH = 256;
/** Largest constant exponent accepted in an expression. */
const MAX_EXPONENT = 128;
/** Most significant digits in a number literal inside an expression. */
const MAX_DIGITS = 40;
/** Deepest accepted nesting of ^ (2^2^2^2 is 3 deep). */
const MAX_POW_DEPTH = 3;
/**
 * Largest magnitude an intermediate value may reach. 2^128 has 39 digits, so
 * integers up to there (and their sums) are exact at 64-digit precision.
 */
const MAX_INTERMEDIATE_BITS = 128;

const HINT = 'use bytes, a suffix K M G T P E, or an expression such as 1T + 512G';
const ALLOWED =
  'only + - * / ^ ( ), numbers, B and the suffixes K M G T P E (with optional iB or B) are allowed';

const SUFFIX_BITS: Readonly<Record<string, number>> = { k: 10, m: 20, g: 30, t: 40, p: 50, e: 60 };

/**
 * `[-]<digits>[.<digits>] [suffix]`, e.g. `4096`, `59.5G`, `1 GiB`, `512b`;
 * the sign is only captured to report "is negative".
 */
const SIMPLE = /^(-[ \t]*)?(\d+)(?:\.(\d+))?[ \t]*(?:([kmgtpe])(?:i?b)?|b)?$/i;
const OPERATOR = /[-+*/^()]/;
const HEX = /^0x[0-9a-f]{1,17}$/i;
/** mathjs reads `16E+0` as 16×10^0, not as 16 exbibytes plus 0. */
const AMBIGUOUS_EXPONENT = /[\d.][eE][-+]/;
/** A size suffix used as a symbol inside an expression (case-insensitive). */
const SUFFIX_SYMBOL = /^(?:([kmgtpe])(?:i?b)?|b)$/i;

const ALLOWED_OPERATORS: ReadonlySet<string> = new Set([
  'add',
  'subtract',
  'multiply',
  'divide',
  'pow',
  'unaryMinus',
  'unaryPlus',
]);

function fail(reason: string): SizeResult {
  // Reasons are one line by contract; inputs are JSON-quoted, but be safe.
  return { ok: false, reason: reason.replace(/[\r\n]+/g, ' ') };
}

function quote(text: string): string {
  return JSON.stringify(text);
}

/** Parses a user-written size (bytes). Never throws for user input. */
export async function parseSize(text: string): Promise<SizeResult> {
  const input = text.trim();
  if (input === '') return fail(`is empty (${HINT})`);
  if (input.length > MAX_LENGTH) {
    return fail(`${quote(input.slice(0, 24) + '…')} is too long (at most ${MAX_LENGTH} characters)`);
  }

  // Hexadecimal bytes, as this tool writes addresses and sizes in its JSON output.
  if (HEX.test(input)) {
    const value = BigInt(input.toLowerCase());
    return value > MAX_BYTES ? tooLarge(input) : { ok: true, value };
  }

  const simple = SIMPLE.exec(input);
  if (simple) return simpleSize(input, simple);

  if (!OPERATOR.test(input)) return fail(`${quote(input)} is not a size (${HINT})`);

  // Sums of products of whole sizes ("1T + 512G", "2 * 64G") need no mathjs: loading it costs more than the plan.
  const sum = wholeSum(input);
  if (sum !== undefined) return { ok: true, value: sum };

  try {
    return await expressionSize(input);
  } catch (error) {
    // Not expected (the tree is checked before evaluation), but user input
    // must never make parseSize throw.
    const message = error instanceof Error ? error.message : String(error);
    return fail(`${quote(input)} could not be evaluated (${message})`);
  }
}

/** Exact bigint evaluation of the simple form; `match` comes from SIMPLE. */
function simpleSize(input: string, match: RegExpExecArray): SizeResult {
  const negative = match[1] !== undefined;
  const whole = match[2] ?? '0';
  const fraction = match[3] ?? '';
  const suffix = match[4]?.toLowerCase();
  const bits = suffix === undefined ? 0 : (SUFFIX_BITS[suffix] ?? 0);

  const scale = 10n ** BigInt(fraction.length);
  const numerator = BigInt(whole + fraction) << BigInt(bits);
  if (negative && numerator !== 0n) return fail(`${quote(input)} is negative`);
  if (numerator % scale !== 0n) return fail(`${quote(input)} is not a whole number of bytes`);
  const value = numerator / scale;
  if (value > MAX_BYTES) return tooLarge(input);
  return { ok: true, value };
}

/**
 * The common expressions without mathjs: `+` between terms, `*` between factors, each factor a whole number of
 * bytes in the simple form without E (mathjs reads 1e, 16E+0 its own way). Anything else, and any value above 2^64,
 * is left to mathjs (undefined), so results and errors stay mathjs's; the tests check both paths agree.
 */
function wholeSum(input: string): bigint | undefined {
  // Spaces and tabs only: mathjs reads a line break or ; as a second statement.
  if (!/^[0-9a-z. \t+*]*$/i.test(input)) return undefined;
  let total = 0n;
  for (const term of input.split('+')) {
    let product = 1n;
    for (const factor of term.split('*')) {
      const match = SIMPLE.exec(factor.trim());
      if (match === null || match[1] !== undefined || /e/i.test(factor)) return undefined;
      const result = simpleSize(factor.trim(), match);
      if (!result.ok) return undefined;
      product *= result.value;
      if (product > MAX_BYTES) return undefined;
    }
    total += product;
    if (total > MAX_BYTES) return undefined;
  }
  return total;
}

// ---------------------------------------------------------------------------
// Expression form (mathjs, loaded on first use)

let mathPromise: Promise<MathJsInstance> | undefined;

function loadMath(): Promise<MathJsInstance> {
  if (mathPromise !== undefined) return mathPromise;
  const loading = import('./size-math.js').then((module) => module.createSizeMath());
  mathPromise = loading;
  // A failed import must not be cached forever.
  loading.catch(() => {
    if (mathPromise === loading) mathPromise = undefined;
  });
  return loading;
}

// Structural views of the mathjs node classes (narrowed by `node.type`).
type OperatorLike = MathNode & { type: 'OperatorNode'; fn: string; op: string; args: MathNode[] };
type ParenthesisLike = MathNode & { type: 'ParenthesisNode'; content: MathNode };
type SymbolLike = MathNode & { type: 'SymbolNode'; name: string };
type ConstantLike = MathNode & { type: 'ConstantNode'; value: unknown };
type FunctionLike = MathNode & { type: 'FunctionNode'; fn: MathNode };

const isOperator = (node: MathNode): node is OperatorLike => node.type === 'OperatorNode';
const isParenthesis = (node: MathNode): node is ParenthesisLike => node.type === 'ParenthesisNode';
const isSymbol = (node: MathNode): node is SymbolLike => node.type === 'SymbolNode';
const isConstant = (node: MathNode): node is ConstantLike => node.type === 'ConstantNode';
const isFunction = (node: MathNode): node is FunctionLike => node.type === 'FunctionNode';

function isBigNumberValue(value: unknown): value is BigNumber {
  return typeof value === 'object' && value !== null && (value as { isBigNumber?: unknown }).isBigNumber === true;
}

/** The mathjs path, exported so that tests can check the fast path (wholeSum) against it. */
export async function expressionSize(input: string): Promise<SizeResult> {
  if (AMBIGUOUS_EXPONENT.test(input)) {
    return fail(
      `${quote(input)} is ambiguous: a number followed by E+ or E- is scientific notation in an expression; ` +
        'for exbibytes put a space before the + or - (16E + 0)',
    );
  }
  // Literals are rounded to 64 significant digits when parsed; refuse long ones
  // rather than silently using a different number.
  for (const literal of input.match(/[\d.]+/g) ?? []) {
    if (literal.replace('.', '').replace(/^0+/, '').length > MAX_DIGITS) {
      return fail(`${quote(input)} has a number with more than ${MAX_DIGITS} digits`);
    }
  }

  const math = await loadMath();

  let root: MathNode;
  try {
    root = math.parse(input);
  } catch (error) {
    // decimal.js names itself ("[DecimalError] Invalid argument: 0x10M"): say what is wrong in the planner's words.
    const raw = error instanceof Error ? error.message : '';
    const invalid = /^\[\w+\] Invalid argument: (.*)$/s.exec(raw);
    const detail = invalid ? `${invalid[1]} is not a number` : raw.replace(/^\[\w+\]\s*/, '');
    const lower = detail.charAt(0).toLowerCase() + detail.slice(1);
    return fail(`${quote(input)} is not a valid expression${lower ? `: ${lower}` : ''}`);
  }

  // 1. Allow-list, first offender in pre-order.
  let offence: string | undefined;
  root.traverse((node) => {
    if (offence === undefined) offence = disallowed(node);
  });
  if (offence !== undefined) return fail(`${quote(input)} ${offence}`);

  // 2. Bound the cost and magnitude of ^ before evaluating anything.
  const powProblem = checkPow(root);
  if (powProblem !== undefined) return fail(`${quote(input)} ${powProblem}`);

  // 3. Scope: each suffix symbol used, mapped to its exact power of two.
  const scope = new Map<string, BigNumber>();
  root.traverse((node) => {
    if (isSymbol(node)) scope.set(node.name, math.bignumber(suffixValue(node.name).toString()));
  });

  // 4. Evaluate every operator bottom-up (reverse pre-order puts children
  // before parents) so that an exploding intermediate value stops the
  // evaluation before anything larger is computed from it.
  const operators: MathNode[] = [];
  root.traverse((node) => {
    if (isOperator(node)) operators.push(node);
  });
  const limit = math.bignumber((1n << BigInt(MAX_INTERMEDIATE_BITS)).toString());
  let result: unknown;
  let haveResult = false;
  for (const node of operators.reverse()) {
    const value: unknown = node.compile().evaluate(scope);
    if (node === root) {
      result = value;
      haveResult = true;
      break;
    }
    if (!isBigNumberValue(value)) return fail(`${quote(input)} has an intermediate value that is not a real number`);
    if (!value.isFinite()) return fail(`${quote(input)} is not finite (is there a division by zero?)`);
    if (value.abs().gt(limit)) {
      return fail(
        `${quote(input)} has an intermediate value larger than 2^${MAX_INTERMEDIATE_BITS}, which cannot be computed exactly`,
      );
    }
  }
  if (!haveResult) result = root.compile().evaluate(scope);

  // 5. Check the result.
  if (!isBigNumberValue(result)) return fail(`${quote(input)} is not a real number`);
  if (!result.isFinite()) return fail(`${quote(input)} is not finite (is there a division by zero?)`);
  if (!result.isInteger()) return fail(`${quote(input)} is not a whole number of bytes`);
  if (result.lt(0)) return fail(`${quote(input)} is negative`);
  if (result.gt(math.bignumber(MAX_BYTES.toString()))) {
    return tooLarge(input);
  }
  // toFixed() never uses exponent notation; -0 gives "-0", which BigInt accepts.
  return { ok: true, value: BigInt(result.toFixed()) };
}

/** Power of two for an allowed suffix symbol (`b` is 1). */
function suffixValue(name: string): bigint {
  const letter = SUFFIX_SYMBOL.exec(name)?.[1]?.toLowerCase();
  return 1n << BigInt(letter === undefined ? 0 : (SUFFIX_BITS[letter] ?? 0));
}

/** Why `node` is not allowed, as "uses …, but only … are allowed"; undefined if allowed. */
function disallowed(node: MathNode): string | undefined {
  const but = `, but ${ALLOWED}`;
  if (isParenthesis(node)) return undefined;
  if (isOperator(node)) return ALLOWED_OPERATORS.has(node.fn) ? undefined : `uses ${node.op}${but}`;
  if (isConstant(node)) {
    const value = node.value;
    if (isBigNumberValue(value)) return value.isFinite() ? undefined : `uses ${value.toString()}${but}`;
    if (typeof value === 'number') return Number.isFinite(value) ? undefined : `uses ${String(value)}${but}`;
    if (typeof value === 'string') return `uses a string${but}`;
    return `uses ${String(value)}${but}`;
  }
  if (isSymbol(node)) {
    if (node.name === 'e') {
      return 'uses e, which mathjs reads as a number exponent or as Euler\'s number; write E, EB or EiB for 2^60';
    }
    return SUFFIX_SYMBOL.test(node.name) ? undefined : `uses ${node.name}${but}`;
  }
  if (isFunction(node)) {
    const name = isSymbol(node.fn) ? node.fn.name : 'a function call';
    if (SUFFIX_SYMBOL.test(name)) return `uses ${name}(...) as a function; write ${name} * (...) to multiply`;
    return `uses ${name}${but}`;
  }
  const described: Record<string, string> = {
    AssignmentNode: '= (assignment)',
    FunctionAssignmentNode: 'a function definition',
    BlockNode: '; or a line break',
    ArrayNode: '[ ]',
    ObjectNode: '{ }',
    AccessorNode: 'property access or indexing',
    IndexNode: 'property access or indexing',
    ConditionalNode: '? :',
    RangeNode: ':',
    RelationalNode: 'a comparison',
  };
  return `uses ${described[node.type] ?? node.type}${but}`;
}

/** Rejects ^ chains that are too deep and constant exponents above MAX_EXPONENT. */
function checkPow(root: MathNode): string | undefined {
  let problem: string | undefined;
  const visit = (node: MathNode, depth: number): void => {
    if (problem !== undefined) return;
    if (isParenthesis(node)) {
      visit(node.content, depth);
      return;
    }
    if (!isOperator(node)) return;
    let childDepth = depth;
    if (node.fn === 'pow') {
      childDepth = depth + 1;
      if (childDepth > MAX_POW_DEPTH) {
        problem = `nests ^ more than ${MAX_POW_DEPTH} deep`;
        return;
      }
      const exponent = node.args[1];
      const constant = exponent === undefined ? undefined : constantMagnitude(exponent);
      if (constant !== undefined && constant.gt(MAX_EXPONENT)) {
        problem = `uses an exponent larger than ${MAX_EXPONENT}`;
        return;
      }
    }
    for (const arg of node.args) visit(arg, childDepth);
  };
  visit(root, 0);
  return problem;
}

/** |value| of a constant, looking through parentheses and unary signs. */
function constantMagnitude(node: MathNode): BigNumber | undefined {
  if (isParenthesis(node)) return constantMagnitude(node.content);
  if (isOperator(node) && (node.fn === 'unaryMinus' || node.fn === 'unaryPlus')) {
    const arg = node.args[0];
    return arg === undefined ? undefined : constantMagnitude(arg);
  }
  if (isConstant(node) && isBigNumberValue(node.value)) return node.value.abs();
  return undefined;
}
