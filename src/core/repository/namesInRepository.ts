// Which of the zone's ambiguous glob segments (`[locale]`, `[...slug]`) a
// file or folder of the repository is named: a PM-editable glob reads such a
// segment as the name it spells only where the repository has that name, and
// as a pattern otherwise (see policy/globReadings.ts). Looked up only when a
// PM-editable glob or a feature folder has such a segment: most zones do
// not, and cost nothing.
import { ambiguousSegments } from '../policy/globReadings';
import type { ZonePolicy } from '../policy/model';
import type { FileSource } from '../types';

/** The zone with `namesInRepository` filled in; the same zone when nothing is ambiguous or the repository cannot be listed. */
export async function withNamesInRepository(zone: ZonePolicy, files: Pick<FileSource, 'listFiles'>): Promise<ZonePolicy> {
  const wanted = new Set([...zone.mayEdit.map((rule) => rule.glob), ...zone.pilots.flatMap((pilot) => pilot.featureFolders)].flatMap(ambiguousSegments));
  if (wanted.size === 0 || !files.listFiles) return zone;
  const paths = await files.listFiles().catch(() => undefined);
  if (!paths) return zone;
  const found = new Set<string>();
  for (const path of paths) for (const segment of path.split('/')) if (wanted.has(segment)) found.add(segment);
  return { ...zone, namesInRepository: [...found].sort() };
}
