import * as fs from 'fs';
import * as path from 'path';
import { Engine } from '../engine';
import { languageFrom, type Language } from '../i18n/language';
import { t } from '../i18n/messages';
import { MatrixLoadError } from '../matrices/loader';
import { DEPLOYMENT_MODES, SERVICE_MODELS } from '../matrices/types';
import { oneOf, parseArgs, UsageError, VALUED_OPTIONS, type ParsedArgs } from './args';
import { DEFAULT_MAX_FILE_SIZE_KB } from '../documents/settings';
import { explainFiles, formatExplainText } from './explain';
import { collectFiles, scanRoots } from './files';
import { matrixCsv, matrixMarkdown, matrixRows } from './matrix';
import { formatJson } from './formatters/json';
import { formatJunit } from './formatters/junit';
import { formatSarif } from './formatters/sarif';
import { formatText } from './formatters/text';
import { assembleReport, DEFAULT_MAX_FINDINGS_PER_FILE, failsThreshold, progressBar, scanFiles, withMinSeverity } from './scan';
import { configureScanEngine } from './scanSetup';
import { bundledWorkerEntry, parseWorkers, plannedWorkers, ScanWorkerError, ScanWorkerPool, type WorkerEntry } from './workers';
import { SEVERITIES } from '../rules/types';
import { expiredWaiverFindings, readContractOption } from './contract';
import type { ReportedFinding, ScanError, ScanReport } from './report';
import { applyBaseline, BASELINE_VERSION, BaselineFormatError, createBaseline, parseBaseline, serializeBaseline, type Baseline } from './baseline';
import { checkOutputTarget, withoutFiles, writeOutputFile } from './output';
import { printable, printableLines, wrapWidth } from './terminal';
import { say, why } from './words';

declare const RLENS_VERSION: string | undefined;
const VERSION = typeof RLENS_VERSION === 'string' ? RLENS_VERSION : '0.0.0-dev';

const HELP = `rlens ${VERSION} — Responsibility Lens / 云安全责任透镜

Usage:
  rlens scan <paths…> [--format text|json|sarif|junit] [--severity-threshold low|medium|high|critical]
             [--min-severity low|medium|high|critical] [--baseline FILE] [--create-baseline FILE]
             [--deployment MODE] [--contract FILE] [--lang en|zh-cn] [--output FILE] [--no-color]
             [--max-file-size-kb N]   (default 5120: larger files are skipped and listed) [--workers N|auto]
             [--max-findings-per-file N]   (default 1000: the rest are counted, not listed) [--allow-no-files]
      Customer-owned misconfigurations, one line each: path:line:col: severity rule [party] message.
      Exit 0: none at or above the threshold; 1: some; 2: usage or input error, a path that cannot be read,
      or no file to analyse under the paths (unless --allow-no-files).
      检查客户责任范围内的错误配置，每条一行：路径:行:列: 严重级别 规则 [责任方] 说明。
      退出码 0：无达到阈值的问题；1：有；2：用法或输入错误、有路径无法读取，或路径下没有可分析的文件（除非 --allow-no-files）。
  rlens explain <paths…> [--format text|json] [--deployment MODE] [--contract FILE] [--lang en|zh-cn] [--output FILE]
      Every annotated setting: position, resource, responsible party, responsibility item, service model.
      列出每个带责任标注的设置：位置、资源、责任方、责任项、服务模式。
  rlens matrix [--service-model iaas|paas|saas] [--deployment MODE] [--contract FILE] [--format json|csv|markdown] [--output FILE]
      The responsibility matrix of the standard, resolved for a service model and deployment mode.
      输出按服务模式和部署模式解析后的责任矩阵。

--contract FILE: a contract (.rlens/contract.yaml) whose deployment mode, negotiated options, vendors,
  reassignments and waivers apply; its deployment mode wins over --deployment.
  合同文件：应用其部署模式、协商选项、安全厂商、责任改派与豁免；其部署模式优先于 --deployment。

--severity-threshold decides the exit code; --min-severity only what is shown (hidden findings still count).
  --severity-threshold 决定退出码；--min-severity 只决定显示哪些问题（未显示的问题仍计入退出码）。

--create-baseline FILE: record today's findings; --baseline FILE: report those as accepted ("in baseline"), so
  they do not count for the exit code and only new findings fail. The file holds fingerprints (rule, file,
  resource, setting, a hash of the value), never a value or a secret; lines added elsewhere do not change them.
  --create-baseline 记录当前的问题；--baseline 将其标为已接受（“已在基线中”），不计入退出码，只有新问题会失败。
  该文件只含指纹（规则、文件、资源、设置、取值的哈希），从不包含取值或密钥；在别处增删行不会改变指纹。

--workers N|auto: scan in N worker threads (1 to 64), each with its own engine; the files of one folder (a
  Terraform module) stay in one thread, so there are never more workers than folders. auto: one per CPU core, at
  most one per 100 files. Default 1, the main thread alone: a worker needs about half a second to start, so on a
  few dozen files 2 workers are slower (measured on 2 cores: 0.8× the speed of one thread on 40 files, 1.25× on
  1,000). The report is the same whatever N.
  用 N 个工作线程扫描（1–64），每个线程有自己的引擎；同一文件夹（一个 Terraform 模块）的文件由同一线程处理，
  因此线程数不超过文件夹数。auto：每个 CPU 核一个，且每 100 个文件至多一个。默认 1，仅用主线程：工作线程启动约需
  半秒，几十个文件时 2 个线程反而更慢（2 核实测：40 个文件时速度为单线程的 0.8 倍，1000 个文件时为 1.25 倍）。无论 N 取何值，报告内容相同。

MODE: public-cloud | cloud-software | cloud-software-managed
Exit codes: 0 success, 1 findings (scan), 2 usage or input error. 退出码：0 成功，1 发现问题（scan），2 用法或输入错误。
`;


