import { AppCore } from '../api/core';

/**
 * A second program writing to the same SQLite file, for the test of two processes on one database:
 * `tsx pactWriter.ts FILE START_MS COUNT INPUT_JSON` waits until START_MS (so that both processes
 * start writing together), creates COUNT pacts from INPUT_JSON as the system administrator, and
 * prints the errors it got as one JSON line.
 */
async function main(): Promise<void> {
  const [file, startMs, count, json] = process.argv.slice(2);
  const core = await AppCore.open(file!);
  const errors: unknown[] = [];
  try {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startMs) - Date.now())));
    for (let i = 0; i < Number(count); i++) {
      const outcome = await core.callAsSystem('pacts.create', JSON.parse(json!));
      if (!outcome.ok) errors.push(outcome.error);
    }
  } finally {
    await core.close();
  }
  console.log(JSON.stringify({ errors }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
