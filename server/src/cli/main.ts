import * as fs from 'fs';
import { Engine } from '../engine';
import { languageFrom, type Language } from '../i18n/language';
import { t } from '../i18n/messages';
import { MatrixLoadError } from '../matrices/loader';
import { DEPLOYMENT_MODES, SERVICE_MODELS } from '../matrices/types';
import { oneOf, parseArgs, UsageError, type ParsedArgs } from './args';
import { DEFAULT_MAX_FILE_SIZE_KB } from '../documents/settings';
import { explainFiles, formatExplainText } from './explain';
import { collectFiles, scanRoots } from './files';
import { matrixCsv, matrixMarkdown, matrixRows } from './matrix';
import { formatJson } from './formatters/json';
import { formatJunit } from './formatters/junit';
import { formatSarif } from './formatters/sarif';
import { formatText } from './formatters/text';
import { assembleReport, failsThreshold, progressBar, scanFiles } from './scan';
import { configureScanEngine } from './scanSetup';
import { bundledWorkerEntry, parseWorkers, plannedWorkers, ScanWorkerError, ScanWorkerPool, type WorkerEntry } from './workers';
import { SEVERITIES } from '../rules/types';
import { expiredWaiverFindings, readContractOption } from './contract';
import type { ReportedFinding, ScanReport } from './report';

declare const RLENS_VERSION: string | undefined;
const VERSION = typeof RLENS_VERSION === 'string' ? RLENS_VERSION : '0.0.0-dev';

