/**
 * The trimmed mathjs instance behind size expressions. Its own module with static named imports, so that the bundler
 * keeps only these factories and the CLI loads them only when a size is an expression.
 */
import {
  type FactoryFunctionMap, type MathJsInstance, addDependencies, bignumberDependencies, create, divideDependencies,
  multiplyDependencies, parseDependencies, powDependencies, subtractDependencies, unaryMinusDependencies,
  unaryPlusDependencies,
} from 'mathjs';

export function createSizeMath(): MathJsInstance {
  return create(
    {
      parseDependencies, addDependencies, subtractDependencies, multiplyDependencies, divideDependencies,
      powDependencies, unaryMinusDependencies, unaryPlusDependencies, bignumberDependencies,
    } as Record<string, FactoryFunctionMap>,
    { number: 'BigNumber', precision: 64 },
  );
}
