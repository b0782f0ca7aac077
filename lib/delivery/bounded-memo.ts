/**
 * Answers already worked out, by key, for pure computations on the delivery hot path (the
 * outbound policy's verdicts, masked URIs). Bounded: everything is forgotten once `limit` keys
 * are held, so a stream of distinct keys cannot grow it.
 */
export class BoundedMemo<Key, Value> {
  private readonly values = new Map<Key, Value>();

  constructor(private readonly limit: number) {}

  /** The value remembered for `key`, or `compute()`'s, remembered from now on. */
  get(key: Key, compute: () => Value): Value {
    if (this.values.has(key)) return this.values.get(key) as Value;
    const value = compute();
    if (this.values.size >= this.limit) this.values.clear();
    this.values.set(key, value);
    return value;
  }
}
