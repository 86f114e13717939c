/** The scheduler's queue: a binary min-heap on (priority, seq), so equal priorities run in arrival order. */

export interface Ordered {
  priority: number;
  seq: number;
}

/** A binary min-heap on (priority, seq). */
export class TaskHeap<T extends Ordered> {
  private items: T[] = [];
  get size(): number {
    return this.items.length;
  }
  private less(a: T, b: T): boolean {
    return a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq);
  }
  push(task: T): void {
    const items = this.items;
    items.push(task);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }
  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.less(items[l]!, items[m]!)) m = l;
        if (r < items.length && this.less(items[r]!, items[m]!)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top;
  }
}
