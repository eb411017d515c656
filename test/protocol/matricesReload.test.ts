import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LspClient } from './lspClient';

const repository = path.resolve(__dirname, '../..');
const MAIN_TF = fs.readFileSync(path.join(repository, 'examples/terraform/main.tf'), 'utf8');
const URI = 'file:///tmp/rlens-protocol/reload/main.tf';

describe('responsibility data on disk', function () {
  this.timeout(30_000);
  let client: LspClient | undefined;
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-matrices-'));
    fs.cpSync(path.join(repository, 'matrices'), dir, { recursive: true });
  });

  afterEach(async () => {
    await client?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports an invalid edit with the file and key, keeps the last good data, and recovers', async () => {
    client = await LspClient.start({ language: 'en' }, 'en', { RLENS_MATRICES_DIR: dir });
    const running = client;
    await running.open(URI, 'terraform', MAIN_TF);
    const before = ((await running.inlayHints(URI)) ?? []).length;
    assert.ok(before > 0);

    const file = path.join(dir, 'model', 'categories.yaml');
    const good = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, good.replace('categories:', 'categories:\n  - id: broken\n    nmae: { zh: 错, en: wrong }'));
    await running.waitFor(() => running.statuses.at(-1)?.dataError !== undefined, 'the data error in the status');
    const error = running.statuses.at(-1)?.dataError ?? '';
    assert.match(error, /model\/categories\.yaml/);
    assert.match(error, /nmae/);
    assert.match(error, /previous responsibility data stays in force/);
    assert.strictEqual(((await running.inlayHints(URI)) ?? []).length, before, 'hints from the last good data');

    fs.writeFileSync(file, good);
    await running.waitFor(() => running.statuses.at(-1)?.dataError === undefined, 'the error cleared');
    assert.strictEqual(((await running.inlayHints(URI)) ?? []).length, before);
  });

  it('starts with invalid data, says so, answers empty, and comes up once the data is fixed', async () => {
    const file = path.join(dir, 'model', 'iaas.yaml');
    const good = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, 'rows: [unclosed\n');
    client = await LspClient.start({ language: 'zh-cn' }, 'en', { RLENS_MATRICES_DIR: dir });
    const running = client;
    assert.match(running.statuses.at(-1)?.dataError ?? '', /责任数据无效.*model\/iaas\.yaml/s);
    await running.open(URI, 'terraform', MAIN_TF);
    assert.deepStrictEqual(await running.inlayHints(URI), []);
    assert.ok(running.alive);

    fs.writeFileSync(file, good);
    await running.waitFor(() => running.statuses.length > 1 && running.statuses.at(-1)?.dataError === undefined, 'the engine started');
    assert.ok(((await running.inlayHints(URI)) ?? []).length > 0);
  });
});
