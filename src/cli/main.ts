import { Command, InvalidArgumentError, Option } from 'commander';
import { resolve } from 'node:path';
import { APP_VERSION } from './appVersion';

function wholeNumber(min: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('expected a whole number.');
    const number = Number(value);
    if (number < min) throw new InvalidArgumentError(`expected at least ${min}.`);
    return number;
  };
}

const program = new Command()
  .name('cockpit')
  .description('Lifecycle Cockpit from the command line: demo data, the browser app, and more.')
  .version(APP_VERSION)
  .showHelpAfterError();

program
  .command('seed')
  .description(
    'Write realistic demo data through the real write path (the same seed gives the same data).',
  )
  .requiredOption('--db <file>', 'SQLite file to write (created if missing)')
  .addOption(
    new Option('--deals <n>', 'number of deals').argParser(wholeNumber(0)).makeOptionMandatory(),
  )
  .addOption(new Option('--reps <n>', 'number of sales reps').argParser(wholeNumber(1)).default(8))
  .addOption(
    new Option('--calls <n>', 'calls over the last 90 days (default: deals / 4)').argParser(
      wholeNumber(0),
    ),
  )
  .addOption(new Option('--seed <s>', 'random seed').argParser(wholeNumber(0)).default(1))
  .addOption(
    new Option(
      '--anchor <ms>',
      '"now" of the generated history, UTC ms (default: the current time)',
    ).argParser(wholeNumber(0)),
  )
  .action(
    async (options: {
      db: string;
      deals: number;
      reps: number;
      calls?: number;
      seed: number;
      anchor?: number;
    }) => {
      // Each command loads its own modules, so `cockpit --help` stays quick.
      const { runSeed } = await import('./seed');
      const db = resolve(options.db);
      const { summary, seconds } = runSeed({ ...options, db, progress: true });
      const n = (value: number) => value.toLocaleString('en-US');
      console.log(
        `Seeded ${n(summary.deals)} deals, ${n(summary.accounts)} accounts, ${n(summary.contacts)} contacts, ` +
          `${n(summary.stageMoves)} stage moves, ${n(summary.calls)} calls, ${n(summary.notes)} notes, ` +
          `${n(summary.handovers)} handovers and ` +
          `${n(summary.users)} users in ${seconds.toFixed(1)} s → ${db}`,
      );
    },
  );

program
  .command('web')
  .description(
    'Serve the app to your browser on this machine (127.0.0.1), with a per-run access token.',
  )
  .option(
    '--db <file>',
    'SQLite file to open, created if missing (default: in your user data folder)',
  )
  .addOption(
    new Option('--port <port>', 'port to listen on; 0 picks a free one')
      .argParser(wholeNumber(0))
      .default(5180),
  )
  .option('--host <address>', 'address to listen on (loopback only)', '127.0.0.1')
  .option('--demo', 'fill a new, empty database with demo data first')
  .action(async (options: { db?: string; port: number; host: string; demo?: boolean }) => {
    const { runWeb } = await import('./web');
    await runWeb({ ...options, db: options.db === undefined ? undefined : resolve(options.db) });
  });

program
  .command('sync')
  .description(
    'Sync a database through a shared workspace folder or a team sync server: publish its ' +
      'changes, apply the others; once (exit code 1 if sync halted), or with --watch until Ctrl+C.',
  )
  .requiredOption('--db <file>', 'SQLite file to sync (never inside the folder)')
  .option('--folder <dir>', 'the workspace folder (a network drive or a synced folder)')
  .option('--server <url>', 'a team sync server instead (cockpit server)')
  .option('--token <token>', 'with --server: your access token (cockpit server add-user)')
  .option('--create <name>', 'with --folder: make the folder a new workspace with this name first')
  .option('--watch', 'keep syncing as changes arrive and the database changes')
  .action(
    async (options: {
      db: string;
      folder?: string;
      server?: string;
      token?: string;
      create?: string;
      watch?: boolean;
    }) => {
      const { runSyncCommand } = await import('./sync');
      process.exitCode = await runSyncCommand({
        ...options,
        db: resolve(options.db),
        folder: options.folder === undefined ? undefined : resolve(options.folder),
      });
    },
  );

