import type { ArticleBody as Body, BodyBlock, InlineNode, TextNode } from '@/lib/content/body-schema';

/*
 * Renders stored body blocks as React elements. Text is escaped by React and
 * link targets were checked when the body was stored, so no markup or script
 * from content can reach the page.
 */

function Text({ node }: { node: TextNode }) {
  let element: React.ReactNode = node.text;
  if (node.marks?.includes('italic')) element = <em>{element}</em>;
  if (node.marks?.includes('bold')) element = <strong>{element}</strong>;
  return <>{element}</>;
}

function Inline({ nodes }: { nodes: InlineNode[] }) {
  return (
    <>
      {nodes.map((node, index) =>
        node.type === 'link' ? (
          <a key={index} href={node.href} {...(node.href.startsWith('/') ? {} : { rel: 'noopener noreferrer' })}>
            {node.children.map((child, childIndex) => (
              <Text key={childIndex} node={child} />
            ))}
          </a>
        ) : (
          <Text key={index} node={node} />
        ),
      )}
    </>
  );
}

function Block({ block, quoteLabel }: { block: BodyBlock; quoteLabel: (speaker: string) => string }) {
  switch (block.type) {
    case 'paragraph':
      return (
        <p>
          <Inline nodes={block.children} />
        </p>
      );
    case 'heading':
      return block.level === 2 ? (
        <h2 className="mt-8 font-serif text-2xl font-bold">{block.text}</h2>
      ) : (
        <h3 className="mt-6 text-xl font-bold">{block.text}</h3>
      );
    case 'quote':
      return (
        <figure className="my-6 border-l-4 border-accent bg-panel px-5 py-4">
          <blockquote className="space-y-3 font-serif text-lg italic" aria-label={block.speaker ? quoteLabel(block.speaker) : undefined}>
            {block.paragraphs.map((paragraph, index) => (
              <p key={index}>
                <Inline nodes={paragraph} />
              </p>
            ))}
          </blockquote>
          {block.speaker && <figcaption className="mt-3 font-semibold not-italic">— {block.speaker}</figcaption>}
        </figure>
      );
    case 'list': {
      const items = block.items.map((item, index) => (
        <li key={index}>
          <Inline nodes={item} />
        </li>
      ));
      return block.ordered ? (
        <ol className="list-decimal space-y-1 pl-6">{items}</ol>
      ) : (
        <ul className="list-disc space-y-1 pl-6">{items}</ul>
      );
    }
  }
}

export function ArticleBody({ body, quoteLabel }: { body: Body; quoteLabel: (speaker: string) => string }) {
  return (
    <div className="space-y-4 text-lg leading-relaxed">
      {body.map((block, index) => (
        <Block key={index} block={block} quoteLabel={quoteLabel} />
      ))}
    </div>
  );
}
