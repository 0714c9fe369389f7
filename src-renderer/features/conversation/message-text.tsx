import { useMemo } from 'react';
import { splitFences } from './format';

/** A message's text: plain paragraphs with code fences kept monospace. */
export function MessageText({ text }: { text: string }) {
  const blocks = useMemo(() => splitFences(text), [text]);
  return (
    <>
      {blocks.map((block, index) =>
        block.kind === 'code' ? (
          <pre key={index} className="message-code" data-language={block.language || undefined}>
            {block.text}
          </pre>
        ) : (
          <p key={index} className="message-paragraph">
            {block.text}
          </p>
        ),
      )}
    </>
  );
}