/** Runs the CLI; returns the exit code instead of exiting, so tests can call it in-process. */
export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly isTTY?: boolean;
  /** Standard output's width in columns when it is a terminal: text output is wrapped to it. */
  readonly columns?: number | undefined;
  /** The script `scan --workers` runs in its threads; by default the CLI's own bundle (dist/cli.js, see entry.ts). */
  readonly workerEntry?: WorkerEntry;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let language: Language = languageFrom(undefined, io.env.LC_ALL || io.env.LANG);
  try {
    const args = parseArgs(argv, VALUED_OPTIONS, (o) => t(language, 'cli.usage.unknownOption', o), (o) => t(language, 'cli.usage.missingValue', o));
    language = oneOf(args.options.get('--lang'), ['en', 'zh-cn'] as const, language, badValue(language, '--lang'));
    if (args.flags.has('--version')) {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    const helpAsked = args.flags.has('--help') || args.flags.has('-h');
    if (helpAsked || args.command === undefined || args.command === 'help') {
      io.stdout(HELP);
      return args.command === undefined && !helpAsked ? 2 : 0;
    }
    const mode = oneOf(args.options.get('--deployment'), DEPLOYMENT_MODES, 'public-cloud', badValue(language, '--deployment'));
    const write = (content: string): void => {
      const output = args.options.get('--output');
      const text = content.endsWith('\n') ? content : `${content}\n`;
      if (output) writeOutputFile(output, text, language);
      else io.stdout(text);
    };
    const warn = (line: string): void => io.stderr(`rlens: ${printable(line)}\n`);
    switch (args.command) {
      case 'scan': {
        const format = oneOf(args.options.get('--format'), ['text', 'json', 'sarif', 'junit'] as const, 'text', badValue(language, '--format'));
        const threshold = oneOf(args.options.get('--severity-threshold'), SEVERITIES, 'low', badValue(language, '--severity-threshold'));
        const minSeverity = oneOf(args.options.get('--min-severity'), SEVERITIES, 'low', badValue(language, '--min-severity'));
        const maxFindingsPerFile = wholeNumber(args, '--max-findings-per-file', DEFAULT_MAX_FINDINGS_PER_FILE, language);
        const workers = parseWorkers(args.options.get('--workers'), language);
        if (args.positionals.length === 0) throw new UsageError(t(language, 'cli.usage.missingPath', 'scan'));
        const baselineFile = args.options.get('--baseline');
        const createBaselineFile = args.options.get('--create-baseline');
        const output = args.options.get('--output');
        const inputs = collectInputs(args.positionals, args.flags.has('--allow-no-files'), language);
        // A baseline the scan reads or writes is rlens's own file, never an input (a .json in the tree would be).
        const files = withoutFiles(inputs.files, [baselineFile, createBaselineFile]);
        if (files.length === 0 && inputs.files.length > 0 && !args.flags.has('--allow-no-files')) throw new UsageError(say(language, 'noFiles', args.positionals.map(printable).join(', ')));
        if (output !== undefined) checkOutputTarget(output, files, language);
        if (createBaselineFile !== undefined) {
          checkOutputTarget(createBaselineFile, files, language);
          if (output !== undefined && path.resolve(output) === path.resolve(createBaselineFile)) throw new UsageError(say(language, 'sameBaseline', printable(output)));
        }
        const baseline = baselineFile === undefined ? null : readBaseline(baselineFile, language);
        const maxLength = maxFileSizeKB(args, language) * 1024;
        const roots = scanRoots(args.positionals);
        const contractFile = args.options.get('--contract');
        const setup = { cwd: io.cwd, language, ...(contractFile !== undefined ? { contractFile } : {}) };
        const count = plannedWorkers(workers, files);
        // With workers, this thread builds no engine: the workers check the custom rules and the contract as it
        // would, and report the rule table and the expired waivers.
        const pool = count > 1 ? ScanWorkerPool.start(count, io.workerEntry ?? bundledWorkerEntry(), { ...setup, mode, maxLength, maxFindingsPerFile, roots }) : null;
        try {
          // A progress bar only where a person watches a long run: a terminal, text output, many files.
          const showProgress = io.isTTY === true && format === 'text' && output === undefined && files.length > 20;
          const onProgress = showProgress ? (done: number, total: number) => io.stderr(progressBar(done, total) + (done === total ? '\n' : '')) : undefined;
          let scanned: ScanReport;
          let expiredWaivers: readonly ReportedFinding[];
          if (pool) {
            const ready = await pool.ready();
            for (const problem of ready.problems) warn(problem);
            if (ready.problems.length > 0) return 2;
            if (ready.fatal !== null) throw new UsageError(ready.fatal);
            scanned = assembleReport(await pool.scan(files, onProgress), ready.rules, VERSION);
            expiredWaivers = ready.expiredWaivers;
          } else {
            const engine = await Engine.create();
            const problems = configureScanEngine(engine, setup);
            for (const problem of problems) warn(problem);
            if (problems.length > 0) return 2;
            scanned = scanFiles(engine, files, { mode, cwd: io.cwd, version: VERSION, maxLength, maxFindingsPerFile, roots, ...(onProgress ? { onProgress } : {}) });
            expiredWaivers = engine.contract ? expiredWaiverFindings(engine.contract, engine.today(), io.cwd) : [];
          }
          // An expired waiver is itself reported, in the contract file; a path that could not be read, as an error.
          let report: ScanReport = {
            ...scanned,
            findings: [...scanned.findings, ...expiredWaivers],
            errors: [...inputs.unreadable.map((p) => unreadableError(p.path, p.code, io.cwd)), ...scanned.errors],
          };
          if (baseline) report = applyBaseline(report, baseline);
          if (createBaselineFile !== undefined) {
            const created = createBaseline(report);
            writeOutputFile(createBaselineFile, serializeBaseline(created), language);
            warn(say(language, 'baselineWritten', createBaselineFile, created.findings.reduce((sum, entry) => sum + entry.count, 0)));
            // Without --baseline, what was just recorded is what the run is compared with.
            if (!baseline) report = applyBaseline(report, created);
          }
          const shown = withMinSeverity(report, minSeverity);
          const color = format === 'text' && io.isTTY === true && !args.flags.has('--no-color') && !io.env.NO_COLOR && output === undefined;
          // io.columns is given only when standard output is a terminal (entry.ts): CI logs and pipes are never wrapped.
          const width = format === 'text' && output === undefined ? wrapWidth(io.columns, io.columns !== undefined) : 0;
          if (format === 'json') write(formatJson(shown));
          else if (format === 'sarif') write(formatSarif(shown, { language }));
          else if (format === 'junit') write(formatJunit(shown, { language }));
          else write(formatText(shown, { language, color, width }));
          const unreadable = report.errors.filter((error) => error.unreadable).length;
          if (unreadable > 0) {
            warn(say(language, 'unreadableExit', unreadable));
            return 2;
          }
          return failsThreshold(report, threshold) ? 1 : 0;
        } finally {
          await pool?.close();
        }
      }
      case 'explain': {
        const format = oneOf(args.options.get('--format'), ['text', 'json'] as const, 'text', badValue(language, '--format'));
        if (args.positionals.length === 0) throw new UsageError(t(language, 'cli.usage.missingPath', 'explain'));
        const inputs = collectInputs(args.positionals, args.flags.has('--allow-no-files'), language);
        for (const p of inputs.unreadable) warn(say(language, 'pathUnreadable', p.path, why(language, p.code)));
        const files = inputs.files;
        if (args.options.get('--output') !== undefined) checkOutputTarget(args.options.get('--output') as string, files, language);
        const started = performance.now();
        const engine = await Engine.create();
        const contractFile = args.options.get('--contract');
        if (contractFile !== undefined) engine.setContract(readContractOption(contractFile, engine, io.cwd, language));
        const result = explainFiles(engine, files, mode, io.cwd, maxFileSizeKB(args, language) * 1024, scanRoots(args.positionals));
        const elapsed = performance.now() - started;
        if (format === 'json') {
          write(JSON.stringify({ tool: { name: 'rlens', version: VERSION }, deploymentMode: mode, annotations: result.annotations, skipped: result.skipped }, null, 2));
        } else {
          write(formatExplainText(result, language, elapsed));
        }
        return inputs.unreadable.length > 0 ? 2 : 0;
      }
      case 'matrix': {
        const format = oneOf(args.options.get('--format'), ['json', 'csv', 'markdown'] as const, 'markdown', badValue(language, '--format'));
        const serviceModelOption = args.options.get('--service-model');
        const serviceModels = serviceModelOption === undefined ? [...SERVICE_MODELS] : [oneOf(serviceModelOption, SERVICE_MODELS, 'iaas', badValue(language, '--service-model'))];
        const engine = await Engine.create();
        const contractFile = args.options.get('--contract');
        const contract = contractFile === undefined ? null : readContractOption(contractFile, engine, io.cwd, language);
        engine.setContract(contract);
        const rows = matrixRows(engine.knowledge.model, serviceModels, engine.effectiveMode(mode), contract);
        if (format === 'json') write(JSON.stringify(rows, null, 2));
        else if (format === 'csv') write(matrixCsv(rows));
        else write(matrixMarkdown(rows, language));
        return 0;
      }
      default:
        throw new UsageError(t(language, 'cli.usage.unknownCommand', args.command));
    }
  } catch (error) {
    // Messages may quote a file's content (a custom rule's value, a contract key): made inert before printing.
    if (error instanceof UsageError || error instanceof ScanWorkerError) {
      io.stderr(`rlens: ${printable(error.message)}\n`);
      return 2;
    }
    if (error instanceof MatrixLoadError) {
      io.stderr(`rlens: ${printable(t(language, 'error.matrices', error.message))}\n`);
      return 2;
    }
    io.stderr(`rlens: ${printableLines((error as Error).stack ?? String(error))}\n`);
    return 2;
  }
}

