// The PM zone several fault tests start from: PMs may edit markdown, one
// engineering-only glob, and @alice as the pilot with @dana as her DRI.

export function pilotZone(engineeringOnly = '**/auth/**', featureFolder = 'src/**'): string {
  return [
    '## PM zone',
    '### PMs may edit',
    '- `**/*.md`',
    '### Engineering only',
    `- \`${engineeringOnly}\``,
    '### Pilot PMs',
    '| PM | feature folders | engineering DRI |',
    '| --- | --- | --- |',
    `| @alice | \`${featureFolder}\` | @dana |`,
    '',
  ].join('\n');
}
