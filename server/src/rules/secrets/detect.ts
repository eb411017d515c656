/**
 * Credential detectors for any string value of a template.
 *
 * Why this shape: a leaked AccessKey is the customer's "last mile" failure that the product exists to catch, but a
 * detector that cries wolf on `var.secret_key` or `<your-access-key>` gets switched off. So the functions are pure
 * (no parser, no LSP, easy to test), prefix-bearing formats are trusted anywhere, prefix-less ones only where a key
 * name vouches for them, and every candidate passes a placeholder check and an entropy floor. Offsets are returned
 * instead of values so callers can mask before anything leaves the engine.
 */
import { createHash } from 'crypto';
import type { Severity } from '../types';

export type SecretKind =
  | 'alibaba-access-key-id'
  | 'alibaba-access-key-secret'
  | 'alibaba-sts-access-key-id'
  | 'alibaba-sts-token'
  | 'tencent-secret-id'
  | 'tencent-secret-key'
  | 'huawei-access-key'
  | 'huawei-secret-key'
  | 'aws-access-key-id'
  | 'volcengine-access-key-id'
  | 'volcengine-secret-access-key'
  | 'aws-secret-access-key'
  | 'aws-session-token'
  | 'azure-client-secret'
  | 'gcp-service-account-key'
  | 'gcp-api-key'
  | 'azure-storage-account-key'
  | 'private-key'
  | 'password';

export interface SecretMatch {
  kind: SecretKind;
  /** UTF-16 offsets into the value given to `detectSecrets`, end exclusive. */
  start: number;
  end: number;
  severity: Severity;
  confidence: 'high' | 'medium';
}

export interface SecretContext {
  /** The setting, attribute, parameter or variable name the value is assigned to. */
  key?: string;
  /** Terraform provider name when known, e.g. `alicloud`, `huaweicloud`. */
  provider?: string;
}

type Confidence = SecretMatch['confidence'];
type Vendor = 'alibaba' | 'tencent' | 'huawei' | 'aws' | 'volcengine';

/** Minimum bits per character of the part after a known prefix (rejects `LTAIxxxx…`, `AKIA0000…`). */
const PREFIX_ENTROPY_FLOOR = 2;
/** Minimum bits per character of a prefix-less token; random keys of 20+ characters sit well above 3.5. */
const CONTEXT_ENTROPY_FLOOR = 3;
/** Minimum length of a decoded-looking PEM body; an ed25519 PKCS#8 key is 64 base64 characters. */
const PEM_MIN_BODY = 40;

// ---------------------------------------------------------------------------------------------------------------
// Entropy and placeholders