interface Inputs {
  readonly files: string[];
  /** Given paths and folders under them that exist but could not be read. */
  readonly unreadable: readonly { readonly path: string; readonly code: string }[];
}

/**
 * The files under the given paths. A missing path is a usage error; so is finding no file to analyse at all,
 * unless `allowNone`: a CI job pointed at the wrong folder must not pass. Unreadable paths are returned, for
 * the report to list and the exit code to count.
 */
function collectInputs(paths: readonly string[], allowNone: boolean, language: Language): Inputs {
  const missing: string[] = [];
  const unreadable: { path: string; code: string }[] = [];
  const files = collectFiles(paths, (p) => missing.push(p), (p, code) => unreadable.push({ path: p, code }));
  if (missing.length > 0) throw new UsageError(t(language, 'error.fileMissing', missing.map(printable).join(', ')));
  if (files.length === 0 && unreadable.length === 0 && !allowNone) throw new UsageError(say(language, 'noFiles', paths.map(printable).join(', ')));
  return { files, unreadable };
}

/** A path the walk could not read, as a report error that fails the scan (exit 2). */
function unreadableError(p: string, code: string, cwd: string): ScanError {
  const shown = (path.relative(cwd, p) || p).split(path.sep).join('/');
  return { file: shown, message: { en: say('en', 'folderUnreadable', code, why('en', code)), zh: say('zh-cn', 'folderUnreadable', code, why('zh-cn', code)) }, unreadable: true };
}