program
  .command('server')
  .description(
    'The team sync server (HTTP API v1, live stream, roles checked per op), or manage its users: ' +
      '`cockpit server --data DIR`, `cockpit server add-user|revoke-user|list-users --data DIR …`.',
  )
  .argument('[action]', 'add-user, revoke-user or list-users; none to run the server')
  .option('--data <dir>', 'folder for the server’s SQLite database')
  .option('--database-url <url>', 'PostgreSQL instead (postgres://user:pass@host/db)')
  .addOption(
    new Option('--port <port>', 'port to listen on').argParser(wholeNumber(0)).default(8787),
  )
  .option('--host <address>', 'address to listen on (put a TLS proxy in front)', '127.0.0.1')
  .addOption(
    new Option('--requests-per-minute <n>', 'requests per access token per minute')
      .argParser(wholeNumber(1))
      .default(600),
  )
  .option('--name <name>', 'add-user: the person’s name')
  .option('--email <email>', 'add-user, revoke-user: the person’s email')
  .addOption(
    new Option('--role <role>', 'add-user: what they may change').choices([
      'rep',
      'manager',
      'success',
      'admin',
    ]),
  )
  .action(
    async (
      action: string | undefined,
      options: {
        data?: string;
        databaseUrl?: string;
        port: number;
        host: string;
        requestsPerMinute: number;
        name?: string;
        email?: string;
        role?: 'rep' | 'manager' | 'success' | 'admin';
      },
    ) => {
      const server = await import('./server');
      const where = {
        data: options.data === undefined ? undefined : resolve(options.data),
        databaseUrl: options.databaseUrl,
      };
      const need = (value: string | undefined, flag: string): string => {
        if (!value) return program.error(`cockpit server ${action}: ${flag} is required`);
        return value;
      };
      switch (action) {
        case undefined:
          return server.runServer({ ...options, ...where });
        case 'add-user':
          return server.addUser(where, {
            name: need(options.name, '--name'),
            email: need(options.email, '--email'),
            role: need(options.role, '--role') as 'rep' | 'manager' | 'success' | 'admin',
          });
        case 'revoke-user':
          process.exitCode = await server.revokeUser(where, need(options.email, '--email'));
          return;
        case 'list-users':
          return server.listUsers(where);
        default:
          program.error(
            `cockpit server: unknown action ${action} (add-user, revoke-user, list-users)`,
          );
      }
    },
  );

const kindOption = (kinds = ['deals', 'contacts']) =>
  new Option('--kind <kind>', 'what the file holds').choices(kinds).makeOptionMandatory();

program
  .command('import')
  .description(
    'Import deals, contacts or a call log from a CSV file (Pipedrive and HubSpot exports, and ' +
      'Aircall, RingCentral and Dialpad call logs are recognised); prints every row it could ' +
      'not import and exits with 2 if there were any.',
  )
  .argument('<file>', 'CSV file to import')
  .requiredOption('--db <file>', 'SQLite file to import into')
  .addOption(kindOption(['deals', 'contacts', 'calls']))
  .option('--dry-run', 'check every row and report, but write nothing')
  .option('--all-or-nothing', 'import nothing if any row has a problem')
  .option(
    '--time-zone <zone>',
    'calls: read times without an offset in this zone (default: the team’s, or UTC when the file says so)',
  )
  .option(
    '--rep <name=email>',
    'calls: the team member a dialer user is, e.g. "Rita R.=rita@example.com" ("=none": no rep); repeatable',
    (value: string, previous: string[] = []) => [...previous, value],
  )
  .action(
    async (
      file: string,
      options: {
        db: string;
        kind: 'deals' | 'contacts' | 'calls';
        dryRun?: boolean;
        allOrNothing?: boolean;
        timeZone?: string;
        rep?: string[];
      },
    ) => {
      const { runImportCommand } = await import('./importexport');
      const { rep, ...rest } = options;
      process.exitCode = await runImportCommand({
        ...rest,
        reps: rep,
        file: resolve(file),
        db: resolve(options.db),
      });
    },
  );

program
  .command('export')
  .description('Export all deals or contacts as CSV, to standard output or a file.')
  .requiredOption('--db <file>', 'SQLite file to export from')
  .addOption(kindOption())
  .option('--out <file>', 'write to this file instead of standard output')
  .action(async (options: { db: string; kind: 'deals' | 'contacts'; out?: string }) => {
    const { runExportCommand } = await import('./importexport');
    await runExportCommand({
      ...options,
      db: resolve(options.db),
      out: options.out === undefined ? undefined : resolve(options.out),
    });
  });

program
  .command('score')
  .description(
    'Score a call transcript with the local rules and the default config (no database needed): ' +
      'Deepgram, AssemblyAI or AWS Transcribe JSON, WebVTT, SRT or "Name: text" lines. Exits ' +
      'with 1 if the file cannot be read as a transcript.',
  )
  .argument('<file>', 'the transcript file')
  .addOption(
    new Option('--format <format>', 'read the file as this format instead of detecting it').choices(
      ['deepgram', 'assemblyai', 'aws', 'webvtt', 'srt', 'text'],
    ),
  )
  .option('--json', 'print the score as JSON')
  .option(
    '--rep <name>',
    'the rep: a speaker of the file, or the name they introduce themselves by',
  )
  .action(
    async (
      file: string,
      options: {
        format?: 'deepgram' | 'assemblyai' | 'aws' | 'webvtt' | 'srt' | 'text';
        json?: boolean;
        rep?: string;
      },
    ) => {
      const { runScoreCommand } = await import('./score');
      process.exitCode = runScoreCommand({ ...options, file: resolve(file) });
    },
  );

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`cockpit: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
