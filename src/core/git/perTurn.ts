/**
 * Answers every key asked in one turn of the event loop with one call of
 * `answerAll`: reads started together (the policy files, say) cost one git
 * process, not one each. A failure of that call fails every key it was
 * asked for; a key it leaves out of its answer is undefined.
 */
export function perTurn<V>(answerAll: (keys: string[]) => Promise<Map<string, V>>): (key: string) => Promise<V | undefined> {
  let waiting: Map<string, Settle<V>[]> | undefined;
  const settle = async (batch: Map<string, Settle<V>[]>) => {
    try {
      const answers = await answerAll([...batch.keys()]);
      for (const [key, settles] of batch) for (const { resolve } of settles) resolve(answers.get(key));
    } catch (error) {
      for (const settles of batch.values()) for (const { reject } of settles) reject(error);
    }
  };
  return (key) => new Promise((resolve, reject) => {
    if (!waiting) {
      const batch = new Map<string, Settle<V>[]>();
      waiting = batch;
      setImmediate(() => {
        waiting = undefined;
        void settle(batch);
      });
    }
    const settles = waiting.get(key) ?? [];
    settles.push({ resolve, reject });
    waiting.set(key, settles);
  });
}

interface Settle<V> {
  resolve(value: V | undefined): void;
  reject(error: unknown): void;
}