function readBaseline(file: string, language: Language): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(say(language, 'baselineUnreadable', printable(file), why(language, (error as NodeJS.ErrnoException).code)));
  }
  try {
    return parseBaseline(text);
  } catch (error) {
    if (error instanceof BaselineFormatError) throw new UsageError(say(language, 'baselineInvalid', printable(file), BASELINE_VERSION, error.message));
    throw error;
  }
}

/** A whole-number option of at least 1. */
function wholeNumber(args: ParsedArgs, option: string, fallback: number, language: Language): number {
  const given = args.options.get(option);
  if (given === undefined) return fallback;
  if (!/^[1-9][0-9]*$/.test(given)) throw new UsageError(t(language, 'cli.usage.badValue', option, given, say(language, 'positiveWhole')));
  return Number(given);
}

/** Files above this size are skipped and listed, as in the editor (responsibilityLens.maxFileSizeKB). */
function maxFileSizeKB(args: ParsedArgs, language: Language): number {
  const given = args.options.get('--max-file-size-kb');
  if (given === undefined) return DEFAULT_MAX_FILE_SIZE_KB;
  const value = Number(given);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(t(language, 'cli.usage.badValue', '--max-file-size-kb', given, language === 'zh-cn' ? '正数（KB）' : 'a positive number of KB'));
  return value;
}

function badValue(language: Language, option: string) {
  return (value: string, allowed: readonly string[]): string => t(language, 'cli.usage.badValue', option, value, allowed.join(', '));
}
