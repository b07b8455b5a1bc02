/**
 * The handler's own properties and the methods of its class (up to, not including, the
 * realm's Object.prototype), methods bound to the handler so that `this` and private
 * fields keep working. `{ ...handler }` alone would drop `scheduled()` written as a class
 * method. For adapters: @corsa/workers and @corsa/deno (`deno serve` objects) use it.
 */
export function handlerMembers<T extends object>(handler: T): Record<string, unknown> {
  const members: Record<string, unknown> = {};
  const chain: object[] = [];
  for (let proto: object | null = handler; proto !== null && Object.getPrototypeOf(proto) !== null; proto = Object.getPrototypeOf(proto)) {
    chain.unshift(proto);
  }
  for (const proto of chain) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === 'constructor') continue;
      const value = (handler as Record<string, unknown>)[key];
      members[key] = typeof value === 'function' ? value.bind(handler) : value;
    }
  }
  return members;
}