const HELP = `rlens ${VERSION} — Responsibility Lens / 云安全责任透镜

Usage:
  rlens scan <paths…> [--format text|json|sarif|junit] [--severity-threshold low|medium|high|critical]
             [--deployment MODE] [--contract FILE] [--lang en|zh-cn] [--output FILE] [--no-color]
             [--max-file-size-kb N]   (default 5120: larger files are skipped and listed) [--workers N|auto]
      Customer-owned misconfigurations. Exit 0: none at or above the threshold; 1: some; 2: usage or input error.
      检查客户责任范围内的错误配置。退出码 0：无达到阈值的问题；1：有；2：用法或输入错误。
  rlens explain <paths…> [--format text|json] [--deployment MODE] [--contract FILE] [--lang en|zh-cn] [--output FILE]
      Every annotated setting: position, resource, responsible party, responsibility item, service model.
      列出每个带责任标注的设置：位置、资源、责任方、责任项、服务模式。
  rlens matrix [--service-model iaas|paas|saas] [--deployment MODE] [--contract FILE] [--format json|csv|markdown] [--output FILE]
      The responsibility matrix of the standard, resolved for a service model and deployment mode.
      输出按服务模式和部署模式解析后的责任矩阵。

--contract FILE: a contract (.rlens/contract.yaml) whose deployment mode, negotiated options, vendors,
  reassignments and waivers apply; its deployment mode wins over --deployment.
  合同文件：应用其部署模式、协商选项、安全厂商、责任改派与豁免；其部署模式优先于 --deployment。

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

const VALUED = new Set(['--format', '--deployment', '--service-model', '--lang', '--output', '--severity-threshold', '--max-file-size-kb', '--contract', '--workers']);

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it in-process. */
export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly isTTY?: boolean;
  /** The script `scan --workers` runs in its threads; by default the CLI's own bundle (dist/cli.js, see entry.ts). */
  readonly workerEntry?: WorkerEntry;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let language: Language = languageFrom(undefined, io.env.LC_ALL || io.env.LANG);
  try {
    const args = parseArgs(argv, VALUED, (o) => t(language, 'cli.usage.unknownOption', o), (o) => t(language, 'cli.usage.missingValue', o));
    language = oneOf(args.options.get('--lang'), ['en', 'zh-cn'] as const, language, badValue(language, '--lang'));
    if (args.flags.has('--version')) {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    if (args.flags.has('--help') || args.command === undefined || args.command === 'help') {
      io.stdout(HELP);
      return args.command === undefined && !args.flags.has('--help') ? 2 : 0;
    }
    const mode = oneOf(args.options.get('--deployment'), DEPLOYMENT_MODES, 'public-cloud', badValue(language, '--deployment'));
    const write = (content: string): void => {
      const output = args.options.get('--output');
      if (output) fs.writeFileSync(output, content.endsWith('\n') ? content : `${content}\n`);
      else io.stdout(content.endsWith('\n') ? content : `${content}\n`);
    };
    switch (args.command) {
      case 'scan': {
        const format = oneOf(args.options.get('--format'), ['text', 'json', 'sarif', 'junit'] as const, 'text', badValue(language, '--format'));
        const threshold = oneOf(args.options.get('--severity-threshold'), SEVERITIES, 'low', badValue(language, '--severity-threshold'));
        const workers = parseWorkers(args.options.get('--workers'), language);
        if (args.positionals.length === 0) throw new UsageError(t(language, 'cli.usage.missingPath', 'scan'));
        const missing: string[] = [];
        const files = collectFiles(args.positionals, (p) => missing.push(p));
        if (missing.length > 0) throw new UsageError(t(language, 'error.fileMissing', missing.join(', ')));
        const maxLength = maxFileSizeKB(args, language) * 1024;
        const roots = scanRoots(args.positionals);
        const contractFile = args.options.get('--contract');
        const setup = { cwd: io.cwd, language, ...(contractFile !== undefined ? { contractFile } : {}) };
        const count = plannedWorkers(workers, files);
        // With workers, this thread builds no engine: the workers check the custom rules and the contract as it
        // would, and report the rule table and the expired waivers.
        const pool = count > 1 ? ScanWorkerPool.start(count, io.workerEntry ?? bundledWorkerEntry(), { ...setup, mode, maxLength, roots }) : null;
        try {
          // A progress bar only where a person watches a long run: a terminal, text output, many files.
          const showProgress = io.isTTY === true && format === 'text' && !args.options.has('--output') && files.length > 20;
          const onProgress = showProgress ? (done: number, total: number) => io.stderr(progressBar(done, total) + (done === total ? '\n' : '')) : undefined;
          let scanned: ScanReport;
          let expiredWaivers: readonly ReportedFinding[];
          if (pool) {
            const ready = await pool.ready();
            for (const problem of ready.problems) io.stderr(`rlens: ${problem}\n`);
            if (ready.problems.length > 0) return 2;
            if (ready.fatal !== null) throw new UsageError(ready.fatal);
            scanned = assembleReport(await pool.scan(files, onProgress), ready.rules, VERSION);
            expiredWaivers = ready.expiredWaivers;
          } else {
            const engine = await Engine.create();
            const problems = configureScanEngine(engine, setup);
            for (const problem of problems) io.stderr(`rlens: ${problem}\n`);
            if (problems.length > 0) return 2;
            scanned = scanFiles(engine, files, { mode, cwd: io.cwd, version: VERSION, maxLength, roots, ...(onProgress ? { onProgress } : {}) });
            expiredWaivers = engine.contract ? expiredWaiverFindings(engine.contract, engine.today(), io.cwd) : [];
          }
          // An expired waiver is itself reported, in the contract file.
          const report = expiredWaivers.length > 0 ? { ...scanned, findings: [...scanned.findings, ...expiredWaivers] } : scanned;
          const color = format === 'text' && io.isTTY === true && !args.flags.has('--no-color') && !io.env.NO_COLOR && !args.options.has('--output');
          if (format === 'json') write(formatJson(report));
          else if (format === 'sarif') write(formatSarif(report, { language }));
          else if (format === 'junit') write(formatJunit(report, { language }));
          else write(formatText(report, { language, color }));
          return failsThreshold(report, threshold) ? 1 : 0;
        } finally {
          await pool?.close();
        }
      }
      case 'explain': {
        const format = oneOf(args.options.get('--format'), ['text', 'json'] as const, 'text', badValue(language, '--format'));
        if (args.positionals.length === 0) throw new UsageError(t(language, 'cli.usage.missingPath', 'explain'));
        const missing: string[] = [];
        const files = collectFiles(args.positionals, (p) => missing.push(p));
        if (missing.length > 0) throw new UsageError(t(language, 'error.fileMissing', missing.join(', ')));
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
        return 0;
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
    if (error instanceof UsageError) {
      io.stderr(`rlens: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ScanWorkerError) {
      io.stderr(`rlens: ${error.message}\n`);
      return 2;
    }
    if (error instanceof MatrixLoadError) {
      io.stderr(`rlens: ${t(language, 'error.matrices', error.message)}\n`);
      return 2;
    }
    io.stderr(`rlens: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
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
