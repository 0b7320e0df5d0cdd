// RFC 9457 problem+json for the API, a friendly page for people; never internals in either.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../i18n/index.ts';
import { sendPage } from '../views/render.ts';
import { ErrorPage } from '../views/ErrorPage.tsx';

export interface InvalidParam {
  name: string;
  reason: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly titleKey: MessageKey,
    readonly detail?: string,
    readonly invalidParams?: InvalidParam[],
  ) {
    super(code);
  }
}

export const notFound = () => new HttpProblem(404, 'not_found', 'errors.notFound.title');
export const forbidden = () => new HttpProblem(403, 'forbidden', 'errors.forbidden.title');
export const badRequest = (detail?: string) => new HttpProblem(400, 'bad_request', 'errors.badRequest.title', detail);

const wantsJson = (req: FastifyRequest) =>
  req.url.startsWith('/api/') || req.url.startsWith('/open311/') || /application\/(problem\+)?json/.test(req.headers.accept ?? '');

function sendProblem(req: FastifyRequest, reply: FastifyReply, p: HttpProblem) {
  const t = req.t;
  if (wantsJson(req)) {
    return reply
      .status(p.status)
      .type('application/problem+json')
      .send({
        type: `https://rathaus.example/problems/${p.code}`,
        title: t(p.titleKey),
        status: p.status,
        detail: p.detail ?? t(p.titleKey),
        code: p.code,
        request_id: req.id,
        ...(p.invalidParams ? { invalid_params: p.invalidParams } : {}),
      });
  }
  return sendPage(reply, ErrorPage({ ctx: req.pageContext(), titleKey: p.titleKey, status: p.status, detail: p.detail, requestId: req.id }), p.status);
}

function toProblem(err: FastifyError): HttpProblem {
  if (err instanceof HttpProblem) return err;
  const status = err.statusCode ?? 500;
  if (err.code === 'FST_CSRF_INVALID_TOKEN' || err.code === 'FST_CSRF_MISSING_SECRET') {
    return new HttpProblem(403, 'csrf', 'errors.csrf.title');
  }
  if (status === 429) return new HttpProblem(429, 'too_many_requests', 'errors.tooMany.title');
  if (status === 413) return new HttpProblem(413, 'too_large', 'errors.tooLarge.title');
  if (status === 415) return new HttpProblem(415, 'unsupported_media_type', 'errors.badRequest.title');
  if (err.validation) {
    return new HttpProblem(
      400,
      'validation',
      'errors.badRequest.title',
      undefined,
      err.validation.map((v) => ({ name: String(v.instancePath || v.params?.missingProperty || ''), reason: v.message ?? '' })),
    );
  }
  if (status >= 400 && status < 500) return new HttpProblem(status, 'bad_request', 'errors.badRequest.title');
  return new HttpProblem(500, 'internal', 'errors.internal.title');
}

export function installErrorHandlers(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const problem = toProblem(err);
    if (problem.status >= 500) req.log.error({ err }, 'request failed');
    return sendProblem(req, reply, problem);
  });
  app.setNotFoundHandler((req, reply) => sendProblem(req, reply, notFound()));
}
