import { highlightRuns } from '@pocdojo/common/contracts/search-highlight';

/**
 * A search hit's highlighted field, as the search engine marked it (`<mark>` around what matched).
 * The markup is read into runs of text, so no server-made HTML reaches the page.
 */
export function Highlight({ markup }: { markup: string }) {
  return (
    <>
      {highlightRuns(markup).map((run, index) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: runs are positional and never reordered
        run.match ? <mark key={index}>{run.text}</mark> : <span key={index}>{run.text}</span>,
      )}
    </>
  );
}
