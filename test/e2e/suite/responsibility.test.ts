import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { requestScreenshot } from '../harness/suite-helpers';
import { until } from './wait';

const EXTENSION_ID = 'responsibility-lens.responsibility-lens';

function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite runs with examples/ opened as the workspace');
  return folder.uri;
}

function exampleUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))
    .join('\n');
}

function hintLabel(hint: vscode.InlayHint): string {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('');
}

async function inlayHints(uri: vscode.Uri): Promise<vscode.InlayHint[]> {
  const document = await vscode.workspace.openTextDocument(uri);
  const range = new vscode.Range(0, 0, document.lineCount, 0);
  return (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, range)) ?? [];
}

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('responsibilityLens').update(key, value, vscode.ConfigurationTarget.Global);
}

suite('Responsibility Lens in a real VS Code', () => {
  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    const document = await vscode.workspace.openTextDocument(exampleUri('terraform/main.tf'));
    assert.strictEqual(document.languageId, 'terraform', 'the extension contributes the terraform language');
    await extension.activate();
    assert.ok(extension.isActive);
  });

  suiteTeardown(async () => {
    await setSetting('annotations', undefined);
    await setSetting('language', undefined);
    await setSetting('showRepeatedHints', undefined);
  });

  test('hovering cidr_ip explains: the provider provides security groups, the customer configures them (IaaS, 表1)', async () => {
    await setSetting('language', 'zh-cn');
    const uri = exampleUri('terraform/main.tf');
    const document = await vscode.workspace.openTextDocument(uri);
    const line = [...Array(document.lineCount).keys()].find((l) => /^\s*cidr_ip/.test(document.lineAt(l).text));
    assert.ok(line !== undefined);
    const position = new vscode.Position(line, document.lineAt(line).text.indexOf('cidr_ip') + 2);
    const hovers = await until(
      'a hover on cidr_ip',
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position),
      (h) => /设置安全组/.test(hoverText(h ?? [])),
    );
    const text = hoverText(hovers);
    // First the verdict for this setting and this value, then the customer's duty, then the standard's row.
    assert.match(text.split('\n')[0] ?? '', /cidr\\_ip.*只放行确需访问端口 3389 的地址；0\\\.0\\\.0\\\.0\/0 会把它开放给整个互联网/);
    assert.match(text, /\*\*客户\*\*：只放行业务需要的来源、端口和协议/);
    assert.match(text, /承担为云服务客户提供安全组功能的责任/);
    assert.match(text, /为云服务设置合理的安全组/);
    assert.match(text, /网络控制安全/);
    assert.match(text, /表1/);
    assert.match(text, /IaaS/);

  });

  test('a setting preceded by Chinese text gets its hint and hover at the right column', async () => {
    const uri = exampleUri('terraform/main.tf');
    const document = await vscode.workspace.openTextDocument(uri);
    const line = [...Array(document.lineCount).keys()].find((l) => /来源.*cidr_ip/.test(document.lineAt(l).text));
    assert.ok(line !== undefined, 'main.tf has a cidr_ip after a Chinese comment');
    const text = document.lineAt(line).text;
    const hints = await until('hints on main.tf', () => inlayHints(uri), (h) => h.some((hint) => hint.position.line === line));
    const hint = hints.find((h) => h.position.line === line);
    assert.strictEqual(hint?.position.character, text.trimEnd().length, 'the hint sits right after the value');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, text.indexOf('cidr_ip') + 1));
    assert.match(hoverText(hovers), /设置安全组/);
    const before = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, text.indexOf('cidr_ip') - 3));
    assert.doesNotMatch(hoverText(before), /设置安全组/, 'no hover on the comment before it');
  });

  test('inlay hints appear on mapped settings of every example file, short and never twice in a row', async () => {
    // The IaC files; examples/contracts/ holds a contract (.rlens/contract.yaml's shape), which has no settings to annotate.
    const files = await vscode.workspace.findFiles('**/*.{tf,tfvars,yaml,json}', 'contracts/**');
    assert.ok(files.length >= 10, `found ${files.length} example files`);
    for (const uri of files) {
      const hints = await until(`hints in ${path.basename(uri.path)}`, () => inlayHints(uri), (h) => h.length > 0);
      assert.ok(hints.every((h) => [...hintLabel(h)].length <= 28), `${path.basename(uri.path)}: ${hints.map(hintLabel).join(' | ')}`);
      const labels = hints.map(hintLabel);
      assert.ok(labels.every((label, i) => i === 0 || label !== labels[i - 1]), `${path.basename(uri.path)}: ${labels.join(' | ')}`);
    }
  });

  test('main.tf: no two consecutive identical hints by default; showRepeatedHints shows every setting, without a restart', async () => {
    const uri = exampleUri('terraform/main.tf');
    await setSetting('language', 'en');
    const folded = await until('English hints', () => inlayHints(uri), (h) => h.some((hint) => /^Customer/.test(hintLabel(hint))));
    const labels = folded.map(hintLabel);
    labels.forEach((label, i) => assert.ok(i === 0 || label !== labels[i - 1], `hints ${i} and ${i + 1} both read "${label}": ${labels.join(' | ')}`));
    assert.ok(labels.includes('Internet → port 3389'), `the RDP rule's value gets its own hint: ${labels.join(' | ')}`);
    await setSetting('showRepeatedHints', true);
    const all = await until('every hint', () => inlayHints(uri), (h) => h.length > folded.length);
    assert.ok(all.some((hint, i) => i > 0 && hintLabel(hint) === hintLabel(all[i - 1] as vscode.InlayHint)), 'with every hint shown, repeats appear');
    await setSetting('showRepeatedHints', undefined);
    await until('folded again', () => inlayHints(uri), (h) => h.length === folded.length);
  });

  test('a ROS template in YAML and the same in JSON get the same annotations as the equivalent Terraform', async () => {
    // Every setting's own hint, so that the same settings are compared whatever folding does around them.
    await setSetting('showRepeatedHints', true);
    await until('every hint', () => inlayHints(exampleUri('terraform/main.tf')), (h) => h.length > 20);
    const yaml = await until('YAML hints', () => inlayHints(exampleUri('ros/web-stack.ros.yaml')), (h) => h.length > 0);
    const json = await until('JSON hints', () => inlayHints(exampleUri('ros/web-stack.ros.json')), (h) => h.length > 0);
    assert.deepStrictEqual(json.map(hintLabel), yaml.map(hintLabel));
    const terraform = await inlayHints(exampleUri('terraform/main.tf'));
    const label = (hints: vscode.InlayHint[], uri: vscode.Uri, pattern: RegExp) => {
      const hint = hints.find((h) => pattern.test(documentLine(uri, h.position.line)));
      assert.ok(hint, `a hint on ${pattern}`);
      return hintLabel(hint);
    };
    const tf = exampleUri('terraform/main.tf');
    const ros = exampleUri('ros/web-stack.ros.yaml');
    assert.strictEqual(label(yaml, ros, /SourceCidrIp/), label(terraform, tf, /cidr_ip\s*=\s*"0\.0\.0\.0/));
    assert.strictEqual(label(yaml, ros, /ImageId/), label(terraform, tf, /image_id/));
    assert.strictEqual(label(yaml, ros, /^\s*Password:/), label(terraform, tf, /^\s*password\s*=/));
    await setSetting('showRepeatedHints', undefined);
  });

  test('code lenses name the service model of each resource', async () => {
    const uri = exampleUri('terraform/main.tf');
    const lenses = await until(
      'code lenses',
      () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri),
      (l) => (l ?? []).length > 0,
    );
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.every((title) => /^(IaaS|PaaS|SaaS) · /.test(title)), titles.join('\n'));
    // What the customer must act on, not a count per party; a resource with nothing security-relevant says so.
    assert.ok(titles.some((title) => /cidr_ip/.test(title) && /(check|请检查)/.test(title)), titles.join('\n'));
    assert.ok(titles.some((title) => /(nothing security-relevant|未设置与安全相关的项)/.test(title)), titles.join('\n'));
  });

  test('the annotations setting applies to open editors without a restart', async () => {
    const uri = exampleUri('terraform/main.tf');
    await setSetting('language', 'en');
    await until('English hints', () => inlayHints(uri), (h) => h.some((hint) => /^Customer (sets|picks|decides)/.test(hintLabel(hint))));
    await setSetting('annotations', 'off');
    await until('no hints', () => inlayHints(uri), (h) => h.length === 0);
    await setSetting('annotations', 'all');
    await until('hints again', () => inlayHints(uri), (h) => h.length > 0);
  });

  test('the hover shows in the workbench (screenshot for the README)', async () => {
    await setSetting('annotations', 'all');
    await setSetting('language', 'zh-cn');
    const uri = exampleUri('terraform/main.tf');
    // Hints and lenses are refreshed after a settings change; a refresh closes an open hover, so wait for both.
    await until('Chinese hints', () => inlayHints(uri), (h) => h.some((hint) => hintLabel(hint).startsWith('客户配置')));
    await until(
      'Chinese code lenses',
      () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri),
      (l) => (l ?? []).some((lens) => /客户配置/.test(lens.command?.title ?? '')),
    );
    const document = await vscode.workspace.openTextDocument(uri);
    const line = [...Array(document.lineCount).keys()].find((l) => /来源.*cidr_ip/.test(document.lineAt(l).text));
    assert.ok(line !== undefined);
    const position = new vscode.Position(line, document.lineAt(line).text.indexOf('cidr_ip') + 2);
    const editor = await vscode.window.showTextDocument(document);
    // Scroll first and let the editor settle: scrolling re-fetches inlay hints, and that closes a hover.
    const scrolled = new Promise<void>((resolve) => {
      const subscription = vscode.window.onDidChangeTextEditorVisibleRanges(() => {
        subscription.dispose();
        resolve();
      });
    });
    editor.revealRange(new vscode.Range(line - 6, 0, line + 14, 0), vscode.TextEditorRevealType.AtTop);
    await scrolled;
    await until('hints after scrolling', () => inlayHints(uri), (h) => h.length > 0);
    editor.selection = new vscode.Selection(position, position);
    const png = await requestScreenshot('hover-cidr-ip', {
      hoverOver: { text: 'cidr_ip', lineContaining: '来源' },
      waitForSelector: '.monaco-resizable-hover .hover-contents',
    });
    // The harness only answers once the hover is visible; '' means this runner takes no screenshots.
    assert.ok(png === '' || png.endsWith('hover-cidr-ip.png'));
  });
});

const documentsByUri = new Map<string, string[]>();
function documentLine(uri: vscode.Uri, line: number): string {
  let lines = documentsByUri.get(uri.toString());
  if (!lines) {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    lines = document ? document.getText().split(/\r?\n/) : [];
    documentsByUri.set(uri.toString(), lines);
  }
  return lines[line] ?? '';
}
