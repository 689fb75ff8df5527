// A generated large case, deterministic from a seed: a repository tree of
// over 25,000 files and a CODEOWNERS of over 15,000 rules, mostly literal
// file paths with some directories and globs, as large repositories grow
// (nuttx's file has the same shape).

import type { BenchCase } from './corpus';
import { seededRandom } from '../test/support/seededRandom';


const TOP = ['arch', 'boards', 'drivers', 'docs', 'src', 'libs', 'tools', 'tests', 'apps', 'net', 'fs', 'crypto'];
const WORDS = ['core', 'common', 'util', 'io', 'mem', 'sched', 'irq', 'dma', 'spi', 'i2c', 'uart', 'usb', 'gpio', 'timer', 'power', 'clock', 'audio', 'video', 'sensor', 'radio', 'esp32', 'stm32', 'nrf52', 'rp2040', 'sam', 'imx'];
const EXTENSIONS = ['.c', '.h', '.rs', '.py', '.md', '.rst', '.ts', '.json', '.yaml', '.txt', '.S', '.cmake'];
const OWNERS = Array.from({ length: 300 }, (_, index) => (index % 3 === 0 ? `@dev-${index}` : index % 3 === 1 ? `dev${index}@example.com` : `@org/team-${index}`));

export function generateLargeCase(seed = 20240521, pathCount = 26_000, ruleCount = 16_000): BenchCase {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

  const directories: string[] = [];
  for (const top of TOP) {
    for (let first = 0; first < 12; first++) {
      const middle = `${top}/${pick(WORDS)}${first}`;
      directories.push(middle);
      for (let second = 0; second < 8; second++) directories.push(`${middle}/${pick(WORDS)}_${second}`);
    }
  }
  const pathSet = new Set<string>();
  while (pathSet.size < pathCount) pathSet.add(`${pick(directories)}/${pick(WORDS)}_${Math.floor(random() * 400)}${pick(EXTENSIONS)}`);
  const paths = [...pathSet];

  // As such files are usually written: broad rules first, then a long,
  // sorted list of specific ones, mostly single files.
  const owners = (): string => Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(OWNERS)).join(' ');
  const broad = ['*', ...EXTENSIONS.slice(0, 6).map((extension) => `*${extension}`), ...WORDS.slice(0, 4).map((word) => `${word}/`), `**/${WORDS[5]}/**/*.c`];
  const specific = new Set<string>();
  while (specific.size < ruleCount - broad.length) {
    const roll = random();
    if (roll < 0.9) specific.add(pick(paths)); // a literal file
    else if (roll < 0.95) specific.add(`${pick(directories)}/`); // a directory
    else if (roll < 0.98) specific.add(`${pick(directories)}/*`); // direct children
    else if (roll < 0.99) specific.add(`/${pick(TOP)}/${pick(WORDS).slice(0, 3)}*/`); // a prefix glob
    else specific.add(`**/${pick(WORDS)}/**/*${pick(EXTENSIONS)}`); // a true glob
  }
  const lines = [
    '# Generated CODEOWNERS for the benchmark',
    ...broad.map((pattern) => `${pattern} ${owners()}`),
    '',
    ...[...specific].sort().map((pattern) => `${pattern} ${owners()}`),
  ];
  return { name: 'generated', codeowners: `${lines.join('\n')}\n`, paths };
}
