import * as assert from 'assert';
import { literal } from '../../../server/src/features/quickFixes';

describe('values written by quick fixes', () => {
  it('a Terraform string escapes ${ and %{ as $${ and %%{, so a value never becomes an interpolation', () => {
    // In a replacement string `$$` is a single `$`: the escape used to come out as `${` again.
    assert.strictEqual(literal('${file("/etc/passwd")}', 'terraform'), '"$${file(\\"/etc/passwd\\")}"');
    assert.strictEqual(literal('%{ if true }x%{ endif }', 'terraform'), '"%%{ if true }x%%{ endif }"');
  });
});
