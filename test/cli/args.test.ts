import { expect } from 'chai';
import { commandHelp, parseArgs, UsageError, type CommandSpec } from '../../src/cli/args.js';
import { COMMANDS } from '../../src/cli/main.js';
import { runCli } from './run.js';

const spec: CommandSpec = {
  name: 'demo',
  summary: 'a demo',
  positional: { name: 'FILE', many: true },
  options: [
    { name: 'key', value: 'K', help: 'a key' },
    { name: 'n', value: 'N', integer: true, help: 'a number' },
    { name: 'tag', value: 'T', repeat: true, help: 'tags' },
    { name: 'flag', help: 'a flag' },
  ],
};

function usageError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error('no UsageError');
}

describe('the argument parser', () => {
  it('reads values, inline values, flags, repeats, integers and positionals after --', () => {
    const a = parseArgs(spec, ['x', '--key', 'k1', '--n=12', '--tag', 'a', '--tag=b', '--flag', '--', '--y']);
    expect(a.positionals).to.deep.equal(['x', '--y']);
    expect([a.string('key'), a.integer('n'), a.list('tag'), a.flag('flag'), a.flag('color')]).to.deep.equal(['k1', 12, ['a', 'b'], true, false]);
  });

  it('refuses unknown options, missing values, bad numbers, values on flags and missing files', () => {
    expect(usageError(() => parseArgs(spec, ['x', '--nope']))).to.equal('unknown option --nope');
    expect(usageError(() => parseArgs(spec, ['x', '--key']))).to.equal('--key needs a value (K)');
    expect(usageError(() => parseArgs(spec, ['x', '--n', '-1']))).to.equal('--n takes a whole number, not -1');
    expect(usageError(() => parseArgs(spec, ['x', '--flag=1']))).to.equal('--flag takes no value');
    expect(usageError(() => parseArgs(spec, []))).to.equal('demo needs at least one FILE');
    expect(usageError(() => parseArgs({ ...spec, positional: { name: 'FILE' } }, ['a', 'b']))).to.equal('unexpected argument b');
  });

  it('writes --help from the same declarations, common options included', () => {
    const help = commandHelp(spec);
    expect(help.split('\n')[0]).to.equal('usage: npyio demo FILE... [--key K] [--n N] [--tag T]... [--flag]');
    for (const o of ['--key K', '--n N', '--tag T (repeatable)', '--flag', '--color', '--no-color', '--help']) expect(help).to.contain(`  ${o}`);
  });
});

describe('npyio help', () => {
  it('lists every command with --help, and exits 2 with the list on stderr when no command is given', () => {
    const r = runCli(['--help']);
    expect(r.status).to.equal(0);
    for (const c of COMMANDS) expect(r.stdout).to.match(new RegExp(`^ {2}${c.name} +${c.summary.replace(/[().]/g, '\\$&')}$`, 'm'));
    const none = runCli([]);
    expect(none.status).to.equal(2);
    expect(none.stderr).to.equal(r.stdout);
  });

  it('describes one command the same way through help CMD and CMD --help', () => {
    for (const c of COMMANDS) {
      const a = runCli(['help', c.name]);
      const b = runCli([c.name, '--help']);
      expect(a.status).to.equal(0);
      expect(a.stdout).to.equal(b.stdout);
      expect(a.stdout).to.equal(`${commandHelp(c)}\n`);
    }
  });

  it('reports a usage error in one line with the command\'s usage, exit 2', () => {
    const r = runCli(['show', 'x.npy', '--bogus']);
    expect(r.status).to.equal(2);
    expect(r.stderr).to.match(/^UsageError: unknown option --bogus \(usage: npyio show FILE \[--key K\][^\n]*\)\n$/);
  });
});
