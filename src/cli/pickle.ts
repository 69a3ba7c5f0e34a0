/** `npyio pickle FILE`: the pyjson of pickle.loads on the file's bytes, restricted to the registry. */
import { readFileSync } from 'node:fs';
import { loads, toPyJSONText } from '../node/index.js';
import type { ParsedArgs } from './args.js';
import type { Command, CommandContext } from './command.js';

function run(args: ParsedArgs, ctx: CommandContext): void {
  const bytes = new Uint8Array(readFileSync(args.positionals[0]!));
  const encoding = args.string('encoding');
  ctx.out(toPyJSONText(loads(bytes, {
    fixImports: !args.flag('no-fix-imports'),
    allowOpaque: args.list('allow-opaque'),
    ...(encoding !== undefined ? { encoding } : {}),
  })));
}

export const pickle: Command = {
  name: 'pickle',
  summary: "unpickle FILE's bytes as pickle.loads does (restricted) and print the pyjson",
  positional: { name: 'FILE' },
  options: [
    { name: 'encoding', value: 'E', help: 'any codec for Python 2 str (default ASCII)' },
    { name: 'no-fix-imports', help: 'do not map Python 2 module names to Python 3 ones' },
    { name: 'allow-opaque', value: 'P', repeat: true, help: "accept classes matching P ('module.Name' or 'module.*') as opaque objects" },
  ],
  run,
};
