import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

/**
 * User-written Markdown (a POC's description, a previewed .md file), rendered
 * as React elements without raw HTML. Loaded lazily: the parser is not part
 * of the first page load.
 */
export default function MarkdownText({ text }: { text: string }) {
  return (
    <div className="markdown">
      <Markdown skipHtml remarkPlugins={[remarkGfm]}>
        {text}
      </Markdown>
    </div>
  );
}
