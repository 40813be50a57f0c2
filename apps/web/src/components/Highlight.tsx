import { highlightRuns } from '../lib/fuzzy.ts';

/** Text with the words matching `query` marked (typo-tolerant, like the search). */
export function Highlight({ text, query }: { text: string; query: string }) {
  if (!query.trim()) return <>{text}</>;
  return (
    <>
      {highlightRuns(text, query).map((run, index) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: runs are positional and never reordered
        run.match ? <mark key={index}>{run.text}</mark> : <span key={index}>{run.text}</span>,
      )}
    </>
  );
}
