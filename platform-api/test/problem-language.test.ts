import test from 'ava';
import { ApiClient, STRONG_PASSWORD, signUpTeam } from './helpers/client.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';

let platform: TestPlatform;
let api: ApiClient;

test.before(async () => {
  platform = await startTestPlatform();
  api = new ApiClient(platform.url);
});
test.after.always(() => platform?.close());

const login = (language: string | undefined, password = 'not-the-password-1') =>
  api.post(
    '/v1/auth/login',
    { email: 'nobody@example.com', password },
    language ? { 'accept-language': language } : {},
  );

test('a visitor gets problem details in the language they accept, Portuguese by default', async (t) => {
  const pt = await login('pt-BR,pt;q=0.9,en;q=0.5');
  t.is(pt.status, 401);
  t.is(pt.headers.get('content-language'), 'pt-BR');
  t.is(pt.body.detail, 'E-mail ou senha errados');
  t.is(pt.body.code, 'invalid_credentials', 'the code clients branch on stays the same');

  const en = await login('en-GB');
  t.is(en.headers.get('content-language'), 'en');
  t.is(en.body.detail, 'E-mail or password is wrong');

  const none = await login(undefined);
  t.is(none.headers.get('content-language'), 'pt-BR');
  t.is(none.body.detail, 'E-mail ou senha errados');
  t.regex(none.headers.get('vary') ?? '', /accept-language/i);
});

test('field messages are written in the reader language: zod, the catalogue and the text policy', async (t) => {
  const body = { tenantName: 'x', name: 'bell\u0007', email: 'not-an-email', password: 'short' };
  const pt = await api.post('/v1/signup', body, { 'accept-language': 'pt-BR' });
  t.is(pt.status, 400);
  t.is(pt.body.detail, 'O corpo da requisição é inválido');
  const ptField = (name: string) => pt.body.errors.find((e: { field: string }) => e.field === name)?.message;
  t.regex(ptField('tenantName'), /^Pequeno demais/);
  t.is(ptField('email'), 'Formato do endereço de e-mail inválido');
  t.is(ptField('name'), 'não pode conter caracteres de controle');

  const en = await api.post('/v1/signup', body, { 'accept-language': 'en' });
  t.is(en.body.detail, 'The request body is invalid');
  const enField = (name: string) => en.body.errors.find((e: { field: string }) => e.field === name)?.message;
  t.regex(enField('tenantName'), /^Too small/);
  t.is(enField('name'), 'must not contain control characters');
  t.deepEqual(
    en.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]),
    pt.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]),
  );

  const policy = await api.post(
    '/v1/signup',
    { tenantName: 'Acme', name: 'Ada', email: 'ada@example.com', password: 'aaaaaaaaaaaa' },
    { 'accept-language': 'pt-BR' },
  );
  t.is(policy.body.detail, 'A senha não atende à política');
  t.is(policy.body.errors[0].message, 'Misture pelo menos dois tipos: minúsculas, maiúsculas, dígitos, símbolos');
});

test("a member's profile language wins over the header; the team default is pt-BR and owners change it", async (t) => {
  const { owner } = await signUpTeam(api);
  const missing = '/v1/pocs/00000000-0000-4000-8000-000000000000';
  const ptAnswer = await owner.get(missing, { 'accept-language': 'en' });
  t.is(ptAnswer.status, 404);
  t.is(ptAnswer.headers.get('content-language'), 'pt-BR', 'the profile says pt-BR (signup without a language)');
  t.is(ptAnswer.body.detail, 'POC não encontrada');

  t.is((await owner.patch('/v1/me', { locale: 'en' })).status, 200);
  const enAnswer = await owner.get(missing, { 'accept-language': 'pt-BR' });
  t.is(enAnswer.headers.get('content-language'), 'en');
  t.is(enAnswer.body.detail, 'POC not found');
  const ok = await owner.get('/v1/me');
  t.is(ok.headers.get('content-language'), 'en', 'successful answers say their language too');

  t.like((await owner.get('/v1/team/settings')).body, {
    defaultLocale: 'pt-BR',
    requireMfa: false,
    exportRetentionDays: null,
  });
  t.like((await owner.patch('/v1/team/settings', { defaultLocale: 'en' })).body, {
    defaultLocale: 'en',
    requireMfa: false,
    exportRetentionDays: null,
  });
  const bad = await owner.patch('/v1/team/settings', { defaultLocale: 'fr' });
  t.is(bad.status, 400);
  t.regex(bad.body.errors[0].message, /^Invalid option/);
});

test('signing up without a language takes the one the browser accepts', async (t) => {
  const reply = await api.post(
    '/v1/signup',
    { tenantName: 'Lang Labs', name: 'Ana', email: `ana-${Date.now()}@example.com`, password: STRONG_PASSWORD },
    { 'accept-language': 'en-US,en;q=0.9' },
  );
  t.is(reply.status, 201);
  const me = await api.as(reply.body.accessToken).get('/v1/me');
  t.is(me.body.locale ?? me.body.user?.locale, 'en');
});
