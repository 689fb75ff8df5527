import * as assert from 'node:assert/strict';
import { formatJson, formatSarif, PM_ZONE_INFORMATION_URI, summarize, toSarif } from '../../../../src/core/review/report';
import type { ReviewResult, SarifLog } from '../../../../src/core/review/report';
import { BANNER, EN, EVENTS, findings, NOTES, sampleResult } from './sample';

describe('formatJson', () => {
  const output = JSON.parse(formatJson(sampleResult()));

  it('has exactly findings, files and summary', () => {
    assert.deepEqual(Object.keys(output), ['findings', 'files', 'summary']);
  });

  it('gives each finding exactly check, severity, blocking, file, line and message (no column, no rule)', () => {
    assert.equal(output.findings.length, findings.length);
    for (const finding of output.findings) assert.deepEqual(Object.keys(finding), ['check', 'severity', 'blocking', 'file', 'line', 'message']);
    assert.deepEqual(output.findings[3], {
      check: 'i18n.placeholder-mismatch',
      severity: 'error',
      blocking: true,
      file: EN,
      line: 4,
      message: 'Placeholders of `checkout.greeting` changed.',
    });
    assert.deepEqual(output.findings[1], { check: 'ai.undisclosed', severity: 'warning', blocking: false, file: null, line: null, message: 'Say what the AI generated.' });
  });

  it('lists files and the summary with stable keys', () => {
    assert.deepEqual(output.files[3], { path: NOTES, zone: 'outside', status: 'added' });
    assert.deepEqual(Object.keys(output.summary), ['blockers', 'errors', 'warnings', 'infos', 'files', 'addedLines', 'removedLines']);
    assert.deepEqual(output.summary, { blockers: 2, errors: 3, warnings: 3, infos: 1, files: 4, addedLines: 42, removedLines: 7 });
  });

  it('ends with a newline and escapes what needs escaping', () => {
    const tricky = sampleResult();
    tricky.findings = [{ ...findings[0], message: 'quote " backslash \\ newline \n tab \t' }];
    const text = formatJson(tricky);
    assert.ok(text.endsWith('}\n'));
    assert.equal(JSON.parse(text).findings[0].message, 'quote " backslash \\ newline \n tab \t');
  });
});

describe('formatSarif', () => {
  const text = formatSarif(sampleResult(), '1.2.3');
  const log = JSON.parse(text) as SarifLog;
  const run = log.runs[0];

  it('is valid JSON with the properties SARIF 2.1.0 and GitHub require at the top', () => {
    assert.deepEqual(Object.keys(log), ['$schema', 'version', 'runs']);
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    assert.ok(text.endsWith('}\n'));
    assert.deepEqual(toSarif(sampleResult(), '1.2.3'), log);
  });

  it('describes the tool', () => {
    assert.deepEqual(Object.keys(run.tool.driver), ['name', 'informationUri', 'version', 'rules']);
    assert.equal(run.tool.driver.name, 'PM Zone');
    assert.equal(run.tool.driver.version, '1.2.3');
    assert.equal(run.tool.driver.informationUri, PM_ZONE_INFORMATION_URI);
    assert.ok(new URL(run.tool.driver.informationUri));
    assert.equal(toSarif(sampleResult(), '1.2.3', 'https://example.com/pm-zone').runs[0].tool.driver.informationUri, 'https://example.com/pm-zone');
    assert.equal(run.columnKind, 'utf16CodeUnits');
  });

  it('has one rule per check id used, in order of first use, each fully described', () => {
    assert.deepEqual(run.tool.driver.rules.map((rule) => rule.id), [
      'analytics.pii', 'ai.undisclosed', 'i18n.removed-key', 'i18n.placeholder-mismatch', 'flags.ungated', 'zone.outside', 'zone.owners',
    ]);
    for (const rule of run.tool.driver.rules) {
      assert.ok(rule.shortDescription.text.length > 0 && rule.shortDescription.text.length <= 1024, rule.id);
      assert.ok(rule.fullDescription.text.length > 0 && rule.fullDescription.text.length <= 1024, rule.id);
      assert.ok(rule.help.text.length > 0, rule.id);
      assert.match(rule.name, /^[A-Z][A-Za-z0-9]*$/);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      assert.ok(rule.properties.tags.includes('pm-zone'));
    }
    assert.deepEqual(run.tool.driver.rules[0].properties.tags, ['pm-zone', 'analytics', 'security']);
    assert.equal(run.tool.driver.rules[0].name, 'AnalyticsPii');
    assert.equal(run.tool.driver.rules[3].name, 'I18nPlaceholderMismatch');
  });

  it('maps every finding to a result pointing at its rule', () => {
    assert.equal(run.results.length, findings.length);
    run.results.forEach((result, index) => {
      assert.equal(result.ruleId, findings[index].check);
      assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
      assert.equal(result.message.text, findings[index].message);
      assert.equal(result.properties.blocking, findings[index].blocking);
    });
    assert.deepEqual(run.results.map((result) => result.level), ['error', 'warning', 'warning', 'error', 'warning', 'error', 'note']);
  });

  it('locates line findings with a region, file findings without one, change-wide findings nowhere', () => {
    assert.deepEqual(run.results[0].locations, [{ physicalLocation: { artifactLocation: { uri: EVENTS }, region: { startLine: 14, startColumn: 19 } } }]);
    assert.deepEqual(run.results[2].locations, [{ physicalLocation: { artifactLocation: { uri: EN }, region: { startLine: 10 } } }]);
    assert.deepEqual(run.results[4].locations, [{ physicalLocation: { artifactLocation: { uri: BANNER } } }]);
    assert.equal(run.results[1].locations, undefined);
    assert.ok(!('locations' in run.results[1]));
  });

  it('writes relative paths as URI references, escaping spaces and #', () => {
    const uri = run.results[5].locations![0].physicalLocation.artifactLocation.uri;
    assert.equal(uri, 'docs/release%20notes%231.md');
    assert.equal(new URL(uri, 'file:///repo/').pathname, '/repo/docs/release%20notes%231.md');
  });

  it('stays valid with no findings and for check ids it does not know', () => {
    const empty: ReviewResult = { findings: [], files: [], summary: summarize([], [], { addedLines: 0, removedLines: 0 }) };
    const emptyRun = toSarif(empty, '1.2.3').runs[0];
    assert.deepEqual(emptyRun.results, []);
    assert.deepEqual(emptyRun.tool.driver.rules, []);
    const custom = sampleResult();
    custom.findings = [{ ...findings[0], check: 'custom.thing' }];
    const rule = toSarif(custom, '1.2.3').runs[0].tool.driver.rules[0];
    assert.equal(rule.id, 'custom.thing');
    assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text);
  });
});
