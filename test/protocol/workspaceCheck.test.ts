import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LspClient } from './lspClient';

/** Whole-workspace results: closed files checked from disk, kept up to date, and cleared. */

const OPEN_SSH = 'resource "alicloud_security_group_rule" "ssh" {\n  type       = "ingress"\n  port_range = "22/22"\n  cidr_ip    = "0.0.0.0/0"\n}\n';
const OFFICE_SSH = OPEN_SSH.replace('0.0.0.0/0', '10.20.0.0/16');
const RULE = 'sg-ingress-open-sensitive-port';

describe('checking files that are not open, over LSP', function () {
  this.timeout(30_000);
  let client: LspClient | undefined;
  let dir: string;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-closed-'));
    client = await LspClient.start({ language: 'en' });
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, text: string): string {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
    return `file://${path.join(dir, name)}`;
  }

  function codes(uri: string): string[] {
    return (client?.diagnostics.get(uri)?.diagnostics ?? []).map((d) => String(d.code));
  }

  async function check(uris: string[]): Promise<number> {
    const result = await client!.connection.sendRequest<{ checked: number }>('responsibilityLens/checkFiles', { uris });
    return result.checked;
  }

  it('publishes the findings of a file that was never opened, and clears them on request', async () => {
    const main = write('net/main.tf', OPEN_SSH);
    const config = write('app/settings.yaml', 'name: demo\n');
    assert.strictEqual(await check([main, config]), 2);
    await client!.waitFor(() => codes(main).includes(RULE), 'the finding of the closed file');
    assert.deepStrictEqual(codes(config), [], 'a clean file is published empty');

    await client!.connection.sendNotification('responsibilityLens/clearClosedFiles');
    await client!.waitFor(() => codes(main).length === 0, 'the closed file cleared');
  });

  it('keeps a closed file up to date: re-read after an edit on disk, in the new language after a settings change, forgotten when deleted', async () => {
    const main = write('main.tf', OPEN_SSH);
    await check([main]);
    await client!.waitFor(() => codes(main).includes(RULE), 'the finding');

    fs.writeFileSync(path.join(dir, 'main.tf'), OFFICE_SSH);
    await client!.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: main, type: 2 }] });
    await client!.waitFor(() => !codes(main).includes(RULE), 'the finding gone once the file is fixed on disk');

    fs.writeFileSync(path.join(dir, 'main.tf'), OPEN_SSH);
    await client!.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: main, type: 2 }] });
    await client!.waitFor(() => codes(main).includes(RULE), 'the finding back');
    await client!.changeSettings({ language: 'zh-cn' });
    await client!.waitFor(() => (client?.diagnostics.get(main)?.diagnostics ?? []).some((d) => d.code === RULE && /[\u4e00-\u9fff]/.test(d.message)), 'the message in Chinese');

    fs.rmSync(path.join(dir, 'main.tf'));
    await client!.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: main, type: 3 }] });
    await client!.waitFor(() => codes(main).length === 0, 'the deleted file cleared');
  });

  it('gives a closed file its disk diagnostics back when its editor closes, and leaves open files to the editor', async () => {
    const main = write('main.tf', OPEN_SSH);
    await check([main]);
    await client!.waitFor(() => codes(main).includes(RULE), 'the finding');
    await client!.open(main, 'terraform', OFFICE_SSH);
    await client!.waitFor(() => !codes(main).includes(RULE), 'the open text counts');
    assert.strictEqual(await check([main]), 0, 'an open file is not read from disk');
    await client!.connection.sendNotification('textDocument/didClose', { textDocument: { uri: main } });
    await client!.waitFor(() => codes(main).includes(RULE), 'the disk text again once closed');
  });

  it('reads no closed file through a symlink that leaves the workspace, nor a FIFO', async () => {
    await client?.stop();
    const workspace = path.join(dir, 'ws');
    fs.mkdirSync(workspace, { recursive: true });
    client = await LspClient.start({ language: 'en' }, 'en', {}, workspace);
    const outside = write('outside/secret.tf', OPEN_SSH);
    const link = path.join(workspace, 'leak.tf');
    fs.symlinkSync(new URL(outside).pathname, link);
    const fifo = path.join(workspace, 'pipe.tf');
    execFileSync('mkfifo', [fifo]);
    const inside = write('ws/main.tf', OPEN_SSH);
    assert.strictEqual(await check([`file://${link}`, `file://${fifo}`, inside]), 1, 'only the regular file inside the workspace is checked');
    await client!.waitFor(() => codes(inside).includes(RULE), 'the finding of the file inside');
    assert.deepStrictEqual(codes(`file://${link}`), [], 'nothing published for the link leading outside');
  });
});
