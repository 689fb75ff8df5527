// The PM's own word on how shipping felt, 1 to 5: asked once per pull request
// by the composer and written into its body, where the readout reads it back.
// One line format both ends share.

export const ENERGY_QUESTION = 'How did shipping this feel, 1–5?';

/** The body line: `**How did shipping this feel, 1–5?** 4`. */
export function energyLine(energy: number): string {
  return `**${ENERGY_QUESTION}** ${energy}`;
}

/** The answer in a pull request's body, or null when it was skipped or never asked. */
export function readEnergy(body: string): number | null {
  const match = /How did shipping this feel, 1[\u2013-]5\?\**\s*([1-5])\b/.exec(body);
  return match ? Number(match[1]) : null;
}
