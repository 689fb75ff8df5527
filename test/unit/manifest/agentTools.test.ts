import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZONE_TOOL } from '../../../src/core/agents';

// The zone tool is described once, in the core: the editor's contributed
// language model tool and `pm-zone mcp` offer the same name, description
// and input. (The editor's code names it in src/vscode/agents/agentTools.ts,
// which cannot be loaded outside VS Code; its text is read here.)
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

describe("package.json's language model tool and MCP provider", () => {
  it('contributes the core\'s zone tool as it is', () => {
    const [tool, ...others] = manifest.contributes.languageModelTools;
    assert.equal(others.length, 0);
    assert.equal(tool.name, ZONE_TOOL.name);
    assert.equal(tool.modelDescription, ZONE_TOOL.description);
    assert.deepEqual(tool.inputSchema, ZONE_TOOL.inputSchema);
  });

  it('names the tool and the MCP provider as the editor registers them', () => {
    const source = readFileSync(join(__dirname, '..', '..', '..', 'src', 'vscode', 'agents', 'agentTools.ts'), 'utf8');
    assert.match(source, new RegExp(`ZONE_TOOL_NAME = '${ZONE_TOOL.name}'`));
    const [provider] = manifest.contributes.mcpServerDefinitionProviders;
    assert.match(source, new RegExp(`MCP_PROVIDER_ID = '${provider.id.replace('.', '\\.')}'`));
  });
});
