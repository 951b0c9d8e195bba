/** A one-line progress bar for the terminal (stderr), or a line every 10% when not on a terminal. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): { update(done: number, total: number, label: string): void; finish(): void } {
  let lastDecile = -1;
  let lastDraw = 0;
  return {
    update(done, total, label) {
      const fraction = total > 0 ? Math.min(1, done / total) : 1;
      const percent = Math.floor(fraction * 100);
      if (stream.isTTY) {
        const now = Date.now();
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round(fraction * width);
        stream.write(`\r[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${label.padEnd(24)}`);
      } else if (Math.floor(percent / 10) > lastDecile) {
        lastDecile = Math.floor(percent / 10);
        stream.write(`${percent}% ${label}\n`);
      }
    },
    finish() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
