import * as assert from 'assert';
import * as vscode from 'vscode';

/** Runs after responsibility.test.ts (mocha loads files in name order) and edits the workspace copy. */

function exampleUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder);
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

/** Resolves once `predicate` holds for the diagnostics of `uri`; re-checked on every diagnostics change. */
function diagnosticsWhere(uri: vscode.Uri, predicate: (d: readonly vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 30_000): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!predicate(current)) return false;
      cleanup();
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for ${what}; have: ${vscode.languages.getDiagnostics(uri).map((d) => `${String(codeOf(d))}@${d.range.start.line + 1}`).join(', ')}`));
    }, timeoutMs);
    function cleanup(): void {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

const has = (ruleId: string, line: number) => (diagnostics: readonly vscode.Diagnostic[]): boolean =>
  diagnostics.some((d) => codeOf(d) === ruleId && d.range.start.line === line - 1);

async function open(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(exampleUri(relative));
  return vscode.window.showTextDocument(document);
}

/** Applies the quick fix whose title matches, as the light bulb would, and waits for the finding to go. */
async function applyFix(relative: string, ruleId: string, line: number, title: RegExp): Promise<vscode.TextEditor> {
  const editor = await open(relative);
  const uri = editor.document.uri;
  const diagnostics = await diagnosticsWhere(uri, has(ruleId, line), `${ruleId} at ${relative}:${line}`);
  const diagnostic = diagnostics.find((d) => codeOf(d) === ruleId && d.range.start.line === line - 1);
  assert.ok(diagnostic);
  const before = diagnostics.filter((d) => codeOf(d) === ruleId).length;
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action?.edit, `a quick fix ${title} among: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  await diagnosticsWhere(uri, (d) => d.filter((x) => codeOf(x) === ruleId).length === before - 1, `${ruleId} gone from ${relative}`);
  return editor;
}

suite('Misconfigurations in a real VS Code', () => {
  suiteSetup(async () => {
    await vscode.workspace.getConfiguration('responsibilityLens').update('language', 'en', vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('responsibilityLens').update('language', undefined, vscode.ConfigurationTarget.Global);
  });

  test('opening the examples shows the expected diagnostics', async () => {
    const expected: [string, string, number][] = [
      ['terraform/providers.tf', 'provider-hardcoded-credentials', 34],
      ['terraform/providers.tf', 'provider-hardcoded-credentials', 35],
      ['terraform/main.tf', 'sg-ingress-open-sensitive-port', 42],
      ['terraform/main.tf', 'hardcoded-password', 83],
      ['terraform/storage.tf', 'oss-bucket-public-acl', 21],
      ['terraform/iam.tf', 'ram-policy-full-access', 28],
      ['terraform/variables.tf', 'variable-secret-literal-default', 43],
      ['terraform/terraform.tfvars', 'hardcoded-secret', 7],
      ['ros/web-stack.ros.yaml', 'sg-ingress-open-sensitive-port', 92],
      ['ros/web-stack.ros.yaml', 'ros-parameter-secret-no-noecho', 48],
      ['ros/web-stack.ros.json', 'sg-ingress-open-sensitive-port', 128],
      ['ros/web-stack.ros.json', 'oss-bucket-public-acl', 227],
    ];
    for (const [file, ruleId, line] of expected) {
      const editor = await open(file);
      // Settings reach the server asynchronously: wait for the English text rather than take the first answer.
      const english = (d: vscode.Diagnostic): boolean => codeOf(d) === ruleId && d.range.start.line === line - 1 && /. — (Customer|Negotiable)[^—]* · [^—]+$/.test(d.message);
      const diagnostics = await diagnosticsWhere(editor.document.uri, (all) => all.some(english), `${ruleId} at ${file}:${line}, in English, naming the party`);
      const diagnostic = diagnostics.find(english);
      const code = diagnostic?.code;
      // The rule page, opened rendered through the extension's command (see ruleDocs.test.ts).
      assert.ok(typeof code === 'object' && code !== null && code.target.scheme === 'command' && code.target.query === JSON.stringify([ruleId]), 'links the rule page');
      assert.doesNotMatch(diagnostic?.message ?? '', /LTAI[A-Za-z0-9]{8}/, 'never shows a key unmasked');
    }
  });

  test('quick fix: a secure value (OSS ACL → private)', async () => {
    const editor = await applyFix('terraform/storage.tf', 'oss-bucket-public-acl', 21, /^Set to private$/);
    assert.match(editor.document.lineAt(20).text, /acl\s*=\s*"private"/);
  });

  test('quick fix: add a missing setting (sensitive = true)', async () => {
    const editor = await applyFix('terraform/variables.tf', 'variable-secret-not-sensitive', 40, /^Add sensitive = true$/);
    assert.ok(editor.document.getText().includes('sensitive = true'));
  });

  test('quick fix: an open CIDR becomes a selected placeholder', async () => {
    const editor = await applyFix('terraform/main.tf', 'sg-ingress-open-sensitive-port', 42, /placeholder/);
    assert.strictEqual(editor.document.getText(editor.selection), '<trusted-cidr>', 'the placeholder is selected for typing');
  });

  test('quick fix: an open CIDR in ROS JSON', async () => {
    const editor = await applyFix('ros/web-stack.ros.json', 'sg-ingress-open-sensitive-port', 128, /placeholder/);
    assert.strictEqual(editor.document.getText(editor.selection), '<trusted-cidr>');
  });

  test('quick fix: NoEcho added to a credential parameter (ROS YAML)', async () => {
    await applyFix('ros/web-stack.ros.yaml', 'ros-parameter-secret-no-noecho', 48, /^Add NoEcho = true$/);
  });

  test('quick fix: a literal Default removed from a credential parameter (ROS YAML)', async () => {
    const editor = await applyFix('ros/web-stack.ros.yaml', 'ros-parameter-secret-literal-default', 50, /^Remove Default$/);
    assert.ok(!/DbAdminPassword:[\s\S]{0,80}Default:/.test(editor.document.getText()));
  });

  test('quick fix: a hardcoded AccessKey moves to a sensitive variable in variables.tf', async () => {
    const editor = await applyFix('terraform/providers.tf', 'provider-hardcoded-credentials', 34, /^Move to a sensitive variable var\.alicloud_access_key \(variables\.tf\)$/);
    assert.match(editor.document.lineAt(33).text, /access_key\s*=\s*var\.alicloud_access_key/);
    const variables = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('/terraform/variables.tf'));
    assert.ok(variables?.getText().includes('variable "alicloud_access_key" {'), 'declared in variables.tf');
  });

  test('quick fix: a literal password moves to a NoEcho parameter (ROS YAML)', async () => {
    const editor = await applyFix('ros/web-stack.ros.yaml', 'hardcoded-password', 129, /^Move to a NoEcho parameter/);
    assert.match(editor.document.getText(), /Password: !Ref WebServerPassword/);
  });

  test('quick fix: an rlens:ignore comment suppresses the finding', async () => {
    const editor = await applyFix('terraform/iam.tf', 'ram-policy-attached-to-user', 42, /rlens:ignore/);
    assert.match(editor.document.lineAt(41).text, /# rlens:ignore ram-policy-attached-to-user/);
  });
});
