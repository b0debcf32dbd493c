import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { EventEmitter } from 'node:events';
import type { ZodType } from 'zod';
import {
  API_V1,
  MAX_BODY_BYTES,
  MAX_OPS_PER_PUSH,
  Presence,
  PushRequest,
  type ErrorBody,
  type ServerUser,
} from '../shared/serverApi';
import { checkEntry } from './roles';
import { DeviceOwnerError, SeqGapError, type ServerStorage } from './storage/types';
import { tokenMatches, tokenSelector } from './tokens';

export interface ServerOptions {
  storage: ServerStorage;
  /** Requests per token (or address, without one) per minute. */
  requestsPerMinute?: number;
  maxBodyBytes?: number;
  maxOpsPerPush?: number;
  /** Most entries one pull returns. */
  pageSize?: number;
  logger?: boolean;
}

/** An error with an HTTP status, a code for programs and a sentence for people. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const body = (code: string, message: string): ErrorBody => ({ error: { code, message } });

function parse<T>(schema: ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new HttpError(400, 'invalid_request', `${what}: ${path}${issue.message}`);
}

declare module 'fastify' {
  interface FastifyRequest {
    user?: ServerUser;
  }
}

/**
 * The team sync server's HTTP API v1 (see `docs/openapi.yaml`): push and pull ops, a live stream
 * of new ops and presence, users by token, roles checked per op.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { storage } = options;
  const maxOps = options.maxOpsPerPush ?? MAX_OPS_PER_PUSH;
  const pageSize = options.pageSize ?? 5_000;
  const live = new EventEmitter();
  live.setMaxListeners(0);

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.maxBodyBytes ?? MAX_BODY_BYTES,
    // Live streams stay open for hours: closing the server ends them.
    forceCloseConnections: true,
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.status).send(body(error.code, error.message));
    }
    if (error instanceof SeqGapError) return reply.status(409).send(body('seq_gap', error.message));
    if (error instanceof DeviceOwnerError) {
      return reply.status(403).send(body('not_your_device', error.message));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .status(413)
        .send(
          body(
            'body_too_large',
            `the request body is larger than ${options.maxBodyBytes ?? MAX_BODY_BYTES} bytes; push fewer entries at a time`,
          ),
        );
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send(body('unsupported_media_type', 'send JSON (application/json)'));
    }
    if (error.statusCode === 429) {
      return reply.status(429).send(body('rate_limited', error.message));
    }
    if (error.statusCode === 400) {
      return reply
        .status(400)
        .send(body('malformed_json', `the request body is not valid JSON: ${error.message}`));
    }
    app.log.error(error);
    return reply
      .status(500)
      .send(body('internal', 'the server failed; the request may be retried'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(body('not_found', `there is no ${request.method} ${request.url.split('?')[0]}`)),
  );

  await app.register(rateLimit, {
    max: options.requestsPerMinute ?? 600,
    timeWindow: 60_000,
    keyGenerator: (request) => {
      const token = bearer(request);
      return (token && tokenSelector(token)) ?? request.ip;
    },
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `more than ${context.max} requests a minute with this token; try again in ${Math.ceil(context.ttl / 1000)} s`,
    }),
  });

  function bearer(request: FastifyRequest): string | null {
    const header = request.headers.authorization;
    return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : null;
  }

  async function authenticate(request: FastifyRequest): Promise<ServerUser> {
    const token = bearer(request);
    if (!token) {
      throw new HttpError(
        401,
        'unauthorized',
        'send your access token: Authorization: Bearer <token>',
      );
    }
    const selector = tokenSelector(token);
    const user = selector ? await storage.userByTokenSelector(selector) : null;
    if (!user || !tokenMatches(token, user.tokenHash)) {
      throw new HttpError(
        401,
        'unauthorized',
        'this access token is not valid (wrong, or revoked)',
      );
    }
    return { id: user.id, name: user.name, email: user.email, role: user.role };
  }

  const authed =
    <T>(handler: (request: FastifyRequest, reply: FastifyReply, user: ServerUser) => Promise<T>) =>
    async (request: FastifyRequest, reply: FastifyReply) =>
      handler(request, reply, await authenticate(request));

  app.get(`${API_V1}/health`, async () => ({ ok: true, serverSeq: await storage.lastServerSeq() }));

  app.get(
    `${API_V1}/me`,
    authed(async (_request, _reply, user) => ({ user })),
  );

  app.post(
    `${API_V1}/ops`,
    authed(async (request, _reply, user) => {
      const push = parse(PushRequest, request.body, 'push');
      const ops = push.entries.reduce((sum, entry) => sum + entry.lastSeq - entry.seq + 1, 0);
      if (ops > maxOps) {
        throw new HttpError(
          413,
          'too_many_ops',
          `this push carries ${ops} ops; at most ${maxOps} per request`,
        );
      }
      const outcome = await storage.push(user.id, push.device, push.entries, (entry, facts) =>
        checkEntry(user, entry, facts),
      );
      // With a shared storage every server (this one too) hears of it through `subscribe`.
      if (!storage.subscribe && outcome.accepted + outcome.refused.length > 0) {
        live.emit('ops', { serverSeq: outcome.serverSeq });
      }
      return outcome;
    }),
  );

  app.get(
    `${API_V1}/ops`,
    authed(async (request, reply) => {
      const query = request.query as { after?: string; limit?: string };
      const after = Number(query.after ?? 0);
      const limit = Math.min(Number(query.limit ?? pageSize), pageSize);
      if (!Number.isSafeInteger(after) || after < 0) {
        throw new HttpError(
          400,
          'invalid_request',
          'after must be a whole number (a server cursor)',
        );
      }
      if (!Number.isSafeInteger(limit) || limit < 1) {
        throw new HttpError(400, 'invalid_request', 'limit must be a whole number above 0');
      }
      if (storage.pullJson) {
        const page = await storage.pullJson(after, limit);
        return reply
          .type('application/json; charset=utf-8')
          .send(`{"entries":${page.json},"next":${page.last ?? after},"more":${page.more}}`);
      }
      const page = await storage.pull(after, limit);
      return {
        entries: page.entries,
        next: page.entries.at(-1)?.serverSeq ?? after,
        more: page.more,
      };
    }),
  );

  app.get(
    `${API_V1}/devices/:device/published`,
    authed(async (request) => storage.published((request.params as { device: string }).device)),
  );

  app.post(
    `${API_V1}/presence`,
    authed(async (request, _reply, user) => {
      const presence = parse(Presence, request.body, 'presence');
      await storage.upsertPresence(user.id, presence);
      live.emit('presence', presence);
      return { ok: true };
    }),
  );

  app.get(
    `${API_V1}/devices`,
    authed(async () => storage.presence()),
  );

  // The live stream (Server-Sent Events): `ops` when entries are stored, `presence`, and a
  // comment every 15 s so proxies keep the connection open.
  app.get(
    `${API_V1}/stream`,
    authed(async (request, reply) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      const send = (event: string, data: unknown) =>
        res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      send('ops', { serverSeq: await storage.lastServerSeq() });
      const onOps = (data: unknown) => send('ops', data);
      const onPresence = (data: unknown) => send('presence', data);
      live.on('ops', onOps);
      live.on('presence', onPresence);
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      request.raw.on('close', () => {
        clearInterval(keepAlive);
        live.off('ops', onOps);
        live.off('presence', onPresence);
      });
    }),
  );

  const unsubscribe = storage.subscribe?.((serverSeq) => live.emit('ops', { serverSeq }));
  app.addHook('onClose', async () => {
    unsubscribe?.();
    live.removeAllListeners();
    await storage.close();
  });
  return app;
}
