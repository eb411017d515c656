import * as assert from 'assert';
import { LspClient } from './lspClient';

/** What the status bar shows comes from the server, whole, in the language of the hints and diagnostics. */

/** The visible text without codicons such as `$(shield)`. */
function visible(text: string): string {
  return text.replace(/\$\([a-z-]+\)/g, '').trim();
}

describe('the status-bar text over LSP', function () {
  this.timeout(30_000);
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('is short and Chinese only when the user chose Chinese in an English editor', async () => {
    client = await LspClient.start({ language: 'zh-cn' }, 'en');
    const status = client.statuses.at(-1);
    const text = visible(status?.text ?? '');
    assert.ok(text.length > 0 && text.length <= 12, JSON.stringify(status));
    assert.doesNotMatch(text, /[A-Za-z]/, 'no English word in the Chinese text');
    assert.doesNotMatch((status?.tooltip ?? '').replace('Responsibility Lens', ''), /[A-Za-z]{3,}/, 'the tooltip is Chinese too');
  });

  it('is short and English only otherwise, and follows a change of mode', async () => {
    client = await LspClient.start({ language: 'en' }, 'zh-cn');
    const text = visible(client.statuses.at(-1)?.text ?? '');
    assert.ok(text.length > 0 && text.length <= 24, text);
    assert.doesNotMatch(text, /[\u4e00-\u9fff]/);
    await client.changeSettings({ language: 'en', deploymentMode: 'cloud-software' });
    await client.waitFor(() => client?.statuses.at(-1)?.deploymentMode === 'cloud-software', 'the new mode');
    assert.notStrictEqual(visible(client.statuses.at(-1)?.text ?? ''), text);
  });
});
