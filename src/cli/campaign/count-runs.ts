/** Wraps a fast-check property so each run (shrinking runs included) is reported as it starts. */
export function countRuns<P extends object>(property: P, onRun: (runs: number) => void): P {
  let runs = 0;
  return new Proxy(property, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== 'run' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return (...args: unknown[]) => {
        onRun(++runs);
        return value.apply(target, args);
      };
    },
  });
}
