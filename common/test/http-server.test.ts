import { request } from 'node:http';
import test from 'ava';
import { listenHttp } from '../src/runtime/http-server.ts';

test('listenHttp binds loopback on a free port and answers', async (t) => {
  const http = await listenHttp((_req, res) => res.end('ok'), { port: 0 });
  t.teardown(() => http.close());
  t.regex(http.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  t.is(await (await fetch(http.url)).text(), 'ok');
});

test('close lets a request in flight finish within the grace', async (t) => {
  let answer!: () => void;
  const http = await listenHttp(
    (_req, res) => {
      answer = () => res.end('finished');
    },
    { port: 0 },
  );
  const response = fetch(http.url);
  await new Promise<void>((resolve) => http.server.once('request', () => setImmediate(resolve)));
  const closed = http.close(10_000);
  answer();
  t.is(await (await response).text(), 'finished');
  await closed;
});

test('close cuts a request still running when the grace is over', async (t) => {
  const http = await listenHttp(() => {}, { port: 0 });
  const failed = new Promise<Error>((resolve) => {
    request(http.url).on('error', resolve).end();
  });
  await new Promise<void>((resolve) => http.server.once('request', () => resolve()));
  await http.close(100);
  t.regex((await failed).message, /socket hang up|ECONNRESET/);
});
