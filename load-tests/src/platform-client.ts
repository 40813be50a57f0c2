import { randomBytes } from 'node:crypto';

/** What platform-api answers to POST /v1/dojos/:id/tickets. */
export interface TicketResponse {
  ticket: string;
  engineUrl: string;
  roomName: string;
}

/** Error carrying platform-api's problem+json answer. */
export class PlatformError extends Error {
  constructor(method: string, path: string, status: number, body: string) {
    super(`platform-api ${method} ${path} answered ${status}: ${body.slice(0, 300)}`);
    this.name = 'PlatformError';
  }
}

/**
 * The few platform-api calls a load test needs (contracts in architecture §4 and
 * docs/openapi.json): sign a throwaway tenant up, create dojos and POCs, get
 * tickets, search.
 */
export class PlatformClient {
  readonly baseUrl: string;
  #accessToken = '';

  constructor(baseUrl: string) {
    if (!/^https?:\/\/[^/]+/.test(baseUrl))
      throw new Error(`PLATFORM_API_URL must be an http(s) URL, got "${baseUrl}"`);
    this.baseUrl = baseUrl.replace(/\/$/, '');
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(this.#accessToken ? { authorization: `Bearer ${this.#accessToken}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    if (!response.ok) throw new PlatformError(method, path, response.status, text);
    return JSON.parse(text) as T;
  }

  /** Signs up a fresh tenant whose owner facilitates every load dojo; returns its credentials. */
  async signup(): Promise<{ tenant: string; email: string; password: string; accessToken: string }> {
    const suffix = randomBytes(4).toString('hex');
    const credentials = {
      email: `load-${suffix}@example.com`,
      password: `load-test-${randomBytes(8).toString('hex')}`,
    };
    const answer = await this.#call<{ tenant: { slug: string }; accessToken: string }>('POST', '/v1/signup', {
      tenantName: `Load test ${suffix}`,
      tenantSlug: `load-${suffix}`,
      name: 'Load Tester',
      ...credentials,
    });
    this.#accessToken = answer.accessToken;
    return { tenant: answer.tenant.slug, ...credentials, accessToken: answer.accessToken };
  }

  /** Creates a dojo anyone in it may edit (every load client types or moves cursors). */
  async createDojo(title: string): Promise<string> {
    const dojo = await this.#call<{ id: string }>('POST', '/v1/dojos', {
      title,
      language: 'typescript',
      durationMinutes: 60,
      rotationMinutes: 10,
      editPolicy: 'everyone',
    });
    return dojo.id;
  }

  /** Registers a POC; returns its id. */
  async createPoc(name: string, languages: string[] = ['typescript']): Promise<string> {
    return (await this.#call<{ id: string }>('POST', '/v1/pocs', { name, languages })).id;
  }

  /** The ids of the search hits for `q` (first page). */
  async search(q: string): Promise<string[]> {
    const answer = await this.#call<{ hits: Array<{ id: string }> }>(
      'GET',
      `/v1/pocs/search?q=${encodeURIComponent(q)}&limit=5`,
    );
    return answer.hits.map((hit) => hit.id);
  }

  ticket(dojoId: string): Promise<TicketResponse> {
    return this.#call<TicketResponse>('POST', `/v1/dojos/${encodeURIComponent(dojoId)}/tickets`, {});
  }
}

/** The claims of a JWT, read without verifying it (the engine verifies; we only need the starter files). */
export function readClaims<T>(jwt: string): T {
  const payload = jwt.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as T;
}
