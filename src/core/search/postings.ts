// Growable posting lists in typed arrays: one (doc id, score) pair per doc a term occurs
// in. Typed arrays keep a 100,000-talk index small and fast to walk.
export class PostingList {
  docs: Int32Array;
  values: Float32Array;
  length = 0;

  constructor(capacity = 4) {
    this.docs = new Int32Array(capacity);
    this.values = new Float32Array(capacity);
  }

  push(doc: number, value: number): void {
    if (this.length === this.docs.length) {
      const docs = new Int32Array(this.length * 2);
      docs.set(this.docs);
      this.docs = docs;
      const values = new Float32Array(this.length * 2);
      values.set(this.values);
      this.values = values;
    }
    this.docs[this.length] = doc;
    this.values[this.length] = value;
    this.length++;
  }

  /** Drops spare capacity once building is done. */
  trim(): void {
    if (this.docs.length !== this.length) {
      this.docs = this.docs.slice(0, this.length);
      this.values = this.values.slice(0, this.length);
    }
  }
}

/** Appends to the list kept under `key`, creating it on first use. */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): V[] {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  list.push(value);
  return list;
}
