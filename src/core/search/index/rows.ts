// Lists keyed by strings, all stored back to back in a few typed arrays (row r spans
// starts[r]..starts[r + 1]) and shown as a ReadonlyMap whose values are views made on first
// use. A Map holding one list object per term made the build allocate some 130,000
// long-lived small objects at 42,000 terms (a list and two array views each): every
// young-generation collection copied them, and laying them out blocked the event loop for
// 0.2 s at the end of a reload's sliced build. The arrays' contents live outside the JS
// heap, where collections do not copy them.

export abstract class RowMap<V> implements ReadonlyMap<string, V> {
  /** Views made so far, by row; allocated on the first look-up (a query, not the build). */
  private views: (V | undefined)[] | null = null;

  /** `rows`: key → row number; its order is the map's iteration order. */
  constructor(protected readonly rows: ReadonlyMap<string, number>) {}

  /** The value of row `row` (a view into the shared arrays). */
  protected abstract view(row: number): V;

  /** The value of a row by its number, made once. */
  row(row: number): V {
    this.views ??= new Array<V | undefined>(this.rows.size);
    let v = this.views[row];
    if (v === undefined) {
      v = this.view(row);
      this.views[row] = v;
    }
    return v;
  }

  get(key: string): V | undefined {
    const row = this.rows.get(key);
    return row === undefined ? undefined : this.row(row);
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }

  get size(): number {
    return this.rows.size;
  }

  keys(): MapIterator<string> {
    return this.rows.keys();
  }

  *entries(): MapIterator<[string, V]> {
    for (const [key, row] of this.rows) yield [key, this.row(row)];
  }

  *values(): MapIterator<V> {
    for (const row of this.rows.values()) yield this.row(row);
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(
    fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void,
    thisArg?: unknown,
  ): void {
    for (const [key, row] of this.rows) fn.call(thisArg, this.row(row), key, this);
  }
}

/** Talk lists (ascending talk numbers) keyed by strings: the speaker: filter's name parts. */
export class KeyedLists extends RowMap<Int32Array> {
  constructor(
    rows: ReadonlyMap<string, number>,
    private readonly starts: Int32Array,
    private readonly items: Int32Array,
  ) {
    super(rows);
  }

  protected view(row: number): Int32Array {
    return this.items.subarray(this.starts[row]!, this.starts[row + 1]!);
  }
}
