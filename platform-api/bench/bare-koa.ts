/** The ceiling: a bare Koa app answering a small JSON body, in its own process like the API. */
import Koa from 'koa';

const app = new Koa();
const body = { items: [], nextCursor: null };
app.use((ctx) => {
  ctx.body = body;
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' ? address?.port : 0 })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
