import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

/** What package.json promises VS Code, checked where a wrong entry would silently weaken the extension. */
const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
};

/**
 * Settings a repository's `.vscode/settings.json` could use to hide findings or shift responsibility: rules off or
 * downgraded (`severity`), every file skipped (`maxFileSizeKB`), the parties relabelled (`deploymentMode`), the
 * annotations hidden (`annotations`), or the whole workspace read in the background (`workspaceDiagnostics`).
 */
const MUST_BE_RESTRICTED = [
  'responsibilityLens.severity',
  'responsibilityLens.maxFileSizeKB',
  'responsibilityLens.deploymentMode',
  'responsibilityLens.annotations',
  'responsibilityLens.workspaceDiagnostics',
];

describe('package.json', () => {
  it('lets an untrusted workspace not control the settings that could hide findings', () => {
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
    assert.deepStrictEqual(MUST_BE_RESTRICTED.filter((key) => !restricted.includes(key)), []);
  });

  it('restricts only settings it contributes', () => {
    const contributed = Object.keys(manifest.contributes.configuration.properties);
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
    assert.deepStrictEqual(restricted.filter((key) => !contributed.includes(key)), []);
  });
});
