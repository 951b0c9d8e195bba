/**
 * A reader of the web host's Server-Sent Events (/events) for tests: it collects the data of the named
 * events as they arrive, until the test has what it waits for.
 */
export class EventStream<T> {
  readonly events: T[] = [];
  /** The answer to the request, once its headers have arrived. */
  readonly response: Promise<Response>;
  private readonly abort = new AbortController();
  private readonly done: Promise<void>;
  private wake: (() => void) | null = null;

  constructor(url: string, names: readonly string[]) {
    this.response = fetch(url, { signal: this.abort.signal });
    this.done = this.read(new Set(names)).catch(() => undefined);
  }

  private async read(names: Set<string>): Promise<void> {
    const reader = ((await this.response).body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const lines = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        const name = lines.find((l) => l.startsWith('event: '))?.slice(7);
        const data = lines.find((l) => l.startsWith('data: '));
        if (name && names.has(name) && data) this.events.push(JSON.parse(data.slice(6)) as T);
        this.wake?.();
      }
    }
  }

  /** Waits until `holds` is true of the events received so far (checked as each arrives); fails after `timeoutMs`. */
  async until(holds: (events: T[]) => boolean, timeoutMs = 20_000): Promise<T[]> {
    const deadline = Date.now() + timeoutMs;
    while (!holds(this.events)) {
      if (Date.now() > deadline) throw new Error(`evento atteso non arrivato; ricevuti: ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 200);
      });
    }
    return this.events;
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }
}
