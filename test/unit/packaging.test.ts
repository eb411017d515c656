import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * What the VSIX ships. `vsce ls` lists the files the .vscodeignore allowlist lets through; the unpacked
 * package must also run on its own (no node_modules) with every rule. Needs a build (npm test builds first).
 */
const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown> & {
  engines: { vscode: string };
  contributes: { configuration: { properties: Record<string, unknown> } };
  activationEvents: string[];
};

const ALLOWED = [
  /^dist\/(client|server|cli)\.js$/,
  /^dist\/wasm\/tree-sitter(-terraform)?\.wasm$/,
  /^matrices\/(model|rules|resources\/alicloud)\/[\w.-]+\.yaml$/,
  // How settings are acted on (the setting-level model), read at run time.
  /^matrices\/resources\/acting\.yaml$/,
  /^matrices\/schema\/[\w-]+\.schema\.json$/,
  /^syntaxes\/terraform\.tmLanguage\.json$/,
  /^language-configuration\/terraform\.json$/,
  /^l10n\/bundle\.l10n\.zh-cn\.json$/,
  /^package(\.nls(\.zh-cn)?)?\.json$/,
  // Diagnostics link each rule's page; the README shows the screenshot.
  /^docs\/rules\/[\w-]+\.md$/,
  /^docs\/images\/hover-cidr-ip\.png$/,
  /^(README|CHANGELOG)\.md$/,
  /^LICENSE$/,
  /^images\/icon\.png$/,
];

describe('the VSIX', function () {
  this.timeout(120_000);
  const files = execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

  it('holds only the bundles, data, grammar, translations, wasm, docs, icon and the usual files', () => {
    const unexpected = files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
    assert.deepStrictEqual(unexpected, []);
  });

  it('holds everything the extension reads at run time', () => {
    const inRepo = (dir: string, ext: string) => fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith(ext)).map((f) => `${dir}/${f}`);
    const needed = [
      'dist/client.js', 'dist/server.js', 'dist/cli.js', 'dist/wasm/tree-sitter.wasm', 'dist/wasm/tree-sitter-terraform.wasm',
      ...inRepo('matrices/model', '.yaml'), ...inRepo('matrices/rules', '.yaml'), ...inRepo('matrices/resources/alicloud', '.yaml'),
      ...inRepo('matrices/schema', '.json'), ...inRepo('docs/rules', '.md'),
      'syntaxes/terraform.tmLanguage.json', 'language-configuration/terraform.json', 'l10n/bundle.l10n.zh-cn.json', 'images/icon.png',
    ];
    assert.deepStrictEqual(needed.filter((file) => !files.includes(file)), []);
  });

  it('runs from the package alone with every rule', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-vsix-'));
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.copyFileSync(path.join(root, file), path.join(dir, file));
    }
    const scan = (format: string, workers = '1'): string => {
      try {
        return execFileSync(process.execPath, [path.join(dir, 'dist/cli.js'), 'scan', path.join(root, 'examples'), '--format', format, '--workers', workers], { encoding: 'utf8', maxBuffer: 1 << 26 });
      } catch (error) {
        return (error as { stdout: string }).stdout; // exit 1: findings
      }
    };
    const sarif = JSON.parse(scan('sarif')) as { runs: { tool: { driver: { rules: unknown[] } } }[] };
    const repoRules = fs.readdirSync(path.join(root, 'docs/rules')).filter((f) => f !== 'README.md').length;
    assert.strictEqual(sarif.runs[0]?.tool.driver.rules.length, repoRules, 'every rule, declarative ones included');
    // examples/ has two folders: two worker threads, each running the packaged dist/cli.js as its script.
    assert.strictEqual(scan('json', '2'), scan('json', '1'), 'the same report with the packaged worker');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('targets the oldest VS Code the language client supports, activates only on its languages, and declares trust', () => {
    const client = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/vscode-languageclient/package.json'), 'utf8')) as { engines: { vscode: string } };
    assert.strictEqual(manifest.engines.vscode, client.engines.vscode);
    assert.ok(manifest.activationEvents.every((event) => event.startsWith('onLanguage:')), manifest.activationEvents.join(', '));
    assert.deepStrictEqual((manifest.capabilities as { untrustedWorkspaces: { supported: string } }).untrustedWorkspaces.supported, 'limited');
  });

  it('has complete marketplace metadata, in English and Chinese', () => {
    for (const key of ['displayName', 'description', 'publisher', 'license', 'repository', 'icon', 'categories', 'keywords']) assert.ok(manifest[key], key);
    const en = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const zh = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
    assert.deepStrictEqual(Object.keys(zh).sort(), Object.keys(en).sort(), 'every manifest string in both languages');
    const used = JSON.stringify(manifest).match(/%[\w.-]+%/g) ?? [];
    for (const placeholder of used) assert.ok(en[placeholder.slice(1, -1)], `${placeholder} has a translation`);
  });
});
