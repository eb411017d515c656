import * as assert from 'assert';
import { GitignoreRules } from '../../../client/src/gitignore';

function rules(...files: [string, string][]): GitignoreRules {
  const result = new GitignoreRules();
  for (const [base, text] of files) result.add(base, text);
  return result;
}

describe('.gitignore rules for the whole-workspace check', () => {
  it('ignores a name at any depth, and only below its own folder', () => {
    const r = rules(['', '# build output\n.terraform/\n*.tfstate\n'], ['modules/net', 'generated.tf\n']);
    assert.ok(r.ignores('.terraform/modules/vpc/main.tf'));
    assert.ok(r.ignores('envs/prod/.terraform/providers/x.json'));
    assert.ok(r.ignores('envs/prod/terraform.tfstate'));
    assert.ok(r.ignores('modules/net/generated.tf'));
    assert.ok(!r.ignores('generated.tf'), 'a nested .gitignore does not reach up');
    assert.ok(!r.ignores('envs/prod/main.tf'));
  });

  it('anchors patterns with a slash, keeps directory-only patterns off files, and negates', () => {
    const r = rules(['', '/vendor\nbuild/\nlogs/*.json\n!logs/keep.json\n']);
    assert.ok(r.ignores('vendor/a.tf'));
    assert.ok(!r.ignores('src/vendor/a.tf'), '/vendor is anchored to the root');
    assert.ok(r.ignores('src/build/out.json'));
    assert.ok(!r.ignores('build'), 'build/ matches folders only');
    assert.ok(r.ignores('logs/a.json'));
    assert.ok(!r.ignores('logs/keep.json'));
    assert.ok(!r.ignores('logs/deep/a.json'), '* does not cross a folder');
  });

  it('reads ** across folders, ? and [] within a name, and cannot re-include a file of an ignored folder', () => {
    const r = rules(['', 'docs/**/*.yaml\nstack-?.json\nenv-[ab].tf\nnode_modules/\n!node_modules/keep/x.json\n\\#notes.yaml\n']);
    assert.ok(r.ignores('docs/a.yaml'));
    assert.ok(r.ignores('docs/x/y/a.yaml'));
    assert.ok(!r.ignores('src/docs/a.yaml'));
    assert.ok(r.ignores('stack-1.json'));
    assert.ok(!r.ignores('stack-12.json'));
    assert.ok(r.ignores('env-a.tf'));
    assert.ok(!r.ignores('env-c.tf'));
    assert.ok(r.ignores('node_modules/keep/x.json'));
    assert.ok(r.ignores('#notes.yaml'));
  });
});
