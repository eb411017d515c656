import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { sharedEngine } from '../helpers/engine';
import { filesUnder, leakedIn, rawSecretsIn } from '../helpers/secrets';
import { LspClient } from './lspClient';

const root = path.resolve(__dirname, '../..');

describe('the language server never shows a secret', function () {
  this.timeout(60_000);

  it('keeps every example and fixture secret out of diagnostics, hovers, code actions and the log', async () => {
    const files = filesUnder(path.join(root, 'examples'), path.join(root, 'test/fixtures/rules'));
    const secrets = rawSecretsIn(await sharedEngine(), files);
    assert.ok(secrets.size >= 5);
    const client = await LspClient.start({ language: 'en' });
    try {
      let seen = '';
      const opened: string[] = [];
      for (const file of files) {
        const uri = `file://${file}`;
        const languageId = file.endsWith('.tf') ? 'terraform' : file.endsWith('.tfvars') ? 'terraform-vars' : file.endsWith('.json') ? 'json' : 'yaml';
        await client.open(uri, languageId, fs.readFileSync(file, 'utf8'));
        opened.push(uri);
      }
      for (const uri of opened) {
        const diagnostics = await client.diagnosticsFor(uri, 1);
        seen += JSON.stringify(diagnostics);
        for (const diagnostic of diagnostics) {
          const hover = await client.hover(uri, diagnostic.range.start);
          seen += (hover?.contents as MarkupContent | undefined)?.value ?? '';
          seen += JSON.stringify(await client.codeActions(uri, diagnostic.range, [diagnostic]));
        }
        seen += JSON.stringify(await client.inlayHints(uri));
      }
      seen += client.logs.join('\n');
      assert.ok(seen.length > 10_000, 'the server said a lot');
      assert.strictEqual(leakedIn(seen, secrets), 0, 'no raw secret in anything the server sent');
    } finally {
      await client.stop();
    }
  });
});
