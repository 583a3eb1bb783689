/**
 * A binary min-heap of events ordered by (time, lane, seq). Simulated time is an integer number of
 * milliseconds. `lane` lets user commands run after every engine event at the same instant, so a
 * command replayed from the log lands exactly where the user issued it. `seq` breaks the remaining
 * ties in insertion order, which makes the order total and the run deterministic.
 */
export interface Scheduled {
  time: number;
  lane: number;
  seq: number;
}

function before(a: Scheduled, b: Scheduled): boolean {
  if (a.time !== b.time) return a.time < b.time;
  if (a.lane !== b.lane) return a.lane < b.lane;
  return a.seq < b.seq;
}

export class EventQueue<T extends Scheduled> {
  private heap: T[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): T | undefined {
    return this.heap[0];
  }

  push(item: T): void {
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, heap[parent] as T)) break;
      heap[i] = heap[parent] as T;
      i = parent;
    }
    heap[i] = item;
  }

  pop(): T | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last !== undefined) {
      let i = 0;
      const n = heap.length;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && before(heap[right] as T, heap[left] as T) ? right : left;
        if (!before(heap[child] as T, last)) break;
        heap[i] = heap[child] as T;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }

  /** Every queued item, in heap (not time) order. Read-only use: frames list messages in flight. */
  items(): readonly T[] {
    return this.heap;
  }

  /** Removes every item matching the predicate. O(n); used for rare operations like dropping a message. */
  removeWhere(predicate: (item: T) => boolean): T[] {
    const removed = this.heap.filter(predicate);
    if (removed.length > 0) {
      const kept = this.heap.filter((item) => !predicate(item));
      this.heap = [];
      for (const item of kept) this.push(item);
    }
    return removed;
  }

  toArray(): T[] {
    return this.heap.slice();
  }

  static from<T extends Scheduled>(items: readonly T[]): EventQueue<T> {
    const queue = new EventQueue<T>();
    queue.heap = items.slice();
    return queue;
  }
}
