/**
 * A binary min-heap of events ordered by (time, lane, seq). Simulated time is an integer number of
 * milliseconds. `lane` lets user commands run after every engine event at the same instant, so a
 * command replayed from the log lands exactly where the user issued it. `seq` breaks the remaining
 * ties in insertion order, which makes the order total and the run deterministic.
 *
 * The ordering keys live in two typed arrays beside the items, so the hot comparisons read plain
 * numbers instead of properties of events that come in many shapes.
 */
export interface Scheduled {
  time: number;
  lane: number;
  seq: number;
}

/** Lane and seq folded into one exact integer: seq stays below 2^40 (a trillion events), lanes are few. */
const laneWeight = 2 ** 40;

export class EventQueue<T extends Scheduled> {
  private heap: T[] = [];
  private times = new Float64Array(256);
  private orders = new Float64Array(256);

  get size(): number {
    return this.heap.length;
  }

  peek(): T | undefined {
    return this.heap[0];
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.heap.length > 0 ? this.times[0]! : Infinity;
  }

  push(item: T): void {
    const heap = this.heap;
    let i = heap.length;
    if (i === this.times.length) this.grow();
    const times = this.times;
    const orders = this.orders;
    const time = item.time;
    const order = item.lane * laneWeight + item.seq;
    heap.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = times[parent]!;
      if (parentTime < time || (parentTime === time && orders[parent]! < order)) break;
      heap[i] = heap[parent]!;
      times[i] = parentTime;
      orders[i] = orders[parent]!;
      i = parent;
    }
    heap[i] = item;
    times[i] = time;
    orders[i] = order;
  }

  pop(): T | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    const n = heap.length;
    if (n > 0 && last !== undefined) {
      const times = this.times;
      const orders = this.orders;
      const time = times[n]!;
      const order = orders[n]!;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        let child = left;
        if (
          right < n &&
          (times[right]! < times[left]! || (times[right] === times[left] && orders[right]! < orders[left]!))
        ) {
          child = right;
        }
        const childTime = times[child]!;
        if (time < childTime || (time === childTime && order < orders[child]!)) break;
        heap[i] = heap[child]!;
        times[i] = childTime;
        orders[i] = orders[child]!;
        i = child;
      }
      heap[i] = last;
      times[i] = time;
      orders[i] = order;
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
    if (removed.length > 0) this.rebuild(this.heap.filter((item) => !predicate(item)));
    return removed;
  }

  toArray(): T[] {
    return this.heap.slice();
  }

  static from<T extends Scheduled>(items: readonly T[]): EventQueue<T> {
    const queue = new EventQueue<T>();
    queue.rebuild(items);
    return queue;
  }

  private rebuild(items: readonly T[]): void {
    this.heap = [];
    for (const item of items) this.push(item);
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    const orders = new Float64Array(this.orders.length * 2);
    times.set(this.times);
    orders.set(this.orders);
    this.times = times;
    this.orders = orders;
  }
}
