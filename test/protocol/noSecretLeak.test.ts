import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { sharedEngine } from '../helpers/engine';
import { filesUnder, leakedIn, rawSecretsIn } from '../helpers/secrets';
import { occurrences, secretNamesWorkspace } from '../helpers/secretNames';
import { maskSecret } from '../../server/src/rules/secrets/mask';
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

  it('keeps a key written into a file name, resource, variable or ROS id, ignore or waiver reason out of everything it sends', async () => {
    const workspace = secretNamesWorkspace();
    const client = await LspClient.start({ language: 'en', trusted: true }, 'en', {}, workspace.dir);
    try {
      let seen = '';
      let titles = '';
      let hovers = '';
      const documents = [...workspace.files, workspace.contract];
      for (const file of documents) {
        const languageId = file.endsWith('.tf') ? 'terraform' : 'yaml';
        await client.open(`file://${file}`, languageId, fs.readFileSync(file, 'utf8'));
      }
      for (const file of documents) {
        const uri = `file://${file}`;
        const diagnostics = await client.diagnosticsFor(uri, 1);
        seen += JSON.stringify(diagnostics);
        // Only the titles are shown; an edit addresses the document by its URI, which the editor already shows.
        for (const diagnostic of diagnostics) titles += ((await client.codeActions(uri, diagnostic.range, [diagnostic])) ?? []).map((action) => action.title).join('\n');
        // A hover on every setting: the first word of every line.
        const lines = fs.readFileSync(file, 'utf8').split('\n');
        for (let line = 0; line < lines.length; line++) {
          const character = (lines[line] ?? '').search(/\S/);
          if (character < 0) continue;
          const hover = await client.hover(uri, { line, character });
          hovers += (hover?.contents as MarkupContent | undefined)?.value ?? '';
        }
        seen += JSON.stringify(await client.inlayHints(uri)) + JSON.stringify(await client.codeLens(uri));
      }
      const masked = maskSecret(workspace.key);
      assert.ok(occurrences(seen, masked) >= 2, 'diagnostics name the masked variable and the waiver reason');
      // The variable and parameter a moved password gets are named after the masked resource, in their syntax.
      assert.ok(titles.includes(`var.${masked.replace(/[^A-Za-z0-9_]/g, '_')}_password`), 'the Terraform quick fix names a variable made of the masked name');
      assert.ok(titles.includes(`Ref ${masked.replace(/[^A-Za-z0-9]/g, '')}Password`), 'the ROS quick fix names a parameter made of the masked name');
      assert.ok(occurrences(hovers, masked) >= 2, 'hovers name the masked resources');
      const everything = seen + titles + hovers + client.logs.join('\n');
      assert.strictEqual(occurrences(everything, workspace.key), 0, 'the key is in nothing the server sent');
    } finally {
      await client.stop();
      workspace.remove();
    }
  });
});
