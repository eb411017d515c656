import * as assert from 'assert';
import { formatJson } from '../../../../server/src/cli/formatters/json';
import { formatJunit } from '../../../../server/src/cli/formatters/junit';
import { formatSarif } from '../../../../server/src/cli/formatters/sarif';
import { formatText } from '../../../../server/src/cli/formatters/text';
import type { Language } from '../../../../server/src/i18n/language';
import { MASKED_SECRET, RAW_SECRET, sampleReport } from './sample-report';

const FORMATS: Record<string, (language: Language) => string> = {
  json: () => formatJson(sampleReport()),
  sarif: (language) => formatSarif(sampleReport(), { language }),
  junit: (language) => formatJunit(sampleReport(), { language }),
  text: (language) => formatText(sampleReport(), { language, color: true }),
};

describe('every report format and the secret', () => {
  for (const [name, write] of Object.entries(FORMATS)) {
    for (const language of ['en', 'zh-cn'] as const) {
      it(`${name} (${language}) shows the masked secret and never the raw value`, () => {
        const out = write(language);
        assert.ok(out.includes(MASKED_SECRET), 'masked form shown');
        assert.ok(!out.includes(RAW_SECRET), 'raw value absent');
        // Not even the part the mask elides.
        assert.ok(!out.includes(RAW_SECRET.slice(4, -2)));
      });
    }
  }
});