export function shannonEntropy(text: string): number {
  const chars = Array.from(text);
  if (chars.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const TF_REFERENCE = /^(?:var|local|module|data|each|count|self|path|terraform)\.[\w.[\]"*-]+$/;
/** `<type>.<name>.<attr>` such as `random_password.db.result`; every Terraform resource type has an underscore. */
const TF_RESOURCE_REFERENCE = /^[a-z][a-z0-9]*_[a-z0-9_]*\.[\w-]+\.[\w.[\]"*-]+$/;
const SHELL_REFERENCE = /^\$(?:[A-Za-z_]\w*|[({].*)$/s;
const ROS_REFERENCE = /^(?:!?Ref\b|Fn::|!\w+\s|\{\s*"(?:Ref|Fn::\w+)"\s*:)/;

function looksLikeReference(v: string): boolean {
  return (
    v.includes('${') ||
    v.includes('{{') ||
    v.includes('%{') ||
    TF_REFERENCE.test(v) ||
    TF_RESOURCE_REFERENCE.test(v) ||
    SHELL_REFERENCE.test(v) ||
    ROS_REFERENCE.test(v)
  );
}

/** Substrings that mark a value as an illustration wherever they appear (AWS documentation examples contain EXAMPLE). */
const PLACEHOLDER_FRAGMENTS = [/example/i, /dummy/i, /changeme/i, /placeholder/i, /redacted/i, /x{4,}/i, /\*{3,}/, /<[^<>]+>/, /your[\s_-]/i, /replace[\s_-]?(?:me|with|this)/i];
/** A value made only of these words (and digits/punctuation) is a placeholder if one of them is a marker. */
const MARKER_WORDS = new Set(['test', 'testing', 'dummy', 'example', 'sample', 'changeme', 'change', 'placeholder', 'redacted', 'todo', 'fixme', 'tbd', 'none', 'null', 'nil', 'undefined', 'true', 'false', 'your', 'xxx', 'foo', 'bar', 'foobar']);
const FILLER_WORDS = new Set(['me', 'my', 'here', 'key', 'secret', 'password', 'pass', 'access', 'id', 'value', 'token', 'to', 'this', 'the']);

function isPlaceholderWords(v: string): boolean {
  const words = splitWords(v);
  if (words.length === 0) return false;
  return words.every((w) => MARKER_WORDS.has(w) || FILLER_WORDS.has(w)) && words.some((w) => MARKER_WORDS.has(w));
}

export function looksLikePlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/^(.)\1*$/su.test(v)) return true;
  if (looksLikeReference(v)) return true;
  if (PLACEHOLDER_FRAGMENTS.some((re) => re.test(v))) return true;
  return isPlaceholderWords(v);
}

// ---------------------------------------------------------------------------------------------------------------
// Key names

function lastSegment(key: string): string {
  const parts = key.split(/[./[\]"':]+/).filter((p) => p !== '');
  return parts[parts.length - 1] ?? '';
}

/** `MasterUserPassword` → master,user,password; `kms_encrypted_password` → kms,encrypted,password. */
function splitWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w !== '');
}

const PASSWORD_WORDS = /(?:password|passwd|pwd)$/;
const NOT_A_LITERAL_PASSWORD = new Set(['encrypted', 'kms', 'hash', 'hashed', 'salted', 'crypted']);

export function isPasswordKey(key: string): boolean {
  const words = splitWords(lastSegment(key));
  const last = words[words.length - 1];
  if (last === undefined) return false;
  const passwordish = PASSWORD_WORDS.test(last) || last === 'pass' || last === 'passphrase';
  return passwordish && !words.some((w) => NOT_A_LITERAL_PASSWORD.has(w));
}

function compact(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const PROVIDER_VENDORS: Readonly<Record<string, Vendor>> = { alicloud: 'alibaba', tencentcloud: 'tencent', huaweicloud: 'huawei', aws: 'aws', volcengine: 'volcengine' };

/** The cloud a key name or provider points at; the key wins because env-var names are explicit. */
function vendorOf(key: string, provider: string | undefined): Vendor | undefined {
  const k = key.toLowerCase();
  // "AccessKey Secret" is Alibaba Cloud's own term (ROS `AccessKeySecret`, SDK `access_key_secret`).
  if (/alicloud|alibaba|aliyun/.test(k) || compact(k).endsWith('accesskeysecret')) return 'alibaba';
  if (k.includes('tencent')) return 'tencent';
  if (k.includes('huawei')) return 'huawei';
  if (/(?:^|[^a-z])aws/.test(k)) return 'aws';
  // Volcengine's SDKs read VOLC_ACCESSKEY / VOLC_SECRETKEY (github.com/volcengine/volc-sdk-golang, README).
  if (/(?:^|[^a-z])volc/.test(k)) return 'volcengine';
  return provider === undefined ? undefined : PROVIDER_VENDORS[provider.toLowerCase()];
}

function isSecretKeyName(name: string, vendor: Vendor | undefined): boolean {
  if (/(?:secretkey|keysecret|secretaccesskey|accesssecret)$/.test(name) || name === 'secret') return true;
  return vendor === 'huawei' && (name === 'sk' || name.endsWith('sdksk'));
}

function isAccessKeyName(name: string): boolean {
  return name === 'ak' || name.endsWith('sdkak') || /accesskey(?:id)?$/.test(name);
}

// ---------------------------------------------------------------------------------------------------------------
// Prefix-based formats: found anywhere

interface PrefixRule {
  readonly kind: SecretKind;
  readonly pattern: RegExp;
  /** Characters of the fixed prefix, excluded from the entropy measure. */
  readonly prefix: number;
  readonly severity: (token: string) => Severity;
  readonly accept?: (token: string) => boolean;
}

const always = (s: Severity) => (): Severity => s;
/**
 * Keys printed in vendors' documentation as examples, by sha256 (the repository holds no key-shaped string):
 * Google's example API key string on https://cloud.google.com/docs/authentication/api-keys.
 */
const DOCUMENTATION_EXAMPLES = new Set(['ac9265e56c79b234607ec72c53753cfea9f88c99eb713790ddf9be5593bb4465']);
const notDocumentationExample = (token: string): boolean => !DOCUMENTATION_EXAMPLES.has(createHash('sha256').update(token, 'utf8').digest('hex'));
/** ASIA keys are AWS STS session keys: short-lived like Alibaba STS. */
const awsKeySeverity = (token: string): Severity => (token.startsWith('ASIA') ? 'medium' : 'critical');
const hasDigit = (token: string): boolean => /\d/.test(token);

const PREFIX_RULES: readonly PrefixRule[] = [
  { kind: 'alibaba-access-key-id', pattern: /(?<![A-Za-z0-9])LTAI(?:[A-Za-z0-9]{20}|[A-Za-z0-9]{12})(?![A-Za-z0-9])/g, prefix: 4, severity: always('critical') },
  // `STS.AssumeRole`-style identifiers in code have no digits; real STS ids almost always do.
  { kind: 'alibaba-sts-access-key-id', pattern: /(?<![A-Za-z0-9])STS\.[A-Za-z0-9]{16,40}(?![A-Za-z0-9])/g, prefix: 4, severity: always('medium'), accept: hasDigit },
  { kind: 'alibaba-sts-token', pattern: /(?<![A-Za-z0-9+/])CAIS[A-Za-z0-9+/]{100,}={0,2}/g, prefix: 4, severity: always('medium') },
  { kind: 'tencent-secret-id', pattern: /(?<![A-Za-z0-9])AKID[A-Za-z0-9]{32}(?![A-Za-z0-9])/g, prefix: 4, severity: always('critical') },
  { kind: 'aws-access-key-id', pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g, prefix: 4, severity: awsKeySeverity },
  { kind: 'azure-client-secret', pattern: /(?<![\w~.-])[\w~.-]{3}\dQ~[\w~.-]{31,34}(?![\w~.-])/g, prefix: 6, severity: always('critical') },
  // Google Cloud API key: "AIza" and 35 letters, digits, `-` or `_`, 39 in all. Google shows the string in
  // https://cloud.google.com/docs/authentication/api-keys ("The API key string is an encrypted string, for
  // example, AIza…"); the format is spelled out in Microsoft Purview's credential definition "Google API key"
  // (https://learn.microsoft.com/en-us/purview/sit-defn-google-api-key). It bills and rate-limits a project
  // rather than granting IAM rights, hence high, not critical.
  // Volcengine AccessKey ID: "AKLT" and letters, digits, `-`, `_` ("AKLT[a-zA-Z0-9-_]+", under 256 characters:
  // Volcengine IAM API, AccessKey data type, https://www.volcengine.com/docs/6257/65048). The documentation gives
  // no fixed length; 20 characters after the prefix is our floor, so that words and short ids are not taken.
  { kind: 'volcengine-access-key-id', pattern: /(?<![\w-])AKLT[\w-]{20,251}(?![\w-])/g, prefix: 4, severity: always('critical') },
  { kind: 'gcp-api-key', pattern: /(?<![\w-])AIza[\w-]{35}(?![\w-])/g, prefix: 4, severity: always('high'), accept: notDocumentationExample },
];

function prefixMatches(value: string, rule: PrefixRule): SecretMatch[] {
  const out: SecretMatch[] = [];
  for (const m of value.matchAll(rule.pattern)) {
    const token = m[0];
    if (looksLikePlaceholder(token)) continue;
    if (shannonEntropy(token.slice(rule.prefix)) < PREFIX_ENTROPY_FLOOR) continue;
    if (rule.accept && !rule.accept(token)) continue;
    const start = m.index ?? 0;
    out.push({ kind: rule.kind, start, end: start + token.length, severity: rule.severity(token), confidence: 'high' });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Azure Storage connection strings

/**
 * An Azure Storage account key is 86 base64 characters and `==` (a 512-bit key); a connection string carries it
 * as `DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=…`. Sources: "Configure a
 * connection string" (https://learn.microsoft.com/en-us/azure/storage/common/storage-configure-connection-string)
 * and Microsoft Purview's credential definition "Azure storage account key"
 * (https://learn.microsoft.com/en-us/purview/sit-defn-azure-storage-account-key). Outside a connection string the
 * shape is too common (a base64 SHA-512 digest has it too): only a key name vouches for it there (keyedMatches).
 */
const AZURE_ACCOUNT_KEY = /(?<![A-Za-z0-9])AccountKey[ \t]{0,2}=[ \t]{0,2}([A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/dg;
/** The storage emulator's account and its published well-known key are not secrets (Azurite's documentation). */
const AZURE_EMULATOR = /devstoreaccount1|UseDevelopmentStorage/i;

function azureStorageMatches(value: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  for (const m of value.matchAll(AZURE_ACCOUNT_KEY)) {
    const span = m.indices?.[1];
    if (!span) continue;
    const key = value.slice(span[0], span[1]);
    if (looksLikePlaceholder(key) || shannonEntropy(key) < CONTEXT_ENTROPY_FLOOR) continue;
    out.push({ kind: 'azure-storage-account-key', start: span[0], end: span[1], severity: 'critical', confidence: 'high' });
  }
  return out;
}

/** Whether an account key at `start`–`end` belongs to an emulator connection string (its line, up to a quote). */
function isEmulatorKey(value: string, start: number, end: number): boolean {
  const lineStart = Math.max(value.lastIndexOf('\n', start), value.lastIndexOf('"', start - 1)) + 1;
  const around = value.slice(lineStart, end + 300).split(/["\n]/)[0] ?? '';
  return AZURE_EMULATOR.test(around);
}

// ---------------------------------------------------------------------------------------------------------------
// PEM private keys and GCP service-account JSON

const PEM_BLOCK = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----([\s\S]*?)-----END \1PRIVATE KEY\2-----/g;

/** A real body is base64 of some length and entropy once headers (`Proc-Type:`), whitespace and `\n` escapes go. */
function isRealPemBody(body: string): boolean {
  const lines = body.replace(/\\[rn]/g, '\n').split('\n');
  const b64 = lines
    .filter((line) => !line.includes(':'))
    .join('')
    .replace(/\s+/g, '');
  return /^[A-Za-z0-9+/=]+$/.test(b64) && b64.length >= PEM_MIN_BODY && !looksLikePlaceholder(b64) && shannonEntropy(b64) >= 3;
}

function pemMatches(value: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  for (const m of value.matchAll(PEM_BLOCK)) {
    if (!isRealPemBody(m[3] ?? '')) continue;
    const start = m.index ?? 0;
    out.push({ kind: 'private-key', start, end: start + m[0].length, severity: 'critical', confidence: 'high' });
  }
  return out;
}

const GCP_TYPE = /"type"\s*:\s*"service_account"/g;
const GCP_PRIVATE_KEY = /"private_key"\s*:\s*"/;

/**
 * The object around a `"type"` member. Service-account key files are flat JSON objects, so the nearest braces
 * are the object's own; a nested value in between means we are not looking at one.
 */
function flatObjectAround(value: string, at: number): { start: number; end: number } | undefined {
  const open = value.lastIndexOf('{', at);
  const close = value.indexOf('}', at);
  if (open < 0 || close < 0 || value.slice(open, at).includes('}')) return undefined;
  return { start: open, end: close + 1 };
}

function gcpMatches(value: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  for (const m of value.matchAll(GCP_TYPE)) {
    const span = flatObjectAround(value, m.index ?? 0);
    if (!span) continue;
    const object = value.slice(span.start, span.end);
    const keyAt = object.search(GCP_PRIVATE_KEY);
    if (keyAt < 0 || pemMatches(object.slice(keyAt)).length === 0) continue;
    out.push({ kind: 'gcp-service-account-key', ...span, severity: 'critical', confidence: 'high' });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Prefix-less formats: only where a key name says so

interface TokenRule {
  readonly kind: SecretKind;
  readonly pattern: RegExp;
  readonly confidence: Confidence;
  /** Critical unless said otherwise. */
  readonly severity?: Severity;
}

const alnum = (n: number): RegExp => new RegExp(`(?<![A-Za-z0-9])[A-Za-z0-9]{${n}}(?![A-Za-z0-9])`, 'g');
const base64ish = (n: number): RegExp => new RegExp(`(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{${n}}(?![A-Za-z0-9+/])`, 'g');

function secretRules(vendor: Vendor | undefined): TokenRule[] {
  const c: Confidence = vendor === undefined ? 'medium' : 'high';
  const alibaba: TokenRule = { kind: 'alibaba-access-key-secret', pattern: alnum(30), confidence: c };
  const tencent: TokenRule = { kind: 'tencent-secret-key', pattern: alnum(32), confidence: c };
  const aws: TokenRule = { kind: 'aws-secret-access-key', pattern: base64ish(40), confidence: c };
  switch (vendor) {
    case 'alibaba':
      return [alibaba];
    case 'tencent':
      return [tencent];
    case 'aws':
      return [aws];
    case 'huawei':
      return [{ kind: 'huawei-secret-key', pattern: alnum(40), confidence: 'high' }];
    case 'volcengine':
      // SecretAccessKey: "[a-zA-Z0-9/+]+==", under 256 characters (same page as the AccessKey ID above).
      return [{ kind: 'volcengine-secret-access-key', pattern: /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{20,252}==(?![A-Za-z0-9+/=])/g, confidence: 'high' }];
    default:
      // No vendor known: the length tells the clouds apart (a Huawei SK without context reads as AWS).
      return [alibaba, tencent, aws];
  }
}

/**
 * AWS session token (temporary credentials): AWS_SESSION_TOKEN for the SDKs and CLI, aws_session_token in the
 * credentials file, SessionToken in STS responses (AWS SDK for .NET, EnvironmentVariablesAWSCredentials:
 * https://docs.aws.amazon.com/sdkfornet/v3/apidocs/items/Runtime/TEnvironmentVariablesAWSCredentials.html). AWS
 * documents no format; the tokens are long base64 text, so only its name vouches for one, and 100 characters is
 * our floor. Short-lived like an ASIA key: medium.
 */
const AWS_SESSION_TOKEN: TokenRule = { kind: 'aws-session-token', pattern: /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{100,}={0,2}(?![A-Za-z0-9+/=])/g, confidence: 'high', severity: 'medium' };

/** `AccountKey`, `storage_account_key`, `AZURE_STORAGE_KEY`: names Azure's SDKs and tools give the account key. */
function isAzureStorageKeyName(name: string): boolean {
  return name === 'accountkey' || name.endsWith('storageaccountkey') || name.endsWith('azurestoragekey') || name === 'storageaccesskey';
}

function tokenRulesFor(key: string, provider: string | undefined): TokenRule[] {
  const name = compact(lastSegment(key));
  if (isAzureStorageKeyName(name)) return [{ kind: 'azure-storage-account-key', pattern: /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])/g, confidence: 'high' }];
  const vendor = vendorOf(key, provider);
  if (name === 'sessiontoken' || (vendor === 'aws' && name.endsWith('sessiontoken'))) return [AWS_SESSION_TOKEN];
  if (isSecretKeyName(name, vendor)) return secretRules(vendor);
  if (vendor === 'huawei' && isAccessKeyName(name)) return [{ kind: 'huawei-access-key', pattern: alnum(20), confidence: 'high' }];
  return [];
}

/** At least two of upper, lower, digit: generated keys mix them, words and hex-free prose rarely do. */
function mixesCharacterClasses(token: string): boolean {
  return [/[A-Z]/, /[a-z]/, /\d/].filter((re) => re.test(token)).length >= 2;
}

function isPlausibleKey(token: string): boolean {
  return !looksLikePlaceholder(token) && mixesCharacterClasses(token) && shannonEntropy(token) >= CONTEXT_ENTROPY_FLOOR;
}

function keyedMatches(value: string, offset: number, key: string, provider: string | undefined, passwordConfidence: Confidence | undefined): SecretMatch[] {
  const out: SecretMatch[] = [];
  for (const rule of tokenRulesFor(key, provider)) {
    for (const m of value.matchAll(rule.pattern)) {
      if (!isPlausibleKey(m[0])) continue;
      const start = offset + (m.index ?? 0);
      out.push({ kind: rule.kind, start, end: start + m[0].length, severity: rule.severity ?? 'critical', confidence: rule.confidence });
    }
  }
  const password = passwordConfidence === undefined ? undefined : passwordMatch(value, offset, key, passwordConfidence);
  return password ? [...out, password] : out;
}

/** A literal under a password key is a finding whatever its entropy; only references and placeholders are spared. */
function passwordMatch(value: string, offset: number, key: string, confidence: Confidence): SecretMatch | undefined {
  if (!isPasswordKey(key)) return undefined;
  const trimmed = value.trim();
  if (looksLikePlaceholder(trimmed)) return undefined;
  const start = offset + value.indexOf(trimmed);
  return { kind: 'password', start, end: start + trimmed.length, severity: 'high', confidence };
}

/** `NAME=value`, `NAME: value`, `"name": "value"` inside scripts, heredocs and embedded JSON/YAML. */
const ASSIGNMENT = /(?<!\w)([A-Za-z_][\w.-]{0,127})["']?[ \t]*(?::=|=|:)[ \t]*(["']?)([^\s"'`;,&|<>\\]{1,512})\2/dg;

/**
 * An unquoted right-hand side that reads as code (`new`, `self.pw`, `get_pw()`, `str` in `password: str`) rather
 * than a literal. Only the embedded scan needs this: there we guess the language, with a key we do not.
 */
function looksLikeCode(token: string): boolean {
  return /[(){}[\]]/.test(token) || /^[A-Za-z_.]+$/.test(token);
}

function embeddedMatches(value: string, provider: string | undefined): SecretMatch[] {
  const out: SecretMatch[] = [];
  for (const m of value.matchAll(ASSIGNMENT)) {
    const key = m[1];
    const span = m.indices?.[3];
    if (key === undefined || span === undefined) continue;
    const token = value.slice(span[0], span[1]);
    const literal = m[2] !== '' || !looksLikeCode(token);
    out.push(...keyedMatches(token, span[0], key, provider, literal ? 'medium' : undefined));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Putting it together

const PRIORITY: Readonly<Record<SecretKind, number>> = {
  'gcp-service-account-key': 0,
  'private-key': 1,
  'gcp-api-key': 2,
  'azure-storage-account-key': 2,
  'alibaba-access-key-id': 2,
  'alibaba-sts-access-key-id': 2,
  'alibaba-sts-token': 2,
  'tencent-secret-id': 2,
  'aws-access-key-id': 2,
  'volcengine-access-key-id': 2,
  'azure-client-secret': 2,
  'alibaba-access-key-secret': 3,
  'tencent-secret-key': 3,
  'huawei-access-key': 3,
  'huawei-secret-key': 3,
  'aws-secret-access-key': 3,
  'aws-session-token': 3,
  'volcengine-secret-access-key': 3,
  password: 4,
};

/** One finding per stretch of text: the most specific reading wins (a GCP key file over the PEM inside it). */
function resolveOverlaps(matches: SecretMatch[]): SecretMatch[] {
  const ranked = [...matches].sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: SecretMatch[] = [];
  for (const m of ranked) {
    if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export function detectSecrets(value: string, context: SecretContext): SecretMatch[] {
  const found: SecretMatch[] = [...gcpMatches(value), ...pemMatches(value), ...azureStorageMatches(value)];
  for (const rule of PREFIX_RULES) found.push(...prefixMatches(value, rule));
  if (context.key !== undefined) found.push(...keyedMatches(value, 0, context.key, context.provider, 'high'));
  found.push(...embeddedMatches(value, context.provider));
  return resolveOverlaps(found.filter((m) => m.kind !== 'azure-storage-account-key' || !isEmulatorKey(value, m.start, m.end)));
}
